from django.db import models
from django.db.models import Q
from django.utils import timezone

from registry.choices import PUBLIC_STATUSES, Status


def phase_condition(phase, *, today=None) -> Q:
    """Projects that are planned, ongoing or completed on ``today``, derived from their dates."""
    today = today or timezone.localdate()
    if phase == "planned":
        return Q(start_date__gt=today)
    if phase == "completed":
        return Q(end_date__lt=today)
    if phase == "ongoing":
        return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    return Q(pk__in=[])


class EntryQuerySet(models.QuerySet):
    """Lifecycle filters shared by every registry entry; pages start from these."""

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """Entries with a public URL: published ones and archived ones (shown with a notice)."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def needs_review(self, *, today=None):
        """Never reviewed, or not reviewed for a year."""
        today = today or timezone.localdate()
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return self.filter(Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lte=year_ago))

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ProjectQuerySet(EntryQuerySet):
    def in_phase(self, phase, *, today=None):
        return self.filter(phase_condition(phase, today=today))


class SupportOfferQuerySet(EntryQuerySet):
    """An offer is public only while its actor is: a draft actor's offers stay hidden too."""

    def published(self):
        return super().published().filter(actor__status__in=PUBLIC_STATUSES)

    def public(self):
        return super().public().filter(actor__status__in=PUBLIC_STATUSES)


class MunicipalityQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)
