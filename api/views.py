"""The read-only JSON API (``/api/v1/``) and the open-data catalogue (``/api/catalog.jsonld``).

Each view reads the query string (``api.params``), calls a selector and returns what a
serializer makes of the result; only GET, HEAD and OPTIONS are answered, any other
method is a JSON 405. See ``docs/api.md``.
"""

import re

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from api import dcat, params
from api import selectors as api_selectors
from api.exceptions import PageNotFound
from api.fields import Links, bilingual, translated
from api.openapi import (
    ACTOR_PARAMETERS,
    ERRORS,
    LANG,
    OFFER_PARAMETERS,
    PAGING,
    PROJECT_PARAMETERS,
)
from api.serializers import (
    ActorPageSerializer,
    ActorSerializer,
    MunicipalityPageSerializer,
    MunicipalitySerializer,
    OfferPageSerializer,
    OfferSerializer,
    PriorityAreaPageSerializer,
    PriorityAreaSerializer,
    ProjectPageSerializer,
    ProjectSerializer,
    RootSerializer,
)
from registry import selectors
from registry.filters import (
    ActorFilterSet,
    OfferFilterSet,
    ProjectFilterSet,
)

# What a slug or a municipality code can be; anything else is not looked up at all
# (PostgreSQL refuses some characters, such as NUL, in a query).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
MUNICIPALITY_CODE = re.compile(r"[0-9]{4}")


class ReadOnlyView(APIView):
    """GET, HEAD and OPTIONS; every other method is a 405 from DRF, as JSON."""

    def initial(self, request, *args, **kwargs):
        # Before DRF's content negotiation, so a bad ?format= is a 400 that names it.
        params.activate_language(request)
        request.LANGUAGE_CODE = translation.get_language()
        params.check_format(request.query_params)
        super().initial(request, *args, **kwargs)

    def context(self) -> dict:
        return {"request": self.request, "links": Links(self.request)}


def _page_links(request, page) -> tuple[str | None, str | None]:
    address = request.build_absolute_uri()
    following = replace_query_param(address, "page", page.number + 1) if page.has_next() else None
    previous = None
    if page.has_previous():
        previous = (
            remove_query_param(address, "page")
            if page.number == 2
            else replace_query_param(address, "page", page.number - 1)
        )
    return following, previous


def _check_page(requested: int, page) -> None:
    pages = page.paginator.num_pages
    if requested > pages:
        raise PageNotFound(
            ngettext(
                "Page %(page)s does not exist: the result has %(pages)s page.",
                "Page %(page)s does not exist: the result has %(pages)s pages.",
                pages,
            )
            % {"page": requested, "pages": pages}
        )


def _envelope(request, page, *, results, facets) -> dict:
    following, previous = _page_links(request, page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "per_page": page.paginator.per_page,
        "next": following,
        "previous": previous,
        "results": results,
        "facets": facets,
    }


def _facets(listing) -> dict:
    """The listing's facets with their labels in both languages."""
    filterset = listing.filterset
    area_labels = {
        area.slug: bilingual(lambda language, area=area: getattr(area, f"short_name_{language}"))
        for area in filterset.areas
    }
    facets = {}
    for facet in listing.facets:
        filter_ = filterset.filters[facet.name]
        labels = {str(value): label for value, label in filter_.extra["choices"]}

        def label(value, labels=labels, name=facet.name):
            if name == "area":
                return area_labels[value]
            text = labels[value]
            return translated(text) if isinstance(text, Promise) else bilingual(lambda _l: text)

        facets[facet.name] = {
            "label": translated(filter_.label),
            "options": [
                {
                    "value": option.value,
                    "label": label(option.value),
                    "count": option.count,
                    "selected": option.selected,
                }
                for option in facet.options
            ],
        }
    return facets


class EntryListView(ReadOnlyView):
    """A registry list: the public list's search, facets, sort and paging, as JSON."""

    filterset_class = None
    page_serializer_class = None

    def list_selector(self, filterset):
        raise NotImplementedError

    def with_links(self, entries):
        return entries

    def get(self, request):
        filterset, requested = params.registry_filterset(request.query_params, self.filterset_class)
        listing = self.list_selector(filterset)
        _check_page(requested, listing.page)
        entries = self.with_links(list(listing.entries))
        data = _envelope(request, listing.page, results=entries, facets=_facets(listing))
        return Response(self.page_serializer_class(data, context=self.context()).data)


