"""Reads of the API beyond the public pages' selectors (``registry.selectors``).

The lists and details of actors, offers and projects come from ``registry.selectors``;
here are the links an actor in a list needs (its offers and projects, which the list
page does not show), and the two reference lists. Every query is declared here, and a
page makes the same number of queries whatever its size.
"""

from django.db.models import Count, Prefetch, Q
from django.db.models import prefetch_related_objects as prefetch

from registry.areas import priority_area_list_with_counts
from registry.choices import PUBLIC_STATUSES
from registry.models import Actor, Municipality, Participation, SupportOffer
from spetsomraden.models import Milestone

_LINK_FIELDS = ("id", "slug", "name_sv", "name_en", "status")


def with_actor_links(actors: list[Actor]) -> list[Actor]:
    """Fetch the public offers and projects of ``actors`` in two queries, as the detail does.

    Archived offers and projects are linked too, as on the actor's page; drafts never.
    """
    offers = (
        SupportOffer.objects.public()
        .only(*_LINK_FIELDS, "actor_id")
        .order_by("status", "name_sort_sv", "pk")
    )
    participations = (
        Participation.objects.filter(project__status__in=PUBLIC_STATUSES)
        .select_related("project")
        .only(
            "id",
            "actor_id",
            "role",
            *(f"project__{name}" for name in (*_LINK_FIELDS, "acronym", "start_date")),
        )
        .order_by("-project__start_date", "pk")
    )
    prefetch(
        actors,
        Prefetch("offers", queryset=offers),
        Prefetch("participations", queryset=participations),
    )
    return actors


def priority_areas():
    """The four areas with their published counts, roadmaps and milestones: three queries."""
    return (
        priority_area_list_with_counts()
        .select_related("roadmap")
        .prefetch_related(
            Prefetch("roadmap__milestones", queryset=Milestone.objects.order_by("date", "pk"))
        )
    )


def municipalities():
    """The 26 municipalities by name, each with its number of published actors."""
    return Municipality.objects.annotate(
        actor_count=Count("actors", filter=Q(actors__status="published"))
    ).order_by("name", "code")
