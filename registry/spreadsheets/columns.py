"""The column schema of the registry's spreadsheets: one definition for every export and import.

The public exports (CSV, XLSX, JSON), the admin's import and export, and
``docs/data-schema.md`` (held to these columns by ``tests/registry/spreadsheets``) all
use these columns, in this order, rendered the same way (``cells``), so a file exported
from the portal imports back unchanged.

Every cell is text. Multi-valued cells join their values with ``|`` (no spaces);
dates are ISO 8601 (``2024-01-31``); decimals use a full stop. Columns marked
``importable=False`` are written on export and ignored on import.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models
from django.db.models import F, Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from registry.choices import (
    ActorKind,
    Application,
    Cost,
    Currency,
    FundingProgramme,
    HelixSector,
    OfferKind,
    OfferLanguage,
    ParticipationRole,
    ProjectPhase,
    Stage,
    Status,
)
from registry.models import Participation
from registry.spreadsheets.cells import (
    AreasCell,
    Cell,
    URLCell,
    codes_cell,
    date_cell,
    decimal_cell,
    participants_cell,
    related_cell,
    text_cell,
)


class ColumnType(StrEnum):
    TEXT = "text"
    SLUG = "slug"
    CODE = "code"  # one value of ``choices``
    CODES = "codes"  # values of ``choices`` joined with SEPARATOR
    DATE = "date"
    DECIMAL = "decimal"
    URL = "url"
    EMAIL = "email"
    ORGANISATION_NUMBER = "organisation_number"
    MUNICIPALITY_CODE = "municipality_code"
    MUNICIPALITY_NAME = "municipality_name"
    PRIORITY_AREAS = "priority_areas"  # area slugs joined with SEPARATOR
    ACTOR = "actor"  # an actor's slug
    PARTICIPANTS = "participants"  # actor slugs or "Name (CC)" joined with SEPARATOR


@dataclass(frozen=True)
class Column:
    """One spreadsheet column.

    ``render`` turns an entry into the cell's text. ``attribute`` is the model field an
    import writes (None for columns resolved against the database or not imported).
    """

    name: str
    type: ColumnType
    meaning: Promise
    render: Cell
    attribute: str | None = None
    choices: type[models.TextChoices] | None = None
    importable: bool = True
    required: bool = False  # the column must be present in an imported file

    @property
    def expression(self):
        """The database expression of the cell's text (NULL for an empty cell), or None if
        the column is rendered only in Python."""
        return self.render.expression


@dataclass(frozen=True)
class Schema:
    """The columns of one kind of entry, and the joins that rendering them needs."""

    name: str
    columns: tuple[Column, ...]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[Any, ...] = ()
    # Alternatives: at least one column of each group must be present on import.
    required_one_of: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def render_row(self, entry) -> list[str]:
        return [column.render(entry) for column in self.columns]

    def optimise(self, queryset):
        """The queryset with the joins that ``render_row`` reads: a fixed number of queries."""
        return queryset.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )


_CELL_OF_TYPE = {
    ColumnType.DATE: date_cell,
    ColumnType.DECIMAL: decimal_cell,
    ColumnType.CODES: codes_cell,
}


def stored(name: str, type: ColumnType, meaning, **options) -> Column:
    """The column of the model field ``name``, its cell by its type; an importable one is
    written by the import to that field."""
    attribute = name if options.get("importable", True) else None
    cell = _CELL_OF_TYPE.get(type, text_cell)(name)
    return Column(name, type, meaning, cell, attribute=attribute, **options)


def _slug(meaning) -> Column:
    return stored("slug", ColumnType.SLUG, meaning, required=True)


ENTRY_STATUS = stored(
    "status",
    ColumnType.CODE,
    _("Lifecycle: draft, published or archived. Empty on import: a new entry is a draft."),
    choices=Status,
)
NAMES = (
    stored("name_sv", ColumnType.TEXT, _("Name in Swedish."), required=True),
    stored("name_en", ColumnType.TEXT, _("Name in English.")),
)
AREAS = Column(
    "priority_areas",
    ColumnType.PRIORITY_AREAS,
    _("Priority areas by slug (names are accepted on import)."),
    AreasCell(),
)
DESCRIPTIONS = (
    stored("description_sv", ColumnType.TEXT, _("Description in Swedish.")),
    stored("description_en", ColumnType.TEXT, _("Description in English.")),
)
LAST_REVIEWED = stored(
    "last_reviewed_on",
    ColumnType.DATE,
    _("When staff last confirmed the entry. Set only in the admin; ignored on import."),
    importable=False,
)
URL = Column(
    "url",
    ColumnType.URL,
    _("The entry's public page; empty for drafts. Ignored on import."),
    URLCell(),
    importable=False,
)
WEBSITE = stored("website", ColumnType.URL, _("Website."))


def _municipality_code(entry) -> str:
    return entry.municipality_id or ""


def _phase(entry) -> str:
    return entry.phase if entry.start_date else ""


ACTORS = Schema(
    name="actors",
    columns=(
        _slug(
            _(
                "The actor's permanent identifier and address on the site. Empty on import: "
                "the actor is found by organisation number, or the slug is made from name_sv."
            )
        ),
        ENTRY_STATUS,
        *NAMES,
        stored("kind", ColumnType.CODE, _("Kind of actor."), choices=ActorKind, required=True),
        stored(
            "helix_sector",
            ColumnType.CODE,
            _("Helix sector."),
            choices=HelixSector,
            required=True,
        ),
        AREAS,
        Column(
            "municipality_code",
            ColumnType.MUNICIPALITY_CODE,
            _("Official four-digit municipality code, as text (0180 for Stockholm)."),
            Cell(_municipality_code, F("municipality_id")),
        ),
        Column(
            "municipality_name",
            ColumnType.MUNICIPALITY_NAME,
            _("Municipality name; on import used when the code is empty."),
            related_cell("municipality", "name"),
        ),
        stored(
            "organisation_number",
            ColumnType.ORGANISATION_NUMBER,
            _("Swedish organisation number, ten digits without hyphen."),
        ),
        WEBSITE,
        stored("email", ColumnType.EMAIL, _("General e-mail address.")),
        stored("phone", ColumnType.TEXT, _("Switchboard phone number.")),
        stored("street_address", ColumnType.TEXT, _("Street address.")),
        stored("postal_code", ColumnType.TEXT, _("Postal code.")),
        stored("postal_town", ColumnType.TEXT, _("Postal town.")),
        stored(
            "latitude",
            ColumnType.DECIMAL,
            _("Latitude (WGS 84, decimal degrees); give both coordinates or neither."),
        ),
        stored("longitude", ColumnType.DECIMAL, _("Longitude (WGS 84, decimal degrees).")),
        *DESCRIPTIONS,
        LAST_REVIEWED,
        URL,
    ),
    select_related=("municipality",),
    prefetch_related=("priority_areas",),
    required_one_of=(("municipality_code", "municipality_name"),),
)

OFFERS = Schema(
    name="offers",
    columns=(
        _slug(
            _(
                "The offer's permanent identifier and address on the site. Empty on import: "
                "made from name_sv."
            )
        ),
        ENTRY_STATUS,
        Column(
            "actor",
            ColumnType.ACTOR,
            _("The slug of the actor that offers the support."),
            related_cell("actor", "slug"),
            required=True,
        ),
        Column(
            "actor_name",
            ColumnType.TEXT,
            _("The actor's Swedish name, for reading. Ignored on import."),
            related_cell("actor", "name_sv"),
            importable=False,
        ),
        *NAMES,
        stored("kind", ColumnType.CODE, _("Kind of support."), choices=OfferKind, required=True),
        stored("stages", ColumnType.CODES, _("Company stages the offer is for."), choices=Stage),
        stored(
            "cost",
            ColumnType.CODE,
            _("What the support costs the company."),
            choices=Cost,
            required=True,
        ),
        stored(
            "languages",
            ColumnType.CODES,
            _("Languages the support is given in."),
            choices=OfferLanguage,
        ),
        stored(
            "application",
            ColumnType.CODE,
            _("How to apply: any time, or by a deadline."),
            choices=Application,
        ),
        stored(
            "deadline",
            ColumnType.DATE,
            _("Application deadline, for offers applied for by deadline."),
        ),
        AREAS,
        stored("link", ColumnType.URL, _("Where to read more or apply.")),
        *DESCRIPTIONS,
        LAST_REVIEWED,
        URL,
    ),
    select_related=("actor",),
    prefetch_related=("priority_areas",),
)

PROJECTS = Schema(
    name="projects",
    columns=(
        _slug(
            _(
                "The project's permanent identifier and address on the site. Empty on import: "
                "made from name_sv."
            )
        ),
        ENTRY_STATUS,
        *NAMES,
        stored("acronym", ColumnType.TEXT, _("Acronym.")),
        stored(
            "funding_programme",
            ColumnType.CODE,
            _("Funding programme."),
            choices=FundingProgramme,
            required=True,
        ),
        stored("start_date", ColumnType.DATE, _("Start date."), required=True),
        stored("end_date", ColumnType.DATE, _("End date.")),
        Column(
            "phase",
            ColumnType.CODE,
            _("Planned, ongoing or completed on the day of the export. Ignored on import."),
            Cell(_phase),
            choices=ProjectPhase,
            importable=False,
        ),
        stored("budget", ColumnType.DECIMAL, _("Total budget.")),
        stored("currency", ColumnType.CODE, _("Currency of the budget."), choices=Currency),
        AREAS,
        Column(
            "lead_partner",
            ColumnType.PARTICIPANTS,
            _('The lead partner: an actor\'s slug, or "Name (CC)" for one outside the registry.'),
            participants_cell(ParticipationRole.LEAD),
        ),
        Column(
            "partners",
            ColumnType.PARTICIPANTS,
            _('Partners: actors\' slugs, or "Name (CC)" for organisations outside the registry.'),
            participants_cell(ParticipationRole.PARTNER),
        ),
        Column(
            "associated_partners",
            ColumnType.PARTICIPANTS,
            _("Associated partners, written like partners."),
            participants_cell(ParticipationRole.ASSOCIATED),
        ),
        WEBSITE,
        *DESCRIPTIONS,
        LAST_REVIEWED,
        URL,
    ),
    prefetch_related=(
        "priority_areas",
        Prefetch("participations", queryset=Participation.objects.select_related("actor")),
    ),
)

PARTICIPANT_COLUMNS = {
    "lead_partner": ParticipationRole.LEAD,
    "partners": ParticipationRole.PARTNER,
    "associated_partners": ParticipationRole.ASSOCIATED,
}
