"""Every error of the API is JSON, ``{"detail": "…"}``, in the language the client asked for.

A bad query parameter also names the parameter: ``{"detail": "…", "parameter": "kind"}``.
An unexpected failure is logged and answered with a JSON 500, never Django's HTML page;
a lost database is left to ``innovation_portal.faults``, which answers a JSON 503.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)


class BadParameter(exceptions.APIException):
    """A query parameter the API does not accept; ``parameter`` names it."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_parameter"

    def __init__(self, detail, *, parameter: str):
        super().__init__(detail)
        self.parameter = parameter


class PageNotFound(exceptions.NotFound):
    """A page number past the end of the result."""

    default_code = "page_not_found"

    def __init__(self, detail):
        super().__init__(detail)
        self.parameter = "page"


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None:
        parameter = getattr(exc, "parameter", None)
        if parameter and isinstance(response.data, dict):
            response.data["parameter"] = parameter
        return response
    if isinstance(exc, OperationalError | InterfaceError):
        return None  # innovation_portal.faults answers 503 with a JSON body under /api/
    request = context.get("request")
    logger.error(
        "Internal Server Error: %s",
        getattr(request, "path", ""),
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status": 500},
    )
    set_rollback()
    return Response(
        {"detail": str(_("Something went wrong on our side. Please try again in a while."))},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
