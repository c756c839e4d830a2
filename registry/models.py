from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Cast, Coalesce, Lower, Mod, NullIf, Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innovation_portal.lib.i18n import localized
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
from registry.managers import (
    EntryQuerySet,
    MunicipalityQuerySet,
    ProjectQuerySet,
    SupportOfferQuerySet,
)
from registry.validators import (
    COUNTY_LATITUDE,
    COUNTY_LONGITUDE,
    normalise_organisation_number,
    validate_latitude,
    validate_longitude,
    validate_organisation_number,
    validate_phone,
)
from spetsomraden.models import PriorityArea


class Municipality(models.Model):
    """One of the 26 municipalities (kommuner) of Stockholm County; reference data."""

    code = models.CharField(
        _("municipality code"),
        max_length=4,
        primary_key=True,
        help_text=_("The official four-digit code, e.g. 0180 for Stockholm."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^01[0-9]{2}$"),
                name="municipality_code_stockholm_county",
                violation_error_message=_(
                    "Municipality codes in Stockholm County are 01 and two digits."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Entry(models.Model):
    """What every registry entry has: a stable slug, a lifecycle and a review date."""

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The entry's permanent address on the site; do not change it once published."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    last_reviewed_on = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set only when staff confirm that the entry is correct."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Maintained by database triggers (migration 0003) from the entry's own text and its
    # related names, with Swedish and English stemming respectively; never written by Python.
    search_sv = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)
    # The numbers of the entry's priority areas, kept by triggers on the many-to-many table
    # (migration 0005) so area filters and facet counts need no join.
    area_numbers = ArrayField(models.PositiveSmallIntegerField(), default=list, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_archived(self):
        return self.status == Status.ARCHIVED


# Columns the database keeps (search vectors, area numbers, sort keys): derived, not history.
_DERIVED_FIELDS = ["search_sv", "search_en", "area_numbers", "name_sort_sv", "name_sort_en"]


# Swedish alphabetical order in any collation, the embedded server's C.UTF-8 included:
# å, ä and ö map to the three characters after "z", accented letters to their base letter.
_SORT_FROM = "ÅÄÖåäöÆØæøÉÈÊËéèêëÜüÁÀáàÍíÓóÚú"
_SORT_TO = "{|}{|}|}|}eeeeeeeeyyaaaaiioouu"


def _name_sort_field(language: str) -> models.GeneratedField:
    name = Coalesce(NullIf("name_en", Value("")), "name_sv") if language == "en" else F("name_sv")
    return models.GeneratedField(
        expression=Func(Lower(name), Value(_SORT_FROM), Value(_SORT_TO), function="translate"),
        output_field=models.CharField(max_length=250),
        db_persist=True,
    )


def _choices_constraint(model: str, field: str, choices) -> models.CheckConstraint:
    """Keep a choices field to its choices in the database too, whatever writes the row."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}), name=f"{model}_{field}_valid"
    )


def _luhn_check_expression(field: str):
    """SQL for 'the ten digits pass the Luhn check' (weights 2,1,2,1,… from the left).

    Doubling a digit d and summing the result's digits equals 2d - 9 when d >= 5,
    which is ``2 * d - 9 * (d / 5)`` in integer arithmetic.
    """
    total = None
    for index in range(10):
        digit = Cast(Substr(field, index + 1, 1), models.IntegerField())
        term = digit * 2 - (digit / 5) * 9 if index % 2 == 0 else digit
        total = term if total is None else total + term
    return Exact(Mod(total, 10), 0)


class Actor(Entry):
    """An organisation in the ecosystem: science park, incubator, test bed, funder…"""

    Kind = ActorKind

    HelixSector = HelixSector

    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    name_sort_sv = _name_sort_field("sv")
    name_sort_en = _name_sort_field("en")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    helix_sector = models.CharField(_("helix sector"), max_length=20, choices=HelixSector.choices)
    priority_areas = models.ManyToManyField(
        PriorityArea, related_name="actors", blank=True, verbose_name=_("priority areas")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="actors",
        verbose_name=_("municipality"),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_latitude],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_longitude],
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("The organisation's general address, not a person's.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_("The organisation's switchboard, not a person's number."),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_thumbnail = models.ImageField(
        _("logo thumbnail"), upload_to="logos/thumbnails/", blank=True, editable=False
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=10,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Ten digits, stored without the hyphen."),
    )

    # Logo files are replaced and deleted, not versioned: a restored version keeps today's logo.
    history = HistoricalRecords(
        excluded_fields=[*_DERIVED_FIELDS, "logo", "logo_thumbnail"],
        m2m_fields=["priority_areas"],
    )

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        permissions = [
            ("publish_actor", _("Can publish and archive actors")),
            ("review_actor", _("Can mark actors as reviewed")),
        ]
        constraints = [
            _choices_constraint("actor", "status", Status),
            _choices_constraint("actor", "kind", ActorKind),
            _choices_constraint("actor", "helix_sector", HelixSector),
            models.CheckConstraint(
                condition=Q(organisation_number="") | Q(organisation_number__regex=r"^[0-9]{10}$"),
                name="actor_organisation_number_ten_digits",
                violation_error_message=_("An organisation number has ten digits."),
            ),
            models.CheckConstraint(
                # Evaluated only for ten-digit values: the CASE keeps the casts off other text.
                condition=Exact(
                    models.Case(
                        models.When(
                            organisation_number__regex=r"^[0-9]{10}$",
                            then=_luhn_check_expression("organisation_number"),
                        ),
                        default=models.Value(True),
                        output_field=models.BooleanField(),
                    ),
                    True,
                ),
                name="actor_organisation_number_luhn",
                violation_error_message=_("The organisation number's check digit is wrong."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=COUNTY_LATITUDE[0],
                    latitude__lte=COUNTY_LATITUDE[1],
                    longitude__gte=COUNTY_LONGITUDE[0],
                    longitude__lte=COUNTY_LONGITUDE[1],
                ),
                name="actor_coordinates_in_county",
                violation_error_message=_(
                    "Give both coordinates, inside Stockholm County, or neither."
                ),
            ),
        ]
        indexes = [
            # The public lists: published actors of a kind, newest first.
            models.Index(fields=["status", "kind"], name="actor_status_kind_idx"),
            # The admin's "needs review" view.
            models.Index(fields=["last_reviewed_on"], name="actor_last_reviewed_idx"),
            # Free-text search of the actor list: search_sv @@ to_tsquery('swedish', …).
            GinIndex(fields=["search_sv"], name="actor_search_sv_gin"),
            # The same search matched with English stemming.
            GinIndex(fields=["search_en"], name="actor_search_en_gin"),
        ]

    def __str__(self):
        return self.name_sv

    def get_absolute_url(self):
        return reverse("registry:actor_detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        # "556012-5790" is how people write it; store the ten digits before the length check.
        self.organisation_number = normalise_organisation_number(self.organisation_number)
        super().clean_fields(exclude=exclude)


class SupportOffer(Entry):
    """What an actor offers start-ups and growth companies."""

    Kind = OfferKind

    Stage = Stage

    Cost = Cost

    Language = OfferLanguage

    Application = Application

    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="offers", verbose_name=_("offered by")
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    name_sort_sv = _name_sort_field("sv")
    name_sort_en = _name_sort_field("en")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    stages = ArrayField(
        models.CharField(max_length=20, choices=Stage.choices),
        verbose_name=_("company stages"),
        default=list,
        blank=True,
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices)
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    application = models.CharField(
        _("how to apply"), max_length=10, choices=Application.choices, default=Application.ROLLING
    )
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    priority_areas = models.ManyToManyField(
        PriorityArea, related_name="offers", blank=True, verbose_name=_("priority areas")
    )
    link = models.URLField(_("link"), max_length=500, blank=True)

    objects = SupportOfferQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=_DERIVED_FIELDS, m2m_fields=["priority_areas"])

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        permissions = [
            ("publish_supportoffer", _("Can publish and archive support offers")),
            ("review_supportoffer", _("Can mark support offers as reviewed")),
        ]
        constraints = [
            _choices_constraint("supportoffer", "status", Status),
            _choices_constraint("supportoffer", "kind", OfferKind),
            _choices_constraint("supportoffer", "cost", Cost),
            _choices_constraint("supportoffer", "application", Application),
            models.CheckConstraint(
                condition=Q(application="rolling", deadline__isnull=True)
                | Q(application="deadline", deadline__isnull=False),
                name="supportoffer_deadline_matches_application",
                violation_error_message=_(
                    "An offer applied for by deadline needs a deadline; a rolling one has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(stages__contained_by=Stage.values),
                name="supportoffer_stages_valid",
                violation_error_message=_("Unknown company stage."),
            ),
            models.CheckConstraint(
                condition=Q(languages__contained_by=OfferLanguage.values),
                name="supportoffer_languages_valid",
                violation_error_message=_("Unknown language."),
            ),
        ]
        indexes = [
            # The public offer list: published offers of a kind.
            models.Index(fields=["status", "kind"], name="offer_status_kind_idx"),
            # The admin's "needs review" view.
            models.Index(fields=["last_reviewed_on"], name="offer_last_reviewed_idx"),
            # Free-text search of the offer list: search_sv @@ to_tsquery('swedish', …).
            GinIndex(fields=["search_sv"], name="offer_search_sv_gin"),
            # The same search matched with English stemming.
            GinIndex(fields=["search_en"], name="offer_search_en_gin"),
            # Stage and language facets: stages && ARRAY[…].
            GinIndex(fields=["stages"], name="offer_stages_gin"),
        ]

    def __str__(self):
        return self.name_sv

    def get_absolute_url(self):
        return reverse("registry:offer_detail", kwargs={"slug": self.slug})

    def get_stage_labels(self):
        return [str(Stage(value).label) for value in self.stages]

    def get_language_labels(self):
        return [str(OfferLanguage(value).label) for value in self.languages]

    @property
    def is_open_for_applications(self):
        return self.application == Application.ROLLING or (
            self.deadline is not None and self.deadline >= timezone.localdate()
        )


class Project(Entry):
    """A collaboration project (samverkansprojekt) with partner actors."""

    FundingProgramme = FundingProgramme

    Currency = Currency

    Phase = ProjectPhase

    name_sv = models.CharField(_("name (Swedish)"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    name_sort_sv = _name_sort_field("sv")
    name_sort_en = _name_sort_field("en")
    funding_programme = models.CharField(
        _("funding programme"), max_length=30, choices=FundingProgramme.choices
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    priority_areas = models.ManyToManyField(
        PriorityArea, related_name="projects", blank=True, verbose_name=_("priority areas")
    )
    actors = models.ManyToManyField(
        Actor, through="Participation", related_name="projects", verbose_name=_("participants")
    )

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=_DERIVED_FIELDS, m2m_fields=["priority_areas"])

    class Meta:
        ordering = ["-start_date", "name_sv"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [
            ("publish_project", _("Can publish and archive projects")),
            ("review_project", _("Can mark projects as reviewed")),
        ]
        constraints = [
            _choices_constraint("project", "status", Status),
            _choices_constraint("project", "funding_programme", FundingProgramme),
            _choices_constraint("project", "currency", Currency),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="project_end_not_before_start",
                violation_error_message=_("The project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]
        indexes = [
            # The public project list filtered by programme.
            models.Index(fields=["status", "funding_programme"], name="project_status_prog_idx"),
            # Phase filters compare today's date with the project's dates.
            models.Index(fields=["start_date", "end_date"], name="project_dates_idx"),
            # Free-text search of the project list: search_sv @@ to_tsquery('swedish', …).
            GinIndex(fields=["search_sv"], name="project_search_sv_gin"),
            # The same search matched with English stemming.
            GinIndex(fields=["search_en"], name="project_search_en_gin"),
        ]

    def __str__(self):
        return f"{self.acronym} – {self.name_sv}" if self.acronym else self.name_sv

    def get_absolute_url(self):
        return reverse("registry:project_detail", kwargs={"slug": self.slug})

    @property
    def phase(self):
        """Planned, ongoing or completed today; ``with_phase()`` computes the same in SQL."""
        if "_phase" in self.__dict__:
            return self.__dict__["_phase"]
        today = timezone.localdate()
        if self.start_date > today:
            return self.Phase.PLANNED
        if self.end_date is not None and self.end_date < today:
            return self.Phase.COMPLETED
        return self.Phase.ONGOING

    @property
    def display_name(self):
        """The name, led by the acronym unless the name already starts with it."""
        name = self.name
        if self.acronym and not str(name).startswith(self.acronym):
            return f"{self.acronym} – {name}"
        return str(name)

    @property
    def phase_label(self):
        return ProjectPhase(self.phase).label

    @phase.setter
    def phase(self, value):
        # Set by the ``with_phase()`` annotation.
        self.__dict__["_phase"] = value


class Participation(models.Model):
    """An organisation's role in a project: a registry actor, or one from outside the county."""

    Role = ParticipationRole

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participations", verbose_name=_("project")
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="participations",
        null=True,
        blank=True,
        verbose_name=_("actor"),
        help_text=_("Leave empty for an organisation that is not in the registry."),
    )
    organisation_name = models.CharField(
        _("organisation (outside the registry)"), max_length=200, blank=True
    )
    country = models.CharField(
        _("country code"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. SE or ES.")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTNER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "role", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="participation_one_lead_per_project",
                violation_error_message=_("A project has at most one lead partner."),
            ),
            models.UniqueConstraint(
                fields=["project", "actor"],
                name="participation_actor_once_per_project",
                violation_error_message=_("This actor already takes part in the project."),
            ),
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(organisation_name=""))
                | (Q(actor__isnull=True) & ~Q(organisation_name="")),
                name="participation_actor_or_organisation",
                violation_error_message=_(
                    "Choose an actor in the registry or name an organisation outside it, not both."
                ),
            ),
            _choices_constraint("participation", "role", ParticipationRole),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="participation_country_code",
                violation_error_message=_("Use a two-letter country code such as SE."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def organisation(self):
        return self.actor.name if self.actor_id else self.organisation_name
