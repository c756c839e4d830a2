"""Reads for the public pages. Every query a page makes is declared here."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from innovation_portal.lib.i18n import active_content_language
from registry.choices import PUBLIC_STATUSES
from registry.filters import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE,
    PAGE_SIZES,
    ActorFilterSet,
    OfferFilterSet,
    ProjectFilterSet,
    RegistryFilterSet,
)
from registry.models import Actor, Participation, Project, SupportOffer
from registry.search import SearchFilter, search_filter

SEARCH_VECTORS = ("search_sv", "search_en")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass
class Listing:
    filterset: RegistryFilterSet
    page: Page
    total: int
    facets: list[Facet]
    query: str
    sort: str
    sorts: list[tuple[str, str]]
    per_page: int
    include_archived: bool
    searched: bool = field(default=False)

    @property
    def entries(self):
        return self.page.object_list

    @property
    def page_sizes(self):
        return PAGE_SIZES


class _KnownCountPaginator(Paginator):
    """A paginator told the total, which the facet query has already counted.

    A page is read in one statement of two steps: the ids of the page are found among
    the matches, sorted and cut on narrow columns, and only those rows are then read
    whole with their related rows (``rows_for``). Otherwise every match, with its
    description and its actor's, would be carried through the join and the sort.
    """

    def __init__(self, object_list, per_page, *, count: int, rows_for):
        super().__init__(object_list, per_page)
        self.count = count
        self.rows_for = rows_for

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.object_list.values("pk")[bottom : bottom + self.per_page]
        return self._get_page(self.rows_for(ids), number, self)


def _int_param(value, default: int, *, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def _order_by(sort: str, *, searched: bool):
    name = "name_sort_en" if active_content_language() == "en" else "name_sort_sv"
    if sort == "relevance" and searched:
        return [F("rank").desc(), name, "pk"]
    if sort == "newest":
        return ["-created_at", "-pk"]
    if sort == "reviewed":
        return [F("last_reviewed_on").desc(nulls_last=True), name, "pk"]
    return [name, "pk"]


def _without_vectors(queryset, *related: str):
    """Leave out the search vectors of the rows and of their ``related`` rows.

    They are the widest columns, often stored out of line, and no page shows them.
    """
    fields = [f"{prefix}__{name}" for prefix in related for name in SEARCH_VECTORS]
    return queryset.defer(*SEARCH_VECTORS, *fields)


def _count(condition: Q | None) -> Count:
    """COUNT(1) rather than COUNT(id): it reads no column, so an index that holds the facet
    columns can answer the facet counts without visiting the table."""
    return Count(Value(1), filter=condition)


@dataclass(frozen=True)
class Matches:
    """The entries a list's request asks for, before they are counted and cut into pages.

    ``searched``: the public entries that match the search, without the facets (the facet
    counts start from these); ``matches``: those under the facets too, ranked when the
    search ranks; ``order``: the list's sort for them.
    """

    searched: QuerySet
    matches: QuerySet
    search: SearchFilter | None
    ranked: bool
    sort: str
    sorts: list[str]
    order: list


def list_matches(filterset: RegistryFilterSet, base) -> Matches:
    """Published entries (and archived ones when asked for), the search, the facets, the sort.

    The steps a list page and the export of the same list share, so that both hold the
    same entries in the same order.
    """
    cleaned = filterset.cleaned
    query = cleaned["q"]
    searched = base.public() if cleaned["archived"] else base.published()
    search = search_filter(query) if query else None
    if search is not None:
        searched = searched.filter(search.condition)

    data = filterset.data
    sort = data.get("sort") if data is not None else None
    sorts = [s for s in filterset.SORTS if s != "relevance" or search is not None]
    if sort not in sorts:
        sort = "relevance" if search is not None else "name"
    # A search of excluded words alone ranks every match alike: sorted by name instead.
    ranked = search is not None and not isinstance(search.rank, Value)
    matches = searched.filter(filterset.condition())
    if ranked:
        matches = matches.annotate(rank=search.rank)
    return Matches(
        searched=searched,
        matches=matches,
        search=search,
        ranked=ranked,
        sort=sort,
        sorts=sorts,
        order=_order_by(sort, searched=ranked),
    )


def _listing(*, filterset: RegistryFilterSet, base, select_related=(), prefetch=()) -> Listing:
    """Search, count the facets, sort and cut one page: four queries whatever the page size."""
    data = filterset.data
    cleaned = filterset.cleaned
    found = list_matches(filterset, base)
    search, ranked, order = found.search, found.ranked, found.order

    # One aggregate: the total and, for each facet option, the matches under the other facets.
    aggregates = {"total": _count(filterset.condition() or None)}
    for name in filterset.facet_names():
        others = filterset.condition(exclude=name)
        for index, (value, _label) in enumerate(filterset.filters[name].extra["choices"]):
            key = f"facet_{name}_{index}"
            aggregates[key] = _count(others & filterset.option_condition(name, str(value)))
    counts = found.searched.aggregate(**aggregates)

    facets = []
    for name in filterset.facet_names():
        filter_ = filterset.filters[name]
        selected = set(cleaned[name])
        options = [
            FacetOption(
                value=str(value),
                label=str(label),
                count=counts[f"facet_{name}_{index}"],
                selected=str(value) in selected,
            )
            for index, (value, label) in enumerate(filter_.extra["choices"])
        ]
        facets.append(Facet(name=name, legend=str(filter_.label), options=options))

    per_page = _int_param(
        data.get("per_page") if data is not None else None,
        DEFAULT_PAGE_SIZE,
        low=PAGE_SIZES[0],
        high=PAGE_SIZES[-1],
    )
    if per_page not in PAGE_SIZES:
        per_page = DEFAULT_PAGE_SIZE

    def rows_for(ids):
        rows = base.model._default_manager.filter(pk__in=ids)
        if ranked:
            rows = rows.annotate(rank=search.rank)
        rows = rows.select_related(*select_related).prefetch_related(*prefetch)
        related = (r for r in select_related if not r.endswith("municipality"))
        return _without_vectors(rows, *related).order_by(*order)

    paginator = _KnownCountPaginator(
        found.matches.order_by(*order), per_page, count=counts["total"], rows_for=rows_for
    )
    page_number = _int_param(
        data.get("page") if data is not None else None, 1, low=1, high=MAX_PAGE
    )
    page = paginator.get_page(page_number)

    areas_by_number = {area.number: area for area in filterset.areas}
    for entry in page.object_list:
        entry.areas = [areas_by_number[n] for n in entry.area_numbers if n in areas_by_number]

    return Listing(
        filterset=filterset,
        page=page,
        total=counts["total"],
        facets=facets,
        query=cleaned["q"],
        sort=found.sort,
        sorts=[(s, str(filterset.SORTS[s])) for s in found.sorts],
        per_page=per_page,
        include_archived=cleaned["archived"],
        searched=search is not None,
    )


def public_participations():
    """Participations that may be shown: public registry actors and outside organisations."""
    return (
        Participation.objects.filter(Q(actor__isnull=True) | Q(actor__status__in=PUBLIC_STATUSES))
        .select_related("actor")
        .defer(*(f"actor__{name}" for name in SEARCH_VECTORS))
        .order_by("role", "pk")
    )


# The list selectors take the query string (``data``) or a FilterSet already built from it:
# the API builds one first to reject values the public pages would silently drop.


def actor_list(*, data=None, filterset: ActorFilterSet | None = None) -> Listing:
    return _listing(
        filterset=filterset if filterset is not None else ActorFilterSet(data),
        base=Actor.objects,
        select_related=("municipality",),
    )


def offer_list(*, data=None, filterset: OfferFilterSet | None = None) -> Listing:
    return _listing(
        filterset=filterset if filterset is not None else OfferFilterSet(data),
        base=SupportOffer.objects,
        select_related=("actor", "actor__municipality"),
    )


def project_list(*, data=None, filterset: ProjectFilterSet | None = None) -> Listing:
    return _listing(
        filterset=filterset if filterset is not None else ProjectFilterSet(data),
        base=Project.objects,
        prefetch=(Prefetch("participations", queryset=public_participations()),),
    )


def _with_areas(entry):
    entry.areas = list(entry.priority_areas.all())
    return entry


def actor_detail(*, slug: str) -> Actor:
    """A published or archived actor with its public offers and projects; drafts are 404."""
    offers = _without_vectors(SupportOffer.objects.public()).order_by(
        "status", "name_sort_sv", "pk"
    )
    participations = (
        Participation.objects.filter(project__status__in=PUBLIC_STATUSES)
        .select_related("project")
        .defer(*(f"project__{name}" for name in SEARCH_VECTORS))
        .order_by("-project__start_date", "pk")
    )
    try:
        actor = (
            _without_vectors(Actor.objects.public())
            .select_related("municipality")
            .prefetch_related(
                "priority_areas",
                Prefetch("offers", queryset=offers),
                Prefetch("participations", queryset=participations),
            )
            .get(slug=slug)
        )
    except Actor.DoesNotExist:
        raise Http404(_("No actor has this address.")) from None
    return _with_areas(actor)


def offer_detail(*, slug: str) -> SupportOffer:
    try:
        offer = (
            _without_vectors(SupportOffer.objects.public(), "actor")
            .select_related("actor", "actor__municipality")
            .prefetch_related("priority_areas")
            .get(slug=slug)
        )
    except SupportOffer.DoesNotExist:
        raise Http404(_("No support offer has this address.")) from None
    return _with_areas(offer)


def project_detail(*, slug: str) -> Project:
    try:
        project = (
            _without_vectors(Project.objects.public())
            .prefetch_related(
                "priority_areas",
                Prefetch("participations", queryset=public_participations()),
            )
            .get(slug=slug)
        )
    except Project.DoesNotExist:
        raise Http404(_("No project has this address.")) from None
    return _with_areas(project)


def newest_entries(*, limit: int = 6):
    """The most recently added published actors, offers and projects, for the start page."""
    actors = _without_vectors(Actor.objects.published()).select_related("municipality")
    offers = _without_vectors(SupportOffer.objects.published(), "actor").select_related("actor")
    projects = _without_vectors(Project.objects.published())
    actors, offers, projects = (
        list(entries.order_by("-created_at")[:limit]) for entries in (actors, offers, projects)
    )
    return {"actors": actors, "offers": offers, "projects": projects}
