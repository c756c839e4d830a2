"""Errors: JSON with a clear message and a 4xx, in the language asked for; never HTML."""

import pytest

pytestmark = pytest.mark.django_db


def error(client, path: str, status: int, method: str = "get", **headers) -> dict:
    response = getattr(client, method)(path, **headers)
    assert response.status_code == status, (path, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    return response.json()


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("kind=castle", "kind", ["“castle”", "“kind”", "“science_park”"]),
        ("area=atlantis", "area", ["“atlantis”", "“area”"]),
        ("municipality=0999", "municipality", ["“0999”", "“0180”"]),
        ("helix=military", "helix", ["“military”"]),
        ("colour=red", "colour", ["“colour”", "“kind”"]),
        ("sort=budget", "sort", ["“budget”", "“newest”"]),
        ("page=abc", "page", ["“abc”"]),
        ("page=0", "page", ["“0”"]),
        ("page=-2", "page", ["“-2”"]),
        ("page=1.5", "page", ["“1.5”"]),
        ("page=1&page=2", "page", ["“page”"]),
        ("per_page=7", "per_page", ["“7”", "“100”"]),
        ("per_page=1000", "per_page", ["“1000”"]),
        ("archived=maybe", "archived", ["“maybe”"]),
        ("q=" + "a" * 201, "q", ["200"]),
        ("lang=de", "lang", ["“de”", "“sv”", "“en”"]),
        ("format=xml", "format", ["“xml”"]),
    ],
)
def test_a_bad_parameter_is_400_naming_it(client, registry, query, parameter, words):
    data = error(client, f"/api/v1/actors/?{query}", 400)
    assert data["parameter"] == parameter
    for word in words:
        assert word.strip("“”") in data["detail"], (query, data["detail"])


def test_offer_and_project_facets_are_checked_too(client, registry):
    assert error(client, "/api/v1/support-offers/?stage=teen", 400)["parameter"] == "stage"
    assert error(client, "/api/v1/support-offers/?open=no", 400)["parameter"] == "open"
    assert error(client, "/api/v1/projects/?phase=cancelled", 400)["parameter"] == "phase"
    # A facet of another list is not a parameter of this one.
    assert error(client, "/api/v1/projects/?kind=incubator", 400)["parameter"] == "kind"


def test_reference_lists_and_details_take_no_filters(client, registry):
    assert error(client, "/api/v1/municipalities/?q=solna", 400)["parameter"] == "q"
    assert error(client, "/api/v1/priority-areas/?per_page=3", 400)["parameter"] == "per_page"
    assert error(client, "/api/v1/actors/kista-science-city/?q=x", 400)["parameter"] == "q"


def test_a_page_past_the_end_is_404_with_the_number_of_pages(client, registry):
    assert error(client, "/api/v1/actors/?page=3", 404)["parameter"] == "page"
    english = error(client, "/api/v1/actors/?page=3&lang=en", 404)
    assert english["detail"] == "Page 3 does not exist: the result has 1 page."
    huge = error(client, "/api/v1/actors/?page=99999999999999999999&lang=en", 404)
    assert huge["parameter"] == "page"
    assert error(client, "/api/v1/municipalities/?page=4&lang=en", 404)["detail"] == (
        "Page 4 does not exist: the result has 2 pages."
    )


def test_an_unknown_slug_is_404_naming_it(client, registry):
    data = error(client, "/api/v1/actors/no-such-actor/?lang=en", 404)
    assert data == {"detail": "No actor has the slug “no-such-actor”."}
    # Swedish by default; the actor message is translated already.
    assert error(client, "/api/v1/actors/no-such-actor/", 404) == {
        "detail": "Ingen aktör har webbadressnamnet ”no-such-actor”."
    }
    assert "9999" in error(client, "/api/v1/municipalities/9999/", 404)["detail"]
    assert "atlantis" in error(client, "/api/v1/priority-areas/atlantis/", 404)["detail"]
    assert "x y" in error(client, "/api/v1/projects/x%20y/", 404)["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actors/a%00b/",
        "/api/v1/support-offers/%C3%B6l/",
        "/api/v1/projects/" + "x" * 300 + "/",
        "/api/v1/priority-areas/%00/",
        "/api/v1/municipalities/01%0080/",
        "/api/v1/municipalities/abcd/",
    ],
)
def test_a_slug_or_code_that_cannot_exist_is_a_json_4xx(client, registry, path):
    response = client.get(path)
    # 404 from the view; 400 where the site refuses a NUL in any address first.
    assert response.status_code in (400, 404), response.status_code
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_the_response_names_its_language_and_varies_on_the_header(client, registry):
    response = client.get("/api/v1/actors/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    assert client.get("/api/v1/actors/?lang=sv", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == (
        "sv"
    )


def test_messages_follow_accept_language_and_lang_wins(client, registry):
    english = error(client, "/api/v1/actors/?kind=castle", 400, HTTP_ACCEPT_LANGUAGE="en")
    assert english["detail"].startswith("Unknown value “castle” for “kind”.")
    by_parameter = error(
        client, "/api/v1/actors/?kind=castle&lang=en", 400, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert by_parameter == english
    swedish = error(client, "/api/v1/actors/nobody/", 404, HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish["detail"].startswith("Ingen aktör")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/actors/",
        "/api/v1/actors/kista-science-city/",
        "/api/v1/support-offers/",
        "/api/v1/projects/growsmarter/",
        "/api/v1/priority-areas/",
        "/api/v1/municipalities/0180/",
        "/api/catalog.jsonld",
    ],
)
def test_no_endpoint_writes(client, registry, path, method):
    from registry.models import Actor

    before = Actor.objects.count()
    data = error(
        client,
        f"{path}?lang=en",
        405,
        method=method,
        data='{"name_sv": "Ny"}',
        content_type="application/json",
    )
    assert data["detail"] == f'Method "{method.upper()}" not allowed.'
    assert Actor.objects.count() == before


def test_head_and_options_are_answered(client, registry):
    head = client.head("/api/v1/actors/")
    assert head.status_code == 200
    assert head.content == b""
    options = client.options("/api/v1/actors/")
    assert options.status_code == 200
    assert set(options["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize(
    "path",
    ["/api/v2/", "/api/v1/companies/", "/api/v1/actors/kista-science-city/offers/", "/api/x.php"],
)
@pytest.mark.parametrize("method", ["get", "post", "options"])
def test_an_unknown_address_under_api_is_a_json_404(client, db, path, method):
    data = error(client, f"{path}?lang=en", 404, method=method)
    assert data["detail"] == (
        "There is no API endpoint at this address. "
        "The endpoints are listed at http://testserver/api/v1/."
    )


def test_an_address_missing_its_final_slash_is_redirected(client, db):
    response = client.get("/api/v1/actors?kind=incubator")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/actors/?kind=incubator"


def test_an_unexpected_failure_is_a_json_500(client, registry, monkeypatch):
    from api import views

    def broken(self, filterset):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.ActorListView, "list_selector", broken)
    data = error(client, "/api/v1/actors/?lang=en", 500)
    assert data == {"detail": "Something went wrong on our side. Please try again in a while."}
    assert "boom" not in str(data)


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=%22%22%22",
        "q=-",
        "q=or+or+or",
        "q=%F0%9F%92%A1",
        "q=a%27%3B+DROP+TABLE",
        "area=",
        "kind=",
        "q=&sort=relevance",
    ],
)
def test_odd_input_gets_a_json_answer_never_a_500(client, registry, query):
    response = client.get(f"/api/v1/actors/?{query}")
    assert response.status_code in (200, 400), query
    assert response["Content-Type"] == "application/json"
