"""The DCAT-AP-SE catalogue: the fields the profile requires, set from settings, harvestable."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Actor, Project, SupportOffer

pytestmark = pytest.mark.django_db

SITE = "https://innovation.example.se"
CATALOG = f"{SITE}/data/catalog.jsonld"
EU = "http://publications.europa.eu/resource/authority/"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    return settings


@pytest.fixture
def catalog(client, site, registry):
    response = client.get("/data/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return response.json()


def nodes(document, rdf_type: str) -> list[dict]:
    return [node for node in document["@graph"] if node["@type"] == rdf_type]


def node(document, identifier: str) -> dict:
    (found,) = [n for n in document["@graph"] if n["@id"] == identifier]
    return found


def texts(values) -> dict[str, str]:
    """``{"sv": …, "en": …}`` of a list of language-tagged literals."""
    return {value["@language"]: value["@value"] for value in values}


def ids(values) -> list[str]:
    return [value["@id"] for value in (values if isinstance(values, list) else [values])]


def test_the_catalogue_is_served_at_both_stable_addresses(client, site, registry):
    data = client.get("/data/catalog.jsonld")
    api = client.get("/api/catalog.jsonld", HTTP_ACCEPT="application/rdf+xml")
    assert data.status_code == api.status_code == 200
    assert data.json() == api.json()
    assert api["Content-Type"] == "application/ld+json"
    assert reverse("data:catalog") == "/data/catalog.jsonld"
    assert reverse("api:catalog") == "/api/catalog.jsonld"


def test_the_catalogue_has_the_required_fields(catalog):
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    (root,) = nodes(catalog, "dcat:Catalog")
    assert root["@id"] == CATALOG
    assert set(texts(root["dcterms:title"])) == {"sv", "en"}
    assert set(texts(root["dcterms:description"])) == {"sv", "en"}
    assert "Stockholms län" in texts(root["dcterms:title"])["sv"]
    publisher = node(catalog, ids(root["dcterms:publisher"])[0])
    assert publisher["@type"] == "foaf:Agent"
    assert publisher["foaf:name"] == "Region Stockholm"
    assert publisher["dcterms:type"] == {
        "@id": "http://purl.org/adms/publishertype/RegionalAuthority"
    }
    assert ids(root["dcterms:license"]) == ["http://creativecommons.org/publicdomain/zero/1.0/"]
    assert ids(root["dcterms:language"]) == [f"{EU}language/SWE", f"{EU}language/ENG"]
    assert ids(root["foaf:homepage"]) == [f"{SITE}/"]
    assert ids(root["dcat:dataset"]) == [
        f"{CATALOG}#actors",
        f"{CATALOG}#support-offers",
        f"{CATALOG}#projects",
    ]
    assert root["dcterms:issued"]["@type"] == "xsd:dateTime"
    assert root["dcterms:modified"]["@type"] == "xsd:dateTime"


def test_each_dataset_has_the_required_fields(catalog):
    datasets = nodes(catalog, "dcat:Dataset")
    assert len(datasets) == 3
    for dataset in datasets:
        where = dataset["@id"]
        assert set(texts(dataset["dcterms:title"])) == {"sv", "en"}, where
        assert set(texts(dataset["dcterms:description"])) == {"sv", "en"}, where
        assert {k["@language"] for k in dataset["dcat:keyword"]} == {"sv", "en"}, where
        assert node(catalog, ids(dataset["dcterms:publisher"])[0])["@type"] == "foaf:Agent"
        contact = node(catalog, ids(dataset["dcat:contactPoint"])[0])
        assert contact["@type"] == "vcard:Organization"
        assert contact["vcard:fn"] == "Region Stockholm"
        assert ids(dataset["dcat:theme"]), where
        assert all(theme.startswith(f"{EU}data-theme/") for theme in ids(dataset["dcat:theme"]))
        assert ids(dataset["dcterms:accrualPeriodicity"])[0].startswith(f"{EU}frequency/")
        spatial = node(catalog, ids(dataset["dcterms:spatial"])[0])
        assert texts(spatial["skos:prefLabel"]) == {
            "sv": "Stockholms län",
            "en": "Stockholm County",
        }
        assert spatial["dcterms:identifier"] == "01"
        assert len(ids(dataset["dcat:distribution"])) == 5, where


def test_landing_pages_are_the_public_lists(client, catalog):
    actors = node(catalog, f"{CATALOG}#actors")
    assert ids(actors["dcat:landingPage"]) == [f"{SITE}/aktorer/", f"{SITE}/en/actors/"]
    for address in ids(actors["dcat:landingPage"]):
        assert client.get(urlsplit(address).path).status_code == 200


def test_modified_is_the_last_change_of_a_public_entry_never_a_draft(client, site, registry):
    later = timezone.now() + datetime.timedelta(days=3)
    Actor.objects.filter(pk=registry.draft_actor.pk).update(updated_at=later)
    newest_public = max(
        model.objects.public().latest("updated_at").updated_at
        for model in (Actor, SupportOffer, Project)
    )
    newest_actor = Actor.objects.public().latest("updated_at").updated_at
    catalog = client.get("/data/catalog.jsonld").json()

    def stamp(value):
        return timezone.localtime(value).isoformat(timespec="seconds")

    assert node(catalog, f"{CATALOG}#actors")["dcterms:modified"]["@value"] == stamp(newest_actor)
    (root,) = nodes(catalog, "dcat:Catalog")
    assert root["dcterms:modified"]["@value"] == stamp(newest_public)
    assert stamp(later) not in str(catalog)


FILE_FORMATS = {
    "csv": ("text/csv", "CSV"),
    "excel-csv": ("text/csv", "CSV"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "json": ("application/json", "JSON"),
}


@pytest.mark.parametrize(
    ("dataset", "route"),
    [
        ("actors", "registry:actor_export"),
        ("support-offers", "registry:offer_export"),
        ("projects", "registry:project_export"),
    ],
)
def test_distributions_are_the_exports_with_format_type_and_licence(
    client, catalog, dataset, route
):
    found = [
        node(catalog, i) for i in ids(node(catalog, f"{CATALOG}#{dataset}")["dcat:distribution"])
    ]
    files = [d for d in found if "dcat:downloadURL" in d]
    assert len(files) == len(FILE_FORMATS)
    for fmt, (media_type, file_type), distribution in zip(
        FILE_FORMATS, FILE_FORMATS.values(), files, strict=True
    ):
        address = f"{SITE}{reverse(route, kwargs={'fmt': fmt})}"
        assert ids(distribution["dcat:accessURL"]) == [address]
        assert ids(distribution["dcat:downloadURL"]) == [address]
        assert ids(distribution["dcat:mediaType"]) == [
            f"https://www.iana.org/assignments/media-types/{media_type}"
        ]
        assert ids(distribution["dcterms:format"]) == [f"{EU}file-type/{file_type}"]
        assert ids(distribution["dcterms:license"]) == [
            "http://creativecommons.org/publicdomain/zero/1.0/"
        ]
        assert set(texts(distribution["dcterms:title"])) == {"sv", "en"}
        download = client.get(urlsplit(address).path)
        assert download.status_code == 200, address
        assert download["Content-Type"].startswith(media_type)


def test_the_api_is_a_data_service_described_by_its_openapi_document(client, catalog):
    (service,) = nodes(catalog, "dcat:DataService")
    assert ids(service["dcat:endpointURL"]) == [f"{SITE}/api/v1/"]
    assert ids(service["dcat:endpointDescription"]) == [f"{SITE}/api/v1/schema/"]
    assert ids(service["dcat:servesDataset"]) == ids(
        nodes(catalog, "dcat:Catalog")[0]["dcat:dataset"]
    )
    assert client.get("/api/v1/schema/").status_code == 200
    api_distributions = [
        d for d in nodes(catalog, "dcat:Distribution") if "dcat:accessService" in d
    ]
    assert [ids(d["dcat:accessURL"])[0] for d in api_distributions] == [
        f"{SITE}/api/v1/actors/",
        f"{SITE}/api/v1/support-offers/",
        f"{SITE}/api/v1/projects/",
    ]
    for distribution in api_distributions:
        assert ids(distribution["dcat:accessService"]) == [service["@id"]]
        assert ids(distribution["dcterms:license"])
        assert ids(distribution["dcterms:format"]) == [f"{EU}file-type/JSON"]


def test_every_node_has_an_absolute_identifier_and_every_reference_resolves(catalog):
    graph = {n["@id"]: n for n in catalog["@graph"]}
    assert len(graph) == len(catalog["@graph"])  # each node described once
    for identifier in graph:
        assert urlsplit(identifier).scheme in ("http", "https"), identifier
    referring = (
        "dcterms:publisher",
        "dcat:contactPoint",
        "dcat:dataset",
        "dcat:distribution",
        "dcat:service",
        "dcat:accessService",
        "dcat:servesDataset",
        "dcterms:spatial",
    )
    for described in catalog["@graph"]:
        for key in referring:
            for target in ids(described.get(key, [])):
                assert target in graph, (described["@id"], key, target)


def test_publisher_licence_and_contact_come_from_the_settings(client, site, registry):
    site.DCAT_PUBLISHER_NAME = "Region Stockholm, regional utveckling"
    site.DCAT_PUBLISHER_ID = "http://dataportal.se/organisation/SE2321000016"
    site.DCAT_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/RegionalAuthority"
    site.DCAT_LICENSE_URL = "http://creativecommons.org/licenses/by/4.0/"
    site.DCAT_CONTACT_EMAIL = "oppnadata@example.se"
    catalog = client.get("/data/catalog.jsonld").json()
    publisher = node(catalog, "http://dataportal.se/organisation/SE2321000016")
    assert publisher["foaf:name"] == "Region Stockholm, regional utveckling"
    (contact,) = nodes(catalog, "vcard:Organization")
    assert contact["vcard:hasEmail"] == {"@id": "mailto:oppnadata@example.se"}
    licences = {ids(n["dcterms:license"])[0] for n in catalog["@graph"] if "dcterms:license" in n}
    assert licences == {"http://creativecommons.org/licenses/by/4.0/"}


def test_without_a_contact_address_the_contact_point_links_the_about_page(catalog):
    (contact,) = nodes(catalog, "vcard:Organization")
    assert "vcard:hasEmail" not in contact
    assert contact["vcard:hasURL"] == {"@id": f"{SITE}/om/"}


def test_an_empty_registry_still_gives_a_valid_catalogue(client, site, db):
    catalog = client.get("/data/catalog.jsonld").json()
    assert len(nodes(catalog, "dcat:Dataset")) == 3
    (root,) = nodes(catalog, "dcat:Catalog")
    assert "dcterms:modified" not in root
