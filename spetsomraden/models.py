from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innovation_portal.lib.i18n import localized_property


class PriorityAreaQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PriorityArea(models.Model):
    """One of the four smart-specialisation priority areas (spetsområden) of the strategy.

    The four rows are created by a data migration; staff edit their texts but add none.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    short_name_sv = models.CharField(_("short name (Swedish)"), max_length=60)
    short_name_en = models.CharField(_("short name (English)"), max_length=60)
    description_sv = models.TextField(_("description (Swedish)"))
    description_en = models.TextField(_("description (English)"))

    objects = PriorityAreaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1) & models.Q(number__lte=4),
                name="priorityarea_number_1_to_4",
                violation_error_message=_(
                    "The strategy has exactly four priority areas, numbered 1–4."
                ),
            ),
        ]

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        return reverse("registry:area_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    name = localized_property("name")
    short_name = localized_property("short_name")
    description = localized_property("description")


class Roadmap(models.Model):
    """The roadmap (färdplan) of one priority area; work on them began in 2022."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In preparation")
        ADOPTED = "adopted", _("Adopted")
        UNDER_REVISION = "under_revision", _("Under revision")

    area = models.OneToOneField(
        PriorityArea,
        on_delete=models.CASCADE,
        related_name="roadmap",
        verbose_name=_("priority area"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    work_started_year = models.PositiveSmallIntegerField(
        _("work started (year)"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self):
        return str(_("Roadmap: %(area)s") % {"area": self.area})

    summary = localized_property("summary")


class Milestone(models.Model):
    """A dated step of a roadmap, kept up to date by staff."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("roadmap")
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Show only the year or the month when the exact day is not known."),
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_reached = models.BooleanField(_("reached"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["roadmap", "date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    title = localized_property("title")
    description = localized_property("description")
