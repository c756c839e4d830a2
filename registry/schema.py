"""The column schema of the registry's spreadsheets: one definition for every export and import.

The public exports (CSV, XLSX, JSON) and the admin's import and export all use
these columns, in this order, rendered the same way, so a file exported from the
portal imports back unchanged. ``docs/data-schema.md`` documents them for partners.

Every cell is text. Multi-valued cells join their values with ``|`` (no spaces);
dates are ISO 8601 (``2024-01-31``); decimals use a full stop. Columns marked
``importable=False`` are written on export and ignored on import.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Func, Prefetch, TextField, Value
from django.db.models.functions import Cast
from django.utils import translation
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

SEPARATOR = "|"


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
    render: Callable[[Any], str]
    attribute: str | None = None
    choices: type[models.TextChoices] | None = None
    importable: bool = True
    required: bool = False  # the column must be present in an imported file

    @property
    def expression(self):
        """The database expression of the cell's text (NULL for an empty cell), or None if
        the column is rendered only in Python."""
        return getattr(self.render, "expression", None)


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


# Renderers. Each accepts an unsaved entry too (an import preview renders those). Those
# of stored fields also carry the database expression that gives the same text
# (``Column.expression``), with which a CSV export is written by PostgreSQL's COPY.


def _in_sql(render: Callable[[Any], str], expression) -> Callable[[Any], str]:
    render.expression = expression
    return render


def _text(attribute: str) -> Callable[[Any], str]:
    def render(entry) -> str:
        value = getattr(entry, attribute, "")
        return "" if value is None else str(value)

    return _in_sql(render, F(attribute))


def _date(attribute: str) -> Callable[[Any], str]:
    def render(entry) -> str:
        value = getattr(entry, attribute, None)
        return value.isoformat() if value else ""

    return _in_sql(
        render,
        Func(F(attribute), Value("YYYY-MM-DD"), function="to_char", output_field=TextField()),
    )


def _decimal(attribute: str) -> Callable[[Any], str]:
    def render(entry) -> str:
        value = getattr(entry, attribute, None)
        if value is None or value == "":
            return ""
        return format(Decimal(value), "f")

    # numeric's text keeps the column's scale, as the Decimal read from it does.
    return _in_sql(render, Cast(F(attribute), TextField()))


def _codes(attribute: str) -> Callable[[Any], str]:
    def render(entry) -> str:
        return SEPARATOR.join(getattr(entry, attribute, None) or [])

    return _in_sql(
        render,
        Func(F(attribute), Value(SEPARATOR), function="array_to_string", output_field=TextField()),
    )


def _area_slugs(entry) -> str:
    areas = sorted(related(entry, "priority_areas"), key=_number)
    return SEPARATOR.join(area.slug for area in areas)


def related(entry, name: str):
    """The entry's related rows: as prefetched (an import's entry not yet written has
    them only so), else read; none for an entry never saved."""
    prefetched = getattr(entry, "_prefetched_objects_cache", {}).get(name)
    if prefetched is not None:
        return prefetched
    if entry.pk is None:
        return []
    return getattr(entry, name).all()


def _number(area) -> int:
    return area.number


def _municipality_code(entry) -> str:
    return entry.municipality_id or ""


def _municipality_name(entry) -> str:
    return entry.municipality.name if entry.municipality_id else ""


def _actor_slug(entry) -> str:
    return entry.actor.slug if entry.actor_id else ""


def _actor_name(entry) -> str:
    return entry.actor.name_sv if entry.actor_id else ""


_in_sql(_municipality_code, F("municipality_id"))
_in_sql(_municipality_name, F("municipality__name"))
_in_sql(_actor_slug, F("actor__slug"))
_in_sql(_actor_name, F("actor__name_sv"))


def public_url(entry) -> str:
    """The entry's absolute public address in Swedish; empty for a draft, which has none."""
    if entry.status not in (Status.PUBLISHED, Status.ARCHIVED) or not entry.slug:
        return ""
    with translation.override("sv"):
        return settings.SITE_URL + entry.get_absolute_url()


