"""The API's own documents, the OpenAPI description and the data catalogue, and the
answers for addresses under ``/api/`` that are not endpoints.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import (
    extend_schema,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api import dcat
from api.views.base import (
    ReadOnlyView,
)


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
