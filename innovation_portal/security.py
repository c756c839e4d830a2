"""Response headers that Django's own middleware does not set: the Content-Security-Policy
and the Permissions-Policy.

The policy is the same on every response and carries no per-request nonce, so
whole pages can be cached and served again unchanged. That works because
nothing in the portal, its admin included, runs inline script or style: every
script and stylesheet is a file of the portal's own. JSON-LD blocks
(``<script type="application/ld+json">``) are data, which the policy does not
govern.

``SecurityMiddleware`` (HSTS, ``X-Content-Type-Options``, ``Referrer-Policy``,
``Cross-Origin-Opener-Policy``) and ``XFrameOptionsMiddleware`` set the rest.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext


def content_security_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(
        " ".join([name, *sources]) if sources else name for name, sources in directives.items()
    )


def permissions_policy(features: dict[str, list[str]]) -> str:
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy, Permissions-Policy and frame denial to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The policies are settings (settings.py), so that a deployment may change them.
        csp = settings.SECURE_CONTENT_SECURITY_POLICY
        if csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = content_security_policy(csp)
        # Responses that never reach XFrameOptionsMiddleware (static files, 429, 503) too.
        if "X-Frame-Options" not in response and not getattr(
            response, "xframe_options_exempt", False
        ):
            response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
        features = settings.SECURE_PERMISSIONS_POLICY
        if features and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy(features)
        return response


class RejectNulCharactersMiddleware:
    """Answer 400 to a path with a NUL character, which no page or API address has.

    PostgreSQL refuses NUL in text, so a NUL in a path parameter (a slug, a code) that
    reached a query would end in a 500; this stops it at the door for every view, present
    and future. Query strings are the views' to read: the lists treat a NUL as nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return bad_address(request)
        return self.get_response(request)


def bad_address(request) -> HttpResponse:
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        message = gettext("The address contains a character that is not allowed.")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
