"""Benchmark 5: SQL statements per page at 10 and 100 rows per page, which must be equal.

The lists are asked for the same page at ``per_page=10`` and ``per_page=100``, browsing
and searching; the detail pages for the entry with the fewest and the one with the
most related rows (offers, partners, priority areas).
"""

import sys
from pathlib import Path

LIST_VARIANTS = (
    ("browse", ""),
    ("search", "q=innovation&"),
    ("facet", "area=ikt-tech-och-digitalisering&"),
)


def _count(client, url: str) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def _smallest_and_largest(model, related: str):
    from django.db.models import Count

    entries = model.objects.public().annotate(related=Count(related)).order_by("related", "pk")
    return entries.first(), entries.order_by("-related", "pk").first()


def run() -> dict:
    from django.test import override_settings

    # Every page rendered: a page served from the page cache makes no query of its own.
    with override_settings(PAGE_CACHE_SECONDS=0):
        return _run()


def _run() -> dict:
    from django.test import Client
    from django.urls import reverse

    from registry.models import Actor, Project, SupportOffer

    client = Client()
    rows = []
    lists = {
        "actor list": reverse("registry:actor_list"),
        "offer list": reverse("registry:offer_list"),
        "project list": reverse("registry:project_list"),
    }
    for label, path in lists.items():
        for variant, params in LIST_VARIANTS:
            counts = []
            for size in (10, 100):
                status, count = _count(client, f"{path}?{params}per_page={size}")
                counts.append(count if status == 200 else f"HTTP {status}")
            rows.append((f"{label}, {variant}", "10 rows / 100 rows", *counts))
    details = {
        "actor page": (Actor, "offers"),
        "offer page": (SupportOffer, "priority_areas"),
        "project page": (Project, "participations"),
    }
    for label, (model, related) in details.items():
        fewest, most = _smallest_and_largest(model, related)
        counts = []
        for entry in (fewest, most):
            status, count = _count(client, entry.get_absolute_url())
            counts.append(count if status == 200 else f"HTTP {status}")
        rows.append(
            (label, f"{fewest.related} / {most.related} {related.replace('_', ' ')}", *counts)
        )
    status, count = _count(client, reverse("home"))
    start = count if status == 200 else f"HTTP {status}"
    rows.append(("start page", "-", start, start))

    print("\n== 5. Queries per page ==")
    print(f"{'page':<26} {'compared':<28} {'small':>5} {'large':>5}")
    unequal = []
    for label, compared, small, large in rows:
        mark = "" if small == large else "  <- differs"
        if small != large:
            unequal.append(label)
        print(f"{label:<26} {compared:<28} {small!s:>5} {large!s:>5}{mark}")
    print(
        "every page makes the same number of queries for few and many rows"
        if not unequal
        else f"pages whose query count grows with their rows: {', '.join(unequal)}"
    )
    return {"rows": rows, "unequal": unequal}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import environment

    environment.configure()
    environment.collect_static()
    run()
