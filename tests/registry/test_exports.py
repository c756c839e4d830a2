"""Public exports of the lists: the list's exact result in CSV, CSV for Excel, XLSX and JSON."""

import csv
import datetime
import html
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import openpyxl
import psycopg
import pytest
from django.db import connection
from django.http import FileResponse, QueryDict, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import example, given
from hypothesis import strategies as st

from registry import exports, schema
from registry.models import Actor, Project, SupportOffer
from registry.resources import (
    ActorResource,
    CSVFormat,
    JSONFormat,
    ProjectResource,
    SupportOfferResource,
    XLSXFormat,
)
from registry.spreadsheet import neutralise_formula
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
FORMATS = ["csv", "excel-csv", "xlsx", "json"]
LISTS = {
    "actors": ("registry:actor_list", "registry:actor_export", schema.ACTORS, Actor),
    "offers": ("registry:offer_list", "registry:offer_export", schema.OFFERS, SupportOffer),
    "projects": ("registry:project_list", "registry:project_export", schema.PROJECTS, Project),
}
AREA_IKT = "ikt-tech-och-digitalisering"
AREA_LIFE = "life-science-vard-och-halsa"
AREA_KLIMAT = "klimat-och-miljoatgarder-hallbar-stadsutveckling"

_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="([^"]*)"')
_EXPORTS_RE = re.compile(r'<section class="exports".*?</section>', re.DOTALL)
_HREF_RE = re.compile(r'<a href="([^"]*)"[^>]*>([^<]*)</a>')


