"""Run the portal's benchmarks at registry scale: ``python bench/run.py`` (or ``make bench``).

1. Prepares the benchmark database: the embedded server's database ``bench`` unless
   ``DATABASE_URL`` names one (its name must contain "bench"); migrates it and, when it
   holds no synthetic rows yet, fills it with ``bench.synthetic`` (100,000 actors,
   200,000 offers, 20,000 projects by default).
2. Prints the machine and the database server, then each benchmark's figures:
   search and filter (bench/search.py), queries per page (bench/queries.py), pages
   under gunicorn (bench/pages.py), exports (bench/exports.py) and the admin's import
   (bench/imports.py).

The figures are only as steady as the machine: on a shared one, run it twice.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import environment


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def print_load() -> None:
    """The machine's load average: other work on a shared machine slows every figure."""
    one, five, fifteen = os.getloadavg()
    print(f"(load average of the machine: {one:.1f} {five:.1f} {fifteen:.1f})")


def describe_machine() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT current_setting('shared_buffers'), current_setting('work_mem')")
        shared_buffers, work_mem = cursor.fetchone()
    print(
        f"machine: {os.cpu_count()} cores ({_cpu_model()}), {_memory_gib()} RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    print(
        f"database: {environment.database_label()}, PostgreSQL {version}, "
        f"shared_buffers {shared_buffers}, work_mem {work_mem}"
    )


def prepare(*, actors: int, offers: int, projects: int, seed: int) -> None:
    from django.core.management import call_command

    from bench import synthetic
    from bench.synthetic.command import generate
    from registry.models import Actor, Project, SupportOffer

    call_command("migrate", interactive=False, verbosity=0)
    if synthetic.existing_synthetic_rows():
        print(
            f"registry: {Actor.objects.count():,} actors, {SupportOffer.objects.count():,} "
            f"offers, {Project.objects.count():,} projects (already generated)"
        )
        return
    started = time.perf_counter()
    generate(actors=actors, offers=offers, projects=projects, seed=seed, out=sys.stdout)
    print(f"generated in {time.perf_counter() - started:.0f} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=200_000)
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only",
        default="search,queries,pages,exports,imports",
        help="comma-separated: search,queries,pages,exports,imports",
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the 50 searches")
    parser.add_argument("--seconds", type=int, default=15, help="load time per page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients per page")
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows of the import")
    args = parser.parse_args(argv)

    environment.configure()
    describe_machine()
    prepare(actors=args.actors, offers=args.offers, projects=args.projects, seed=args.seed)
    environment.collect_static()
    print_load()
    chosen = {name.strip() for name in args.only.split(",")}
    if "search" in chosen:
        from bench import search

        search.run(rounds=args.rounds)
        print_load()
    if "queries" in chosen:
        from bench import queries

        queries.run()
        print_load()
    if "pages" in chosen:
        from bench import pages

        pages.run(seconds=args.seconds, clients=args.clients)
        print_load()
    if "exports" in chosen:
        from bench import exports

        exports.run()
        print_load()
    if "imports" in chosen:
        # A process of its own, so that its peak memory is the import's.
        subprocess.run(  # noqa: S603 - this interpreter, a script of this folder
            [sys.executable, str(Path(__file__).with_name("imports.py")), "--rows",
             str(args.import_rows)],
            check=True,
        )  # fmt: skip
        print_load()
    return 0


if __name__ == "__main__":
    sys.exit(main())
