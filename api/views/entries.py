"""The registry's endpoints: the API root, and the lists and details of actors, support
offers and projects.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework.response import Response

from api import params
from api import selectors as api_selectors
from api.fields import Links
from api.openapi import (
    ACTOR_PARAMETERS,
    ERRORS,
    LANG,
    OFFER_PARAMETERS,
    PROJECT_PARAMETERS,
)
from api.serializers import (
    ActorPageSerializer,
    ActorSerializer,
    OfferPageSerializer,
    OfferSerializer,
    ProjectPageSerializer,
    ProjectSerializer,
    RootSerializer,
)
from api.views.base import (
    EntryDetailView,
    EntryListView,
    ReadOnlyView,
)
from registry import selectors
from registry.filters import (
    ActorFilterSet,
    OfferFilterSet,
    ProjectFilterSet,
)


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
