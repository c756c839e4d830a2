"""The public lists' paging, sorting and archived entries."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from registry.models import Actor
from tests.factories import (
    ActorFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.lists import DAY, LISTS, result_titles, titles, url

pytestmark = pytest.mark.django_db


# Paging ------------------------------------------------------------------------------------


@pytest.fixture
def twenty_five_actors():
    for n in range(25):
        ActorFactory(name_sv=f"Aktör {n:02d}", kind=Actor.Kind.INCUBATOR)
    ActorFactory(name_sv="Annan sort", kind=Actor.Kind.CLUSTER)


def pagination_links(page: str) -> dict[str, dict]:
    """``{rel: query}`` of the previous and next links."""
    links = {}
    for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)">', page):
        links[rel] = parse_qs(urlsplit(html.unescape(href)).query)
    return links


@pytest.mark.usefixtures("twenty_five_actors")
def test_last_page_holds_the_remainder(client):
    response = client.get(
        url("registry:actor_list"), {"kind": "incubator", "per_page": "10", "page": "3"}
    )

    assert result_titles(response) == [f"Aktör {n:02d}" for n in range(20, 25)]
    assert "25 aktörer" in response.content.decode()


@pytest.mark.usefixtures("twenty_five_actors")
def test_result_sentence_counts_all_pages_in_english(client):
    response = client.get(url("registry:actor_list", "en"), {"kind": "incubator", "per_page": "10"})

    assert len(result_titles(response)) == 10
    assert "25 actors" in response.content.decode()


@pytest.mark.usefixtures("twenty_five_actors")
def test_page_links_keep_the_filters(client):
    response = client.get(
        url("registry:actor_list"),
        {"kind": "incubator", "per_page": "10", "sort": "newest", "page": "2"},
    )

    links = pagination_links(response.content.decode())
    kept = {"kind": ["incubator"], "per_page": ["10"], "sort": ["newest"]}
    assert links["prev"] == {**kept, "page": ["1"]}
    assert links["next"] == {**kept, "page": ["3"]}


@pytest.mark.usefixtures("twenty_five_actors")
@pytest.mark.parametrize("page", ["999999", "100000"])
def test_page_beyond_the_end_shows_the_last_page(client, page):
    response = client.get(
        url("registry:actor_list"), {"kind": "incubator", "per_page": "10", "page": page}
    )

    assert result_titles(response) == [f"Aktör {n:02d}" for n in range(20, 25)]
    assert "next" not in pagination_links(response.content.decode())


@pytest.mark.usefixtures("twenty_five_actors")
@pytest.mark.parametrize("page", ["0", "-1", "abc", ""])
def test_page_that_is_not_a_page_number_shows_the_first_page(client, page):
    response = client.get(
        url("registry:actor_list"), {"kind": "incubator", "per_page": "10", "page": page}
    )

    assert result_titles(response) == [f"Aktör {n:02d}" for n in range(10)]


@pytest.mark.usefixtures("twenty_five_actors")
@pytest.mark.parametrize(("per_page", "shown"), [("7", 10), ("100000", 25), ("50", 25), ("", 20)])
def test_page_size_outside_the_choices_falls_back(client, per_page, shown):
    response = client.get(url("registry:actor_list"), {"kind": "incubator", "per_page": per_page})

    assert len(result_titles(response)) == shown


# Sorting -----------------------------------------------------------------------------------


def test_name_sort_follows_the_swedish_alphabet(client):
    for name in ["Zeta", "Åre", "Ärla", "Östra", "Alfa", "Ödmjuk", "ärlig", "Éclair", "Bravo"]:
        ActorFactory(name_sv=name)

    assert titles(client, "actors", "sort=name") == [
        "Alfa",
        "Bravo",
        "Éclair",
        "Zeta",
        "Åre",
        "Ärla",
        "ärlig",
        "Ödmjuk",
        "Östra",
    ]


def test_name_sort_on_the_english_site_uses_english_names_falling_back_to_swedish(client):
    ActorFactory(name_sv="Östersjöhuset", name_en="Baltic House")
    ActorFactory(name_sv="Centrum")
    ActorFactory(name_sv="Aalto", name_en="Zenith")
    ActorFactory(name_sv="Ängen", name_en="")

    assert titles(client, "actors", "sort=name", "en") == [
        "Baltic House",
        "Centrum",
        "Zenith",
        "Ängen",
    ]
    assert titles(client, "actors", "sort=name") == ["Aalto", "Centrum", "Ängen", "Östersjöhuset"]


def test_newest_sort_puts_the_latest_created_first(client):
    now = timezone.now()
    ActorFactory(name_sv="Äldst", created_at=now - 30 * DAY)
    ActorFactory(name_sv="Nyast", created_at=now - DAY)
    ActorFactory(name_sv="Mitten", created_at=now - 10 * DAY)

    assert titles(client, "actors", "sort=newest") == ["Nyast", "Mitten", "Äldst"]


def test_reviewed_sort_puts_never_reviewed_last(client):
    today = timezone.localdate()
    ActorFactory(name_sv="Aldrig granskad")
    ActorFactory(name_sv="Granskad i fjol", last_reviewed_on=today - 365 * DAY)
    ActorFactory(name_sv="Granskad nyss", last_reviewed_on=today - DAY)

    assert titles(client, "actors", "sort=reviewed") == [
        "Granskad nyss",
        "Granskad i fjol",
        "Aldrig granskad",
    ]


@pytest.mark.parametrize("list_name", ["offers", "projects"])
def test_offers_and_projects_sort_by_name_and_newest(client, list_name):
    now = timezone.now()
    factory = SupportOfferFactory if list_name == "offers" else ProjectFactory
    extra = {} if list_name == "offers" else {"acronym": ""}
    factory(name_sv="Östra", created_at=now - 2 * DAY, **extra)
    factory(name_sv="Zeta", created_at=now - DAY, **extra)
    factory(name_sv="Alfa", created_at=now - 3 * DAY, **extra)

    assert titles(client, list_name, "sort=name") == ["Alfa", "Zeta", "Östra"]
    assert titles(client, list_name, "sort=newest") == ["Zeta", "Östra", "Alfa"]


# Archived entries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "factory", "extra"),
    [
        ("actors", ActorFactory, {}),
        ("offers", SupportOfferFactory, {}),
        ("projects", ProjectFactory, {"acronym": ""}),
    ],
)
def test_archived_entries_only_with_the_archive_switch_and_marked(
    client, list_name, factory, extra
):
    factory(name_sv="Aktuell", **extra)
    factory(name_sv="Gammal", archived=True, **extra)
    factory(name_sv="Opublicerad", draft=True, **extra)

    assert titles(client, list_name) == ["Aktuell"]
    assert titles(client, list_name, "archived=1") == ["Aktuell", "Gammal"]
    for language, mark in (("sv", "Arkiverad"), ("en", "Archived")):
        page = client.get(url(LISTS[list_name][1], language), {"archived": "1"}).content.decode()
        archived_item = page[page.index("result--archived") :]
        archived_item = archived_item[: archived_item.index("</li>")]
        assert "Gammal" in archived_item
        assert f"<strong>{mark}</strong>" in archived_item
        assert page.count("result--archived") == 1
