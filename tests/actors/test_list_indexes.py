"""The indexes of migration 0011 serve the statements the public pages run.

Each test captures the statement a page really runs and asks PostgreSQL for its plan.
On a handful of rows the planner would rather read the table and sort it, so sequential
scans and sorts are switched off: what is left is whether the index can serve the
statement at all (its columns, order and condition), which is what changes would break.
"""

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from actors import selectors
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
    sql = page_query(statements_of("offer", "kind=advice"))

    assert "offer_public_kind_name_sv_idx" in plan(sql, "enable_seqscan", "enable_sort")


def test_the_start_page_reads_the_newest_entries_from_the_created_indexes(registry):
    with CaptureQueriesContext(connection) as captured:
        selectors.newest_entries(limit=4)
    plans = [plan(query["sql"], "enable_seqscan", "enable_sort") for query in captured]

    for name in ("actor", "offer", "project"):
        assert any(f"{name}_public_created_idx" in text for text in plans), name


@pytest.mark.parametrize("list_name", ["actor", "offer", "project"])
def test_the_facet_counts_are_an_index_only_scan_of_the_facet_index(registry, list_name):
    sql = facet_query(statements_of(list_name))

    text = plan(sql, "enable_seqscan", "enable_bitmapscan")
    assert f"Index Only Scan using {list_name}_facets_idx" in text
