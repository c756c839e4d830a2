"""Benchmark 4: 10,000 actor rows through the admin's import, preview and confirm.

The file is what staff upload: a CSV in the actor schema (registry/spreadsheets/columns.py), half of
its rows changing actors already in the registry (found by slug), half adding new
ones, with priority areas, municipalities and organisation numbers to look up. It goes
through the admin's own views with a signed-in publisher, exactly as in the browser:
the preview (a dry run that renders every row's changes), then the confirmation that
imports it. Everything is rolled back at the end, so the benchmark database keeps its
rows.

Printed: the seconds and rows per second of each step, the SQL statements each made
(reads and writes apart, and per row), and the peak memory of the process. Run it
alone (``python bench/imports.py``) for a peak that is the import's own.
"""

import csv
import html
import io
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROWS = 10_000
# The tables the import writes (entries, area links, history, the admin's log, and the
# offers and projects of the actors it renames, whose search vectors are refreshed).
_WRITTEN_TABLES = (
    "actors_actor",
    "actors_supportoffer",
    "actors_project",
    "actors_actor_priority_areas",
    "actors_historicalactor",
    "actors_historicalactor_priority_areas",
    "django_admin_log",
)
TARGET_SECONDS = 20.0
TARGET_PEAK_MB = 250.0


@dataclass
class Step:
    seconds: float = 0.0
    reads: int = 0
    writes: int = 0
    other: int = 0
    statements: list = field(default_factory=list)

    @property
    def queries(self) -> int:
        return self.reads + self.writes + self.other


class _Counter:
    """A database execute wrapper that counts statements by kind, keeping no SQL text."""

    def __init__(self, step: Step):
        self.step = step

    def __call__(self, execute, sql, params, many, context):
        verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if verb == "SELECT":
            self.step.reads += 1
        elif verb in ("INSERT", "UPDATE", "DELETE"):
            self.step.writes += 1
        else:
            self.step.other += 1  # savepoints and the like
        return execute(sql, params, many, context)


def peak_memory_mb() -> float:
    """The process's peak resident memory so far."""
    from bench.environment import peak_rss_bytes

    return peak_rss_bytes() / 1024 / 1024


def build_file(rows: int) -> bytes:
    """A CSV of ``rows`` actor rows: half update registry actors, half are new."""
    from registry.models import Actor, Municipality
    from registry.spreadsheets import columns as schema
    from spetsomraden.models import PriorityArea

    areas = [area.slug for area in PriorityArea.objects.order_by("number")]
    municipalities = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    existing = list(Actor.objects.order_by("pk").values_list("slug", "name_sv")[: rows // 2])
    headers = schema.ACTORS.headers
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for index in range(rows):
        if index < len(existing):
            slug, name = existing[index]
        else:
            slug, name = f"bench-import-{index:05d}", f"Importerad miljö {index}"
        values = {
            "slug": slug,
            "name_sv": name,
            "name_en": f"Imported environment {index}",
            "kind": "incubator" if index % 3 else "test_bed",
            "helix_sector": "academia" if index % 2 else "business",
            "priority_areas": "|".join(areas[: 1 + index % len(areas)]),
            "municipality_code": municipalities[index % len(municipalities)],
            "website": f"https://import-{index}.example.se",
            "description_sv": f"En miljö för företag och forskare, rad {index} i filen.",
            "description_en": f"An environment for companies and researchers, row {index}.",
        }
        writer.writerow([values.get(header, "") for header in headers])
    return buffer.getvalue().encode("utf-8")


_HIDDEN_RE = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def confirm_form_data(page: str) -> dict:
    """The hidden fields of the preview's confirmation form, as the browser posts them."""
    start = page.find("process_import")
    if start < 0:
        raise RuntimeError("the preview has no confirmation form: the file was refused")
    form = page[start : page.index("</form>", start)]
    return {name: html.unescape(value) for name, value in _HIDDEN_RE.findall(form)}


class _RolledBack(Exception):
    pass


def run(*, rows: int = ROWS) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    content = build_file(rows)
    # Each run is rolled back and leaves dead rows in the tables' indexes: without a vacuum,
    # every run would be slower than the one before.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(_WRITTEN_TABLES)}")
    baseline = peak_memory_mb()
    preview, confirm = Step(), Step()
    outcome = {}
    try:
        with transaction.atomic():
            # No password: the client signs in directly.
            user = get_user_model().objects.create_superuser("bench-importer", password=None)
            client = Client()
            client.force_login(user)
            upload = SimpleUploadedFile("bench-actors.csv", content, content_type="text/csv")
            with connection.execute_wrapper(_Counter(preview)):
                started = time.perf_counter()
                response = client.post(
                    reverse("admin:actors_actor_import"),
                    {"resource": "0", "format": "0", "import_file": upload},
                )
                preview.seconds = time.perf_counter() - started
            data = confirm_form_data(response.content.decode())
            with connection.execute_wrapper(_Counter(confirm)):
                started = time.perf_counter()
                response = client.post(reverse("admin:actors_actor_process_import"), data)
                confirm.seconds = time.perf_counter() - started
            if response.status_code != 302:
                raise RuntimeError(f"the confirmation answered HTTP {response.status_code}")
            from registry.models import Actor

            outcome["imported"] = Actor.objects.filter(slug__startswith="bench-import-").count()
            raise _RolledBack
    except _RolledBack:
        pass
    peak = peak_memory_mb()

    print(f"\n== 4. Import: {rows:,} actor rows through the admin (preview, then confirm) ==")
    print(f"{'step':<9} {'seconds':>8} {'rows/s':>8} {'reads':>8} {'writes':>8} {'other':>7}")
    for name, step in (("preview", preview), ("confirm", confirm)):
        print(
            f"{name:<9} {step.seconds:8.1f} {rows / step.seconds:8.0f} {step.reads:8,} "
            f"{step.writes:8,} {step.other:7,}"
        )
    total = preview.seconds + confirm.seconds
    met_time = "met" if total < TARGET_SECONDS else "MISSED"
    met_memory = "met" if peak < TARGET_PEAK_MB else "MISSED"
    print(
        f"preview + confirm: {total:.1f} s (target < {TARGET_SECONDS:.0f} s: {met_time}); "
        f"{outcome.get('imported', 0):,} new actors written before the rollback"
    )
    print(
        f"statements per row: preview {preview.queries / rows:.2f} "
        f"(reads {preview.reads / rows:.2f}), confirm {confirm.queries / rows:.2f} "
        f"(reads {confirm.reads / rows:.2f}, writes {confirm.writes / rows:.2f})"
    )
    print(
        f"peak memory of the process: {peak:.0f} MB, {baseline:.0f} MB before the import "
        f"(target < {TARGET_PEAK_MB:.0f} MB: {met_memory})"
    )
    return {
        "rows": rows,
        "preview": preview,
        "confirm": confirm,
        "seconds": total,
        "peak_mb": peak,
        "baseline_mb": baseline,
    }


if __name__ == "__main__":
    import argparse
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    # The benchmark signs in directly; two-factor sign-in is tested elsewhere.
    os.environ["REQUIRE_STAFF_2FA"] = "0"
    from bench import environment

    environment.configure()
    environment.collect_static()
    run(rows=args.rows)
