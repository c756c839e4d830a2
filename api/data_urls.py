"""``/data/``: the stable address of the open-data catalogue that data portals harvest."""

from django.urls import path

from api import views

app_name = "data"

urlpatterns = [
    path("catalog.jsonld", views.CatalogView.as_view(), name="catalog"),
]
