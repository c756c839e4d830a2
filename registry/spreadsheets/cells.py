"""How each cell of the registry's spreadsheets is written: in Python, and where the
database can compute the same text, in SQL.

A ``Cell`` is a column's ``render``: the function that gives an entry's text (saved or
not: an import preview renders entries not yet written) and, for the cells the database
can compute, the expression of the same text, with which the CSV export is written by
PostgreSQL's ``COPY`` (``copy_csv``). ``Cell.for_export`` gives the cell as an export of
a whole list renders it, once for all its rows, in Python and in SQL alike.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import translation

from registry.choices import PUBLIC_STATUSES
from spetsomraden.models import PriorityArea

SEPARATOR = "|"


class Cell:
    """How a column's text is made from an entry (saved or not: an import preview renders
    entries not yet written), and its database ``expression`` (NULL for an empty cell) or
    None if only Python renders it."""

    def __init__(self, text: Callable[[Any], str], expression=None):
        self.text = text
        self.expression = expression

    def __call__(self, entry) -> str:
        return self.text(entry)

    def for_export(self, *, detail_route: str) -> "Cell":
        """The cell as an export of a list renders it: worked out once for all its rows."""
        return self


# The cells of stored fields, by type.


def text_cell(attribute: str) -> Cell:
    def text(entry) -> str:
        value = getattr(entry, attribute, "")
        return "" if value is None else str(value)

    return Cell(text, F(attribute))


def date_cell(attribute: str) -> Cell:
    def text(entry) -> str:
        value = getattr(entry, attribute, None)
        return value.isoformat() if value else ""

    return Cell(
        text, Func(F(attribute), Value("YYYY-MM-DD"), function="to_char", output_field=TextField())
    )


def decimal_cell(attribute: str) -> Cell:
    def text(entry) -> str:
        value = getattr(entry, attribute, None)
        if value is None or value == "":
            return ""
        return format(Decimal(value), "f")

    # numeric's text keeps the column's scale, as the Decimal read from it does.
    return Cell(text, Cast(F(attribute), TextField()))


def codes_cell(attribute: str) -> Cell:
    def text(entry) -> str:
        return SEPARATOR.join(getattr(entry, attribute, None) or [])

    return Cell(
        text,
        Func(F(attribute), Value(SEPARATOR), function="array_to_string", output_field=TextField()),
    )


def related(entry, name: str):
    """The entry's related rows: as prefetched (an import's entry not yet written has
    them only so), else read; none for an entry never saved."""
    prefetched = getattr(entry, "_prefetched_objects_cache", {}).get(name)
    if prefetched is not None:
        return prefetched
    if entry.pk is None:
        return []
    return getattr(entry, name).all()


class AreaSlugs(Func):
    """The slugs of the priority areas an entry's ``area_numbers`` names, in the order of
    their numbers, joined with ``SEPARATOR``: ``slugs`` maps each area's number to its slug.

    An expression of the row alone, without a subquery, since ``copy_csv.CSVCell`` repeats
    it (a subquery per row took 2.1 s instead of 0.9 s, docs/performance.md).
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


class AreasCell(Cell):
    """The areas by slug; an export names them from ``area_numbers``, without a join."""

    def __init__(self):
        super().__init__(self._slugs)

    @staticmethod
    def _slugs(entry) -> str:
        areas = sorted(related(entry, "priority_areas"), key=lambda area: area.number)
        return SEPARATOR.join(area.slug for area in areas)

    def for_export(self, *, detail_route: str) -> Cell:
        slugs = dict(PriorityArea.objects.values_list("number", "slug"))

        def text(entry) -> str:
            return SEPARATOR.join(slugs[n] for n in sorted(entry.area_numbers) if n in slugs)

        return Cell(text, AreaSlugs(F("area_numbers"), slugs))


def public_url(entry) -> str:
    """The entry's absolute public address in Swedish; empty for a draft, which has none."""
    if entry.status not in PUBLIC_STATUSES or not entry.slug:
        return ""
    with translation.override("sv"):
        return settings.SITE_URL + entry.get_absolute_url()


class URLCell(Cell):
    """The public address; an export, whose entries are all public, writes it from the
    detail page's address around the slug."""

    def __init__(self):
        super().__init__(public_url)

    def for_export(self, *, detail_route: str) -> Cell:
        marker = "0slug0"
        with translation.override("sv"):
            address = settings.SITE_URL + reverse(detail_route, kwargs={"slug": marker})
        before, after = address.split(marker)

        def text(entry) -> str:
            return f"{before}{entry.slug}{after}"

        return Cell(text, Concat(Value(before), F("slug"), Value(after), output_field=TextField()))


def participant_label(participation) -> str:
    """A registry actor by slug; an organisation outside the registry as "Name (CC)"."""
    if participation.actor_id:
        return participation.actor.slug
    if participation.country:
        return f"{participation.organisation_name} ({participation.country})"
    return participation.organisation_name


def participants_cell(role: str) -> Cell:
    def text(entry) -> str:
        return SEPARATOR.join(
            participant_label(participation)
            for participation in sorted(related(entry, "participations"), key=lambda p: p.pk or 0)
            if participation.role == role
        )

    return Cell(text)


def related_cell(relation: str, attribute: str) -> Cell:
    """A field of the entry's ``relation`` (an actor, a municipality), empty without one."""

    def text(entry) -> str:
        if not getattr(entry, f"{relation}_id"):
            return ""
        return getattr(getattr(entry, relation), attribute)

    return Cell(text, F(f"{relation}__{attribute}"))
