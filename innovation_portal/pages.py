"""The portal's own pages: about, accessibility statement, privacy, robots.txt, sitemap, errors.

The long texts of the about, accessibility and privacy pages are written per
language in ``templates/pages/<page>.<language>.html`` rather than through the
``.po`` files, so each version reads as prose of its own.
"""

import logging

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from innovation_portal.sitemaps import SITEMAPS
from spetsomraden.models import PriorityArea

logger = logging.getLogger(__name__)

PROSE_LANGUAGES = ("sv", "en")

# Shown when even the 500 template cannot be rendered.
PLAIN_SERVER_ERROR = (
    "Något gick fel hos oss. Försök igen om en stund.\n"
    "Something went wrong on our side. Please try again in a while.\n"
)


def _prose_language(language: str | None) -> str:
    code = (language or settings.LANGUAGE_CODE)[:2]
    return code if code in PROSE_LANGUAGES else PROSE_LANGUAGES[0]


def _render_page(request, page: str, context: dict | None = None):
    language = _prose_language(translation.get_language())
    return render(
        request,
        f"pages/{page}.html",
        {"prose_template": f"pages/{page}.{language}.html", **(context or {})},
    )


def _contact_email() -> str:
    return getattr(settings, "PORTAL_CONTACT_EMAIL", "") or ""


@require_safe
def about(request):
    return _render_page(
        request,
        "about",
        {
            "priority_areas": PriorityArea.objects.order_by("number"),
            "contact_email": _contact_email(),
        },
    )


@require_safe
def accessibility(request):
    return _render_page(request, "accessibility", {"contact_email": _contact_email()})


@require_safe
def privacy(request):
    session_seconds = getattr(settings, "SESSION_COOKIE_AGE", 0) or 0
    return _render_page(
        request,
        "privacy",
        {
            "contact_email": _contact_email(),
            "session_hours": max(1, round(session_seconds / 3600)),
        },
    )


@require_safe
def robots_txt(request):
    disallowed = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            disallowed.append(reverse("admin:index"))
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in dict.fromkeys(disallowed)),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """The index of the sitemap's files: each section, cut into files of ``limit`` addresses."""
    return sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap_section")


@require_safe
def sitemap_section(request, section):
    """One file of the sitemap: a page (``?p=``) of one section; 404 past the last."""
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, in the language of the URL, without the database or context processors.

    The locale middleware may not have run, and whatever failed may be the
    database itself, so the template gets a minimal context and no request.
    """
    language = _prose_language(translation.get_language_from_path(request.path_info))
    try:
        with translation.override(language):
            content = loader.get_template("500.html").render(
                {"LANGUAGE_CODE": language, "home_url": reverse("home")}
            )
    except Exception:
        # The error page must not fail in turn: fall back to plain text.
        logger.exception("The 500 page could not be rendered.")
        return HttpResponseServerError(PLAIN_SERVER_ERROR, content_type="text/plain; charset=utf-8")
    return HttpResponseServerError(content)
