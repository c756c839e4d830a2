"""The list indexes declared in the models' Meta serve the statements the public pages run.

Each test captures the statement a page really runs and asks PostgreSQL for its plan.
On a handful of rows the planner would rather read the table and sort it, so sequential
scans and sorts are switched off: what is left is whether the index can serve the
statement at all (its columns, order and condition), which is what changes would break.
The facet indexes are checked against the columns the counts read.
"""

import re

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from registry import selectors
from registry.models import SupportOffer
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "actor": selectors.actor_list,
    "offer": selectors.offer_list,
    "project": selectors.project_list,
}


@pytest.fixture
def registry(areas):
    area = areas["ikt-tech-och-digitalisering"]
    for _number in range(3):
        offer = SupportOfferFactory(priority_areas=[area])
        ActorFactory(archived=True)
        ProjectFactory(priority_areas=[area])
        SupportOfferFactory(actor=offer.actor, draft=True)


def statements_of(list_name: str, query: str = "", language: str = "sv") -> list[str]:
    with translation.override(language), CaptureQueriesContext(connection) as captured:
        LISTS[list_name](data=QueryDict(query))
    return [entry["sql"] for entry in captured.captured_queries]


def page_query(statements: list[str]) -> str:
    (sql,) = [sql for sql in statements if " LIMIT " in sql and "ORDER BY" in sql]
    return sql


def facet_query(statements: list[str]) -> str:
    (sql,) = [sql for sql in statements if 'AS "total"' in sql]
    return sql


def plan(sql: str, *settings: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("list_name", ["actor", "offer", "project"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_default_name_order_is_read_from_the_public_name_index(registry, list_name, language):
    sql = page_query(statements_of(list_name, language=language))

    assert f"{list_name}_public_name_{language}_idx" in plan(sql, "enable_seqscan", "enable_sort")


@pytest.mark.parametrize("list_name", ["actor", "offer", "project"])
def test_the_newest_first_order_is_read_from_the_public_created_index(registry, list_name):
    sql = page_query(statements_of(list_name, "sort=newest"))

    assert f"{list_name}_public_created_idx" in plan(sql, "enable_seqscan", "enable_sort")


def test_offers_of_one_kind_are_read_in_name_order_from_the_kind_index(registry):
    # Every offer of the fixture is advice, so the name index filtered by kind would serve
    # the page at the same cost, and the planner's pick between the two would depend on
    # statistics left by earlier tests. With most offers of another kind, and statistics
    # taken of these very rows, only the kind index reads no more rows than it returns.
    SupportOfferFactory.create_batch(12, kind=SupportOffer.Kind.LAB_ACCESS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE actors_supportoffer")
    sql = page_query(statements_of("offer", "kind=advice"))

    assert "offer_public_kind_name_sv_idx" in plan(sql, "enable_seqscan", "enable_sort")


def test_the_start_page_reads_the_newest_entries_from_the_created_indexes(registry):
    with CaptureQueriesContext(connection) as captured:
        selectors.newest_entries(limit=4)
    plans = [plan(query["sql"], "enable_seqscan", "enable_sort") for query in captured]

    for name in ("actor", "offer", "project"):
        assert any(f"{name}_public_created_idx" in text for text in plans), name


FACET_INDEXES = {
    "actors_actor": "actor_facets_idx",
    "actors_supportoffer": "offer_facets_idx",
    "actors_project": "project_facets_idx",
}
_COLUMN_RE = re.compile(r'"(actors_actor|actors_supportoffer|actors_project)"\."(\w+)"')


def index_columns(name: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE c.relname = %s
            """,
            [name],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("list_name", ["actor", "offer", "project"])
@pytest.mark.parametrize("query", ["", "kind=advice&area=ikt-tech-och-digitalisering"])
def test_the_facet_index_holds_every_column_the_facet_counts_read(registry, list_name, query):
    # Which plan the planner picks for a handful of rows depends on the statistics of the
    # moment; what the index must guarantee is that the counts can be read from it alone.
    sql = facet_query(statements_of(list_name, query))

    read: dict[str, set[str]] = {}
    for table, column in _COLUMN_RE.findall(sql):
        read.setdefault(table, set()).add(column)
    assert read  # the statement names its columns
    for table, columns in read.items():
        assert columns <= index_columns(FACET_INDEXES[table]), table
