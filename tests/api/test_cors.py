"""Any origin may read the API and the catalogue; no response sets a cookie."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://partner.example.org"
ADDRESSES = [
    "/api/v1/",
    "/api/v1/actors/?q=kista",
    "/api/v1/support-offers/kista-startup-fund/",
    "/api/v1/schema/",
    "/api/catalog.jsonld",
    "/data/catalog.jsonld",
    "/api/v1/actors/no-such-actor/",
    "/api/v1/actors/?kind=castle",
]


@pytest.mark.parametrize("path", ADDRESSES)
def test_a_read_from_another_origin_is_allowed_and_sets_no_cookie(client, registry, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert not response.cookies
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("path", ["/api/v1/actors/", "/data/catalog.jsonld"])
def test_a_preflight_allows_reading_only(client, db, path):
    response = client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-requested-with",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "x-requested-with" in response["Access-Control-Allow-Headers"]
    assert not response.cookies


def test_a_session_cookie_is_not_echoed_or_renewed_by_the_api(client, registry, editor):
    """Even a signed-in member of staff gets the same public answer and no cookie."""
    client.force_login(editor)
    response = client.get("/api/v1/actors/hemlig-aktor/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 404
    assert not response.cookies


def test_the_public_site_is_not_opened_to_other_origins(client, registry):
    response = client.get("/aktorer/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
