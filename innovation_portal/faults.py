"""A database that goes away answers 503 with a friendly page, never a 500 with a traceback.

The portal keeps no state of its own between requests: Django checks a kept
connection before reusing it (``CONN_HEALTH_CHECKS``) and drops one that failed,
so once the database is back the next request connects again, with no restart.

A database error can surface in a view (``process_exception``) or in a middleware
further in, such as the session, the page cache or the rate limits' database
cache. The latter reach Django's 500 handler; the ``got_request_exception``
signal marks the request, and this middleware, outside them all, turns the 500
into the 503.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_MARK = "_database_unavailable"

# Shown when even the 503 template cannot be rendered.
PLAIN_UNAVAILABLE = (
    "Portalen är tillfälligt otillgänglig. Försök igen om en stund.\n"
    "The portal is temporarily unavailable. Please try again in a while.\n"
)


def _mark_request(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_UNAVAILABLE):
        setattr(request, _MARK, error)


def _summary(error: BaseException) -> str:
    # The first line names the failure (refused, timed out …); later lines may quote SQL.
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}"[:300]


def database_unavailable(request) -> HttpResponse:
    """The 503 answer: JSON for the API, a page in the URL's language otherwise."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if request.path_info.startswith("/api/"):
            response = JsonResponse(
                {
                    "detail": gettext(
                        "The service is temporarily unavailable. Please try again in a while."
                    ),
                    "retry_after": RETRY_AFTER_SECONDS,
                },
                status=503,
            )
        else:
            try:
                content = loader.get_template("503.html").render(
                    {
                        "LANGUAGE_CODE": language,
                        "home_url": reverse("home"),
                        "retry_after": RETRY_AFTER_SECONDS,
                    }
                )
                response = HttpResponse(content, status=503)
            except Exception:
                logger.exception("The 503 page could not be rendered.")
                response = HttpResponse(
                    PLAIN_UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8"
                )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a 503 wherever in the request it showed."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_mark_request, dispatch_uid="portal-database-unavailable")

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, _MARK, None)
        if error is not None and response.status_code >= 500:
            return database_unavailable(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.error(
            "Database unavailable: %s",
            _summary(exception),
            extra={"status": 503},
        )
        return database_unavailable(request)
