"""Large files, bad files, who may import, and the data-schema document."""

import datetime
import json
from pathlib import Path

import pytest
from django.urls import reverse

from registry.models import Actor, Project
from registry.spreadsheets import columns
from registry.spreadsheets.imports import preview as import_preview
from tests.factories import (
    ActorFactory,
    with_check_digit,
)
from tests.registry.spreadsheets.admin_files import (
    actor_row,
    confirm,
    csv_bytes,
    import_file,
    preview,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


# Large files


def listed_row_numbers(response) -> list[int]:
    return [row.number for row in response.context["result"].listed_rows]


def test_a_large_preview_shows_the_first_rows_changes_and_counts_the_rest(
    editor_client, english, stockholm, monkeypatch
):
    monkeypatch.setattr(import_preview, "PREVIEW_ROWS", 2)
    rows = [actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}") for n in range(1, 6)]

    response = preview(editor_client, "actor", csv_bytes(rows))

    page = response.content.decode()
    assert "5 new, 0 updated, 0 unchanged, 0 invalid." in page
    assert listed_row_numbers(response) == [2, 3]
    assert "Inkubator 2" in page
    assert "Inkubator 3" not in page
    assert (
        "The first 2 rows are shown with their changes; after them, only rows with errors or "
        "possible duplicates. 3 other rows are counted above but not shown."
    ) in page
    confirm(editor_client, "actor", response)
    assert Actor.objects.filter(slug__startswith="rad-").count() == 5


def test_a_large_preview_still_lists_every_invalid_row_and_duplicate_after_the_first(
    editor_client, english, stockholm, monkeypatch
):
    monkeypatch.setattr(import_preview, "PREVIEW_ROWS", 1)
    number = with_check_digit("556777888")
    ActorFactory(slug="norrsken", name_sv="Norrsken Foundation", organisation_number=number)
    rows = [
        actor_row(slug="forsta", name_sv="Första"),
        actor_row(slug="andra", name_sv="Andra"),
        actor_row(slug="norrsken-2", name_sv="Norrsken Foundation AB", organisation_number=number),
        actor_row(slug="trasig", name_sv="Trasig", kind="spaceship"),
    ]

    response = preview(editor_client, "actor", csv_bytes(rows))

    page = response.content.decode()
    assert listed_row_numbers(response) == [2, 4, 5]
    assert "Possible duplicate of" in page
    assert "Row 5, column kind: “spaceship” is not one of the codes of this column" in page
    assert "1 other row is counted above but not shown." in page
    assert response.context.get("confirm_form") is None


def test_a_preview_within_the_limit_lists_every_row_without_a_note(
    editor_client, english, stockholm
):
    rows = [actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}") for n in range(1, 4)]

    response = preview(editor_client, "actor", csv_bytes(rows))

    assert listed_row_numbers(response) == [2, 3, 4]
    assert "counted above but not shown" not in response.content.decode()


# Bad files


@pytest.mark.parametrize(
    ("content", "name", "fmt", "message"),
    [
        (b"", "empty.csv", "csv", "The submitted file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "blank.csv", "csv", "The file is empty."),
        ("slug,name_sv\nå,Å\n".encode("latin-1"), "latin.csv", "csv", "The file is not UTF-8"),
        (
            b"slug,name_sv,kind,helix_sector,municipality_code\n",
            "header.csv",
            "csv",
            "no rows to import",
        ),
        (None, "workbook.csv", "csv", "This file is an Excel workbook, not CSV text"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image.csv", "csv", "not a CSV text file"),
        (
            b"slug;name_sv\nx;y\n",
            "not-a-workbook.xlsx",
            "xlsx",
            "This file is not an XLSX workbook",
        ),
        (b'{"slug": 1}', "object.json", "json", "must be a list of objects"),
        (b'[{"slug": ', "broken.json", "json", "not valid JSON"),
    ],
    ids=[
        "empty",
        "blank",
        "latin-1",
        "header-only",
        "xlsx-named-csv",
        "binary-named-csv",
        "csv-named-xlsx",
        "json-object",
        "broken-json",
    ],
)
def test_a_bad_file_gets_a_clear_message_and_no_preview(
    editor_client, english, content, name, fmt, message
):
    if content is None:
        content = xlsx_bytes([actor_row()])

    response = preview(editor_client, "actor", content, name=name, fmt=fmt)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["import_file"])
    assert message in errors
    assert response.context.get("result") is None


def test_a_latin_1_file_is_told_to_be_saved_as_utf_8_with_the_line(editor_client, english):
    content = "slug,name_sv\nett,Ett\ntva,Två\n".encode("latin-1")

    response = preview(editor_client, "actor", content)

    assert "first unreadable character is on line 3" in response.content.decode()
    assert "Save it as “CSV UTF-8”" in response.content.decode()


def test_missing_and_unknown_columns_are_named(editor_client, english):
    content = csv_bytes([{"slug": "x", "name_sv": "X", "colour": "blue"}])

    response = preview(editor_client, "actor", content)

    errors = " ".join(response.context["form"].errors["import_file"])
    assert "Unknown columns: colour." in errors
    assert "Missing columns: kind, helix_sector, municipality_code or municipality_name." in errors


def test_an_xlsx_cell_with_a_formula_is_refused_with_its_reference(editor_client, english):
    content = xlsx_bytes([actor_row()], formula_in="B2")

    response = preview(editor_client, "actor", content, name="a.xlsx", fmt="xlsx")

    errors = " ".join(response.context["form"].errors["import_file"])
    assert "Cell B2 contains a formula" in errors


def test_semicolon_csv_with_a_bom_imports(editor_client, stockholm):
    content = csv_bytes([actor_row(name_sv="Semikolon; och komma, AB")], delimiter=";", bom=True)

    import_file(editor_client, "actor", content)

    assert Actor.objects.get(slug="ny-inkubator").name_sv == "Semikolon; och komma, AB"


def test_a_neutralised_cell_in_a_hand_made_file_loses_its_quote(editor_client, stockholm):
    import_file(editor_client, "actor", csv_bytes([actor_row(phone="'+46 8 123 456")]))

    assert Actor.objects.get(slug="ny-inkubator").phone == "+46 8 123 456"


def test_json_import_keeps_text_exactly(editor_client, stockholm):
    content = json.dumps([actor_row(description_sv="'=inte en formel")]).encode()

    import_file(editor_client, "actor", content, name="a.json", fmt="json")

    assert Actor.objects.get(slug="ny-inkubator").description_sv == "'=inte en formel"


# Who may import


def test_staff_who_can_only_view_cannot_import_or_see_the_button(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(viewer)

    changelist = client.get(reverse("admin:actors_actor_changelist"))
    response = client.get(reverse("admin:actors_actor_import"))

    assert reverse("admin:actors_actor_import") not in changelist.content.decode()
    assert response.status_code == 403


def test_dates_from_a_workbook_are_read_as_dates(editor_client, english):
    row = {
        "slug": "nytt",
        "name_sv": "Nytt projekt",
        "funding_programme": "vinnova",
        "start_date": datetime.datetime(2024, 1, 31),
    }

    import_file(editor_client, "project", xlsx_bytes([row]), name="p.xlsx", fmt="xlsx")

    assert Project.objects.get(slug="nytt").start_date == datetime.date(2024, 1, 31)


def test_the_data_schema_document_lists_every_column_and_code():
    text = (Path(__file__).resolve().parents[4] / "docs" / "data-schema.md").read_text()

    for entry_schema in (columns.ACTORS, columns.OFFERS, columns.PROJECTS):
        for number, column in enumerate(entry_schema.columns, start=1):
            assert f"| {number} | `{column.name}` |" in text
            for code in column.choices.values if column.choices else []:
                assert f"| `{code}` |" in text
