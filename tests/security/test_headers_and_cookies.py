"""Security headers on every response, and no cookies at all for anonymous visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.public_urls import public_urls

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parsed = {}
    for part in header.split(";"):
        name, _, sources = part.strip().partition(" ")
        parsed[name] = sources.strip()
    return parsed


def assert_security_headers(response):
    csp = response.headers.get("Content-Security-Policy")
    assert csp, f"no CSP on {response.request['PATH_INFO']}"
    policy = directives(csp)
    for name, sources in REQUIRED_DIRECTIVES.items():
        assert policy.get(name) == sources, (name, csp)
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "nonce-" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def anonymous_paths(registry) -> dict[str, str]:
    paths = public_urls(registry)
    paths.update(
        {
            "list with a search": reverse("registry:offer_list") + "?q=inkubator",
            "archived actor": "/aktorer/arkiverad-aktor/",
            "missing page": "/finns-inte/",
            "missing page (en)": "/en/no-such-page/",
            "draft (404)": "/aktorer/hemligtutkast-aktor/",
            "static file": "/static/css/portal.css",
            "health check": "/healthz",
        }
    )
    return paths


def test_the_walk_finds_every_kind_of_public_page(registry):
    paths = public_urls(registry)

    for name in [
        "home (sv)",
        "registry:actor_list (en)",
        "registry:offer_detail (sv)",
        "registry:project_detail (en)",
        "registry:area_detail (sv)",
        "privacy (en)",
        "sitemap (sv)",
    ]:
        assert name in paths


def test_every_public_response_carries_the_security_headers(registry):
    client = Client()
    for label, path in anonymous_paths(registry).items():
        response = client.get(path)
        assert response.status_code < 500, label
        assert_security_headers(response)


def test_admin_pages_carry_the_same_headers(administrator_client):
    for url in [reverse("admin:index"), reverse("admin:actors_actor_changelist")]:
        response = administrator_client.get(url)
        assert response.status_code == 200
        assert_security_headers(response)
    assert_security_headers(Client().get(reverse("admin:login")))


def test_hsts_is_sent_over_https(client):
    response = client.get("/om/", secure=True)

    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response.headers["Strict-Transport-Security"]


def test_anonymous_visitors_get_no_cookies_anywhere(registry):
    for label, path in anonymous_paths(registry).items():
        client = Client()
        response = client.get(path)
        assert response.status_code < 500, label
        assert not response.cookies, (label, path, response.cookies)
        assert "Set-Cookie" not in response.headers, label
        assert not client.cookies, label


def test_following_the_language_switch_needs_no_cookie(registry):
    client = Client()
    swedish = client.get(reverse("registry:actor_list"))
    assert 'hreflang="en"' in swedish.content.decode()
    assert 'href="/en/actors/"' in swedish.content.decode()

    english = client.get("/en/actors/")

    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert not client.cookies
