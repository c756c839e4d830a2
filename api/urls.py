from django.urls import path, re_path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("v1/", views.RootView.as_view(), name="root"),
    path("v1/actors/", views.ActorListView.as_view(), name="actor-list"),
    path("v1/actors/<str:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("v1/support-offers/", views.OfferListView.as_view(), name="offer-list"),
    path("v1/support-offers/<str:slug>/", views.OfferDetailView.as_view(), name="offer-detail"),
    path("v1/projects/", views.ProjectListView.as_view(), name="project-list"),
    path("v1/projects/<str:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("v1/priority-areas/", views.PriorityAreaListView.as_view(), name="priority-area-list"),
    path(
        "v1/priority-areas/<str:slug>/",
        views.PriorityAreaDetailView.as_view(),
        name="priority-area-detail",
    ),
    path("v1/municipalities/", views.MunicipalityListView.as_view(), name="municipality-list"),
    path(
        "v1/municipalities/<str:code>/",
        views.MunicipalityDetailView.as_view(),
        name="municipality-detail",
    ),
    path("v1/schema/", views.SchemaView.as_view(), name="schema"),
    # The data catalogue, also at /data/catalog.jsonld (api.data_urls).
    path("catalog.jsonld", views.CatalogView.as_view(), name="catalog"),
    # Anything else under /api/ is a JSON 404, never the site's HTML page.
    re_path(r"^.*$", views.UnknownEndpointView.as_view(), name="unknown"),
]
