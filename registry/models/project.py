"""Collaboration projects and the organisations that take part in them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.choices import Currency, FundingProgramme, ParticipationRole, ProjectPhase, Status
from registry.managers import ProjectQuerySet
from registry.models.actor import Actor
from registry.models.entry import DERIVED_FIELDS, Entry, choices_constraint, entry_indexes
from spetsomraden.models import PriorityArea


class Project(Entry):
    """A collaboration project (samverkansprojekt) with partner actors."""

    FundingProgramme = FundingProgramme

    Currency = Currency

    Phase = ProjectPhase

    # Project names run longer than the other entries' (programme titles).
    name_sv = models.CharField(_("name (Swedish)"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
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
    history = HistoricalRecords(excluded_fields=DERIVED_FIELDS, m2m_fields=["priority_areas"])

    class Meta:
        ordering = ["-start_date", "name_sv"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [
            ("publish_project", _("Can publish and archive projects")),
            ("review_project", _("Can mark projects as reviewed")),
        ]
        constraints = [
            choices_constraint("project", "status", Status),
            choices_constraint("project", "funding_programme", FundingProgramme),
            choices_constraint("project", "currency", Currency),
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
            *entry_indexes("project"),
            # The public project list filtered by programme.
            models.Index(fields=["status", "funding_programme"], name="project_status_prog_idx"),
            # Phase filters compare today's date with the project's dates.
            models.Index(fields=["start_date", "end_date"], name="project_dates_idx"),
            # Facet counts of the project list.
            models.Index(
                fields=["status"],
                include=["funding_programme", "start_date", "end_date", "area_numbers"],
                name="project_facets_idx",
            ),
        ]

    def __str__(self):
        return f"{self.acronym} – {self.name_sv}" if self.acronym else self.name_sv

    def get_absolute_url(self):
        return reverse("registry:project_detail", kwargs={"slug": self.slug})

    @property
    def phase(self):
        """Planned, ongoing or completed today; ``in_phase()`` filters by the same dates in SQL."""
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
            choices_constraint("participation", "role", ParticipationRole),
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
