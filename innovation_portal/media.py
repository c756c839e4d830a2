"""Uploaded files the public pages show: the logos and their thumbnails.

Logos are re-encoded on upload (``registry.logos``), so only PNG and WebP files made by
the portal itself live under ``logos/``; nothing else in MEDIA_ROOT is served. A
replaced logo gets a new file name, so a day of browser caching is safe. A reverse
proxy in front of the portal may serve ``/media/logos/`` itself instead.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

LOGO_CACHE_SECONDS = 24 * 60 * 60


@require_safe
def logo(request, path):
    path = posixpath.normpath(path)
    if path.startswith(("..", "/")):
        raise Http404
    response = serve(request, f"logos/{path}", document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={LOGO_CACHE_SECONDS}"
    return response
