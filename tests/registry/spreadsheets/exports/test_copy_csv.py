"""The CSV written by PostgreSQL's COPY is the CSV Python writes."""

import datetime

import psycopg
import pytest
from django.db import connection
from django.http import QueryDict

from registry.models import Actor
from registry.spreadsheets import columns, exports, formats
from tests.factories import (
    ActorFactory,
    SupportOfferFactory,
)

pytestmark = pytest.mark.django_db


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
    written = formats.csv_chunks(
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
    assert None in [column.expression for column in columns.PROJECTS.columns]


# Outside a transaction, as a download runs; serialized_rollback as every transactional test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_copied_download_left_halfway_leaves_the_connection_usable(stockholm, monkeypatch):
    for number in range(10):
        ActorFactory(slug=f"fler-{number}")
    monkeypatch.setattr(formats, "CHUNK_SIZE", 1)
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