def participant_label(participation) -> str:
    """A registry actor by slug; an organisation outside the registry as "Name (CC)"."""
    if participation.actor_id:
        return participation.actor.slug
    if participation.country:
        return f"{participation.organisation_name} ({participation.country})"
    return participation.organisation_name


def _participants(role: str) -> Callable[[Any], str]:
    def render(entry) -> str:
        return SEPARATOR.join(
            participant_label(participation)
            for participation in sorted(related(entry, "participations"), key=_participation_order)
            if participation.role == role
        )

    return render


def _participation_order(participation) -> int:
    return participation.pk or 0


def _phase(entry) -> str:
    return entry.phase if entry.start_date else ""


ENTRY_STATUS = Column(
    "status",
    ColumnType.CODE,
    _("Lifecycle: draft, published or archived. Empty on import: a new entry is a draft."),
    _text("status"),
    attribute="status",
    choices=Status,
)
LAST_REVIEWED = Column(
    "last_reviewed_on",
    ColumnType.DATE,
    _("When staff last confirmed the entry. Set only in the admin; ignored on import."),
    _date("last_reviewed_on"),
    importable=False,
)
URL = Column(
    "url",
    ColumnType.URL,
    _("The entry's public page; empty for drafts. Ignored on import."),
    public_url,
    importable=False,
)
AREAS = Column(
    "priority_areas",
    ColumnType.PRIORITY_AREAS,
    _("Priority areas by slug (names are accepted on import)."),
    _area_slugs,
)


def _slug(meaning) -> Column:
    return Column("slug", ColumnType.SLUG, meaning, _text("slug"), attribute="slug", required=True)


def _names() -> tuple[Column, ...]:
    return (
        Column(
            "name_sv",
            ColumnType.TEXT,
            _("Name in Swedish."),
            _text("name_sv"),
            attribute="name_sv",
            required=True,
        ),
        Column(
            "name_en", ColumnType.TEXT, _("Name in English."), _text("name_en"), attribute="name_en"
        ),
    )


