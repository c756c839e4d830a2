"""The rows of an export: exactly the list page's result, never a draft, in few queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Actor, Project
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.spreadsheets.public_exports import (
    ARCHIVED,
    AREA_IKT,
    AREA_LIFE,
    FORMATS,
    LISTS,
    PUBLISHED,
    QUERIES,
    body,
    download,
    exported_slugs,
    page_slugs,
    path,
    records,
)

pytestmark = pytest.mark.django_db


# Rows and order: exactly the list page's result


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("list_name", LISTS)
def test_each_format_holds_the_rows_of_the_list_page_in_its_order(client, registry, list_name, fmt):
    for query in QUERIES[list_name]:
        shown = page_slugs(client, list_name, query)
        assert shown, query
        assert exported_slugs(client, list_name, fmt, query) == shown, query


@pytest.mark.parametrize("list_name", LISTS)
def test_the_english_export_has_the_english_pages_order(client, registry, list_name):
    swedish = page_slugs(client, list_name)
    english = page_slugs(client, list_name, language="en")
    if list_name == "actors":
        assert swedish != english  # Zulu Incubator is Alfa Inkubator in Swedish
    assert exported_slugs(client, list_name, "csv", language="en") == english


@pytest.mark.parametrize("list_name", LISTS)
def test_every_cell_is_the_schemas_text_and_the_keys_are_its_headers(
    client, registry, list_name, settings
):
    settings.SITE_URL = "https://innovation.example.se"
    _list, _export, entry_schema, model = LISTS[list_name]
    rows = records("json", body(download(client, list_name, "json", "archived=1")))

    expected = {
        entry.slug: entry_schema.render_row(entry)
        for entry in entry_schema.optimise(model.objects.public())
    }
    assert [list(row) for row in rows] == [entry_schema.headers] * len(rows)
    assert [list(row.values()) for row in rows] == [expected[row["slug"]] for row in rows]
    assert {row["slug"] for row in rows} == PUBLISHED[list_name] | ARCHIVED[list_name]


def test_cells_are_written_as_documented(client, registry, settings):
    settings.SITE_URL = "https://innovation.example.se"
    actors = {r["slug"]: r for r in records("csv", body(download(client, "actors", "csv")))}
    projects = {r["slug"]: r for r in records("csv", body(download(client, "projects", "csv")))}

    alfa = actors["alfa"]
    assert alfa["priority_areas"] == f"{AREA_LIFE}|{AREA_IKT}"
    assert (alfa["municipality_code"], alfa["municipality_name"]) == ("0180", "Stockholm")
    assert (alfa["latitude"], alfa["last_reviewed_on"]) == ("59.347900", "2025-01-10")
    assert alfa["url"] == "https://innovation.example.se/aktorer/alfa/"
    cohes3ion = projects["cohes3ion"]
    assert (cohes3ion["lead_partner"], cohes3ion["partners"]) == ("BEAZ (ES)", "alfa")
    assert (cohes3ion["associated_partners"], cohes3ion["budget"]) == ("gamma", "1500000.50")


# Drafts and archived entries


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("list_name", LISTS)
def test_drafts_never_appear_and_archived_entries_only_when_asked_for(
    client, registry, list_name, fmt
):
    assert set(exported_slugs(client, list_name, fmt)) == PUBLISHED[list_name]
    assert set(exported_slugs(client, list_name, fmt, "archived=1")) == (
        PUBLISHED[list_name] | ARCHIVED[list_name]
    )
    assert set(exported_slugs(client, list_name, fmt, "q=innovation&archived=1")) <= (
        PUBLISHED[list_name] | ARCHIVED[list_name]
    )


def test_a_draft_actor_is_not_named_among_a_projects_partners(client, registry):
    project = Project.objects.get(slug="cohes3ion")
    ParticipationFactory(project=project, actor=Actor.objects.get(slug="hemlig"), role="partner")

    for fmt in FORMATS:
        rows = {r["slug"]: r for r in records(fmt, body(download(client, "projects", fmt)))}
        assert rows["cohes3ion"]["partners"] == "alfa", fmt
        assert "hemlig" not in body(download(client, "projects", fmt)).decode("latin-1")


# Queries


def _make(list_name: str, count: int, areas) -> None:
    for _ in range(count):
        area = [areas[AREA_IKT]]
        if list_name == "actors":
            ActorFactory(priority_areas=area, description_sv="Innovation.")
        elif list_name == "offers":
            SupportOfferFactory(priority_areas=area, description_sv="Innovation.")
        else:
            project = ProjectFactory(priority_areas=area, description_sv="Innovation.")
            ParticipationFactory(project=project)
            ParticipationFactory(project=project, actor=None, organisation_name="Org", country="FI")


@pytest.mark.parametrize("query", ["", "q=innovation&area=" + AREA_IKT])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("list_name", LISTS)
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, areas, django_assert_num_queries, list_name, fmt, query
):
    _make(list_name, 2, areas)
    with CaptureQueriesContext(connection) as few:
        assert len(records(fmt, body(download(client, list_name, fmt, query)))) == 2
    _make(list_name, 18, areas)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(records(fmt, body(download(client, list_name, fmt, query)))) == 20


# Bad requests


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "xls", "csv-excel"])
def test_an_unknown_format_is_404(client, registry, fmt):
    for list_name in LISTS:
        assert download(client, list_name, fmt).status_code == 404


def test_a_format_that_is_not_a_slug_is_404(client, registry):
    assert client.get(path("registry:actor_list") + "export/csv.exe/").status_code == 404


ODD_QUERIES = [
    "kind=nonsense",
    "kind=incubator&kind=incubator&kind=%3Cscript%3E",
    "sort=%3Bdrop+table&page=-5&per_page=abc",
    "archived=perhaps",
    "q=%00",
    "q=%22unclosed+-",
    "q=" + "innovation+" * 400,
    "q=%ff%fe",
    "q=!!!+%26+|+:*",
    "municipality=%00&area=" + "x" * 500,
    "area=" + AREA_IKT + "%00",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_query_strings_give_the_list_pages_result_and_never_an_error(client, registry, query):
    for list_name in LISTS:
        assert exported_slugs(client, list_name, "csv", query) == page_slugs(
            client, list_name, query
        ), (list_name, query)
