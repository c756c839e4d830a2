"""Whole public pages for anonymous visitors, kept in the shared cache until the registry changes.

Every page is cached under a key made of

* the **registry version**, a number in the cache that goes up after every committed
  change to anything a public page shows (actors, offers, projects, participations,
  priority areas, roadmaps, milestones, municipalities, their many-to-many links),
  whoever makes it: the admin, an import, an admin action, a service or the shell;
* the release (the hash of the static files' manifest) and today's date, as pages
  link hashed static files and show what is open or ongoing today;
* the language and the full address, query string included.

A change therefore never needs to find the pages it affects: the next request asks
for a key that does not exist yet. Entries of older versions expire on their own.

Only anonymous visitors' ``GET`` requests are served from or stored in the cache:
a request with a session cookie (staff) or a pending message always reaches the
view, and only a page that sets no cookie, answers 200, says nothing against being
cached and varies on nothing but the language and the cookie is stored. A request
that runs inside a database transaction neither reads nor stores pages: it may see
changes that are not committed, and the version goes up only once they are.

The version is bumped once per transaction, after it commits (``on_commit``), so no
request can cache a page of the old data under the new version. Writes that bypass
the models' signals (``QuerySet.update()``, raw SQL, ``COPY``) call
:func:`registry_changed` themselves.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "registry-version"

# The pages that are the same for every anonymous visitor (URL names), as the apps
# register them (``register``).
_cached_views: set[str] = set()
# Vary headers a cached page may carry: the key holds the language, and cookies
# decide only whether the cache is used at all.
ALLOWED_VARY = frozenset({"accept-language", "cookie"})
# Cache-Control directives that forbid keeping the response.
FORBIDDING = frozenset({"private", "no-store", "no-cache"})
MAX_PAGE_BYTES = 2 * 1024 * 1024


# The registry version


def _new_epoch() -> int:
    """A version above any the cache may have held before: a lost key never goes back."""
    return time.time_ns() // 1000


def registry_version() -> int:
    cache = caches["default"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_epoch(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_registry_version() -> None:
    """Move every cached page out of use; called after a change to the registry commits."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        # INCR is atomic and keeps the key's lack of expiry.
        if not cache.add(VERSION_KEY, _new_epoch(), timeout=None):
            try:
                cache.incr(VERSION_KEY)
            except ValueError:  # evicted in between
                cache.add(VERSION_KEY, _new_epoch(), timeout=None)
        return
    # Elsewhere a read and a write; two bumps that meet still leave a version that no page
    # of the old data was cached under, as both read it after their changes committed.
    current = cache.get(VERSION_KEY)
    cache.set(VERSION_KEY, _new_epoch() if current is None else current + 1, timeout=None)


def _bump_after_commit() -> None:
    try:
        bump_registry_version()
    except Exception:
        # Cached pages then live out their timeout; the change itself is saved.
        logger.exception("The registry version could not be increased: pages may be stale.")


def registry_changed(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the registry version once the current transaction commits (at once outside one).

    One bump per transaction, however many rows it changes: an import of thousands of
    rows asks the cache once.
    """
    connection = connections[using]
    if connection.in_atomic_block and any(
        func is _bump_after_commit for _ids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_bump_after_commit, using=using)


def _on_model_change(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed sends pre_add, pre_remove and pre_clear too
    registry_changed(using=using)


def _on_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    # A migration (or a flush) may have changed any data; deploys run migrate too.
    registry_changed(using=using)


def register(*models, views=()) -> None:
    """Keep pages of ``views`` (URL names) in the cache until a change to one of ``models``.

    Each app calls this in its ``AppConfig.ready()`` with the models its public pages
    show and the URL names of the pages that are the same for every anonymous visitor.
    The version goes up on every save, delete and many-to-many change of those models.
    """
    for model in models:
        uid = f"registry-version-{model._meta.label_lower}"
        post_save.connect(_on_model_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _on_model_change, sender=through, dispatch_uid=f"{uid}-{field.name}"
            )
    _cached_views.update(views)
    post_migrate.connect(_on_migrate, dispatch_uid="registry-version-migrate")


# The page cache


@functools.cache
def _release() -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    try:
        return str(getattr(staticfiles_storage, "manifest_hash", "") or "")
    except Exception:
        return ""


def page_key(address: str, version: int) -> str:
    """The key of the page at ``address`` (scheme, host, path and query) in this language."""
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    language = translation.get_language() or settings.LANGUAGE_CODE
    today = timezone.localdate().isoformat()
    return f"page:{_release()}:{version}:{language}:{today}:{digest}"


def _may_use_cache(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


def _may_store(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if (
        response.status_code != 200
        or response.streaming
        or match is None
        or match.view_name not in _cached_views
        or response.cookies
        or len(response.content) > MAX_PAGE_BYTES
        or connections[DEFAULT_DB_ALIAS].in_atomic_block
    ):
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if directives & FORBIDDING:
        return False
    vary = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()
    }
    return vary <= ALLOWED_VARY


def _frozen(response) -> tuple:
    return (response.status_code, tuple(response.items()), response.content)


def _thawed(frozen) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PageCacheMiddleware:
    """Serve anonymous visitors' pages from the shared cache; see the module's docstring.

    Placed after ``LocaleMiddleware`` (the key holds the language) and before the
    middleware that reads sessions and users, which a cached page does not need.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _may_use_cache(request):
            return self.get_response(request)
        address = request.build_absolute_uri()  # a disallowed host fails here, as a 400
        cache = caches["default"]
        try:
            key = page_key(address, registry_version())
            frozen = cache.get(key)
        except Exception:
            logger.warning("Page cache not read: the cache is unavailable.", exc_info=True)
            return self.get_response(request)
        if frozen is not None:
            response = _thawed(frozen)
            patch_vary_headers(response, ("Cookie",))
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            patch_vary_headers(response, ("Cookie",))
            try:
                cache.set(key, _frozen(response), seconds)
            except Exception:
                logger.warning("Page cache not written: the cache is unavailable.", exc_info=True)
        return response
