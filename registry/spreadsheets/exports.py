"""Public exports of the lists: exactly a list's current result, every row, streamed.

An export reads the same query string as its list page through the same FilterSet,
so it holds the same entries in the same order (search, facets, the archive switch
and the sort), only all of them rather than one page. Drafts are never exported;
archived entries only with ``archived=1``.

The columns are those of ``columns``, so a partner's edited export imports back
through the admin. The CSV of actors and offers is written by PostgreSQL's ``COPY`` of
the list's query, each cell computed by the database from its column's cell
(``copy_csv``); every other export reads its rows ``formats.CHUNK_SIZE`` at a time with a
server-side cursor and renders them in Python. Rows are written out as they come, so
memory stays the same whatever the number of rows: CSV and JSON are streamed as they are
written; an XLSX workbook (a zip file, complete only at the end) is written to a
temporary file first, then streamed from it.

In CSV and XLSX a cell that a spreadsheet would run as a formula gets a leading quote
(``formats.neutralise_formula``); JSON keeps the exact text. The staff's export in the
admin writes the same columns through the same writers (``admin``).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.filters import (
    ActorFilterSet,
    OfferFilterSet,
    ProjectFilterSet,
    RegistryFilterSet,
)
from registry.models import Actor, Project, SupportOffer
from registry.selectors import list_matches, public_participations
from registry.spreadsheets import columns, formats
from registry.spreadsheets.cells import Cell
from registry.spreadsheets.columns import Schema
from registry.spreadsheets.copy_csv import copied_csv
from registry.spreadsheets.formats import XLSX_CONTENT_TYPE, csv_chunks, json_chunks, xlsx_file

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
    schema=columns.ACTORS,
    filterset_class=ActorFilterSet,
    model=Actor,
    detail_route="registry:actor_detail",
    deferred=_unread(Actor),
)
OFFER_EXPORT = ExportList(
    file_name=pgettext_lazy("file name of an export", "support-offers"),
    schema=columns.OFFERS,
    filterset_class=OfferFilterSet,
    model=SupportOffer,
    detail_route="registry:offer_detail",
    # The offer's actor gives its slug and name only.
    deferred=_unread(SupportOffer) + _unread(Actor, prefix="actor__", read=("slug", "name_sv")),
)
PROJECT_EXPORT = ExportList(
    file_name=pgettext_lazy("file name of an export", "projects"),
    schema=columns.PROJECTS,
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


def export_cells(export_list: ExportList) -> list[Cell]:
    """Each column's cell as the export renders it, worked out once for all its rows."""
    return [
        column.render.for_export(detail_route=export_list.detail_route)
        for column in export_list.schema.columns
    ]


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


def copied_csv_chunks(
    export_list: ExportList,
    queryset: QuerySet,
    *,
    delimiter: str = ",",
    bom: bool = False,
    cells: list[Cell] | None = None,
) -> Iterator[bytes] | None:
    """The CSV of ``csv_chunks`` written by ``COPY`` (``copy_csv``); None when a column is
    rendered only in Python."""
    cells = export_cells(export_list) if cells is None else cells
    headers = export_list.schema.headers
    return copied_csv(cells, headers, queryset, delimiter=delimiter, bom=bom)


def export_rows(
    export_list: ExportList, queryset: QuerySet, cells: list[Cell] | None = None
) -> Iterator[list[str]]:
    """The exact cell texts of every entry, read ``formats.CHUNK_SIZE`` rows at a time.

    The columns are prepared now; the rows are read as the result is iterated.
    """
    cells = export_cells(export_list) if cells is None else cells
    renderers = [cell.text for cell in cells]
    if export_list.prefetch_related:
        entries = queryset.iterator(chunk_size=formats.CHUNK_SIZE)
    else:
        lookups, entry = entry_reader(export_list)
        values = queryset.values_list(*lookups).iterator(chunk_size=formats.CHUNK_SIZE)
        entries = map(entry, values)
    return ([render(entry) for render in renderers] for entry in entries)


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
    cells = export_cells(export_list)
    headers = export_list.schema.headers
    name = file_name(export_list, fmt)
    if fmt.name == "xlsx":
        title = slugify(str(export_list.file_name))
        return FileResponse(
            xlsx_file(headers, export_rows(export_list, queryset, cells), title=title),
            as_attachment=True,
            filename=name,
            content_type=fmt.content_type,
        )
    if fmt.name == "json":
        content = json_chunks(headers, export_rows(export_list, queryset, cells))
    else:
        excel = fmt.name == "excel-csv"
        delimiter = ";" if excel else ","
        content = copied_csv(cells, headers, queryset, delimiter=delimiter, bom=excel)
        if content is None:
            rows = export_rows(export_list, queryset, cells)
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
