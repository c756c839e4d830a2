"""The page cache: anonymous visitors' pages from the shared cache, replaced after every change.

These tests run outside a test transaction (as requests in production do), so changes
commit and the registry version goes up exactly as it does for real.
"""

import html
import re

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from innovation_portal.lib import page_cache
from registry.models import Actor
from tests.factories import ActorFactory, SupportOfferFactory
from tests.registry.spreadsheets.admin_files import actor_row, csv_bytes, import_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def memory_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    assert isinstance(caches["default"], LocMemCache)
    caches["default"].clear()
    return caches["default"]


def get(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response, [query["sql"] for query in queries.captured_queries]


def registry_queries(queries) -> list[str]:
    """The statements that read or wrote anything but the cache's own table."""
    return [sql for sql in queries if "portal_cache" not in sql]


_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>')


def names_listed(page: str) -> list[str]:
    return [html.unescape(name).strip() for name in _RESULT_RE.findall(page)]


@pytest.fixture
def published_actor(areas):
    return ActorFactory(
        slug="cachad-inkubator",
        name_sv="Cachad Inkubator",
        description_sv="En inkubator.",
        priority_areas=[areas["ikt-tech-och-digitalisering"]],
    )


# Served from the cache


def test_the_second_visit_reads_only_the_cache_and_gets_the_same_page(client, published_actor):
    first, first_queries = get(client, published_actor.get_absolute_url())
    second, second_queries = get(client, published_actor.get_absolute_url())

    assert registry_queries(first_queries)  # the first visit renders the page
    assert registry_queries(second_queries) == []
    assert len(second_queries) == 2  # the registry version, then the page
    assert second.content == first.content
    assert "Cachad Inkubator" in second.content.decode()


def test_with_redis_or_memory_as_the_cache_a_visit_makes_no_query_at_all(
    client, memory_cache, published_actor
):
    get(client, reverse("registry:actor_list"))
    _response, queries = get(client, reverse("registry:actor_list"))

    assert queries == []


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("home", ""),
        ("registry:actor_list", ""),
        ("registry:actor_list", "?q=inkubator"),
        ("registry:offer_list", "?kind=advice"),
        ("registry:project_list", ""),
        ("registry:area_list", ""),
        ("about", ""),
    ],
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_public_page_is_cached(client, published_actor, name, query, language):
    with translation.override(language):
        path = reverse(name) + query
    get(client, path)
    _response, queries = get(client, path)

    assert registry_queries(queries) == []


def test_addresses_and_languages_are_cached_apart(client, published_actor):
    ActorFactory(name_sv="Annan Aktör")
    for path in ("/aktorer/?q=cachad", "/aktorer/?q=annan", "/en/actors/?q=cachad"):
        get(client, path)

    cachad, _ = get(client, "/aktorer/?q=cachad")
    annan, _ = get(client, "/aktorer/?q=annan")
    english, _ = get(client, "/en/actors/?q=cachad")

    assert names_listed(cachad.content.decode()) == ["Cachad Inkubator"]
    assert names_listed(annan.content.decode()) == ["Annan Aktör"]
    assert english["Content-Language"] == "en"
    assert '<html lang="en"' in english.content.decode()


def test_a_cached_page_sets_no_cookie_and_keeps_its_headers(client, published_actor):
    first, _ = get(client, published_actor.get_absolute_url())
    second, _ = get(client, published_actor.get_absolute_url())

    assert first.cookies == {}
    assert second.cookies == {}
    assert "Set-Cookie" not in second.headers
    assert "Cookie" in second["Vary"]
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options"):
        assert second[header] == first[header], header


# Replaced after every change


def test_an_edit_in_the_admin_shows_on_the_next_visit(
    client, published_actor, publisher_client, form_data
):
    get(client, published_actor.get_absolute_url())
    url = reverse("admin:actors_actor_change", args=[published_actor.pk])
    data = form_data(publisher_client.get(url))
    data["name_sv"] = "Omdöpt Inkubator"
    assert publisher_client.post(url, data).status_code == 302

    page, _ = get(client, published_actor.get_absolute_url())

    assert "Omdöpt Inkubator" in page.content.decode()
    assert "Cachad Inkubator" not in page.content.decode()


def test_publishing_in_the_admin_shows_on_the_next_visit(client, areas, publisher_client):
    draft = ActorFactory(
        name_sv="Nypublicerad Testbädd",
        draft=True,
        priority_areas=[areas["ikt-tech-och-digitalisering"]],
    )
    before, _ = get(client, reverse("registry:actor_list"))
    assert "Nypublicerad Testbädd" not in names_listed(before.content.decode())

    response = publisher_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert response.status_code == 200

    after, _ = get(client, reverse("registry:actor_list"))
    assert "Nypublicerad Testbädd" in names_listed(after.content.decode())