def path(name: str, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def download(client, list_name: str, fmt: str, query: str = "", language: str = "sv"):
    return client.get(with_query(path(LISTS[list_name][1], language, fmt=fmt), query))


def body(response) -> bytes:
    assert response.status_code == 200, response.content[:300] if not response.streaming else ""
    assert response.streaming
    return b"".join(response.streaming_content)


def records(fmt: str, data: bytes) -> list[dict]:
    """The rows of an export, read with the standard reader of its format."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    if fmt == "excel-csv":
        assert data.startswith(BOM)
        text = data[len(BOM) :].decode("utf-8")
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        try:
            rows = [
                ["" if value is None else value for value in row]
                for row in book.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            book.close()
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return json.loads(data.decode("utf-8"))


def exported_slugs(client, list_name, fmt, query="", language="sv") -> list[str]:
    return [
        r["slug"] for r in records(fmt, body(download(client, list_name, fmt, query, language)))
    ]


def page_slugs(client, list_name: str, query: str = "", language: str = "sv") -> list[str]:
    """The entries the list page shows for ``query``, in order, with a page that holds them all."""
    listing_url = path(LISTS[list_name][0], language)
    response = client.get(
        with_query(listing_url, f"{query}&per_page=100" if query else "per_page=100")
    )
    assert response.status_code == 200
    hrefs = _RESULT_RE.findall(response.content.decode())
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


# Data


@pytest.fixture
def registry(areas, stockholm, solna):
    """Published, draft and archived actors, offers and projects with text that is hard to write.

    Swedish and English names sort differently, and the entries differ in age and review date,
    so every sort gives its own order.
    """
    now = timezone.now()

    def actor(slug, days, **values):
        return ActorFactory(slug=slug, created_at=now - datetime.timedelta(days=days), **values)

    alfa = actor(
        "alfa",
        5,
        name_sv="Alfa Inkubator",
        name_en="Zulu Incubator",
        kind="incubator",
        municipality=stockholm,
        priority_areas=[areas[AREA_LIFE], areas[AREA_IKT]],
        description_sv='Innovation för medicinteknik: "citat", semikolon; komma, och\nen ny rad.',
        phone="+46 8 790 60 00",
        latitude="59.347900",
        longitude="18.072800",
        last_reviewed_on=datetime.date(2025, 1, 10),
    )
    angen = actor(
        "angen",
        1,
        name_sv="Ängens Testbädd",
        name_en="Alpha Test Bed",
        kind="test_bed",
        municipality=solna,
        priority_areas=[areas[AREA_LIFE]],
        description_sv="En testbädd för innovation inom vård och hälsa.",
    )
    gamma = actor(
        "gamma",
        3,
        name_sv="Gamma Kluster",
        name_en="Gamma Cluster",
        kind="cluster",
        municipality=stockholm,
        priority_areas=[areas[AREA_KLIMAT]],
        description_sv="Klimatinnovation och hållbar stadsutveckling.",
        last_reviewed_on=datetime.date(2025, 6, 1),
    )
    delta = actor(
        "delta",
        2,
        name_sv="Delta Forskningspark",
        kind="science_park",
        municipality=solna,
        priority_areas=[areas[AREA_IKT]],
        description_sv="Forskningspark för digitalisering.",
    )
    hidden = actor(
        "hemlig", 0, name_sv="Hemlig Innovation", draft=True, description_sv="Innovation."
    )
    actor(
        "arkiverad", 4, name_sv="Arkiverad Innovation", archived=True, description_sv="Innovation."
    )

    def offer(slug, days, **values):
        return SupportOfferFactory(
            slug=slug, created_at=now - datetime.timedelta(days=days), **values
        )

    offer(
        "radgivning",
        3,
        actor=alfa,
        name_sv="Rådgivning",
        kind="advice",
        priority_areas=[areas[AREA_IKT]],
        description_sv="Innovation och affärsrådgivning.",
    )
    offer(
        "finansiering",
        1,
        actor=angen,
        name_sv="Ängelfinansiering",
        name_en="Angel funding",
        kind="funding",
        by_deadline=True,
        description_sv="Lån för innovation.",
    )
    offer(
        "labb",
        2,
        actor=gamma,
        name_sv="Labbtillgång",
        kind="lab_access",
        stages=["scaleup"],
        languages=["en"],
        description_sv="Labb för klimatinnovation.",
    )
    offer("utkast", 0, actor=alfa, name_sv="Utkast", draft=True)
    offer("gammalt-erbjudande", 4, actor=delta, name_sv="Gammalt erbjudande", archived=True)
    offer("dold-aktor", 0, actor=hidden, name_sv="Erbjudande av en dold aktör")

    def project(slug, days, **values):
        return ProjectFactory(slug=slug, created_at=now - datetime.timedelta(days=days), **values)

    cohes3ion = project(
        "cohes3ion",
        2,
        name_sv="Cohes3ion",
        acronym="Cohes3ion",
        funding_programme="interreg_europe",
        budget="1500000.50",
        currency="EUR",
        priority_areas=[areas[AREA_KLIMAT]],
        description_sv="Innovation i regionala ekosystem.",
    )
    ParticipationFactory(
        project=cohes3ion, actor=None, organisation_name="BEAZ", country="ES", role="lead"
    )
    ParticipationFactory(project=cohes3ion, actor=alfa, role="partner")
    ParticipationFactory(project=cohes3ion, actor=gamma, role="associated")
    growsmarter = project(
        "growsmarter",
        1,
        name_sv="GrowSmarter",
        funding_programme="horizon_2020",
        description_sv="Smarta städer.",
    )
    ParticipationFactory(project=growsmarter, actor=angen, role="lead")
    project(
        "viable-cities",
        3,
        name_sv="Viable Cities",
        funding_programme="vinnova",
        description_sv="Klimatneutrala städer och innovation.",
    )
    project("hemligt", 0, name_sv="Hemligt projekt", draft=True)
    project("avslutat", 4, name_sv="Avslutat projekt", archived=True)


PUBLISHED = {
    "actors": {"alfa", "angen", "gamma", "delta"},
    "offers": {"radgivning", "finansiering", "labb"},
    "projects": {"cohes3ion", "growsmarter", "viable-cities"},
}
ARCHIVED = {
    "actors": {"arkiverad"},
    "offers": {"gammalt-erbjudande"},
    "projects": {"avslutat"},
}
QUERIES = {
    "actors": [
        "",
        "sort=newest",
        "sort=reviewed",
        "q=innovation",
        "q=innovation&sort=name",
        "q=-digitalisering",
        "kind=incubator&kind=test_bed",
        f"area={AREA_LIFE}&sort=newest",
        "municipality=0184",
        "archived=1&sort=newest",
    ],
    "offers": ["", "sort=newest", "q=innovation", "kind=funding&kind=advice", "archived=1"],
    "projects": ["", "sort=newest", "q=innovation", "programme=vinnova", "archived=1&sort=name"],
}


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


# Formats


def test_csv_is_rfc_4180_utf_8_without_a_bom(client, registry):
    data = body(download(client, "actors", "csv"))

    assert not data.startswith(BOM)
    text = data.decode("utf-8")
    assert text.startswith(",".join(schema.ACTORS.headers) + "\r\n")
    assert text.endswith("\r\n")
    assert '"Innovation för medicinteknik: ""citat"", semikolon; komma, och\nen ny rad."' in text
    assert "Ängens Testbädd" in text


def test_the_excel_variant_starts_with_a_bom_and_uses_semicolons(client, registry):
    data = body(download(client, "actors", "excel-csv"))

    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    assert text.split("\r\n", 1)[0].split(";") == schema.ACTORS.headers
    assert ";Ängens Testbädd;" in text
    # A cell with a semicolon in it is quoted; commas alone need no quotes here.
    assert '"Innovation för medicinteknik: ""citat"", semikolon; komma, och\nen ny rad."' in text


def test_the_xlsx_export_is_a_workbook_of_text_cells(client, registry):
    data = body(download(client, "actors", "xlsx"))

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.value for cell in next(sheet.iter_rows())] == schema.ACTORS.headers
    assert {cell.data_type for cell in cells} <= {"s", "inlineStr"}  # text only
    assert {type(cell.value) for cell in cells} <= {str, type(None)}
    assert "59.347900" in [cell.value for cell in cells]


# Formula neutralising

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]  # and NUL, which PostgreSQL text cannot hold


@pytest.fixture
def formula_actors(stockholm):
    for number, trigger in enumerate(TRIGGERS):
        ActorFactory(slug=f"formel-{number}", description_sv=f"{trigger}SUM(A1)")
    ActorFactory(slug="citerad", description_sv="'=1+1")
    ActorFactory(slug="vanlig", description_sv="a=b -1")


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

    (text,) = [chunk.decode() for chunk in exports.csv_chunks(["a", "b"], rows)]
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["'\0SUM(A1)", "ok"]]
    with exports.xlsx_file(["a", "b"], rows, title="t") as output:
        sheet = openpyxl.load_workbook(output).worksheets[0]
        assert sheet["A2"].value == "'\N{REPLACEMENT CHARACTER}SUM(A1)"
    data = b"".join(exports.json_chunks(["a", "b"], rows))
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
    record = exports.csv_record_writer(delimiter, neutralise=neutralise)

    assert "".join(record(row) for row in rows) == expected.getvalue()


def test_the_csv_export_reads_back_as_the_rows_it_was_given():
    rows = [
        [f"rad {n}", 'citat "x", komma', "rad\r\nbrytning"] for n in range(exports.CHUNK_SIZE + 3)
    ]

    chunks = list(exports.csv_chunks(["a", "b", "c"], iter(rows)))

    assert len(chunks) == 2
    read = list(csv.reader(io.StringIO(b"".join(chunks).decode(), newline="")))
    assert read == [["a", "b", "c"], *rows]


# CSV written by COPY

# Cell texts that test every rule of the CSV: quotes, both delimiters, line breaks, formula
# triggers behind quotes, a quote alone, non-ASCII text, and a cell of a single space.
HARD_TEXTS = [
    'citat "x"',
    "komma, och semikolon;",
    "rad\nbrytning",
    "vagn\rretur",
    "rad\r\nbrytning",
    "=SUM(A1)",
    "-1",
    "@ref",
    "\tflik",
    "'",
    "''=1",
    "'x",
    "Östra Ängsvägen – ÅÄÖ €",
    " ",
    '"',
]


@pytest.fixture
def hard_texts(areas, stockholm):
    owner = ActorFactory(slug="agare", phone="", priority_areas=[])
    for number, text in enumerate(HARD_TEXTS):
        actor = ActorFactory(
            slug=f"svar-{number}",
            name_sv=text.strip() or "Mellanslag",
            name_en=text,
            description_sv=text,
            description_en="",
            phone=text[:30],
            street_address=text,
            latitude="59.000001" if number % 2 else None,
            longitude="18.100000" if number % 2 else None,
            last_reviewed_on=datetime.date(2025, 1, 1 + number) if number % 3 else None,
            priority_areas=list(areas.values())[: number % 5],
        )
        SupportOfferFactory(
            slug=f"svar-stod-{number}",
            actor=actor if number % 2 else owner,
            name_sv=f"Stöd {number}",
            description_sv=text,
            link=f"https://example.se/{number}",
            stages=[] if number % 2 else ["idea", "scaleup"],
            languages=["sv"] if number % 3 else [],
            application="deadline" if number % 2 else "rolling",
            deadline=datetime.date(2026, 3, 1 + number) if number % 2 else None,
            priority_areas=list(areas.values())[: (number + 1) % 5],
        )


@pytest.mark.parametrize("query", ["archived=1", "q=innovation", "sort=-created"])
@pytest.mark.parametrize("excel", [False, True])
@pytest.mark.parametrize("list_name", ["actors", "offers"])
def test_the_copied_csv_is_byte_for_byte_the_csv_python_writes(
    registry, hard_texts, formula_actors, settings, list_name, excel, query
):
    settings.SITE_URL = "https://innovation.example.se"
    export_list = {"actors": exports.ACTOR_EXPORT, "offers": exports.OFFER_EXPORT}[list_name]
    delimiter = ";" if excel else ","
    queryset = exports.export_queryset(export_list, QueryDict(query))
    written = exports.csv_chunks(
        export_list.schema.headers,
        exports.export_rows(export_list, queryset),
        delimiter=delimiter,
        bom=excel,
    )

    copied = exports.copied_csv_chunks(export_list, queryset, delimiter=delimiter, bom=excel)

    python_text = b"".join(written)
    assert python_text.count(b"\r\n") > 10
    assert b"".join(copied) == python_text


def test_lists_with_cells_computed_only_in_python_are_not_copied(registry):
    queryset = exports.export_queryset(exports.PROJECT_EXPORT, QueryDict("archived=1"))

    assert exports.copied_csv_chunks(exports.PROJECT_EXPORT, queryset) is None
    assert None in [column.expression for column in schema.PROJECTS.columns]


# Outside a transaction, as a download runs; serialized_rollback as every transactional test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_copied_download_left_halfway_leaves_the_connection_usable(stockholm, monkeypatch):
    for number in range(10):
        ActorFactory(slug=f"fler-{number}")
    monkeypatch.setattr(exports, "CHUNK_SIZE", 1)
    queryset = exports.export_queryset(exports.ACTOR_EXPORT, QueryDict(""))
    chunks = exports.copied_csv_chunks(exports.ACTOR_EXPORT, queryset)

    first = next(chunks)
    in_use = connection.connection
    chunks.close()  # the visitor went away: the rest of the COPY is cancelled

    assert first.startswith(b"slug,status,")
    assert first.count(b"\r\n") == 2  # the header and one row
    assert connection.connection is in_use
    assert in_use.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert Actor.objects.filter(slug="fler-9").exists()


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


# Streaming


@pytest.mark.parametrize("fmt", ["csv", "excel-csv", "json"])
def test_the_export_streams_in_chunks(client, registry, monkeypatch, fmt):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)

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
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)

    response = download(client, "projects", "csv", "archived=1")
    with CaptureQueriesContext(connection) as queries:
        rows = records("csv", b"".join(response.streaming_content))

    assert len(rows) == 4
    partner_reads = [q for q in queries.captured_queries if "actors_participation" in q["sql"]]
    assert len(partner_reads) == 2  # the partners of each chunk of two projects


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


# The links on the list pages


def export_links(page: str) -> dict[str, str]:
    """``{link text: href}`` of the list page's download links."""
    found = _EXPORTS_RE.search(page)
    if found is None:
        return {}
    return {
        html.unescape(text).strip(): html.unescape(href)
        for href, text in _HREF_RE.findall(found[0])
    }


@pytest.mark.parametrize("list_name", LISTS)
def test_the_list_page_links_to_every_export_of_its_current_result(client, registry, list_name):
    query = "q=innovation&kind=bogus&archived=1&sort=name&page=1&per_page=10"
    page = client.get(with_query(path(LISTS[list_name][0]), query)).content.decode()

    links = export_links(page)

    assert list(links) == ["CSV", "CSV för Excel", "Excel (XLSX)", "JSON"]
    for fmt, href in zip(FORMATS, links.values(), strict=True):
        parts = urlsplit(href)
        assert parts.path == path(LISTS[list_name][1], fmt=fmt)
        assert parse_qs(parts.query) == {"q": ["innovation"], "archived": ["1"], "sort": ["name"]}
    assert 'aria-describedby="exports-heading result-count"' in page
    csv_link = links["CSV"]
    assert [r["slug"] for r in records("csv", body(client.get(csv_link)))] == page_slugs(
        client, list_name, query.replace("&page=1&per_page=10", "")
    )


def test_the_links_keep_several_facet_values_and_follow_the_language(client, registry):
    page = client.get("/en/actors/?kind=incubator&kind=test_bed&page=2").content.decode()

    href = export_links(page)["JSON"]

    assert urlsplit(href).path == "/en/actors/export/json/"
    assert parse_qs(urlsplit(href).query) == {"kind": ["incubator", "test_bed"]}


def test_an_empty_result_shows_no_download_links(client, registry):
    page = client.get(path("registry:actor_list") + "?q=zzzyxq").content.decode()

    assert export_links(page) == {}
    assert export_links(client.get(path("registry:actor_list")).content.decode())


# Round trip through the admin's import


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("list_name", "resource_class"),
    [("actors", ActorResource), ("offers", SupportOfferResource), ("projects", ProjectResource)],
)
def test_an_exported_file_imports_back_through_the_admin_import_unchanged(
    client, registry, publisher, list_name, resource_class, fmt
):
    _list, _export, entry_schema, model = LISTS[list_name]

    def snapshot():
        entries = entry_schema.optimise(model.objects.order_by("pk"))
        return [entry_schema.render_row(e) for e in entries], sum(
            e.history.count() for e in model.objects.all()
        )

    before = snapshot()
    data = body(download(client, list_name, fmt, "archived=1"))
    import_format = {"csv": CSVFormat, "excel-csv": CSVFormat, "xlsx": XLSXFormat}.get(
        fmt, JSONFormat
    )()
    dataset = import_format.create_dataset(data)

    result = resource_class(user=publisher).import_data(dataset, dry_run=False, user=publisher)

    assert not result.has_errors()
    assert not result.has_validation_errors(), result.invalid_rows
    assert result.totals["skip"] == len(PUBLISHED[list_name] | ARCHIVED[list_name])
    assert result.totals["new"] == result.totals["update"] == 0
    assert snapshot() == before
