"""The served OpenAPI description is valid and true: real responses validate against it."""

import json

import pytest
import yaml
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from tests.api.conftest import ICT, STOCKHOLM

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"


@pytest.fixture(scope="module")
def openapi():
    """The description as the API serves it, parsed and checked by openapi-core."""
    response = Client().get(SCHEMA)
    assert response.status_code == 200
    return OpenAPI.from_dict(json.loads(response.content))


def assert_conforms(openapi, response, *, check_request=True):
    """The response is what the description says the operation returns for its status."""
    request = DjangoOpenAPIRequest(response.wsgi_request)
    if check_request:
        openapi.validate_request(request)
    openapi.validate_response(request, DjangoOpenAPIResponse(response))


def test_the_schema_is_served_as_json_by_default_and_as_yaml_on_request(client):
    as_json = client.get(SCHEMA)
    assert as_json.status_code == 200
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = json.loads(as_json.content)
    assert document["openapi"].startswith("3.")

    as_yaml = client.get(f"{SCHEMA}?format=yaml")
    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(as_yaml.content) == document


def test_the_schema_describes_every_endpoint_and_no_writes(client):
    paths = json.loads(client.get(SCHEMA).content)["paths"]
    assert set(paths) == {
        "/api/v1/",
        "/api/v1/actors/",
        "/api/v1/actors/{slug}/",
        "/api/v1/support-offers/",
        "/api/v1/support-offers/{slug}/",
        "/api/v1/projects/",
        "/api/v1/projects/{slug}/",
        "/api/v1/priority-areas/",
        "/api/v1/priority-areas/{slug}/",
        "/api/v1/municipalities/",
        "/api/v1/municipalities/{code}/",
    }
    assert {method for operations in paths.values() for method in operations} == {"get"}


def test_the_list_parameters_are_described_with_their_values(client):
    document = json.loads(client.get(SCHEMA).content)
    parameters = {
        parameter["name"]: parameter
        for parameter in document["paths"]["/api/v1/actors/"]["get"]["parameters"]
    }
    assert set(parameters) == {
        "q",
        "kind",
        "area",
        "municipality",
        "helix",
        "archived",
        "sort",
        "page",
        "per_page",
        "lang",
    }
    assert "science_park" in parameters["kind"]["schema"]["items"]["enum"]
    assert sorted(parameters["per_page"]["schema"]["enum"]) == [10, 20, 50, 100]


LISTS = [
    "/api/v1/",
    "/api/v1/actors/",
    f"/api/v1/actors/?q=kista&kind=science_park&area={ICT}&municipality={STOCKHOLM}",
    "/api/v1/actors/?archived=1&sort=newest&per_page=10&lang=en",
    "/api/v1/support-offers/",
    "/api/v1/support-offers/?stage=startup&cost=equity&open=yes&language=en",
    "/api/v1/projects/",
    "/api/v1/projects/?programme=horizon_2020&phase=ongoing&archived=1",
    "/api/v1/priority-areas/",
    "/api/v1/municipalities/",
    "/api/v1/municipalities/?page=2&per_page=10",
]
DETAILS = [
    "/api/v1/actors/kista-science-city/",
    "/api/v1/actors/arkiverad-aktor/",
    "/api/v1/support-offers/kista-startup-fund/",
    "/api/v1/support-offers/karolinska-advice/",
    "/api/v1/projects/growsmarter/",
    "/api/v1/projects/arkiverat-projekt/",
    f"/api/v1/priority-areas/{ICT}/",
    f"/api/v1/municipalities/{STOCKHOLM}/",
]


@pytest.mark.parametrize("path", LISTS + DETAILS)
def test_successful_responses_conform_to_the_schema(client, registry, openapi, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_conforms(openapi, response)


def test_an_actor_with_a_logo_address_conforms(client, registry, openapi):
    registry.kista.logo.name = "logos/kista.png"
    registry.kista.save()
    response = client.get("/api/v1/actors/kista-science-city/")
    assert response.json()["logo_url"] == "http://testserver/media/logos/kista.png"
    assert_conforms(openapi, response)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/actors/?kind=castle", 400),
        ("/api/v1/actors/?page=0", 400),
        ("/api/v1/support-offers/?per_page=7", 400),
        ("/api/v1/projects/?sort=budget", 400),
        ("/api/v1/priority-areas/?page=x", 400),
        ("/api/v1/municipalities/?colour=red", 400),
        ("/api/v1/actors/?page=99", 404),
        ("/api/v1/municipalities/?page=9", 404),
        ("/api/v1/actors/no-such-actor/", 404),
        ("/api/v1/actors/hemlig-aktor/", 404),
        ("/api/v1/support-offers/hemlig-aktors-erbjudande/", 404),
        ("/api/v1/projects/hemligt-projekt/", 404),
        ("/api/v1/priority-areas/no-such-area/", 404),
        ("/api/v1/municipalities/9999/", 404),
    ],
)
def test_error_responses_conform_to_the_schema(client, registry, openapi, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_conforms(openapi, response, check_request=False)


def test_a_response_that_breaks_the_schema_is_caught(client, registry, openapi):
    """The check has teeth: a response with a field of the wrong type fails it."""
    from openapi_core.validation.response.exceptions import InvalidData

    response = client.get("/api/v1/actors/kista-science-city/")
    data = response.json()
    data["kind"] = "science_park"  # a bare code instead of {"code", "label"}
    response.content = json.dumps(data).encode()
    with pytest.raises(InvalidData):
        assert_conforms(openapi, response)
