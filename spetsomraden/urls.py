from django.urls import path
from django.utils.translation import gettext_lazy as _

from spetsomraden import views

app_name = "spetsomraden"

urlpatterns = [
    path(_("priority-areas/"), views.area_list, name="area_list"),
    path(_("priority-areas/<slug:slug>/"), views.area_detail, name="area_detail"),
]
