"""The start page: areas with live counts, the need entry points, the newest entries, search."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from registry.choices import OfferKind
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

AREA_1 = "life-science-vard-och-halsa"


def url(name: str, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def home_page(client, language: str = "sv") -> str:
    response = client.get(url("home", language))
    assert response.status_code == 200
    return response.content.decode()


def result_titles(page: str) -> list[str]:
    pattern = r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>'
    return [html.unescape(t).strip() for t in re.findall(pattern, page)]


def newest_column(page: str, heading: str) -> str:
    start = page.index(f"<h3>{heading}</h3>", page.index('id="newest-title"'))
    return page[start : page.index("</ul>", start)]


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("sv", "Stöd till uppstartsföretag i Stockholms län"),
        ("en", "Support for start-ups in Stockholm County"),
    ],
)
def test_start_page_renders_in_both_languages_with_the_four_areas(client, areas, language, title):
    page = home_page(client, language)

    assert f'<html lang="{language}">' in page
    assert f'<h1 id="page-title">{title}</h1>' in page
    with translation.override(language):
        for area in areas.values():
            assert f'<a href="{area.get_absolute_url()}">{html.escape(str(area.name))}</a>' in page
    assert page.count('class="area-card area-card--') == 4


def test_area_cards_count_published_actors_live(client, areas):
    area = areas[AREA_1]
    ActorFactory(priority_areas=[area])
    ActorFactory(priority_areas=[area])
    ActorFactory(priority_areas=[area], draft=True)

    for language in ("sv", "en"):
        page = home_page(client, language)
        link = re.escape(f"{url('registry:actor_list', language)}?area={AREA_1}")

        match = re.search(rf'<a href="{link}"><span class="area-card__number">(\d+)</span>', page)
        assert match
        assert match.group(1) == "2"


def test_need_entry_points_link_to_offers_of_that_kind(client):
    page = home_page(client)
    offer_list = url("registry:offer_list")

    links = re.findall(r'<a class="need" href="([^"]*)">', page)
    kinds = [parse_qs(urlsplit(html.unescape(link)).query)["kind"] for link in links]
    assert len(links) == 9
    assert all(urlsplit(html.unescape(link)).path == offer_list for link in links)
    assert {kind for (kind,) in kinds} <= set(OfferKind.values)
    assert ["funding"] in kinds


def test_need_entry_point_returns_offers_of_that_kind_only(client):
    SupportOfferFactory(name_sv="Mikrolån", kind=OfferKind.FUNDING)
    SupportOfferFactory(name_sv="Såddfinansiering", kind=OfferKind.FUNDING)
    SupportOfferFactory(name_sv="Mentorprogram", kind=OfferKind.ADVICE)
    page = home_page(client, "en")
    (link,) = re.findall(r'<a class="need" href="([^"]*)">I need funding</a>', page)

    response = client.get(html.unescape(link))

    assert response.status_code == 200
    assert result_titles(response.content.decode()) == ["Mikrolån", "Såddfinansiering"]


def test_newest_entries_show_the_latest_published_offer_not_a_draft(client):
    now = timezone.now()
    SupportOfferFactory(name_sv="Äldre erbjudande", created_at=now - datetime.timedelta(days=9))
    SupportOfferFactory(name_sv="Nyaste erbjudandet", created_at=now - datetime.timedelta(days=1))
    SupportOfferFactory(name_sv="Utkast till erbjudande", created_at=now, draft=True)
    SupportOfferFactory(name_sv="Hos utkastaktör", actor=ActorFactory(draft=True), created_at=now)
    ProjectFactory(name_sv="Utkastprojekt", draft=True)

    page = home_page(client)

    offers = newest_column(page, "Stöderbjudanden")
    first = re.search(r'<li>\s*<a href="[^"]*"[^>]*>([^<]*)</a>', offers)
    assert first.group(1) == "Nyaste erbjudandet"
    assert "Äldre erbjudande" in offers
    for hidden in ("Utkast till erbjudande", "Hos utkastaktör", "Utkastprojekt"):
        assert hidden not in page


def test_newest_entries_say_when_the_registry_is_empty(client):
    page = home_page(client, "en")

    assert "No support offers yet." in page
    assert "No actors yet." in page
    assert "No projects yet." in page


@pytest.mark.parametrize(
    ("choice", "list_name"),
    [
        ("actors", "registry:actor_list"),
        ("offers", "registry:offer_list"),
        ("projects", "registry:project_list"),
    ],
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_search_redirect_sends_the_query_to_the_chosen_list(client, choice, list_name, language):
    response = client.get(url("search", language), {"q": "  grön   energi ", "in": choice})

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == url(list_name, language)
    assert parse_qs(target.query) == {"q": ["grön energi"]}


@pytest.mark.parametrize("choice", ["spaceships", "", "ACTORS", "<script>"])
def test_search_redirect_ignores_an_unknown_list_and_searches_offers(client, choice):
    response = client.get(url("search"), {"q": "labb", "in": choice})

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == url("registry:offer_list")
    assert parse_qs(target.query) == {"q": ["labb"]}


def test_search_redirect_without_a_query_goes_to_the_plain_list(client):
    response = client.get(url("search"), {"q": "   ", "in": "actors"})

    assert response.status_code == 302
    assert response["Location"] == url("registry:actor_list")


def test_search_redirect_cuts_an_overlong_query(client):
    response = client.get(url("search"), {"q": "x" * 5000, "in": "projects"})

    assert parse_qs(urlsplit(response["Location"]).query)["q"] == ["x" * 200]


def test_search_from_the_start_page_finds_the_actor(client):
    ActorFactory(name_sv="Zebrafabriken")
    ActorFactory(name_sv="Annat hus")

    response = client.get(url("search"), {"q": "zebrafabriken", "in": "actors"}, follow=True)

    assert response.status_code == 200
    assert result_titles(response.content.decode()) == ["Zebrafabriken"]
