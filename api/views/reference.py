"""The reference data: the four priority areas and the 26 municipalities."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api import params
from api import selectors as api_selectors
from api.openapi import (
    ERRORS,
    LANG,
    PAGING,
)
from api.serializers import (
    MunicipalityPageSerializer,
    MunicipalitySerializer,
    PriorityAreaPageSerializer,
    PriorityAreaSerializer,
)
from api.views.base import (
    MUNICIPALITY_CODE,
    SLUG,
    ReadOnlyView,
    check_page,
    envelope,
)


class ReferenceListView(ReadOnlyView):
    """A short list of reference data, paged like the registry lists, without facets."""

    page_serializer_class = None

    def queryset(self):
        raise NotImplementedError

    def get(self, request):
        requested, per_page = params.paging(request.query_params)
        page = Paginator(self.queryset(), per_page).get_page(requested)
        check_page(requested, page)
        data = envelope(request, page, results=list(page.object_list), facets={})
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
