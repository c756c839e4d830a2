"""Public exports of the lists: exactly a list's current result, every row, streamed.

An export reads the same query string as its list page through the same FilterSet,
so it holds the same entries in the same order (search, facets, the archive switch
and the sort), only all of them rather than one page. Drafts are never exported;
archived entries only with ``archived=1``.

The columns are those of ``registry.schema``, so a partner's edited export imports back
through the admin. The CSV of actors and offers is written by PostgreSQL's ``COPY`` of
the list's query, each cell computed by the database from the schema's expression for
its column (``copied_csv_chunks``); every other export reads its rows ``CHUNK_SIZE`` at a
time with a server-side cursor and renders them in Python. Rows are written out as they
come, so memory stays the same whatever the number of rows: CSV and JSON are streamed as
they are written; an XLSX workbook (a zip file, complete only at the end) is written to a
temporary file first, then streamed from it.

In CSV and XLSX a cell that a spreadsheet would run as a formula gets a leading quote
(``registry.spreadsheet.neutralise_formula``); JSON keeps the exact text.
"""

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.conf import settings
from django.db import connections
from django.db.models import F, Func, Prefetch, QuerySet, TextField, Value
from django.db.models.functions import Cast, Concat
from django.http import FileResponse, Http404, QueryDict, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from psycopg import ClientCursor

from registry import schema as registry_schema
from registry.filters import (
    ActorFilterSet,
    OfferFilterSet,
    ProjectFilterSet,
    RegistryFilterSet,
)
from registry.models import Actor, Project, SupportOffer
from registry.schema import SEPARATOR, Schema
from registry.selectors import list_matches, public_participations
from registry.spreadsheet import FORMULA_TRIGGERS, UTF8_BOM, neutralise_formula

# Rows read per database round trip; a streamed chunk holds at most as many rows, and is
# sent sooner when its text reaches CHUNK_CHARACTERS.
CHUNK_SIZE = 2000
CHUNK_CHARACTERS = 256 * 1024
# An XLSX workbook is kept in memory up to this size while it is written, then on disk.
XLSX_SPOOL_BYTES = 4 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Parameters of the list page that do not change which rows its result holds.
PAGING_PARAMS = ("page", "per_page")


@dataclass(frozen=True)
class ExportFormat:
    name: str  # as in the URL
    extension: str
    content_type: str


FORMATS = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("csv", "csv", "text/csv; charset=utf-8"),
        ExportFormat("excel-csv", "csv", "text/csv; charset=utf-8"),
        ExportFormat("xlsx", "xlsx", XLSX_CONTENT_TYPE),
        ExportFormat("json", "json", "application/json"),
    )
}


# Columns that no export cell reads; leaving them out spares reading and converting them.
_UNREAD = (
    "created_at",
    "updated_at",
    "name_sort_sv",
    "name_sort_en",
    "search_sv",
    "search_en",
    "logo",
    "logo_thumbnail",
)


