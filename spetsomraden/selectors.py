from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from actors.models import Actor, Project, SupportOffer
from spetsomraden.models import PriorityArea


def _published_count(model):
    """Subquery counting the published ``model`` rows tagged with the outer area.

    A subquery per count rather than three joins in one GROUP BY, which would
    multiply each other's rows.
    """
    through = model.priority_areas.through
    entry = model._meta.model_name
    return Coalesce(
        Subquery(
            through.objects.filter(
                priorityarea_id=OuterRef("pk"), **{f"{entry}__status": "published"}
            )
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
