"""The sitemap: every public page in both languages, with hreflang alternates; no drafts."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from innovation_portal.sitemaps import SITEMAPS
from spetsomraden.models import PriorityArea
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def absolute(obj_or_name, language: str) -> str:
    with translation.override(language):
        if isinstance(obj_or_name, str):
            return BASE + reverse(obj_or_name)
        return BASE + obj_or_name.get_absolute_url()


def fetch_xml(client, path: str, **kwargs) -> ET.Element:
    response = client.get(path, **kwargs)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own sitemap


def sitemap_files(client, **kwargs) -> list[str]:
    """The addresses of the files the index at /sitemap.xml lists."""
    index = fetch_xml(client, "/sitemap.xml", **kwargs)
    return [
        sitemap.findtext("sm:loc", namespaces=NS) for sitemap in index.findall("sm:sitemap", NS)
    ]


def path_of(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def fetch_sitemap(client, **kwargs) -> ET.Element:
    """Every address of every file the index lists, as one urlset."""
    urlset = ET.Element(f"{{{NS['sm']}}}urlset")
    for address in sitemap_files(client, **kwargs):
        urlset.extend(fetch_xml(client, path_of(address), **kwargs).findall("sm:url", NS))
    return urlset


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
        "registry:actor_list",
        "registry:offer_list",
        "registry:project_list",
        "registry:area_list",
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
    # The index: the count and the latest change of each section of entries, the areas' count.
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):  # the count and the page's entries
        client.get("/sitemap-actors.xml")

    for _ in range(5):
        SupportOfferFactory()
        ProjectFactory()
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap-offers.xml")


@pytest.fixture
def small_files(monkeypatch):
    """Files of five addresses, so that a few entries fill several."""
    for sitemap in SITEMAPS.values():
        monkeypatch.setattr(sitemap, "limit", 5)


@pytest.mark.django_db
def test_the_index_lists_every_file_of_every_section_and_no_file_is_over_the_limit(
    client, small_files
):
    actors = [ActorFactory() for _ in range(6)]  # 12 addresses: three files of actors

    files = sitemap_files(client)

    assert f"{BASE}/sitemap-actors.xml" in files
    assert f"{BASE}/sitemap-actors.xml?p=3" in files
    assert f"{BASE}/sitemap-actors.xml?p=4" not in files
    assert f"{BASE}/sitemap-pages.xml?p=4" in files  # 8 pages in two languages
    for section in ("priority-areas", "offers", "projects"):
        assert f"{BASE}/sitemap-{section}.xml" in files
    counts = [
        len(fetch_xml(client, urlsplit(f).path + "?" + urlsplit(f).query).findall("sm:url", NS))
        for f in files
    ]
    assert max(counts) == 5
    listed = entries(fetch_sitemap(client))
    assert len(listed) == sum(counts)
    for actor in actors:
        assert absolute(actor, "sv") in listed
        assert absolute(actor, "en") in listed


@pytest.mark.django_db
def test_the_files_of_a_section_cut_its_entries_in_order_without_a_gap_or_a_repeat(
    client, small_files
):
    actors = [ActorFactory() for _ in range(3)]

    first = list(entries(fetch_xml(client, "/sitemap-actors.xml")))
    second = list(entries(fetch_xml(client, "/sitemap-actors.xml?p=2")))

    expected = [absolute(actor, language) for actor in actors for language in ("sv", "en")]
    assert first + second == expected
    assert len(first) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/sitemap-actors.xml?p=2", "/sitemap-actors.xml?p=x", "/sitemap-drafts.xml"]
)
def test_a_file_past_the_last_or_of_no_section_is_not_found(client, path):
    ActorFactory()

    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_the_index_says_when_the_entries_last_changed(client):
    offer = SupportOfferFactory()

    index = fetch_xml(client, "/sitemap.xml")

    by_file = {
        sitemap.findtext("sm:loc", namespaces=NS): sitemap.findtext("sm:lastmod", namespaces=NS)
        for sitemap in index.findall("sm:sitemap", NS)
    }
    assert by_file[f"{BASE}/sitemap-offers.xml"].startswith(offer.updated_at.strftime("%Y-%m-%d"))