def _unread(model, *, prefix: str = "", read: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The fields of ``model`` to defer: those in ``_UNREAD``, or all but ``read`` if given."""
    names = [field.name for field in model._meta.concrete_fields]
    if read:
        return tuple(f"{prefix}{name}" for name in names if name not in ("id", *read))
    return tuple(f"{prefix}{name}" for name in names if name in _UNREAD)


@dataclass(frozen=True)
class ExportList:
    """One public list as an export: its rows, joins and columns."""

    file_name: Promise  # the first part of the file name, in the visitor's language
    schema: Schema
    filterset_class: type[RegistryFilterSet]
    model: type
    detail_route: str
    deferred: tuple[str, ...] = ()
    prefetch_related: tuple[Any, ...] = ()

    def optimise(self, queryset: QuerySet) -> QuerySet:
        """The schema's joins, with a project's partners limited to those the public may see.

        Priority areas are not joined: the entry's ``area_numbers`` name them.
        """
        queryset = self.schema.optimise(queryset).prefetch_related(None)
        return queryset.defer(*self.deferred).prefetch_related(*self.prefetch_related)


ACTOR_EXPORT = ExportList(
    file_name=pgettext_lazy("file name of an export", "actors"),
    schema=registry_schema.ACTORS,
    filterset_class=ActorFilterSet,
    model=Actor,
    detail_route="registry:actor_detail",
    deferred=_unread(Actor),
)
OFFER_EXPORT = ExportList(
    file_name=pgettext_lazy("file name of an export", "support-offers"),
    schema=registry_schema.OFFERS,
    filterset_class=OfferFilterSet,
    model=SupportOffer,
    detail_route="registry:offer_detail",
    # The offer's actor gives its slug and name only.
    deferred=_unread(SupportOffer) + _unread(Actor, prefix="actor__", read=("slug", "name_sv")),
)
PROJECT_EXPORT = ExportList(
    file_name=pgettext_lazy("file name of an export", "projects"),
    schema=registry_schema.PROJECTS,
    filterset_class=ProjectFilterSet,
    model=Project,
    detail_route="registry:project_detail",
    deferred=_unread(Project),
    prefetch_related=(Prefetch("participations", queryset=public_participations()),),
)


# The rows


def export_queryset(export_list: ExportList, data: QueryDict) -> QuerySet:
    """Every entry of the list page's result for ``data``, in the list page's order."""
    found = list_matches(export_list.filterset_class(data), export_list.model.objects)
    return export_list.optimise(found.matches).order_by(*found.order)


def _address_template(export_list: ExportList) -> tuple[str, str]:
    """What comes before and after the slug in an entry's public address, in Swedish."""
    marker = "0slug0"
    with translation.override("sv"):
        address = settings.SITE_URL + reverse(export_list.detail_route, kwargs={"slug": marker})
    before, after = address.split(marker)
    return before, after


def _area_slugs() -> dict[int, str]:
    """The priority areas' slugs by number, read once per export for every row."""
    from spetsomraden.models import PriorityArea

    return dict(PriorityArea.objects.values_list("number", "slug"))


def _renderers(export_list: ExportList) -> list[Callable[[Any], str]]:
    """A function per column giving the cell's exact text, as ``Schema.render_row`` does.

    Two columns are worked out once per export rather than once per row: the priority
    areas from the entry's ``area_numbers`` (no join), and the public URL from a template
    of the detail page's address.
    """
    slugs = _area_slugs()

    def areas(entry) -> str:
        return SEPARATOR.join(slugs[n] for n in sorted(entry.area_numbers) if n in slugs)

    before, after = _address_template(export_list)

    def url(entry) -> str:
        return f"{before}{entry.slug}{after}"

    special = {registry_schema.AREAS.name: areas, registry_schema.URL.name: url}
    return [special.get(column.name, column.render) for column in export_list.schema.columns]


class AreaSlugs(Func):
    """The slugs of the priority areas an entry's ``area_numbers`` names, in the order of
    their numbers, joined with ``SEPARATOR``: ``slugs`` maps each area's number to its slug.

    An expression of the row alone, without a subquery, since ``CSVCell`` repeats it.
    """

    output_field = TextField()

    def __init__(self, numbers, slugs: dict[int, str]):
        super().__init__(numbers)
        self.slugs = sorted(slugs.items())

    def as_sql(self, compiler, connection, **extra_context):
        numbers, params = compiler.compile(self.source_expressions[0])
        if not self.slugs:
            return "''", ()
        cases = ", ".join(f"CASE WHEN %s = ANY({numbers}) THEN %s END" for _ in self.slugs)
        values = [value for number, slug in self.slugs for value in (number, *params, slug)]
        return f"concat_ws(%s, {cases})", (SEPARATOR, *values)


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


def _cell_expressions(export_list: ExportList) -> list | None:
    """Each column's text as a database expression, or None if a column has none.

    The priority areas and the public URL are worked out as ``_renderers`` does them.
    """
    computed = (registry_schema.AREAS.name, registry_schema.URL.name)
    columns = export_list.schema.columns
    if any(c.expression is None for c in columns if c.name not in computed):
        return None
    before, after = _address_template(export_list)
    special = {
        registry_schema.AREAS.name: AreaSlugs(F("area_numbers"), _area_slugs()),
        registry_schema.URL.name: Concat(
            Value(before), F("slug"), Value(after), output_field=TextField()
        ),
    }
    return [special.get(column.name, column.expression) for column in columns]


def copied_csv_chunks(
    export_list: ExportList, queryset: QuerySet, *, delimiter: str = ",", bom: bool = False
) -> Iterator[bytes] | None:
    """The CSV of ``csv_chunks``, byte for byte, written by PostgreSQL's ``COPY`` of the
    export's own query; None when a column is rendered only in Python.

    The database computes each cell's text (``Column.expression``) and quotes it; Python
    only turns each record's LF into CRLF. libpq hands over a ``COPY`` one whole row at a
    time, so each block read is one record, with its own line breaks quoted inside it.
    """
    expressions = _cell_expressions(export_list)
    if expressions is None:
        return None
    cells = {f"export_cell_{index}": CSVCell(e) for index, e in enumerate(expressions)}
    values = queryset.annotate(**cells).values_list(*cells)
    # Compiled now, so that a problem with the request is an error page, not a broken file.
    sql, params = values.query.get_compiler(using=values.db).as_sql()
    header = csv_record_writer(delimiter)(export_list.schema.headers).encode("utf-8")
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
            if len(parts) >= 2 * CHUNK_SIZE or size >= CHUNK_CHARACTERS:
                yield b"".join(parts)
                parts = []
                size = 0
    if parts:
        yield b"".join(parts)


class ReadEntry:
    """An entry as an export reads it, without a model instance: the fields the export
    reads as attributes, ``pk``, and each joined entry (or None) under its relation's name.
    """

    def __repr__(self) -> str:
        return f"<ReadEntry {getattr(self, 'pk', None)!r}>"


def _read_fields(model, deferred: frozenset[str], prefix: str = "") -> list[tuple[str, str]]:
    """The lookup and attribute name of each field of ``model`` that the export reads."""
    return [
        (prefix + field.attname, field.attname)
        for field in model._meta.concrete_fields
        if prefix + field.name not in deferred
    ]


def entry_reader(export_list: ExportList) -> tuple[list[str], Callable[[tuple], ReadEntry]]:
    """The ``values_list`` lookups of an export's rows, and a function giving the entry of
    one row of them, with its joined entries as ``select_related`` would give them.

    Reading plain values costs a third of the time of building model instances, which the
    renderers do not need: they read attributes. Exports with prefetched relations (a
    project's partners) read model instances instead.
    """
    deferred = frozenset(export_list.deferred)
    own = _read_fields(export_list.model, deferred)
    lookups = [lookup for lookup, _ in own]
    own_names = [name for _, name in own]
    pk_name = export_list.model._meta.pk.attname
    joined = []
    for relation in export_list.schema.select_related:
        related = export_list.model._meta.get_field(relation).related_model
        fields = _read_fields(related, deferred, prefix=f"{relation}__")
        names = [name for _, name in fields]
        start = len(lookups)
        lookups += [lookup for lookup, _ in fields]
        pk_at = start + names.index(related._meta.pk.attname)
        joined.append((relation, names, start, len(lookups), pk_at, related._meta.pk.attname))

    def entry(values: tuple) -> ReadEntry:
        read = ReadEntry()
        attributes = read.__dict__
        attributes.update(zip(own_names, values, strict=False))  # the entry's own fields
        attributes["pk"] = attributes[pk_name]
        for relation, names, start, end, pk_at, related_pk_name in joined:
            if values[pk_at] is None:
                attributes[relation] = None
                continue
            other = ReadEntry()
            other.__dict__.update(zip(names, values[start:end], strict=True))
            other.pk = other.__dict__[related_pk_name]
            attributes[relation] = other
        return read

    return lookups, entry


def export_rows(export_list: ExportList, queryset: QuerySet) -> Iterator[list[str]]:
    """The exact cell texts of every entry, read ``CHUNK_SIZE`` rows at a time.

    The columns are prepared now; the rows are read as the result is iterated.
    """
    renderers = _renderers(export_list)
    if export_list.prefetch_related:
        entries = queryset.iterator(chunk_size=CHUNK_SIZE)
    else:
        lookups, entry = entry_reader(export_list)
        values = queryset.values_list(*lookups).iterator(chunk_size=CHUNK_SIZE)
        entries = map(entry, values)
    return ([render(entry) for render in renderers] for entry in entries)


# The formats


# The first characters of the cells that ``neutralise_formula`` may change; others pass as
# they are without the call.
_SUSPECT = frozenset((*FORMULA_TRIGGERS, "'"))


def csv_record_writer(
    delimiter: str = ",", *, neutralise: bool = False
) -> Callable[[list[str]], str]:
    """A function giving one RFC 4180 record, CRLF included, for a row of text cells.

    The same text as ``csv.writer(delimiter=delimiter, lineterminator="\\r\\n")`` with its
    minimal quoting (a cell is quoted when it holds the delimiter, a quote, CR or LF; a
    row of one empty cell is ``""``), of the cells passed through ``neutralise_formula``
    first if ``neutralise``, at about three times the module's speed: the module looks at
    every character of a cell twice, where one regular-expression search per cell finds
    the rare cell that needs a quote added or quotes around it. Kept equal to the module
    by ``tests/registry/test_exports.py``.
    """
    specials = f'[{re.escape(delimiter)}"\r\n]'
    needs_quotes = re.compile(specials).search
    if neutralise:
        # A cell that may start a formula, or holds a character that needs quotes.
        triggers = re.escape("".join(_SUSPECT))
        needs_work = re.compile(f"^[{triggers}]|{specials}").search
    else:
        needs_work = needs_quotes

    def worked(cell: str) -> str:
        if neutralise:
            cell = neutralise_formula(cell)
        return '"' + cell.replace('"', '""') + '"' if needs_quotes(cell) else cell

    def record(row: list[str]) -> str:
        if len(row) == 1 and not row[0]:
            return '""\r\n'
        return delimiter.join([worked(cell) if needs_work(cell) else cell for cell in row]) + "\r\n"

    return record


def csv_chunks(
    headers: list[str], rows: Iterable[list[str]], *, delimiter: str = ",", bom: bool = False
) -> Iterator[bytes]:
    """RFC 4180 CSV in UTF-8, formulas neutralised, in chunks of whole rows."""
    parts = [csv_record_writer(delimiter)(headers)]
    record = csv_record_writer(delimiter, neutralise=True)
    size = len(parts[0])
    prefix = UTF8_BOM if bom else b""
    for row in rows:
        line = record(row)
        parts.append(line)
        size += len(line)
        if len(parts) >= CHUNK_SIZE or size >= CHUNK_CHARACTERS:
            yield prefix + "".join(parts).encode("utf-8")
            prefix = b""
            parts = []
            size = 0
    if parts:  # the rows after the last full chunk, or the header of an empty result
        yield prefix + "".join(parts).encode("utf-8")


def json_chunks(headers: list[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """A JSON array of objects keyed by the headers, with the exact text, in chunks."""
    encode = json.encoder.encode_basestring  # a JSON string, non-ASCII kept as it is
    keys = [encode(header) + ": " for header in headers]
    parts = ["["]
    size = 0
    separator = "\n"
    for row in rows:
        pairs = ", ".join([key + encode(cell) for key, cell in zip(keys, row, strict=True)])
        record = f"{separator}{{{pairs}}}"
        parts.append(record)
        size += len(record)
        separator = ",\n"
        if len(parts) >= CHUNK_SIZE or size >= CHUNK_CHARACTERS:
            yield "".join(parts).encode("utf-8")
            parts = []
            size = 0
    parts.append("\n]\n" if separator != "\n" else "]\n")
    yield "".join(parts).encode("utf-8")


def _xlsx_text(cell: str) -> str:
    # Control characters other than tab, CR and LF cannot be stored in a workbook at all.
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", neutralise_formula(cell))


def xlsx_file(headers: list[str], rows: Iterable[list[str]], *, title: str):
    """A workbook of text cells written row by row, in a temporary file open at its start."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_text(cell) for cell in row])
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    try:
        book.save(output)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return output


# The response


def file_name(export_list: ExportList, fmt: ExportFormat) -> str:
    """``aktorer-2026-11-29.csv`` in Swedish, ``actors-2026-11-29.csv`` in English."""
    return (
        f"{slugify(str(export_list.file_name))}-{timezone.localdate().isoformat()}.{fmt.extension}"
    )


def export_response(export_list: ExportList, fmt_name: str, data: QueryDict):
    """The download of the list's result for ``data`` in format ``fmt_name`` (404 if unknown)."""
    fmt = FORMATS.get(fmt_name)
    if fmt is None:
        raise Http404(_("There is no export in this format."))
    # Built here, before the response: the search's stems and the areas are looked up now,
    # so a problem with the request is an error page and not a broken download.
    queryset = export_queryset(export_list, data)
    headers = export_list.schema.headers
    name = file_name(export_list, fmt)
    if fmt.name == "xlsx":
        title = slugify(str(export_list.file_name))
        return FileResponse(
            xlsx_file(headers, export_rows(export_list, queryset), title=title),
            as_attachment=True,
            filename=name,
            content_type=fmt.content_type,
        )
    if fmt.name == "json":
        content = json_chunks(headers, export_rows(export_list, queryset))
    else:
        excel = fmt.name == "excel-csv"
        delimiter = ";" if excel else ","
        content = copied_csv_chunks(export_list, queryset, delimiter=delimiter, bom=excel)
        if content is None:
            rows = export_rows(export_list, queryset)
            content = csv_chunks(headers, rows, delimiter=delimiter, bom=excel)
    response = StreamingHttpResponse(content, content_type=fmt.content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def export_query(listing) -> str:
    """The list page's query string as its export links carry it: sanitised, without paging.

    Facet values the list ignores are left out; the archive switch is written ``archived=1``.
    """
    filterset = listing.filterset
    cleaned = filterset.cleaned
    query = QueryDict(mutable=True)
    for name, values in (filterset.data or QueryDict()).lists():
        if name in PAGING_PARAMS:
            continue
        if name == "q":
            if cleaned["q"]:
                query["q"] = cleaned["q"]
        elif name == "archived":
            if cleaned["archived"]:
                query["archived"] = "1"
        elif name in cleaned:
            if cleaned[name]:
                query.setlist(name, cleaned[name])
        else:
            query.setlist(name, values)
    return query.urlencode()