class EntryDetailView(ReadOnlyView):
    serializer_class = None

    def detail_selector(self, slug):
        raise NotImplementedError

    def not_found_message(self, slug) -> str:
        raise NotImplementedError

    def get(self, request, slug):
        params.check_names(request.query_params, ())
        try:
            if not SLUG.fullmatch(slug):
                raise Http404
            entry = self.detail_selector(slug)
        except Http404:
            raise NotFound(self.not_found_message(slug)) from None
        return Response(self.serializer_class(entry, context=self.context()).data)


@extend_schema_view(get=extend_schema(operation_id="api_root", responses={200: RootSerializer}))
class RootView(ReadOnlyView):
    """The endpoints of the API, its OpenAPI description and the data catalogue."""

    def get(self, request):
        params.check_names(request.query_params, ())
        links = Links(request)
        data = {
            "actors": links.api("api:actor-list"),
            "support_offers": links.api("api:offer-list"),
            "projects": links.api("api:project-list"),
            "priority_areas": links.api("api:priority-area-list"),
            "municipalities": links.api("api:municipality-list"),
            "schema": links.api("api:schema"),
            "catalog": links.api("api:catalog"),
        }
        return Response(RootSerializer(data).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="actors_list",
        parameters=ACTOR_PARAMETERS,
        responses={200: ActorPageSerializer, **ERRORS},
    )
)
class ActorListView(EntryListView):
    """Published actors (archived ones too with archived=1), with facet counts."""

    filterset_class = ActorFilterSet
    page_serializer_class = ActorPageSerializer

    def list_selector(self, filterset):
        return selectors.actor_list(filterset=filterset)

    def with_links(self, entries):
        return api_selectors.with_actor_links(entries)


@extend_schema_view(
    get=extend_schema(
        operation_id="actors_retrieve",
        parameters=[LANG],
        responses={200: ActorSerializer, 404: ERRORS[404]},
    )
)
class ActorDetailView(EntryDetailView):
    """A published or archived actor, with its offers and projects."""

    serializer_class = ActorSerializer

    def detail_selector(self, slug):
        return selectors.actor_detail(slug=slug)

    def not_found_message(self, slug):
        return _("No actor has the slug “%(value)s”.") % {"value": slug}


@extend_schema_view(
    get=extend_schema(
        operation_id="support_offers_list",
        parameters=OFFER_PARAMETERS,
        responses={200: OfferPageSerializer, **ERRORS},
    )
)
class OfferListView(EntryListView):
    """Published support offers of public actors, with facet counts."""

    filterset_class = OfferFilterSet
    page_serializer_class = OfferPageSerializer

    def list_selector(self, filterset):
        return selectors.offer_list(filterset=filterset)


@extend_schema_view(
    get=extend_schema(
        operation_id="support_offers_retrieve",
        parameters=[LANG],
        responses={200: OfferSerializer, 404: ERRORS[404]},
    )
)
class OfferDetailView(EntryDetailView):
    """A published or archived support offer of a public actor."""

    serializer_class = OfferSerializer

    def detail_selector(self, slug):
        return selectors.offer_detail(slug=slug)

    def not_found_message(self, slug):
        return _("No support offer has the slug “%(value)s”.") % {"value": slug}


@extend_schema_view(
    get=extend_schema(
        operation_id="projects_list",
        parameters=PROJECT_PARAMETERS,
        responses={200: ProjectPageSerializer, **ERRORS},
    )
)
class ProjectListView(EntryListView):
    """Published collaboration projects, with facet counts."""

    filterset_class = ProjectFilterSet
    page_serializer_class = ProjectPageSerializer

    def list_selector(self, filterset):
        return selectors.project_list(filterset=filterset)


@extend_schema_view(
    get=extend_schema(
        operation_id="projects_retrieve",
        parameters=[LANG],
        responses={200: ProjectSerializer, 404: ERRORS[404]},
    )
)
class ProjectDetailView(EntryDetailView):
    """A published or archived project, with its lead and partners."""

    serializer_class = ProjectSerializer

    def detail_selector(self, slug):
        return selectors.project_detail(slug=slug)

    def not_found_message(self, slug):
        return _("No project has the slug “%(value)s”.") % {"value": slug}


