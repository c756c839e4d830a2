"""What actors offer start-ups and growth companies."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.choices import Application, Cost, OfferKind, OfferLanguage, Stage, Status
from registry.managers import SupportOfferQuerySet
from registry.models.actor import Actor
from registry.models.entry import DERIVED_FIELDS, PUBLIC, Entry, choices_constraint, entry_indexes
from spetsomraden.models import PriorityArea


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
    history = HistoricalRecords(excluded_fields=DERIVED_FIELDS, m2m_fields=["priority_areas"])

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        permissions = [
            ("publish_supportoffer", _("Can publish and archive support offers")),
            ("review_supportoffer", _("Can mark support offers as reviewed")),
        ]
        constraints = [
            choices_constraint("supportoffer", "status", Status),
            choices_constraint("supportoffer", "kind", OfferKind),
            choices_constraint("supportoffer", "cost", Cost),
            choices_constraint("supportoffer", "application", Application),
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
            *entry_indexes("offer"),
            # The public offer list: published offers of a kind.
            models.Index(fields=["status", "kind"], name="offer_status_kind_idx"),
            # The admin's "needs review" view.
            models.Index(fields=["last_reviewed_on"], name="offer_last_reviewed_idx"),
            # Stage and language facets: stages && ARRAY[…].
            GinIndex(fields=["stages"], name="offer_stages_gin"),
            # Offers of one kind by name: the start page's needs link to /stod/?kind=….
            models.Index(
                fields=["kind", "name_sort_sv", "id"],
                condition=PUBLIC,
                name="offer_public_kind_name_sv_idx",
            ),
            # The same on the English site.
            models.Index(
                fields=["kind", "name_sort_en", "id"],
                condition=PUBLIC,
                name="offer_public_kind_name_en_idx",
            ),
            # Facet counts of the offer list (COUNT(1) FILTER … per option).
            models.Index(
                fields=["status"],
                include=[
                    "actor_id",
                    "kind",
                    "cost",
                    "application",
                    "deadline",
                    "stages",
                    "languages",
                    "area_numbers",
                ],
                name="offer_facets_idx",
            ),
        ]

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
