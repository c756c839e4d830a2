"""Fill the registry with synthetic entries for load tests and benchmarks (actors/synthetic.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from innovation_portal.cache import registry_changed
from registry import synthetic


class Command(BaseCommand):
    help = (
        "Add deterministic synthetic actors, support offers and projects (with partners and "
        "priority areas) for benchmarks. Meant for an empty or a dedicated database: the rows "
        "are added, never replaced, and their slugs start with 'syn-'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--actors", type=int, default=100_000)
        parser.add_argument("--offers", type=int, default=200_000)
        parser.add_argument("--projects", type=int, default=20_000)
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same rows."
        )

    def handle(self, *args, actors, offers, projects, seed, **options):
        if min(actors, offers, projects) < 0:
            raise CommandError("The numbers of rows cannot be negative.")
        if synthetic.existing_synthetic_rows():
            raise CommandError(
                "The registry already holds synthetic entries; generate into an empty database."
            )
        started = time.perf_counter()
        report = synthetic.load(
            actors=actors,
            offers=offers,
            projects=projects,
            seed=seed,
            progress=lambda message: (
                self.stdout.write(f"  {message}") if options["verbosity"] > 1 else None
            ),
        )
        elapsed = time.perf_counter() - started
        registry_changed()  # the rows were copied in without the models' signals
        for step, seconds in report.seconds.items():
            self.stdout.write(f"  {step:<22} {seconds:7.1f} s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.actors} actors, {report.offers} support offers, "
                f"{report.projects} projects, {report.participations} participations and "
                f"{report.area_links} priority-area links in {elapsed:.1f} s "
                f"({report.rows / elapsed:,.0f} rows/s)."
            )
        )