class ReferenceListView(ReadOnlyView):
    """A short list of reference data, paged like the registry lists, without facets."""

    page_serializer_class = None

    def queryset(self):
        raise NotImplementedError

    def get(self, request):
        requested, per_page = params.paging(request.query_params)
        page = Paginator(self.queryset(), per_page).get_page(requested)
        _check_page(requested, page)
        data = _envelope(request, page, results=list(page.object_list), facets={})
        return Response(self.page_serializer_class(data, context=self.context()).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="priority_areas_list",
        parameters=[*PAGING, LANG],
        responses={200: PriorityAreaPageSerializer, **ERRORS},
    )
)
class PriorityAreaListView(ReferenceListView):
    """The four priority areas of the strategy, with roadmaps and counts."""

    page_serializer_class = PriorityAreaPageSerializer

    def queryset(self):
        return api_selectors.priority_areas()


@extend_schema_view(
    get=extend_schema(
        operation_id="priority_areas_retrieve",
        parameters=[LANG],
        responses={200: PriorityAreaSerializer, 404: ERRORS[404]},
    )
)
class PriorityAreaDetailView(ReadOnlyView):
    """One priority area, with its roadmap, milestones and counts."""

    def get(self, request, slug):
        params.check_names(request.query_params, ())
        area = SLUG.fullmatch(slug) and api_selectors.priority_areas().filter(slug=slug).first()
        if not area:
            raise NotFound(_("No priority area has the slug “%(value)s”.") % {"value": slug})
        return Response(PriorityAreaSerializer(area, context=self.context()).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="municipalities_list",
        parameters=[*PAGING, LANG],
        responses={200: MunicipalityPageSerializer, **ERRORS},
    )
)
class MunicipalityListView(ReferenceListView):
    """The 26 municipalities of Stockholm County, by name."""

    page_serializer_class = MunicipalityPageSerializer

    def queryset(self):
        return api_selectors.municipalities()


@extend_schema_view(
    get=extend_schema(
        operation_id="municipalities_retrieve",
        parameters=[LANG],
        responses={200: MunicipalitySerializer, 404: ERRORS[404]},
    )
)
class MunicipalityDetailView(ReadOnlyView):
    """One municipality, by its four-digit code."""

    def get(self, request, code):
        params.check_names(request.query_params, ())
        municipality = (
            MUNICIPALITY_CODE.fullmatch(code)
            and api_selectors.municipalities().filter(code=code).first()
        )
        if not municipality:
            raise NotFound(_("No municipality has the code “%(value)s”.") % {"value": code})
        return Response(MunicipalitySerializer(municipality, context=self.context()).data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description: JSON by default, YAML with ?format=yaml."""

    renderer_classes = [
        OpenApiJsonRenderer,
        OpenApiJsonRenderer2,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]


# The open-data catalogue


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class AlwaysFirstRenderer(BaseContentNegotiation):
    """The catalogue is JSON-LD whatever the client accepts: harvesters differ in what they ask."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema(exclude=True)
class CatalogView(ReadOnlyView):
    """The DCAT-AP-SE catalogue of the three datasets, in JSON-LD (``api.dcat``)."""

    renderer_classes = [JsonLdRenderer]
    content_negotiation_class = AlwaysFirstRenderer

    def get(self, request):
        return Response(dcat.catalog())

    def handle_exception(self, exc):
        # An error is not a catalogue: plain JSON, as everywhere else under /api/.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


# Addresses that are not endpoints


@extend_schema(exclude=True)
class IndexView(ReadOnlyView):
    """``/api/`` leads to the current version."""

    def get(self, request):
        return HttpResponseRedirect(reverse("api:root"))


@extend_schema(exclude=True)
class UnknownEndpointView(ReadOnlyView):
    """A JSON 404 for any other address under ``/api/``, whatever the method.

    An address missing only its final slash is redirected, as on the rest of the site.
    """

    def get(self, request, *args, **kwargs):
        path = request.path_info
        if not path.endswith("/"):
            try:
                match = resolve(f"{path}/")
            except Resolver404:
                match = None
            if match is not None and getattr(match.func, "view_class", None) is not type(self):
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(f"{path}/?{query}" if query else f"{path}/")
        return self.http_method_not_allowed(request)

    def options(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request)

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound(
            _("There is no API endpoint at this address. The endpoints are listed at %(url)s.")
            % {"url": request.build_absolute_uri(reverse("api:root"))}
        )
