"""What every registry entry (actor, support offer, project) has, and the pieces their
models share: the Swedish sort keys, the choices constraints and the list indexes."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovation_portal.lib.i18n import localized_property
from registry.choices import PUBLIC_STATUSES, Status
from registry.managers import EntryQuerySet

# Swedish alphabetical order in any collation, the embedded server's C.UTF-8 included:
# å, ä and ö map to the three characters after "z", accented letters to their base letter.
_SORT_FROM = "ÅÄÖåäöÆØæøÉÈÊËéèêëÜüÁÀáàÍíÓóÚú"
_SORT_TO = "{|}{|}|}|}eeeeeeeeyyaaaaiioouu"

# Columns the database keeps (search vectors, area numbers, sort keys): derived, not history.
DERIVED_FIELDS = ["search_sv", "search_en", "area_numbers", "name_sort_sv", "name_sort_en"]

# The rows the public lists read; partial indexes hold only these.
PUBLIC = Q(status__in=PUBLIC_STATUSES)


def _name_sort_field(language: str) -> models.GeneratedField:
    name = Coalesce(NullIf("name_en", Value("")), "name_sv") if language == "en" else F("name_sv")
    return models.GeneratedField(
        expression=Func(Lower(name), Value(_SORT_FROM), Value(_SORT_TO), function="translate"),
        output_field=models.CharField(max_length=250),
        db_persist=True,
    )


def not_blank(field: str) -> Q:
    """``field <> ''``, as the indexes made by SQL in migration 0008 say it.

    ``~Q(field="")`` would say ``NOT (field = '')``: the same rows, but another index
    definition, which would rebuild those indexes on every existing database.
    """
    return Q(
        Func(
            F(field),
            Value(""),
            # In the order the migration writer sorts them: Func compares its options in order.
            arg_joiner=" <> ",
            output_field=models.BooleanField(),
            template="%(expressions)s",
        )
    )


def choices_constraint(model: str, field: str, choices) -> models.CheckConstraint:
    """Keep a choices field to its choices in the database too, whatever writes the row."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}), name=f"{model}_{field}_valid"
    )


def entry_indexes(prefix: str) -> list[models.Index]:
    """The indexes each public list reads, named ``<prefix>_…`` (docs/performance.md).

    The sort indexes hold only public entries, each ending in ``id`` as the lists' sorts
    do, so the first page of a list is read from the index instead of sorting every match.
    """
    return [
        # Free-text search of the list: search_sv @@ to_tsquery('swedish', …).
        GinIndex(fields=["search_sv"], name=f"{prefix}_search_sv_gin"),
        # The same search matched with English stemming.
        GinIndex(fields=["search_en"], name=f"{prefix}_search_en_gin"),
        # The list sorted by name (the default) on the Swedish site: ORDER BY name_sort_sv, id.
        models.Index(
            fields=["name_sort_sv", "id"], condition=PUBLIC, name=f"{prefix}_public_name_sv_idx"
        ),
        # The same on the English site: ORDER BY name_sort_en, id.
        models.Index(
            fields=["name_sort_en", "id"], condition=PUBLIC, name=f"{prefix}_public_name_en_idx"
        ),
        # The list sorted by "newest", and the start page's newest entries.
        models.Index(
            fields=["created_at", "id"], condition=PUBLIC, name=f"{prefix}_public_created_idx"
        ),
    ]


class Entry(models.Model):
    """What every registry entry has: a stable slug, a lifecycle, a review date, and its
    name and description in Swedish and English."""

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The entry's permanent address on the site; do not change it once published."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # The names as the lists sort them (ORDER BY name_sort_sv, id), kept by the database.
    name_sort_sv = _name_sort_field("sv")
    name_sort_en = _name_sort_field("en")
    last_reviewed_on = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set only when staff confirm that the entry is correct."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Maintained by database triggers (registry/triggers.py) from the entry's own text and
    # its related names, with Swedish and English stemming respectively; never written by
    # Python.
    search_sv = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)
    # The numbers of the entry's priority areas, kept by triggers on the many-to-many table
    # (registry/triggers.py) so area filters and facet counts need no join.
    area_numbers = ArrayField(models.PositiveSmallIntegerField(), default=list, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name_sv

    def natural_key(self):
        return (self.slug,)

    name = localized_property("name")
    description = localized_property("description")

    @property
    def is_archived(self):
        return self.status == Status.ARCHIVED
