"""The registry by priority area: how many published entries each area has, and a few of them."""

from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from registry.models import Actor, Project, SupportOffer
from spetsomraden.models import PriorityArea


def _published_count(model):
    """The number of published ``model`` rows tagged with the outer area.

    Counted from the entries' ``area_numbers`` in one pass over the table for all four
    areas at once: an uncorrelated subquery, which PostgreSQL evaluates once per query
    (an InitPlan), returns ``{"1": count, …}`` and each area reads its own number.
    ``published()`` keeps the public rule in one place: an offer counts only while its
    actor is public.
    """
    entries, params = (
        model.objects.published().order_by().values("area_numbers").query.sql_with_params()
    )
    # The inner query is the ORM's, its parameters kept apart.
    counts = (
        "(SELECT jsonb_object_agg(number, total) FROM ("  # noqa: S608
        "SELECT number, count(*) AS total "
        f"FROM ({entries}) AS entry CROSS JOIN LATERAL unnest(entry.area_numbers) AS number "
        "GROUP BY number) AS area_totals)"
    )
    area = f'"{PriorityArea._meta.db_table}"."number"'
    return RawSQL(  # noqa: S611 - no value of the request's reaches this SQL
        f"COALESCE(({counts} ->> {area}::text)::integer, 0)",
        params,
        output_field=IntegerField(),
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
