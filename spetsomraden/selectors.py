from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Project, SupportOffer
from spetsomraden.models import PriorityArea


def _published_count(model):
    """Subquery counting the published ``model`` rows tagged with the outer area.

    A subquery per count rather than three joins in one GROUP BY, which would
    multiply each other's rows.
    """
    through = model.priority_areas.through
    entry = model._meta.model_name
    published = {f"{entry}__status": "published"}
    if model is SupportOffer:
        # An offer is public only while its actor is (SupportOfferQuerySet.published()).
        published[f"{entry}__actor__status__in"] = ("published", "archived")
    return Coalesce(
        Subquery(
            through.objects.filter(priorityarea_id=OuterRef("pk"), **published)
            .order_by()
            .values("priorityarea_id")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def priority_area_list_with_counts():
    """The four areas in order, with counts of their published actors, offers and projects."""
    return PriorityArea.objects.annotate(
        actor_count=_published_count(Actor),
        offer_count=_published_count(SupportOffer),
        project_count=_published_count(Project),
    ).order_by("number")


def priority_area_detail(*, slug: str, sample_size: int = 6):
    """An area with its roadmap, milestones, counts and a first few of its entries."""
    area = (
        priority_area_list_with_counts()
        .select_related("roadmap")
        .prefetch_related("roadmap__milestones")
        .filter(slug=slug)
        .first()
    )
    if area is None:
        raise Http404(_("No priority area has this address."))
    in_area = {"area_numbers__contains": [area.number]}
    area.sample_actors = list(
        Actor.objects.published()
        .filter(**in_area)
        .select_related("municipality")
        .order_by("-last_reviewed_on", "name_sort_sv")[:sample_size]
    )
    area.sample_offers = list(
        SupportOffer.objects.published()
        .filter(**in_area)
        .select_related("actor")
        .order_by("-last_reviewed_on", "name_sort_sv")[:sample_size]
    )
    area.sample_projects = list(
        Project.objects.published()
        .filter(**in_area)
        .order_by("-start_date", "name_sort_sv")[:sample_size]
    )
    return area
