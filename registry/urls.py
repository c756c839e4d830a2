from django.urls import path
from django.utils.translation import gettext_lazy as _

from registry import views

app_name = "registry"

urlpatterns = [
    path(_("actors/"), views.actor_list, name="actor_list"),
    path(_("actors/export/<slug:fmt>/"), views.actor_export, name="actor_export"),
    path(_("actors/<slug:slug>/"), views.actor_detail, name="actor_detail"),
    path(_("support/"), views.offer_list, name="offer_list"),
    path(_("support/export/<slug:fmt>/"), views.offer_export, name="offer_export"),
    path(_("support/<slug:slug>/"), views.offer_detail, name="offer_detail"),
    path(_("projects/"), views.project_list, name="project_list"),
    path(_("projects/export/<slug:fmt>/"), views.project_export, name="project_export"),
    path(_("projects/<slug:slug>/"), views.project_detail, name="project_detail"),
    path(_("priority-areas/"), views.area_list, name="area_list"),
    path(_("priority-areas/<slug:slug>/"), views.area_detail, name="area_detail"),
]
