"""The sitemap: every public page in both languages, with hreflang alternates; no drafts."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from spetsomraden.models import PriorityArea
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def absolute(obj_or_name, language: str) -> str:
    with translation.override(language):
        if isinstance(obj_or_name, str):
            return BASE + reverse(obj_or_name)
        return BASE + obj_or_name.get_absolute_url()


def fetch_sitemap(client, **kwargs):
    response = client.get("/sitemap.xml", **kwargs)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own sitemap


def entries(root) -> dict[str, ET.Element]:
    return {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}


def alternates(url: ET.Element) -> dict[str, str]:
    return {
        link.get("hreflang"): link.get("href")
        for link in url.findall("xhtml:link", NS)
        if link.get("rel") == "alternate"
    }


@pytest.mark.django_db
def test_sitemap_lists_published_entries_in_both_languages(client):
    actor = ActorFactory()
    offer = SupportOfferFactory(actor=actor)
    project = ProjectFactory()

    urls = entries(fetch_sitemap(client))

    for obj in (actor, offer, project):
        assert absolute(obj, "sv") in urls
        assert absolute(obj, "en") in urls


@pytest.mark.django_db
def test_sitemap_lists_the_four_priority_areas_and_the_static_pages(client):
    urls = entries(fetch_sitemap(client))

    areas = list(PriorityArea.objects.all())
    assert len(areas) == 4
    for area in areas:
        assert absolute(area, "sv") in urls
        assert absolute(area, "en") in urls
    for name in (
        "home",
        "actors:actor_list",
        "actors:offer_list",
        "actors:project_list",
        "spetsomraden:area_list",
        "about",
        "accessibility",
        "privacy",
    ):
        assert absolute(name, "sv") in urls
        assert absolute(name, "en") in urls


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_archived_entries(client):
    hidden = [
        ActorFactory(draft=True),
        ActorFactory(archived=True),
        SupportOfferFactory(draft=True),
        SupportOfferFactory(archived=True, actor=ActorFactory()),
        ProjectFactory(draft=True),
        ProjectFactory(archived=True),
    ]

    locations = "\n".join(entries(fetch_sitemap(client)))

    for obj in hidden:
        assert obj.slug not in locations


@pytest.mark.django_db
def test_every_url_names_its_swedish_english_and_default_versions(client):
    actor = ActorFactory()

    root = fetch_sitemap(client)
    urls = entries(root)

    assert urls
    for url in urls.values():
        assert set(alternates(url)) == {"sv", "en", "x-default"}
    expected = {
        "sv": absolute(actor, "sv"),
        "en": absolute(actor, "en"),
        "x-default": absolute(actor, "sv"),
    }
    assert alternates(urls[absolute(actor, "sv")]) == expected
    assert alternates(urls[absolute(actor, "en")]) == expected


@pytest.mark.django_db
def test_entries_carry_their_last_modification_date(client):
    offer = SupportOfferFactory()

    url = entries(fetch_sitemap(client))[absolute(offer, "en")]

    assert url.findtext("sm:lastmod", namespaces=NS) == offer.updated_at.strftime("%Y-%m-%d")


@pytest.mark.django_db
def test_sitemap_uses_the_requests_scheme_and_host(client):
    actor = ActorFactory()

    urls = entries(fetch_sitemap(client, secure=True, headers={"host": "localhost"}))

    with translation.override("en"):
        path = actor.get_absolute_url()
    assert f"https://localhost{path}" in urls
    assert all(location.startswith("https://localhost/") for location in urls)


@pytest.mark.django_db
def test_sitemap_query_count_does_not_grow_with_the_entries(client, django_assert_num_queries):
    ActorFactory()
    with django_assert_num_queries(4):
        client.get("/sitemap.xml")

    for _ in range(5):
        SupportOfferFactory()
        ProjectFactory()
    with django_assert_num_queries(4):
        client.get("/sitemap.xml")