def _descriptions() -> tuple[Column, ...]:
    return (
        Column(
            "description_sv",
            ColumnType.TEXT,
            _("Description in Swedish."),
            _text("description_sv"),
            attribute="description_sv",
        ),
        Column(
            "description_en",
            ColumnType.TEXT,
            _("Description in English."),
            _text("description_en"),
            attribute="description_en",
        ),
    )


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
        *_names(),
        Column(
            "kind",
            ColumnType.CODE,
            _("Kind of actor."),
            _text("kind"),
            attribute="kind",
            choices=ActorKind,
            required=True,
        ),
        Column(
            "helix_sector",
            ColumnType.CODE,
            _("Helix sector."),
            _text("helix_sector"),
            attribute="helix_sector",
            choices=HelixSector,
            required=True,
        ),
        AREAS,
        Column(
            "municipality_code",
            ColumnType.MUNICIPALITY_CODE,
            _("Official four-digit municipality code, as text (0180 for Stockholm)."),
            _municipality_code,
        ),
        Column(
            "municipality_name",
            ColumnType.MUNICIPALITY_NAME,
            _("Municipality name; on import used when the code is empty."),
            _municipality_name,
        ),
        Column(
            "organisation_number",
            ColumnType.ORGANISATION_NUMBER,
            _("Swedish organisation number, ten digits without hyphen."),
            _text("organisation_number"),
            attribute="organisation_number",
        ),
        Column("website", ColumnType.URL, _("Website."), _text("website"), attribute="website"),
        Column("email", ColumnType.EMAIL, _("General e-mail address."), _text("email"), "email"),
        Column("phone", ColumnType.TEXT, _("Switchboard phone number."), _text("phone"), "phone"),
        Column(
            "street_address",
            ColumnType.TEXT,
            _("Street address."),
            _text("street_address"),
            attribute="street_address",
        ),
        Column(
            "postal_code",
            ColumnType.TEXT,
            _("Postal code."),
            _text("postal_code"),
            attribute="postal_code",
        ),
        Column(
            "postal_town",
            ColumnType.TEXT,
            _("Postal town."),
            _text("postal_town"),
            attribute="postal_town",
        ),
        Column(
            "latitude",
            ColumnType.DECIMAL,
            _("Latitude (WGS 84, decimal degrees); give both coordinates or neither."),
            _decimal("latitude"),
            attribute="latitude",
        ),
        Column(
            "longitude",
            ColumnType.DECIMAL,
            _("Longitude (WGS 84, decimal degrees)."),
            _decimal("longitude"),
            attribute="longitude",
        ),
        *_descriptions(),
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
            _actor_slug,
            required=True,
        ),
        Column(
            "actor_name",
            ColumnType.TEXT,
            _("The actor's Swedish name, for reading. Ignored on import."),
            _actor_name,
            importable=False,
        ),
        *_names(),
        Column(
            "kind",
            ColumnType.CODE,
            _("Kind of support."),
            _text("kind"),
            attribute="kind",
            choices=OfferKind,
            required=True,
        ),
        Column(
            "stages",
            ColumnType.CODES,
            _("Company stages the offer is for."),
            _codes("stages"),
            attribute="stages",
            choices=Stage,
        ),
        Column(
            "cost",
            ColumnType.CODE,
            _("What the support costs the company."),
            _text("cost"),
            attribute="cost",
            choices=Cost,
            required=True,
        ),
        Column(
            "languages",
            ColumnType.CODES,
            _("Languages the support is given in."),
            _codes("languages"),
            attribute="languages",
            choices=OfferLanguage,
        ),
        Column(
            "application",
            ColumnType.CODE,
            _("How to apply: any time, or by a deadline."),
            _text("application"),
            attribute="application",
            choices=Application,
        ),
        Column(
            "deadline",
            ColumnType.DATE,
            _("Application deadline, for offers applied for by deadline."),
            _date("deadline"),
            attribute="deadline",
        ),
        AREAS,
        Column("link", ColumnType.URL, _("Where to read more or apply."), _text("link"), "link"),
        *_descriptions(),
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
        *_names(),
        Column("acronym", ColumnType.TEXT, _("Acronym."), _text("acronym"), attribute="acronym"),
        Column(
            "funding_programme",
            ColumnType.CODE,
            _("Funding programme."),
            _text("funding_programme"),
            attribute="funding_programme",
            choices=FundingProgramme,
            required=True,
        ),
        Column(
            "start_date",
            ColumnType.DATE,
            _("Start date."),
            _date("start_date"),
            attribute="start_date",
            required=True,
        ),
        Column("end_date", ColumnType.DATE, _("End date."), _date("end_date"), "end_date"),
        Column(
            "phase",
            ColumnType.CODE,
            _("Planned, ongoing or completed on the day of the export. Ignored on import."),
            _phase,
            choices=ProjectPhase,
            importable=False,
        ),
        Column(
            "budget", ColumnType.DECIMAL, _("Total budget."), _decimal("budget"), attribute="budget"
        ),
        Column(
            "currency",
            ColumnType.CODE,
            _("Currency of the budget."),
            _text("currency"),
            attribute="currency",
            choices=Currency,
        ),
        AREAS,
        Column(
            "lead_partner",
            ColumnType.PARTICIPANTS,
            _('The lead partner: an actor\'s slug, or "Name (CC)" for one outside the registry.'),
            _participants(ParticipationRole.LEAD),
        ),
        Column(
            "partners",
            ColumnType.PARTICIPANTS,
            _('Partners: actors\' slugs, or "Name (CC)" for organisations outside the registry.'),
            _participants(ParticipationRole.PARTNER),
        ),
        Column(
            "associated_partners",
            ColumnType.PARTICIPANTS,
            _("Associated partners, written like partners."),
            _participants(ParticipationRole.ASSOCIATED),
        ),
        Column("website", ColumnType.URL, _("Website."), _text("website"), attribute="website"),
        *_descriptions(),
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
