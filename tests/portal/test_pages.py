"""The portal's own pages: about, accessibility statement, privacy, robots.txt, sitemap, errors."""

import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from innovation_portal.pages import server_error
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("name", ["about", "accessibility", "privacy"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_content_page_renders_in_its_language_with_one_heading(client, name, language):
    response = client.get(url(name, language))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1


def test_swedish_content_pages_have_swedish_addresses():
    assert url("about", "sv") == "/om/"
    assert url("accessibility", "sv") == "/tillganglighet/"
    assert url("about", "en") == "/en/about/"


@pytest.mark.parametrize(
    ("language", "reply_time"),
    [("sv", "fem arbetsdagar"), ("en", "five working days")],
)
def test_accessibility_statement_names_standard_authority_and_reply_time(
    client, language, reply_time
):
    html = client.get(url("accessibility", language)).content.decode()

    assert "WCAG 2.1" in html
    assert "EN 301 549" in html
    assert "Digg" in html
    assert reply_time in html


def test_accessibility_statement_shows_the_configured_contact_address(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "innovation@example.se"

    html = client.get(url("accessibility", "sv")).content.decode()

    assert "innovation@example.se" in html


def test_robots_txt_allows_the_site_keeps_out_of_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_published_entries_with_language_alternates_and_no_drafts(client, areas):
    actor = ActorFactory(name_sv="Publicerad aktör")
    draft = ActorFactory(draft=True)
    archived = ActorFactory(archived=True)
    offer = SupportOfferFactory(actor=actor)
    project = ProjectFactory()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own sitemap
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    for entry in (actor, offer, project):
        for language in ("sv", "en"):
            path = url(_detail(entry), language, slug=entry.slug)
            assert f"http://testserver{path}" in locations
    for area in areas.values():
        path = url("spetsomraden:area_detail", "sv", slug=area.slug)
        assert f"http://testserver{path}" in locations
    for hidden in (draft, archived):
        assert not any(hidden.slug in location for location in locations)
    languages = {link.get("hreflang") for link in root.iter(f"{XHTML}link")}
    assert {"sv", "en"} <= languages


def _detail(entry):
    return {
        "actor": "actors:actor_detail",
        "supportoffer": "actors:offer_detail",
        "project": "actors:project_detail",
    }[entry._meta.model_name]


@pytest.mark.parametrize(
    ("path", "text"),
    [("/finns-inte/", "Sidan finns inte"), ("/en/nothing-here/", "not found")],
)
def test_unknown_address_gets_the_friendly_404_in_its_language(client, path, text):
    response = client.get(path)

    assert response.status_code == 404
    assert text.lower() in response.content.decode().lower()


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/en/actors/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert 'lang="en"' in response.content.decode()
