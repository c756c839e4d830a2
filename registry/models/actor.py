"""Organisations in the registry (actors) and the municipalities they are in."""

from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Cast, Mod, Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.choices import ActorKind, HelixSector, Status
from registry.managers import MunicipalityQuerySet
from registry.models.entry import (
    DERIVED_FIELDS,
    Entry,
    choices_constraint,
    entry_indexes,
    not_blank,
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


def name_key(field: str) -> Func:
    """``portal_name_key(field)``: the name as the duplicate check compares it (SQL in
    registry/triggers.py)."""
    return Func(F(field), function="portal_name_key")


class Actor(Entry):
    """An organisation in the ecosystem: science park, incubator, test bed, funder…"""

    Kind = ActorKind

    HelixSector = HelixSector

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
        excluded_fields=[*DERIVED_FIELDS, "logo", "logo_thumbnail"],
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
            choices_constraint("actor", "status", Status),
            choices_constraint("actor", "kind", ActorKind),
            choices_constraint("actor", "helix_sector", HelixSector),
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
            *entry_indexes("actor"),
            # The public lists: published actors of a kind, newest first.
            models.Index(fields=["status", "kind"], name="actor_status_kind_idx"),
            # The admin's "needs review" view.
            models.Index(fields=["last_reviewed_on"], name="actor_last_reviewed_idx"),
            # Facet counts of the actor list, and the public-actor check of every offer query:
            # an index-only scan instead of a pass over the wide rows.
            models.Index(
                fields=["status"],
                include=["id", "kind", "helix_sector", "municipality_id", "area_numbers"],
                name="actor_facets_idx",
            ),
            # Duplicate check (registry/duplicates.py): portal_name_key(name_sv) = <a key>.
            models.Index(name_key("name_sv"), name="actor_name_key_sv_idx"),
            # The same check against the English names.
            models.Index(
                name_key("name_en"), condition=not_blank("name_en"), name="actor_name_key_en_idx"
            ),
            # Duplicate check: the same website domain.
            models.Index(
                Func(F("website"), function="portal_website_domain"),
                condition=not_blank("website"),
                name="actor_website_domain_idx",
            ),
            # Duplicate check and imports: an actor found by its organisation number.
            models.Index(
                fields=["organisation_number"],
                condition=not_blank("organisation_number"),
                name="actor_organisation_number_idx",
            ),
        ]

    def get_absolute_url(self):
        return reverse("registry:actor_detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        # "556012-5790" is how people write it; store the ten digits before the length check.
        self.organisation_number = normalise_organisation_number(self.organisation_number)
        super().clean_fields(exclude=exclude)
