"""Benchmark 1: server-side time of the list pages over a fixed mix of 50 searches.

Each request goes through Django's whole stack in this process (middleware, selector,
template) with the test client; the time is wall-clock per request, facet counts
included. Every query is run once to warm the caches, then ``rounds`` times, with the
page cache off so that every request renders its page; then the same requests again
as repeat visits, served from the page cache.

Then the real query plans: every SQL statement that a search request runs against a
search vector is EXPLAINed as it stands (no planner settings changed), and the plan is
checked for a bitmap scan of the GIN indexes.
"""

import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

TARGET_P95_MS = 50.0
PAGE_CACHE_SECONDS = 600
AREA_HEALTH = "life-science-vard-och-halsa"
AREA_ICT = "ikt-tech-och-digitalisering"
AREA_CITY = "klimat-och-miljoatgarder-hallbar-stadsutveckling"


@dataclass(frozen=True)
class Query:
    group: str  # selective, common, prefix, phrase, facets, browse, operators
    list_name: str  # actors, offers, projects
    params: tuple[tuple[str, str], ...]
    site: str = "sv"

    @property
    def label(self) -> str:
        text = urlencode(self.params)
        return f"{self.site}/{self.list_name}" + (f"?{text}" if text else "")


def _q(group: str, list_name: str, query: str = "", site: str = "sv", **facets) -> Query:
    """A request; facet names end in "_" where they would clash with the arguments."""
    params = [("q", query)] if query else []
    for name, values in facets.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            params.append((name.rstrip("_"), value))
    return Query(group, list_name, tuple(params), site)


# Fifty requests a visitor could make, over the vocabulary of bench/synthetic/vocabulary.py.
QUERIES: tuple[Query, ...] = (
    # Selective: rare words and full names, a few hundred matches at most.
    _q("selective", "actors", "kryoelektronmikroskopi"),
    _q("selective", "actors", "grafen"),
    _q("selective", "offers", "organoider"),
    _q("selective", "offers", "tribologi"),
    _q("selective", "projects", "zebrafisk"),
    _q("selective", "actors", "Polaris Medtech Hub"),
    _q("selective", "actors", "Arenastaden Quantum"),
    _q("selective", "projects", "FLOHUBGEN"),
    _q("selective", "offers", "vågkraft"),
    _q("selective", "actors", "electric ferries", site="en"),
    # Common: words in half the registry or more.
    _q("common", "actors", "innovation"),
    _q("common", "offers", "företag"),
    _q("common", "actors", "hållbarhet"),
    _q("common", "projects", "innovation"),
    _q("common", "offers", "innovation"),
    _q("common", "actors", "företag forskare"),
    _q("common", "offers", "rådgivning"),
    _q("common", "actors", "stockholm"),
    _q("common", "actors", "health", site="en"),
    _q("common", "offers", "companies", site="en"),
    # Prefixes: a word still being typed.
    _q("prefix", "actors", "medici"),
    _q("prefix", "actors", "inkub"),
    _q("prefix", "offers", "digi"),
    _q("prefix", "projects", "elektr"),
    _q("prefix", "actors", "bio"),
    _q("prefix", "offers", "acceler", site="en"),
    _q("prefix", "actors", "testbä"),
    # Phrases.
    _q("phrase", "actors", '"life science"'),
    _q("phrase", "offers", '"cirkulär ekonomi"'),
    _q("phrase", "projects", '"smarta städer"'),
    _q("phrase", "actors", '"open data"', site="en"),
    _q("phrase", "offers", '"seed loans"', site="en"),
    # Searches with facets.
    _q("facets", "actors", "innovation", kind_="incubator"),
    _q("facets", "actors", "hållbarhet", area=AREA_CITY, municipality="0180"),
    _q("facets", "offers", "finansiering", kind_="funding", stage="startup"),
    _q("facets", "offers", "ai", cost="free", language_="en"),
    _q("facets", "projects", "energi", programme="horizon_europe", phase="ongoing"),
    _q("facets", "actors", "medtech", helix="business", area=AREA_HEALTH),
    _q("facets", "offers", "innovation", open="yes", kind_="advice"),
    _q("facets", "actors", "företag", kind_=["test_bed", "science_park"]),
    # Browsing without a search: facets, sorting, later pages.
    _q("browse", "actors"),
    _q("browse", "offers"),
    _q("browse", "projects"),
    _q("browse", "actors", kind_="incubator", municipality="0184"),
    _q("browse", "offers", kind_="lab_access", area=AREA_ICT),
    _q("browse", "projects", programme="vinnova", page="3"),
    _q("browse", "actors", sort="newest", archived="1", per_page="100"),
    # Alternatives and exclusions.
    _q("operators", "actors", "batterier or vätgas"),
    _q("operators", "offers", "rådgivning -mentorprogram"),
    _q("operators", "projects", "vatten eller avfall", per_page="50"),
)
assert len(QUERIES) == 50

