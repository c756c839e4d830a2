"""Rate limits on search, exports and the API: 429 with Retry-After, per client address."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from innovation_portal import ratelimit
from tests.security.public_urls import reverse_optional

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Low limits, counted in a cache of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ratelimit-{uuid.uuid4()}",
        }
    }
    settings.RATE_LIMITS = {"search": "3/m", "export": "2/m", "api": "2/m"}
    return settings.RATE_LIMITS


def search_url(language="sv", q="inkubator"):
    path = "/stod/" if language == "sv" else "/en/support/"
    return f"{path}?q={q}"


def test_searches_beyond_the_limit_are_answered_429_with_retry_after(limits):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _search in range(3):
        assert client.get(search_url()).status_code == 200

    response = client.get(search_url(q="testbädd"))

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert f"{response['Retry-After']}" in html
    assert "Content-Security-Policy" in response.headers


def test_the_429_page_is_in_english_on_the_english_site(limits):
    client = Client(REMOTE_ADDR="192.0.2.11")
    for _search in range(3):
        client.get(search_url("en"))

    response = client.get(search_url("en"))

    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Too many requests from your address." in html
    assert 'href="/en/"' in html


def test_browsing_without_a_search_is_not_limited(limits):
    client = Client(REMOTE_ADDR="192.0.2.12")
    for _page in range(8):
        assert client.get(reverse("registry:offer_list")).status_code == 200
        assert client.get(reverse("registry:offer_list") + "?q=+").status_code == 200


def test_each_client_address_has_its_own_count(limits):
    first = Client(REMOTE_ADDR="192.0.2.20")
    for _search in range(4):
        first.get(search_url())
    assert first.get(search_url()).status_code == 429

    assert Client(REMOTE_ADDR="192.0.2.21").get(search_url()).status_code == 200


def test_a_forged_forwarded_for_header_changes_nothing(limits):
    client = Client(REMOTE_ADDR="192.0.2.30")
    statuses = [
        client.get(search_url(), HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_clients_are_told_apart_by_forwarded_for(limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.5")
    for _search in range(3):
        proxy.get(search_url(), HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.1")

    # The client may put anything first; the address our proxy saw (the last) counts.
    assert proxy.get(search_url(), HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1").status_code == 429
    assert proxy.get(search_url(), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_ipv6_clients_are_counted_by_their_64_network(limits):
    for host in range(3):
        Client(REMOTE_ADDR=f"2001:db8:1:2::{host + 1}").get(search_url())

    assert Client(REMOTE_ADDR="2001:db8:1:2::99").get(search_url()).status_code == 429
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").get(search_url()).status_code == 200


def test_the_api_answers_429_in_json(limits):
    client = Client(REMOTE_ADDR="192.0.2.40")
    path = reverse_optional("api:root") or "/api/"
    first = [client.get(path).status_code for _request in range(2)]
    assert 429 not in first

    response = client.get(path)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["retry_after"] == int(response["Retry-After"])
    assert "Too many requests" in body["detail"] or "för många" in body["detail"].lower()


@pytest.mark.urls("tests.security.urls")
def test_exports_are_limited(limits):
    exports = [reverse("stand_in_export")]
    for name in ("registry:actor_export", "registry:offer_export", "registry:project_export"):
        path = reverse_optional(name, fmt="csv")
        if path:
            exports.append(path)
    assert len(exports) == 4  # the stand-in and the three lists' exports
    for path in exports:
        client = Client(REMOTE_ADDR=f"192.0.2.{50 + len(path) % 100}")
        client.get(path)
        client.get(path)

        response = client.get(path)

        assert response.status_code == 429, path
        assert int(response["Retry-After"]) >= 1


def test_the_count_starts_again_in_the_next_window():
    rate = ratelimit.parse_rate("2/m")
    start = 1_700_000_020.0  # 40 s into a minute
    caches["default"].clear()

    assert ratelimit.hit("search", "192.0.2.60", rate, now=start) is None
    assert ratelimit.hit("search", "192.0.2.60", rate, now=start + 1) is None
    assert ratelimit.hit("search", "192.0.2.60", rate, now=start + 2) == 18
    assert ratelimit.hit("search", "192.0.2.60", rate, now=start + 20) is None


@pytest.mark.parametrize(
    ("text", "requests", "seconds"),
    [("60/m", 60, 60), ("5/10s", 5, 10), ("1000/h", 1000, 3600), ("3/d", 3, 86400)],
)
def test_rates_are_read_from_settings_text(text, requests, seconds):
    assert ratelimit.parse_rate(text) == ratelimit.Rate(requests, seconds)


@pytest.mark.parametrize("text", ["", "60", "0/m", "x/m", "60/week", "-1/s", "5/0.5s"])
def test_unreadable_rates_are_refused(text):
    with pytest.raises(ValueError, match="A rate limit reads like"):
        ratelimit.parse_rate(text)


class BrokenCache(LocMemCache):
    def add(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")


def test_an_unreachable_cache_lets_requests_through(settings, caplog):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}
    settings.RATE_LIMITS = {"search": "1/m"}
    client = Client()

    statuses = [client.get(search_url()).status_code for _request in range(3)]

    assert statuses == [200, 200, 200]
    assert "the cache is unavailable" in caplog.text


@pytest.fixture
def database_cache(settings, django_db_serialized_rollback, transactional_db):
    # Serialized rollback, as every transactional test: the flush after a test without it
    # creates the content types again, which the next such test then inserts a second time.
    table = "ratelimit_test_cache"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    }
    call_command("createcachetable", verbosity=0)
    yield caches["default"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def test_concurrent_requests_are_all_counted_in_the_database_cache(database_cache):
    rate = ratelimit.parse_rate("25/m")
    now = 1_700_000_000.0
    refused = []

    def client():
        from django.db import connections

        try:
            for _request in range(10):
                refused.append(ratelimit.hit("api", "192.0.2.70", rate, now=now) is not None)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _thread in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(refused) == 40
    assert refused.count(False) == 25  # exactly the limit got through
    key = f"ratelimit:api:192.0.2.70:60:{int(now // 60)}"
    assert database_cache.get(key) == 40
