"""The formats of the public exports: CSV, Excel's CSV, XLSX, JSON; formulas, streaming, names."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import example, given
from hypothesis import strategies as st

from registry.spreadsheets import columns, exports, formats
from registry.spreadsheets.formats import neutralise_formula
from tests.registry.spreadsheets.public_exports import (
    BOM,
    FORMATS,
    TRIGGERS,
    body,
    download,
    path,
    records,
)

pytestmark = pytest.mark.django_db


# Formats


def test_csv_is_rfc_4180_utf_8_without_a_bom(client, registry):
    data = body(download(client, "actors", "csv"))

    assert not data.startswith(BOM)
    text = data.decode("utf-8")
    assert text.startswith(",".join(columns.ACTORS.headers) + "\r\n")
    assert text.endswith("\r\n")
    assert '"Innovation för medicinteknik: ""citat"", semikolon; komma, och\nen ny rad."' in text
    assert "Ängens Testbädd" in text


def test_the_excel_variant_starts_with_a_bom_and_uses_semicolons(client, registry):
    data = body(download(client, "actors", "excel-csv"))

    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    assert text.split("\r\n", 1)[0].split(";") == columns.ACTORS.headers
    assert ";Ängens Testbädd;" in text
    # A cell with a semicolon in it is quoted; commas alone need no quotes here.
    assert '"Innovation för medicinteknik: ""citat"", semikolon; komma, och\nen ny rad."' in text


def test_the_xlsx_export_is_a_workbook_of_text_cells(client, registry):
    data = body(download(client, "actors", "xlsx"))

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.value for cell in next(sheet.iter_rows())] == columns.ACTORS.headers
    assert {cell.data_type for cell in cells} <= {"s", "inlineStr"}  # text only
    assert {type(cell.value) for cell in cells} <= {str, type(None)}
    assert "59.347900" in [cell.value for cell in cells]


# Formula neutralising


@pytest.mark.parametrize("fmt", ["csv", "excel-csv"])
def test_csv_cells_starting_a_formula_get_a_quote(client, formula_actors, fmt):
    rows = {r["slug"]: r for r in records(fmt, body(download(client, "actors", fmt)))}

    for number, trigger in enumerate(TRIGGERS):
        assert rows[f"formel-{number}"]["description_sv"] == f"'{trigger}SUM(A1)", repr(trigger)
    assert rows["citerad"]["description_sv"] == "''=1+1"
    assert rows["vanlig"]["description_sv"] == "a=b -1"


def test_xlsx_cells_starting_a_formula_get_a_quote_and_no_cell_is_a_formula(client, formula_actors):
    data = body(download(client, "actors", "xlsx"))

    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    rows = {r["slug"]: r for r in records("xlsx", data)}
    for number, trigger in enumerate(TRIGGERS):
        value = rows[f"formel-{number}"]["description_sv"]
        # XML reads a carriage return back as a line feed; the quote comes first either way.
        assert value in (f"'{trigger}SUM(A1)", "'\nSUM(A1)"), repr(trigger)
    assert rows["citerad"]["description_sv"] == "''=1+1"
    assert rows["vanlig"]["description_sv"] == "a=b -1"


def test_json_keeps_the_exact_text(client, formula_actors):
    rows = {r["slug"]: r for r in records("json", body(download(client, "actors", "json")))}

    for number, trigger in enumerate(TRIGGERS):
        assert rows[f"formel-{number}"]["description_sv"] == f"{trigger}SUM(A1)"
    assert rows["citerad"]["description_sv"] == "'=1+1"


def test_a_nul_character_is_neutralised_in_csv_and_xlsx_and_kept_in_json():
    # PostgreSQL refuses NUL in text, so the writers are given the row directly.
    rows = [["\0SUM(A1)", "ok"]]

    (text,) = [chunk.decode() for chunk in formats.csv_chunks(["a", "b"], rows)]
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["'\0SUM(A1)", "ok"]]
    with formats.xlsx_file(["a", "b"], rows, title="t") as output:
        sheet = openpyxl.load_workbook(output).worksheets[0]
        assert sheet["A2"].value == "'\N{REPLACEMENT CHARACTER}SUM(A1)"
    data = b"".join(formats.json_chunks(["a", "b"], rows))
    assert json.loads(data) == [{"a": "\0SUM(A1)", "b": "ok"}]


# Text of the cells: any character, weighted toward the ones that need quotes.
_cells = st.text(st.one_of(st.sampled_from(",;\"\r\n '=+-@\t\0"), st.characters()), max_size=12)


@given(rows=st.lists(st.lists(_cells, min_size=1, max_size=5), max_size=5))
@example(rows=[[""]])
@example(rows=[["", ""], ['"', "a,b"], ["\r\n", "a;b"]])
@example(rows=[["=1+1", "'=x", "''@y", "'z", "-", "\0"], ["a", "+'\r"]])
@pytest.mark.parametrize("neutralise", [False, True])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_records_are_what_the_csv_module_writes(delimiter, neutralise, rows):
    expected = io.StringIO()
    written = [[neutralise_formula(cell) for cell in row] for row in rows] if neutralise else rows
    csv.writer(expected, delimiter=delimiter, lineterminator="\r\n").writerows(written)
    record = formats.csv_record_writer(delimiter, neutralise=neutralise)

    assert "".join(record(row) for row in rows) == expected.getvalue()


def test_the_csv_export_reads_back_as_the_rows_it_was_given():
    rows = [
        [f"rad {n}", 'citat "x", komma', "rad\r\nbrytning"] for n in range(formats.CHUNK_SIZE + 3)
    ]

    chunks = list(formats.csv_chunks(["a", "b", "c"], iter(rows)))

    assert len(chunks) == 2
    read = list(csv.reader(io.StringIO(b"".join(chunks).decode(), newline="")))
    assert read == [["a", "b", "c"], *rows]


# Streaming


@pytest.mark.parametrize("fmt", ["csv", "excel-csv", "json"])
def test_the_export_streams_in_chunks(client, registry, monkeypatch, fmt):
    monkeypatch.setattr(formats, "CHUNK_SIZE", 2)

    response = download(client, "actors", fmt, "archived=1")

    assert isinstance(response, StreamingHttpResponse)
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) >= 3  # five rows, two at a time
    assert len(records(fmt, b"".join(chunks))) == 5


def test_the_xlsx_export_is_streamed_from_a_file(client, registry, monkeypatch):
    monkeypatch.setattr(FileResponse, "block_size", 1024)

    response = download(client, "actors", "xlsx")

    assert isinstance(response, FileResponse)
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert int(response["Content-Length"]) == sum(len(chunk) for chunk in chunks)
    assert len(records("xlsx", b"".join(chunks))) == 4


def test_rows_are_read_from_the_database_a_chunk_at_a_time(client, registry, monkeypatch):
    monkeypatch.setattr(formats, "CHUNK_SIZE", 2)

    response = download(client, "projects", "csv", "archived=1")
    with CaptureQueriesContext(connection) as queries:
        rows = records("csv", b"".join(response.streaming_content))

    assert len(rows) == 4
    partner_reads = [q for q in queries.captured_queries if "actors_participation" in q["sql"]]
    assert len(partner_reads) == 2  # the partners of each chunk of two projects


# File names and content types

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "excel-csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
EXTENSIONS = {"csv": "csv", "excel-csv": "csv", "xlsx": "xlsx", "json": "json"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_file_is_named_after_the_list_and_the_day_in_english(client, registry, fmt):
    today = timezone.localdate().isoformat()
    for list_name, file_name in [
        ("actors", "actors"),
        ("offers", "support-offers"),
        ("projects", "projects"),
    ]:
        response = download(client, list_name, fmt, language="en")
        assert response["Content-Type"] == CONTENT_TYPES[fmt]
        assert response["Content-Disposition"] == (
            f'attachment; filename="{file_name}-{today}.{EXTENSIONS[fmt]}"'
        )


def test_the_swedish_file_name_comes_from_the_swedish_translation(client, registry):
    today = timezone.localdate().isoformat()
    with translation.override("sv"):
        expected = exports.file_name(exports.ACTOR_EXPORT, exports.FORMATS["csv"])
    assert re.fullmatch(rf"[a-z-]+-{today}\.csv", expected)

    response = download(client, "actors", "csv", language="sv")

    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert path("registry:actor_export", "en", fmt="csv") == "/en/actors/export/csv/"
