"""The read-only JSON API (``/api/v1/``) and the open-data catalogue (``/api/catalog.jsonld``).

Each view reads the query string (``api.params``), calls a selector and returns what a
serializer makes of the result; only GET, HEAD and OPTIONS are answered, any other
method is a JSON 405. See ``docs/api.md``.
"""

from api.views.documents import CatalogView, IndexView, SchemaView, UnknownEndpointView
from api.views.entries import (
    ActorDetailView,
    ActorListView,
    OfferDetailView,
    OfferListView,
    ProjectDetailView,
    ProjectListView,
    RootView,
)
from api.views.reference import (
    MunicipalityDetailView,
    MunicipalityListView,
    PriorityAreaDetailView,
    PriorityAreaListView,
)

__all__ = [
    "ActorDetailView",
    "ActorListView",
    "CatalogView",
    "IndexView",
    "MunicipalityDetailView",
    "MunicipalityListView",
    "OfferDetailView",
    "OfferListView",
    "PriorityAreaDetailView",
    "PriorityAreaListView",
    "ProjectDetailView",
    "ProjectListView",
    "RootView",
    "SchemaView",
    "UnknownEndpointView",
]
