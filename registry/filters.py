"""FilterSets of the public lists (and later the API): search, facets, sorting.

Every facet is a multi-valued filter whose values are ORed, and whose
condition is also available as a ``Q`` so the selectors can count each
option under the other active filters in one aggregate query.

Query strings are visitor input: values that are not options of a facet are
dropped before the form sees them, so a stale bookmark or a mangled link
gives a normal page with the filters that still make sense.
"""

from collections.abc import Callable

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.choices import (
    ActorKind,
    Cost,
    FundingProgramme,
    HelixSector,
    OfferKind,
    OfferLanguage,
    ProjectPhase,
    Stage,
)
from registry.managers import phase_condition
from registry.models import Actor, Municipality, Project, SupportOffer
from registry.search import MAX_QUERY_LENGTH
from spetsomraden.models import PriorityArea

PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 100_000


class FacetFilter(django_filters.MultipleChoiceFilter):
    """A facet: several values ORed, each option listed with its count."""

    def __init__(self, *args, condition: Callable[[list[str]], Q], **kwargs):
        self.condition = condition
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(self.condition(value)) if value else qs


def _in(field: str) -> Callable[[list[str]], Q]:
    return lambda values: Q(**{f"{field}__in": values})


def _overlap(field: str) -> Callable[[list[str]], Q]:
    return lambda values: Q(**{f"{field}__overlap": list(values)})


class RegistryFilterSet(django_filters.FilterSet):
    """What the three public lists share: search, priority area, archived, sort and paging."""

    SORTS = {
        "relevance": _("Relevance"),
        "name": _("Name"),
        "newest": _("Newest"),
        "reviewed": _("Recently reviewed"),
    }

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    area = FacetFilter(label=_("Priority area"), condition=lambda v: Q())
    archived = django_filters.BooleanFilter(
        label=_("Include archived entries"), method="filter_archived"
    )

    # Single-valued parameters that are not filters; cleaned by the selector.
    list_params = ("sort", "page", "per_page")
    # The order the facets are shown in.
    facet_order: tuple[str, ...] = ("area",)

    def __init__(self, data=None, *args, areas=None, municipalities=None, **kwargs):
        """``areas`` and ``municipalities`` may be passed in when the caller has them already."""
        if areas is None:
            areas = PriorityArea.objects.order_by("number")
        self.areas = list(areas)
        super().__init__(self._sanitised(data), *args, **kwargs)
        if "municipality" in self.filters:
            if municipalities is None:
                municipalities = Municipality.objects.all()
            self.municipalities = list(municipalities)
            self.filters["municipality"].extra["choices"] = [
                (m.code, m.name) for m in self.municipalities
            ]
        area_by_slug = {area.slug: area.number for area in self.areas}
        area_filter = self.filters["area"]
        area_filter.extra["choices"] = [(a.slug, a.short_name) for a in self.areas]
        area_filter.condition = lambda values: Q(
            area_numbers__overlap=[area_by_slug[v] for v in values if v in area_by_slug]
        )

    # Searching and the archive switch are applied by the selector, which ranks results.
    def filter_search(self, queryset, name, value):
        return queryset

    def filter_archived(self, queryset, name, value):
        return queryset

    def _sanitised(self, data):
        if data is None:
            return None
        clean = QueryDict(mutable=True)
        for name, values in data.lists():
            if name == "q":
                clean[name] = " ".join(values[-1].split())[:MAX_QUERY_LENGTH]
            elif name == "archived":
                clean[name] = "true" if values[-1] in ("1", "true", "on") else "false"
            elif name in self.list_params:
                clean[name] = values[-1][:20]
            elif name in self.base_filters and isinstance(self.base_filters[name], FacetFilter):
                clean.setlist(name, list(dict.fromkeys(v for v in values if len(v) <= 60)))
        return clean

    def _valid_options(self, name: str) -> set[str]:
        return {str(value) for value, _label in self.filters[name].extra.get("choices", [])}

    @property
    def cleaned(self) -> dict:
        """The visitor's valid selections; unknown facet values are dropped, not errors."""
        if not hasattr(self, "_cleaned"):
            result = {}
            data = self.data or QueryDict()
            for name, filter_ in self.filters.items():
                if isinstance(filter_, FacetFilter):
                    valid = self._valid_options(name)
                    result[name] = [v for v in data.getlist(name) if v in valid]
            result["q"] = (data.get("q") or "").strip()
            result["archived"] = data.get("archived") == "true"
            self._cleaned = result
        return self._cleaned

    def facet_names(self) -> list[str]:
        return list(self.facet_order)

    def condition(self, *, exclude: str | None = None) -> Q:
        """The ANDed conditions of the active facets, optionally leaving one out."""
        condition = Q()
        for name in self.facet_names():
            values = self.cleaned[name]
            if values and name != exclude:
                condition &= self.filters[name].condition(values)
        return condition

    def option_condition(self, name: str, value: str) -> Q:
        return self.filters[name].condition([value])

    @property
    def qs(self):
        return self.queryset.filter(self.condition())


class ActorFilterSet(RegistryFilterSet):
    kind = FacetFilter(label=_("Kind"), choices=ActorKind.choices, condition=_in("kind"))
    municipality = FacetFilter(label=_("Municipality"), condition=_in("municipality_id"))
    helix = FacetFilter(
        label=_("Sector"), choices=HelixSector.choices, condition=_in("helix_sector")
    )

    facet_order = ("kind", "area", "municipality", "helix")

    class Meta:
        model = Actor
        fields = []


class OfferFilterSet(RegistryFilterSet):
    kind = FacetFilter(label=_("Kind of support"), choices=OfferKind.choices, condition=_in("kind"))
    stage = FacetFilter(
        label=_("Company stage"), choices=Stage.choices, condition=_overlap("stages")
    )
    cost = FacetFilter(label=_("Cost"), choices=Cost.choices, condition=_in("cost"))
    language = FacetFilter(
        label=_("Language"), choices=OfferLanguage.choices, condition=_overlap("languages")
    )
    open = FacetFilter(
        label=_("Applications"),
        choices=[("yes", _("Open for applications now"))],
        condition=lambda values: (
            Q(application="rolling") | Q(application="deadline", deadline__gte=timezone.localdate())
        ),
    )
    municipality = FacetFilter(label=_("Municipality"), condition=_in("actor__municipality_id"))

    facet_order = ("kind", "area", "stage", "cost", "open", "language", "municipality")

    class Meta:
        model = SupportOffer
        fields = []


class ProjectFilterSet(RegistryFilterSet):
    programme = FacetFilter(
        label=_("Funding programme"),
        choices=FundingProgramme.choices,
        condition=_in("funding_programme"),
    )
    phase = FacetFilter(
        label=_("Status"),
        choices=ProjectPhase.choices,
        condition=lambda values: _any(phase_condition(v) for v in values),
    )

    facet_order = ("programme", "area", "phase")

    class Meta:
        model = Project
        fields = []


def _any(conditions) -> Q:
    result = Q(pk__in=[])
    for condition in conditions:
        result |= condition
    return result
