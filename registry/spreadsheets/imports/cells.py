"""Parsing a row's cells: text, codes in either language, dates, numbers, and the entries
a cell names (priority areas, municipalities, actors), each error in the staff's words."""

import functools
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.models import Actor, Municipality
from registry.spreadsheets.cells import SEPARATOR
from registry.spreadsheets.columns import PARTICIPANT_COLUMNS, ColumnType
from registry.validators import normalise_organisation_number
from spetsomraden.models import PriorityArea

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cell_text(value) -> str:
    """A cell as text, whatever type the file reader produced."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def cell(row, name: str) -> str:
    return cell_text(row.get(name))


def split_values(text: str) -> list[str]:
    values = []
    for item in text.split(SEPARATOR):
        item = item.strip()
        if item and item not in values:
            values.append(item)
    return values


def derived_slug(row) -> str:
    """The slug of a row that gives none: made from its Swedish name."""
    return slugify(cell(row, "name_sv"))[:120]


@functools.cache
def _code_lookup(choices) -> dict[str, str]:
    """Codes and their labels in both languages, case-insensitively, to the code."""
    lookup = {}
    for language in ("en", "sv"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).casefold()] = value
    for value in choices.values:
        lookup[value.casefold()] = value
    return lookup


def parse_code(column, text: str) -> str:
    value = _code_lookup(column.choices).get(text.casefold())
    if value is None:
        raise ValidationError(
            _("“%(value)s” is not one of the codes of this column: %(codes)s.")
            % {"value": text, "codes": ", ".join(column.choices.values)},
            code="invalid_code",
        )
    return value


def parse_date(column, text: str):
    if not text:
        if column.required:
            raise ValidationError(_("This column needs a value."), code="required")
        return None
    candidate = text[:10]
    try:
        if not _ISO_DATE_RE.match(candidate) or text[10:].strip(" T0:"):
            raise ValueError
        return date.fromisoformat(candidate)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a date: write dates as year-month-day, e.g. 2024-01-31.")
            % {"value": text},
            code="invalid_date",
        ) from None


def parse_decimal(text: str):
    if not text:
        return None
    candidate = text.replace(" ", "").replace("\u00a0", "")
    if "," in candidate and "." not in candidate:
        candidate = candidate.replace(",", ".")
    try:
        value = Decimal(candidate)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(
            _("“%(value)s” is not a number: write it with a full stop, e.g. 59.3293.")
            % {"value": text},
            code="invalid_number",
        )
    return value


def parse(column, text: str, model):
    """The value of a cell of ``column`` for the field it writes on ``model``."""
    kind = column.type
    if kind == ColumnType.CODE:
        if not text:
            field = model._meta.get_field(column.attribute)
            if field.has_default():
                return field.get_default()
            raise ValidationError(_("This column needs a value."), code="required")
        return parse_code(column, text)
    if kind == ColumnType.CODES:
        values, problems = [], []
        for item in split_values(text):
            try:
                values.append(parse_code(column, item))
            except ValidationError as problem:
                problems.extend(problem.messages)
        if problems:
            raise ValidationError(problems)
        return list(dict.fromkeys(values))
    if kind == ColumnType.DATE:
        return parse_date(column, text)
    if kind == ColumnType.DECIMAL:
        return parse_decimal(text)
    if kind == ColumnType.ORGANISATION_NUMBER:
        return normalise_organisation_number(text)
    return text


class Lookups:
    """The priority areas, municipalities and actors a file's cells name, each read once."""

    def __init__(self, dataset):
        self._areas = None
        self._municipalities = None
        self._actors = {}
        slugs = set()
        headers = dataset.headers or []
        for column in ("actor", *PARTICIPANT_COLUMNS):
            if column in headers:
                for value in dataset[column]:
                    slugs.update(i for i in split_values(cell_text(value)) if SLUG_RE.match(i))
        if slugs:
            self._actors = {a.slug: a for a in Actor.objects.filter(slug__in=slugs)}

    def areas(self, text: str):
        """The areas a cell names, by slug, name or number, and the problems with it."""
        if self._areas is None:
            self._areas = list(PriorityArea.objects.order_by("number"))
        lookup = {}
        for area in self._areas:
            names = (area.slug, area.name_sv, area.name_en, area.short_name_sv, area.short_name_en)
            for key in names:
                lookup[key.casefold()] = area
            lookup[str(area.number)] = area
        areas, problems = [], []
        for item in split_values(text):
            area = lookup.get(item.casefold())
            if area is None:
                problems.append(
                    gettext("“%(value)s” is not a priority area. Use the slugs: %(slugs)s.")
                    % {"value": item, "slugs": ", ".join(a.slug for a in self._areas)}
                )
            elif area not in areas:
                areas.append(area)
        return areas, problems

    def municipality(self, code: str, name: str):
        """The municipality by code, else by name; raises ValidationError naming the column."""
        if self._municipalities is None:
            self._municipalities = list(Municipality.objects.all())
        if code:
            if code.isdigit() and len(code) < 4:
                code = code.zfill(4)  # a spreadsheet may have read 0180 as the number 180
            for municipality in self._municipalities:
                if municipality.code == code:
                    if name and name.casefold() != municipality.name.casefold():
                        raise ValidationError(
                            {
                                "municipality_name": gettext(
                                    "The code %(code)s is %(name)s, not “%(given)s”."
                                )
                                % {"code": code, "name": municipality.name, "given": name}
                            }
                        )
                    return municipality
            raise ValidationError(
                {
                    "municipality_code": gettext(
                        "“%(value)s” is not the code of a municipality in Stockholm County."
                    )
                    % {"value": code}
                }
            )
        if name:
            for municipality in self._municipalities:
                if municipality.name.casefold() == name.casefold():
                    return municipality
            raise ValidationError(
                {
                    "municipality_name": gettext(
                        "“%(value)s” is not a municipality in Stockholm County."
                    )
                    % {"value": name}
                }
            )
        raise ValidationError(
            {"municipality_code": gettext("Give the municipality's code or name.")}
        )

    def actor(self, slug: str):
        if slug not in self._actors:
            self._actors[slug] = Actor.objects.filter(slug=slug).first()
        return self._actors[slug]
