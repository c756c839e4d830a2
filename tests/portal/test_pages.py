"""The about, accessibility and privacy pages, robots.txt and the error pages."""

import re

import pytest
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import translation

from innovation_portal import pages
from spetsomraden.models import PriorityArea

PAGES = ["about", "accessibility", "privacy"]
LANGUAGES = ["sv", "en"]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def text_of(response) -> str:
    """The page's text with whitespace collapsed, so wrapped lines compare as a reader sees them."""
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_is_served_in_its_language_with_one_heading(client, page, language):
    response = client.get(url(page, language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert h1_count(html) == 1


def test_swedish_pages_have_swedish_addresses():
    assert url("about", "sv") == "/om/"
    assert url("accessibility", "sv") == "/tillganglighet/"
    assert url("about", "en") == "/en/about/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "language", "heading"),
    [
        ("about", "sv", "Om portalen"),
        ("accessibility", "sv", "Tillgänglighetsredogörelse"),
        ("privacy", "sv", "Personuppgifter och kakor"),
        ("about", "en", "About the portal"),
        ("accessibility", "en", "Accessibility statement"),
        ("privacy", "en", "Privacy and cookies"),
    ],
)
def test_page_heading_is_in_the_language_of_the_address(client, page, language, heading):
    html = client.get(url(page, language)).content.decode()

    assert f"<h1>{heading}</h1>" in html


# A sentence from each page's Swedish and English text.
PROSE = {
    "about": ("Smart specialisering är", "Smart specialisation is"),
    "accessibility": ("Vad redogörelsen gäller", "What this statement covers"),
    "privacy": ("En kaka (cookie) är", "A cookie is"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_page_text_follows_the_language_of_the_address(client, page):
    swedish_text, english_text = PROSE[page]

    swedish = text_of(client.get(url(page, "sv")))
    english = text_of(client.get(url(page, "en")))

    assert swedish_text in swedish
    assert english_text not in swedish
    assert english_text in english
    assert swedish_text not in english


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visit_sets_no_cookies(client, page):
    response = client.get(url(page, "sv"))

    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "reply_time", "complaint_link"),
    [("sv", "fem arbetsdagar", "Anmäl till Digg"), ("en", "five working days", "Report to Digg")],
)
def test_accessibility_statement_names_standards_supervisor_and_reply_time(
    client, language, reply_time, complaint_link
):
    text = text_of(client.get(url("accessibility", language)))

    assert "WCAG 2.1" in text
    assert "EN 301 549" in text
    assert "2018:1937" in text
    assert "Digg" in text
    assert reply_time in text
    assert f'<a href="https://www.digg.se/tdosanmalan">{complaint_link}</a>' in text
    assert '<time datetime="2026-11-28">' in text


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "status"), [("sv", "delvis förenlig"), ("en", "partially")])
def test_accessibility_statement_admits_partial_compliance(client, language, status):
    assert status in text_of(client.get(url("accessibility", language)))


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["accessibility", "privacy"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_contact_address_comes_from_settings(client, settings, page, language):
    settings.PORTAL_CONTACT_EMAIL = "tillganglighet@example.org"

    text = text_of(client.get(url(page, language)))

    assert '<a href="mailto:tillganglighet@example.org">' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "contact_form"),
    [("sv", "Region Stockholms kontaktformulär"), ("en", "Region Stockholm’s contact form")],
)
def test_without_contact_address_the_statement_points_to_the_contact_form(
    client, settings, language, contact_form
):
    settings.PORTAL_CONTACT_EMAIL = ""

    text = text_of(client.get(url("accessibility", language)))

    assert contact_form in text
    assert "mailto:" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_about_page_links_to_the_four_areas_and_the_lists(client, language):
    html = client.get(url("about", language)).content.decode()

    with translation.override(language):
        area_urls = [area.get_absolute_url() for area in PriorityArea.objects.all()]
    assert len(area_urls) == 4
    for area_url in area_urls:
        assert f'href="{area_url}"' in html
    for name in (
        "registry:actor_list",
        "registry:offer_list",
        "registry:project_list",
        "registry:area_list",
    ):
        assert f'href="{url(name, language)}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ["smart specialisering", "2022", "Cohes3ion", "Interreg Europe", "exempeldata"]),
        ("en", ["smart specialisation", "2022", "Cohes3ion", "Interreg Europe", "demonstration"]),
    ],
)
def test_about_page_explains_the_strategy(client, language, words):
    text = text_of(client.get(url("about", language)))

    for word in words:
        assert word in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ["Integritetsskyddsmyndigheten (IMY)", "30 dagar", "sessionid", "csrftoken"]),
        ("en", ["Swedish Authority for Privacy Protection (IMY)", "30 days", "sessionid"]),
    ],
)
def test_privacy_page_names_cookies_log_retention_and_supervisor(client, language, words):
    text = text_of(client.get(url("privacy", language)))

    for word in words:
        assert word in text


@pytest.mark.django_db
def test_privacy_page_states_the_session_length_from_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 4 * 60 * 60

    assert "högst 4 timmar" in text_of(client.get(url("privacy", "sv")))
    assert "at most 4 hours" in text_of(client.get(url("privacy", "en")))


def test_robots_txt_allows_all_but_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert f"Disallow: {url('admin:index', 'sv')}" in lines
    assert f"Disallow: {url('admin:index', 'en')}" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /en/admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_uses_the_requests_scheme_and_host(client):
    response = client.get("/robots.txt", secure=True, headers={"host": "localhost"})

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading", "home_link"),
    [
        ("/nothing-here/", "sv", "Sidan finns inte", "Startsidan"),
        ("/en/nothing-here/", "en", "Page not found", "The start page"),
    ],
)
def test_unknown_address_gives_friendly_404(client, path, language, heading, home_link):
    response = client.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert h1_count(html) == 1
    assert f'<a href="{url("home", language)}">{home_link}</a>' in html
    assert f'href="{url("registry:offer_list", language)}"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [("/om/", "sv", "Något gick fel"), ("/en/about/", "en", "Something went wrong")],
)
def test_server_error_page_renders_without_database(
    rf, django_assert_num_queries, path, language, heading
):
    request = rf.get(path)

    with django_assert_num_queries(0):
        response = pages.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f'href="{url("home", language)}"' in html


def test_server_error_page_does_not_need_database_access(rf):
    # Without the django_db mark any query would raise instead of being counted.
    response = pages.server_error(rf.get("/en/"))

    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def _failing_view(request):
    raise RuntimeError("Boom")


def _home(request):
    return HttpResponse("home")


# A URLconf of its own for the handler test: a view that fails, and the portal's handler.
urlpatterns = [path("", _home, name="home"), path("boom/", _failing_view)]
handler500 = "innovation_portal.pages.server_error"


@pytest.mark.urls("tests.portal.test_pages")
def test_uncaught_exception_shows_the_friendly_500_page(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
