"""Rate limits per client address on search, exports and the API, counted in the shared cache.

Each limit is a fixed window: the first request of a window creates the counter
with ``cache.add`` and every request increments it with ``cache.incr``, both
atomic in Redis and in the database cache, so concurrent workers count together.
A client over the limit gets a 429 with ``Retry-After`` (the seconds left in the
window): a short bilingual page, or JSON under ``/api/``.

``settings.RATE_LIMITS`` maps each kind of request to ``"<requests>/<period>"``
(``"60/m"``, ``"1000/h"``, ``"5/10s"``); a missing or empty entry means no limit.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

SEARCH, EXPORT, API = "search", "export", "api"
_PERIOD = re.compile(r"^(\d*)([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(value: str) -> Rate:
    """``"60/m"`` → 60 requests a minute; ``"5/10s"`` → 5 requests in ten seconds."""
    try:
        count, period = value.replace(" ", "").split("/")
        match = _PERIOD.match(period)
        requests = int(count)
    except ValueError:
        match = None
    if match is None or requests < 1:
        raise ValueError(f"A rate limit reads like '60/m' or '5/10s'; got {value!r}.")
    multiple = int(match.group(1) or 1)
    return Rate(requests=requests, seconds=multiple * _SECONDS[match.group(2)])


def client_address(request) -> str | None:
    """The client's address, as the limits and the login lockout count it; None if unknown.

    ``REMOTE_ADDR`` unless ``settings.TRUSTED_PROXY_COUNT`` says how many proxies of
    ours stand in front: then the address the outermost of them saw, taken from the
    right of ``X-Forwarded-For`` so a client cannot choose it.
    """
    address = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            address = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    return str(getattr(parsed, "ipv4_mapped", None) or parsed)


def client_key(request) -> str:
    """What one client's requests are counted under: its address, an IPv6 one by its /64
    network, which a single subscriber usually holds whole."""
    address = client_address(request)
    if address is None:
        return "unknown"
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address


def request_kind(request) -> str | None:
    """Which limit a request counts against: the API, an export, a search, or none."""
    path = request.path_info
    if path.startswith("/api/"):
        return API
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None
    if match.url_name and match.url_name.endswith("export"):
        return EXPORT
    if request.GET.get("q", "").strip():
        return SEARCH
    return None


def _rates() -> dict[str, Rate]:
    rates = {}
    for kind, value in (getattr(settings, "RATE_LIMITS", None) or {}).items():
        if value:
            rates[kind] = parse_rate(value)
    return rates


def hit(kind: str, address: str, rate: Rate, now: float | None = None) -> int | None:
    """Count one request; return the seconds to wait if it is over the limit, else None."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"ratelimit:{kind}:{address}:{rate.seconds}:{window}"
    cache = caches["default"]
    if isinstance(cache, DatabaseCache):
        count = _count_in_database(cache, key, rate)
    else:
        count = _count(cache, key, rate)
    if count <= rate.requests:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def _count(cache, key: str, rate: Rate) -> int:
    # The counter outlives its window a little, so a late increment never recreates it.
    cache.add(key, 0, timeout=rate.seconds + 5)
    try:
        return cache.incr(key)
    except ValueError:
        # Evicted between add and incr: this request opens the window again.
        cache.add(key, 1, timeout=rate.seconds + 5)
        return 1


def _count_in_database(cache: DatabaseCache, key: str, rate: Rate) -> int:
    """The database cache's ``incr`` is a read and a write: serialise them per counter.

    A transaction-level advisory lock on the counter's key makes concurrent workers
    take turns, so none of their requests goes uncounted.
    """
    alias = router.db_for_write(cache.cache_model_class)
    lock_id = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")
    with transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id - 2**63])
        return _count(cache, key, rate)


def too_many_requests(request, retry_after: int) -> HttpResponse:
    """The 429 answer: JSON for the API, a short page in the URL's language otherwise."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        message = gettext(
            "Too many requests from your address. Please wait %(seconds)s seconds and try again."
        ) % {"seconds": retry_after}
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
        else:
            content = loader.get_template("429.html").render(
                {
                    "LANGUAGE_CODE": language,
                    "home_url": reverse("home"),
                    "message": message,
                    "retry_after": retry_after,
                }
            )
            response = HttpResponse(content, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    """Answer 429 to a client over its limit before any view or database work is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rates = _rates()
        kind = request_kind(request) if rates else None
        rate = rates.get(kind) if kind else None
        if rate is not None:
            try:
                retry_after = hit(kind, client_key(request), rate)
            except Exception:
                # An unreachable cache must not take the site down with it: serve unlimited.
                logger.warning("Rate limit not checked: the cache is unavailable.", exc_info=True)
                retry_after = None
            if retry_after is not None:
                logger.info("Rate limit reached", extra={"limit": kind, "status": 429})
                return too_many_requests(request, retry_after)
        return self.get_response(request)