LIST_URLS = {
    "actors": "registry:actor_list",
    "offers": "registry:offer_list",
    "projects": "registry:project_list",
}
_GIN_SCAN_RE = re.compile(r"Bitmap Index Scan on (\w+_search_(?:sv|en)_gin)")


def query_url(query: Query) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(query.site):
        path = reverse(LIST_URLS[query.list_name])
    return f"{path}?{urlencode(query.params)}" if query.params else path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def time_requests(rounds: int, *, page_cache: bool = False) -> dict[Query, list[float]]:
    """Time every query ``rounds`` times after a warm-up pass.

    Without ``page_cache`` every request renders its page (the figure the target is
    about); with it, every timed request is a repeat visit served from the page cache.
    """
    from django.test import Client, override_settings

    client = Client()
    timings: dict[Query, list[float]] = {query: [] for query in QUERIES}
    with override_settings(PAGE_CACHE_SECONDS=PAGE_CACHE_SECONDS if page_cache else 0):
        for query in QUERIES:  # warm-up
            response = client.get(query_url(query))
            if response.status_code != 200:
                raise RuntimeError(f"{query.label} answered {response.status_code}")
        for _round in range(rounds):
            for query in QUERIES:
                started = time.perf_counter()
                client.get(query_url(query))
                timings[query].append((time.perf_counter() - started) * 1000)
    return timings


def search_plans() -> list[tuple[Query, list[str], list[str]]]:
    """For each search: the GIN indexes each search statement's real plan scans."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    for query in QUERIES:
        if not any(name == "q" for name, _ in query.params):
            continue
        with CaptureQueriesContext(connection) as captured, override_settings(PAGE_CACHE_SECONDS=0):
            client.get(query_url(query))
        statements = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
        plans = []
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute("EXPLAIN " + sql)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        results.append((query, statements, plans))
    return results


def run(*, rounds: int = 5, show_plan: bool = True) -> dict:
    timings = time_requests(rounds)
    every = [ms for values in timings.values() for ms in values]
    figures = {
        "requests": len(every),
        "p50": percentile(every, 0.50),
        "p95": percentile(every, 0.95),
        "p99": percentile(every, 0.99),
    }
    print(f"\n== 1. Search and filter: {len(QUERIES)} queries x {rounds} rounds ==")
    print(f"{'kind':<10} {'median ms':>9} {'max ms':>8}  request")
    for query, values in sorted(timings.items(), key=lambda item: -statistics.median(item[1])):
        print(
            f"{query.group:<10} {statistics.median(values):9.1f} {max(values):8.1f}  {query.label}"
        )
    by_kind: dict[str, list[float]] = {}
    for query, values in timings.items():
        by_kind.setdefault(query.group, []).extend(values)
    print("\nby kind:  " + ", ".join(
        f"{kind} p95 {percentile(values, 0.95):.1f}" for kind, values in by_kind.items()
    ))  # fmt: skip
    met = "met" if figures["p95"] < TARGET_P95_MS else "MISSED"
    print(
        f"server-side time per list request over {figures['requests']} requests, every page "
        f"rendered (page cache off): p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
        f"p99 {figures['p99']:.1f} ms (target p95 < {TARGET_P95_MS:.0f} ms: {met})"
    )

    repeated = [ms for values in time_requests(rounds, page_cache=True).values() for ms in values]
    figures["cached"] = {
        "p50": percentile(repeated, 0.50),
        "p95": percentile(repeated, 0.95),
        "p99": percentile(repeated, 0.99),
    }
    print(
        f"the same {len(repeated)} requests as repeat visits, from the page cache: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in figures["cached"].items())
    )

    print("\n-- query plans of the searches (real plans, planner settings untouched) --")
    plans = search_plans()
    without_gin = []
    shown = False
    for query, statements, statement_plans in plans:
        scanned = [sorted(set(_GIN_SCAN_RE.findall(plan))) for plan in statement_plans]
        uses_gin = bool(statements) and all(scanned)
        if not uses_gin:
            without_gin.append(query)
        print(
            f"{'GIN ' if uses_gin else 'NO GIN'} {len(statements)} statements  {query.label}  "
            + "; ".join(",".join(names) or "-" for names in scanned)
        )
        if show_plan and not shown and query.group == "common" and statement_plans:
            print(f"\nplan of the page query of {query.label}:\n{statement_plans[-1]}\n")
            shown = True
    figures["searches"] = len(plans)
    figures["searches_without_gin"] = [query.label for query in without_gin]
    print(
        f"{len(plans) - len(without_gin)} of {len(plans)} searches use the GIN indexes "
        "in every statement"
    )
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import environment

    environment.configure()
    environment.collect_static()
    run()
