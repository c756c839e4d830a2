"""Fill the registry with synthetic entries for benchmarks.

Meant for an empty or a dedicated database (``make synthetic`` uses the embedded
database ``bench`` unless ``DATABASE_URL`` names one): rows are added, never replaced,
and their slugs start with ``syn-``.
"""

import time
from typing import TextIO


class SyntheticError(Exception):
    """The registry cannot take the synthetic rows asked for."""


def generate(
    *, actors: int, offers: int, projects: int, seed: int, out: TextIO, verbose: bool = False
):
    """Add the rows and report the time of each step and the rows per second on ``out``."""
    from bench.synthetic.loading import existing_synthetic_rows, load
    from innovation_portal.lib.page_cache import registry_changed

    if min(actors, offers, projects) < 0:
        raise SyntheticError("The numbers of rows cannot be negative.")
    if existing_synthetic_rows():
        raise SyntheticError(
            "The registry already holds synthetic entries; generate into an empty database."
        )
    started = time.perf_counter()
    report = load(
        actors=actors,
        offers=offers,
        projects=projects,
        seed=seed,
        progress=lambda message: out.write(f"  {message}\n") if verbose else None,
    )
    elapsed = time.perf_counter() - started
    registry_changed()  # the rows were copied in without the models' signals
    for step, seconds in report.seconds.items():
        out.write(f"  {step:<22} {seconds:7.1f} s\n")
    out.write(
        f"Added {report.actors} actors, {report.offers} support offers, "
        f"{report.projects} projects, {report.participations} participations and "
        f"{report.area_links} priority-area links in {elapsed:.1f} s "
        f"({report.rows / elapsed:,.0f} rows/s).\n"
    )
    return report
