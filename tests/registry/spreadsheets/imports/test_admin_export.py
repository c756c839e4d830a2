"""The admin's export: the documented schema, neutralised formulas, round trips."""

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from registry.models import Actor, Project, SupportOffer
from registry.spreadsheets import columns
from registry.spreadsheets.formats import neutralise_formula, restore_formula_text
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.spreadsheets.admin_files import (
    actor_row,
    confirm,
    csv_bytes,
    export,
    import_file,
    preview,
    problems,
    snapshot,
)

pytestmark = pytest.mark.django_db


# The neutralising of formulas


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\0"])
def test_cells_starting_with_a_formula_character_get_a_quote(trigger):
    assert neutralise_formula(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"


@pytest.mark.parametrize("value", ["KTH Innovation", "'quoted", "", "a=b", "59.3293"])
def test_other_cells_are_left_alone(value):
    assert neutralise_formula(value) == value


@given(st.text())
def test_importing_undoes_exactly_what_exporting_added(value):
    assert restore_formula_text(neutralise_formula(value)) == value


def test_a_quote_the_exporter_did_not_add_is_kept_on_import():
    assert restore_formula_text("'hello") == "'hello"
    assert restore_formula_text("''=x") == "'=x"


# Export


def test_the_admin_csv_export_uses_the_documented_schema(publisher_client, registry):
    content = export(publisher_client, "actor").decode("utf-8")

    header = next(csv.reader(io.StringIO(content)))
    assert header == columns.ACTORS.headers
    assert "kth-innovation" in content


def test_formula_cells_are_neutralised_in_csv_and_xlsx_exports(publisher_client, registry):
    text = export(publisher_client, "actor").decode("utf-8")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["formula-lab"]["name_sv"] == '\'=HYPERLINK("http://evil")'
    assert rows["formula-lab"]["description_sv"] == "'-2+3 @SUM(A1)"
    assert rows["kth-innovation"]["phone"] == "'+46 8 790 60 00"

    book = openpyxl.load_workbook(io.BytesIO(export(publisher_client, "actor", "xlsx")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert '\'=HYPERLINK("http://evil")' in [cell.value for cell in cells]


def test_the_json_export_keeps_the_exact_text(publisher_client, registry):
    records = json.loads(export(publisher_client, "actor", "json"))

    names = {record["slug"]: record["name_sv"] for record in records}
    assert names["formula-lab"] == '=HYPERLINK("http://evil")'


def test_the_excel_csv_variant_is_semicolon_separated_with_a_bom(publisher_client, registry):
    content = export(publisher_client, "actor", "excel")

    assert content.startswith(b"\xef\xbb\xbf")
    first_line = content[3:].decode("utf-8").splitlines()[0]
    assert first_line.split(";") == columns.ACTORS.headers


def test_the_export_gives_absolute_swedish_urls_and_none_for_drafts(
    publisher_client, registry, settings
):
    settings.SITE_URL = "https://innovation.example.se"
    rows = {
        r["slug"]: r
        for r in csv.DictReader(io.StringIO(export(publisher_client, "actor").decode()))
    }

    assert rows["kth-innovation"]["url"] == "https://innovation.example.se/aktorer/kth-innovation/"
    assert rows["formula-lab"]["url"] == ""


def test_projects_export_partners_by_slug_and_outside_organisations_by_name(
    publisher_client, registry
):
    rows = list(csv.DictReader(io.StringIO(export(publisher_client, "project").decode())))

    (row,) = [r for r in rows if r["slug"] == "cohes3ion"]
    assert (row["lead_partner"], row["partners"], row["associated_partners"]) == (
        "BEAZ (ES)",
        "kth-innovation",
        "rise",
    )
    assert row["budget"] == "1500000.50"
    assert row["priority_areas"] == "klimat-och-miljoatgarder-hallbar-stadsutveckling"


@pytest.mark.parametrize("model", ["actor", "supportoffer", "project"])
def test_the_export_makes_the_same_number_of_queries_for_1_and_20_entries(
    publisher_client, django_assert_num_queries, areas, model
):
    factory = {
        "actor": ActorFactory,
        "supportoffer": SupportOfferFactory,
        "project": ProjectFactory,
    }[model]
    factory(priority_areas=[areas["ikt-tech-och-digitalisering"]])
    export(publisher_client, model)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        export(publisher_client, model)
    for _ in range(19):
        entry = factory(priority_areas=[areas["ikt-tech-och-digitalisering"]])
        if model == "project":
            ParticipationFactory(project=entry)
    with django_assert_num_queries(len(one.captured_queries)):
        export(publisher_client, model)


# Round trips and idempotency


@pytest.mark.parametrize("fmt", ["csv", "excel", "xlsx", "json"])
@pytest.mark.parametrize(
    ("model", "model_class", "model_schema"),
    [
        ("actor", Actor, columns.ACTORS),
        ("supportoffer", SupportOffer, columns.OFFERS),
        ("project", Project, columns.PROJECTS),
    ],
)
def test_an_exported_file_imports_back_unchanged(
    publisher_client, registry, fmt, model, model_class, model_schema
):
    before = snapshot(model_class, model_schema)
    content = export(publisher_client, model, fmt)
    import_format = {"excel": "csv"}.get(fmt, fmt)

    response = preview(
        publisher_client, model, content, name=f"export.{import_format}", fmt=import_format
    )
    result = response.context["result"]
    assert result.totals["skip"] == model_class.objects.count(), problems(response)
    assert result.totals["new"] == result.totals["update"] == result.totals["invalid"] == 0
    confirm(publisher_client, model, response)

    assert snapshot(model_class, model_schema) == before


def test_importing_the_same_new_rows_twice_creates_them_once(editor_client, stockholm):
    content = csv_bytes([actor_row(), actor_row(slug="", name_sv="Andra inkubatorn")])

    first = import_file(editor_client, "actor", content)
    second = preview(editor_client, "actor", content)

    assert "Importen är klar: 2 nya, 0 uppdaterade, 0 oförändrade." in first.content.decode()
    assert second.context["result"].totals["skip"] == 2
    assert Actor.objects.filter(slug__in=["ny-inkubator", "andra-inkubatorn"]).count() == 2