def test_archiving_in_the_admin_takes_the_entry_off_the_list_at_once(
    client, published_actor, publisher_client
):
    before, _ = get(client, reverse("registry:actor_list"))
    assert "Cachad Inkubator" in names_listed(before.content.decode())

    publisher_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "archive_selected", "_selected_action": [published_actor.pk]},
    )

    after, _ = get(client, reverse("registry:actor_list"))
    assert "Cachad Inkubator" not in names_listed(after.content.decode())
    assert Actor.objects.get(pk=published_actor.pk).status == "archived"


def test_an_import_shows_on_the_next_visit(client, areas, publisher_client):
    before, _ = get(client, reverse("registry:actor_list"))
    rows = [
        actor_row(
            slug="importerad",
            name_sv="Importerad Inkubator",
            status="published",
            description_sv="Importerad från en fil.",
            priority_areas="ikt-tech-och-digitalisering",
        )
    ]

    import_file(publisher_client, "actor", csv_bytes(rows))

    after, _ = get(client, reverse("registry:actor_list"))
    assert "Importerad Inkubator" not in names_listed(before.content.decode())
    assert "Importerad Inkubator" in names_listed(after.content.decode())


def test_a_changed_priority_area_shows_on_the_start_page(client, areas):
    area = areas["ikt-tech-och-digitalisering"]
    get(client, "/")

    area.name_sv = "Digitalt, tech och data"
    area.save()

    page, _ = get(client, "/")
    assert "Digitalt, tech och data" in page.content.decode()


def test_a_new_offer_changes_its_actors_cached_page(client, published_actor):
    get(client, published_actor.get_absolute_url())

    SupportOfferFactory(actor=published_actor, name_sv="Nytt Stödprogram")

    page, _ = get(client, published_actor.get_absolute_url())
    assert "Nytt Stödprogram" in page.content.decode()


def test_a_bulk_update_that_announces_itself_shows_on_the_next_visit(client, published_actor):
    get(client, published_actor.get_absolute_url())

    Actor.objects.filter(pk=published_actor.pk).update(name_sv="Massuppdaterad")
    page_cache.registry_changed()

    page, _ = get(client, published_actor.get_absolute_url())
    assert "Massuppdaterad" in page.content.decode()


def test_a_transaction_of_many_changes_moves_the_version_once_after_commit(areas):
    before = page_cache.registry_version()
    with transaction.atomic():
        for number in range(5):
            ActorFactory(name_sv=f"Aktör {number}")
        assert page_cache.registry_version() == before  # not before the commit
    assert page_cache.registry_version() == before + 1


def test_a_rolled_back_change_keeps_the_cached_pages(areas):
    before = page_cache.registry_version()

    def change_then_fail():
        with transaction.atomic():
            ActorFactory(name_sv="Aldrig sparad")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()

    assert page_cache.registry_version() == before


def test_a_lost_version_starts_above_every_earlier_one(areas):
    before = page_cache.registry_version()
    caches["default"].delete(page_cache.VERSION_KEY)

    assert page_cache.registry_version() > before


# Not used


def test_staff_always_get_a_fresh_page_and_never_fill_the_cache(
    client, published_actor, editor_client
):
    with translation.override("en"):
        url = published_actor.get_absolute_url()
    _staff_page, first = get(editor_client, url)
    staff_page, second = get(editor_client, url)
    visitor_page, visitor = get(client, url)

    assert registry_queries(first)
    assert registry_queries(second)
    assert "Edit in admin" in staff_page.content.decode()
    assert registry_queries(visitor)  # the staff page was not stored for visitors
    assert "Edit in admin" not in visitor_page.content.decode()


def test_the_sign_in_page_is_never_cached_and_keeps_its_csrf_cookie(client):
    first, _ = get(client, reverse("admin:login"))
    second, _ = get(client, reverse("admin:login"))

    assert "csrftoken" in first.cookies
    assert "csrftoken" in second.cookies  # rendered again, not served from the cache


def test_the_health_check_is_never_cached(client):
    get(client, "/healthz")
    _response, queries = get(client, "/healthz")

    assert registry_queries(queries)  # it asks the database every time


def test_with_the_cache_switched_off_every_visit_renders(client, settings, published_actor):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, published_actor.get_absolute_url())

    _response, queries = get(client, published_actor.get_absolute_url())

    assert registry_queries(queries)


class BrokenCache(LocMemCache):
    def get(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    def add(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")


def test_an_unreachable_cache_still_serves_the_page(client, settings, published_actor, caplog):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}

    page, _ = get(client, published_actor.get_absolute_url())

    assert "Cachad Inkubator" in page.content.decode()
    assert "Page cache not read" in caplog.text
