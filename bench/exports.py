"""Benchmark 3: rows per second and peak memory of the public exports, beside PostgreSQL's COPY.

The actor list is exported with ``archived=1`` (every public actor, sorted by name) in
each format through the export view, in a process of its own per format so the memory
peaks do not mix: the process's peak resident memory (``VmHWM``) before and after
the export gives its growth, and a second pass under ``tracemalloc`` gives the peak of
Python's own allocations (traced separately, as tracing slows Python down). The
yardstick is ``COPY (SELECT …) TO STDOUT WITH (FORMAT csv)`` of the same rows in the same
order, with the same columns as far as SQL gives them (areas, municipality, URL), read
through psycopg in the same way.

    python bench/exports.py                    # the benchmark database, 100,000 actors
    python bench/exports.py --actors 5000      # a smaller registry, when it is generated
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("csv", "excel-csv", "xlsx", "json")
YARDSTICK = "copy"
TARGET_SHARE_OF_COPY = 0.5  # CSV at least half of COPY's rate
TARGET_PEAK_MB = 100  # the whole process, whatever the number of rows
QUERY = {"archived": "1"}

_COPY_SQL = """
COPY (
  SELECT a.slug, a.status, a.name_sv, a.name_en, a.kind, a.helix_sector,
         array_to_string(ARRAY(
           SELECT p.slug FROM spetsomraden_priorityarea p
           WHERE p.number = ANY (a.area_numbers) ORDER BY p.number), '|'),
         a.municipality_id, m.name, a.organisation_number, a.website, a.email, a.phone,
         a.street_address, a.postal_code, a.postal_town, a.latitude, a.longitude,
         a.description_sv, a.description_en, a.last_reviewed_on,
         %(before)s || a.slug || %(after)s
  FROM actors_actor a LEFT JOIN actors_municipality m ON m.code = a.municipality_id
  WHERE a.status IN ('published', 'archived')
  ORDER BY a.name_sort_sv, a.id
) TO STDOUT WITH (FORMAT csv, HEADER true)
"""


def _export(fmt: str, query: dict = QUERY) -> int:
    """Bytes of one export, read the way a client reads the response."""
    if fmt == YARDSTICK:
        return _copy()
    from django.test import RequestFactory

    from registry import views

    request = RequestFactory().get("/aktorer/export/", query)
    response = views.actor_export(request, fmt)
    try:
        return sum(len(chunk) for chunk in response.streaming_content)
    finally:
        response.close()


def _copy() -> int:
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from django.utils import translation

    with translation.override("sv"):
        address = settings.SITE_URL + reverse("registry:actor_detail", kwargs={"slug": "0slug0"})
    before, after = address.split("0slug0")
    connection.ensure_connection()
    size = 0
    cursor = connection.connection.cursor()
    with cursor, cursor.copy(_COPY_SQL, {"before": before, "after": after}) as copy:
        for block in copy:
            size += len(block)
    return size


def measure(fmt: str) -> dict:
    """In this process: one timed export, then one under tracemalloc."""
    import gc
    import tracemalloc

    from django.db import connection
    from django.utils import translation

    from bench.environment import peak_rss_bytes

    translation.activate("sv")
    connection.ensure_connection()
    if fmt != YARDSTICK:
        # A warm server: modules, URLs and translations loaded by an export of no rows.
        _export(fmt, {"q": "zzxxqqnone"})
    gc.collect()
    baseline = peak_rss_bytes()
    started = time.perf_counter()
    size = _export(fmt)
    seconds = time.perf_counter() - started
    peak = peak_rss_bytes()

    python_peak = None
    if fmt != YARDSTICK:  # COPY's memory is the server's and psycopg's buffers
        gc.collect()
        tracemalloc.start()
        _export(fmt)
        _current, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "format": fmt,
        "bytes": size,
        "seconds": seconds,
        "baseline_rss": baseline,
        "peak_rss": peak,
        "python_peak": python_peak,
    }


def _in_subprocess(fmt: str) -> dict:
    completed = subprocess.run(  # noqa: S603 - this script, a fixed argument
        [sys.executable, str(Path(__file__).resolve()), "--measure", fmt],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the {fmt} export failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run(formats=FORMATS) -> dict:
    from registry.models import Actor

    rows = Actor.objects.public().count()
    results = [_in_subprocess(fmt) for fmt in (YARDSTICK, *formats)]
    by_format = {result["format"]: result for result in results}
    copy_rate = rows / by_format[YARDSTICK]["seconds"]

    mb = 1024 * 1024
    print("\n== 3. Exports ==")
    print(f"the actor list with archived=1: {rows:,} rows, sorted by name, one process per format")
    print(
        f"{'format':<11} {'seconds':>8} {'rows/s':>9} {'of COPY':>8} {'file MB':>8} "
        f"{'peak RSS MB':>12} {'RSS growth MB':>14} {'Python peak MB':>15}"
    )
    for result in results:
        rate = rows / result["seconds"]
        label = "COPY (SQL)" if result["format"] == YARDSTICK else result["format"]
        python = f"{result['python_peak'] / mb:.1f}" if result["python_peak"] else "-"
        print(
            f"{label:<11} {result['seconds']:>8.2f} {rate:>9,.0f} {rate / copy_rate:>8.2f} "
            f"{result['bytes'] / mb:>8.1f} {result['peak_rss'] / mb:>12.0f} "
            f"{(result['peak_rss'] - result['baseline_rss']) / mb:>14.1f} {python:>15}"
        )
    share = (rows / by_format["csv"]["seconds"]) / copy_rate if "csv" in by_format else None
    worst_peak = max(r["peak_rss"] for r in results if r["format"] != YARDSTICK) / mb
    if share is not None:
        verdict = "met" if share >= TARGET_SHARE_OF_COPY else "missed"
        print(
            f"CSV at {share:.2f} of COPY's rate (target at least {TARGET_SHARE_OF_COPY}): {verdict}"
        )
    verdict = "met" if worst_peak < TARGET_PEAK_MB else "missed"
    print(
        f"highest peak of an export process {worst_peak:.0f} MB "
        f"(target under {TARGET_PEAK_MB}): {verdict}"
    )
    return {"rows": rows, "results": results, "csv_share_of_copy": share, "peak_mb": worst_peak}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--actors", type=int, default=100_000, help="actors to generate")
    parser.add_argument("--offers", type=int, default=200_000, help="offers to generate")
    parser.add_argument("--projects", type=int, default=20_000, help="projects to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # one format, in a subprocess
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from bench import environment

    environment.configure()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    from bench.run import describe_machine, prepare

    describe_machine()
    prepare(actors=args.actors, offers=args.offers, projects=args.projects, seed=args.seed)
    run(formats=[name.strip() for name in args.formats.split(",") if name.strip()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
