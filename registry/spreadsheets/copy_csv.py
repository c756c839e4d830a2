"""The CSV export written by PostgreSQL's ``COPY`` of the list's own query.

Speed only: the file is the one ``formats.csv_chunks`` writes, byte for byte
(``tests/registry/spreadsheets/test_copy_csv.py``), at 0.86–0.99 of the rate of a bare
``COPY`` of the same rows, where the Python writer ran at 0.23–0.28 of it (0.78 s for
89,996 actors; docs/performance.md, "Exports"). Each cell
is its column's database expression (``cells.Cell.expression``), with formulas
neutralised by ``CSVCell`` as ``formats.neutralise_formula`` does.
"""

from collections.abc import Iterator

from django.db import connections
from django.db.models import Func, QuerySet, TextField
from django.db.models.functions import Cast
from psycopg import ClientCursor

from registry.spreadsheets import formats
from registry.spreadsheets.cells import Cell
from registry.spreadsheets.formats import FORMULA_TRIGGERS, UTF8_BOM, csv_record_writer


class CSVCell(Func):
    """A cell's text as the CSV export writes it, computed by the database.

    Formulas are neutralised as ``neutralise_formula`` does (text cannot hold NUL), and
    empty text is NULL, which ``COPY`` writes as nothing, as the csv module writes an
    empty cell; ``COPY`` quotes the rest exactly as the module does.
    """

    output_field = TextField()
    # The characters that start a formula, in SQL; text cannot hold NUL.
    _TRIGGERS = ", ".join(f"chr({ord(char)})" for char in FORMULA_TRIGGERS if char != "\0")
    # The cell's text, compiled once, stands at each {text}; its parameters are repeated.
    # A cell is neutralised if it starts with a trigger, or with quotes and then a trigger.
    _TEMPLATE = (
        "CASE WHEN {text} = '' THEN NULL"
        f" WHEN left({{text}}, 1) IN ({_TRIGGERS}) OR (left({{text}}, 1) = ''''"
        f" AND left(ltrim({{text}}, ''''), 1) IN ({_TRIGGERS})) THEN '''' || {{text}}"
        " ELSE {text} END"
    )

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(Cast(self.source_expressions[0], TextField()))
        uses = self._TEMPLATE.count("{text}")
        return self._TEMPLATE.replace("{text}", f"({sql})"), tuple(params) * uses


def copied_csv(
    cells: list[Cell], headers: list[str], queryset: QuerySet, *, delimiter: str, bom: bool
) -> Iterator[bytes] | None:
    """The CSV of ``csv_chunks`` for ``cells`` of ``queryset``'s rows, written by
    ``COPY``; None when a cell is rendered only in Python.

    The database computes each cell's text and quotes it; Python only turns each record's
    LF into CRLF. libpq hands over a ``COPY`` one whole row at a time, so each block read
    is one record, with its own line breaks quoted inside it.
    """
    if any(cell.expression is None for cell in cells):
        return None
    annotations = {f"export_cell_{index}": CSVCell(c.expression) for index, c in enumerate(cells)}
    values = queryset.annotate(**annotations).values_list(*annotations)
    # Compiled now, so that a problem with the request is an error page, not a broken file.
    sql, params = values.query.get_compiler(using=values.db).as_sql()
    header = csv_record_writer(delimiter)(headers).encode("utf-8")
    return _copied_records(
        connections[values.db],
        f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')",
        params,
        (UTF8_BOM if bom else b"") + header,
    )


def _copied_records(connection, statement: str, params, first: bytes) -> Iterator[bytes]:
    connection.ensure_connection()
    # Bound here, so that Django's cursor runs (and, when debugging, logs) the whole text.
    with ClientCursor(connection.connection) as binder:
        statement = binder.mogrify(statement, params)
    parts = [first]
    size = len(first)
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            record = bytes(block)
            if not record.endswith(b"\n"):  # pragma: no cover - libpq hands over whole rows
                raise RuntimeError("COPY sent a block that is not one whole row.")
            parts.append(record[:-1])
            parts.append(b"\r\n")
            size += len(record) + 1
            if len(parts) >= 2 * formats.CHUNK_SIZE or size >= formats.CHUNK_CHARACTERS:
                yield b"".join(parts)
                parts = []
                size = 0
    if parts:
        yield b"".join(parts)
