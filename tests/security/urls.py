"""The portal's URLs plus stand-ins (an export, a failing API view) for the security tests."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from innovation_portal.urls import handler404, handler500
from innovation_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def stand_in_export(request):
    return HttpResponse("name\nKista Science City\n", content_type="text/csv")


def database_gone(request):
    raise OperationalError('connection to server on socket "/tmp/.s.PGSQL.5432" failed')


urlpatterns = [
    path("stand-in/export.csv", stand_in_export, name="stand_in_export"),
    path("api/stand-in/", database_gone, name="stand_in_api"),
    *portal_urlpatterns,
]
