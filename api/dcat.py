"""The open-data catalogue in DCAT-AP-SE, the Swedish profile of DCAT-AP, as JSON-LD.

One ``dcat:Catalog`` with three ``dcat:Dataset`` – actors, support offers, projects –
each with its distributions: the public exports as CSV, CSV for Excel, XLSX and JSON,
and the JSON API (a ``dcat:DataService`` described by its OpenAPI document). Sweden's
data portal harvests it from ``/data/catalog.jsonld``.

Every node has an absolute identifier (the profile allows no blank nodes for the
catalogue, datasets, distributions, publisher or contact point), made from
``settings.SITE_URL`` so they stay the same whichever host the catalogue is read from.
Publisher, licence and contact come from the ``DCAT_*`` settings. Titles and
descriptions are written here in both languages, each tagged with its language,
rather than through the message catalogues: the catalogue always carries both.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone, translation

from registry.models import Actor, Project, SupportOffer

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = [f"{EU}language/SWE", f"{EU}language/ENG"]
THEME_TAXONOMY = f"{EU}data-theme"
# The registry is edited all the time, and the catalogue and exports are always current.
FREQUENCY = f"{EU}frequency/CONT"
PUBLIC_ACCESS = f"{EU}access-right/PUBLIC"
# Stockholm County (Stockholms län, county code 01) in GeoNames.
STOCKHOLM_COUNTY = "http://sws.geonames.org/2673722"


@dataclass(frozen=True)
class DatasetSpec:
    key: str
    model: type
    list_route: str
    export_route: str
    api_route: str
    title: dict[str, str]
    description: dict[str, str]
    keywords: dict[str, list[str]]
    themes: tuple[str, ...]


DATASETS = (
    DatasetSpec(
        key="actors",
        model=Actor,
        list_route="registry:actor_list",
        export_route="registry:actor_export",
        api_route="api:actor-list",
        title={
            "sv": "Aktörer i Stockholms läns innovationssystem",
            "en": "Actors in Stockholm County's innovation ecosystem",
        },
        description={
            "sv": "Science parks, inkubatorer, acceleratorer, testbäddar, kluster, "
            "finansiärer och andra organisationer som stöder innovation i Stockholms län: "
            "typ, sektor, kommun, adress, kontaktuppgifter och spetsområden enligt den "
            "regionala strategin för smart specialisering.",
            "en": "Science parks, incubators, accelerators, test beds, clusters, funders and "
            "other organisations that support innovation in Stockholm County: kind, sector, "
            "municipality, address, contact details and priority areas of the regional "
            "strategy for smart specialisation.",
        },
        keywords={
            "sv": ["innovation", "inkubator", "science park", "testbädd", "smart specialisering"],
            "en": ["innovation", "incubator", "science park", "test bed", "smart specialisation"],
        },
        themes=("ECON", "TECH"),
    ),
    DatasetSpec(
        key="support-offers",
        model=SupportOffer,
        list_route="registry:offer_list",
        export_route="registry:offer_export",
        api_route="api:offer-list",
        title={
            "sv": "Stöd till start-ups och växande företag i Stockholms län",
            "en": "Support for start-ups and growth companies in Stockholm County",
        },
        description={
            "sv": "Inkubator- och acceleratorprogram, finansiering, rådgivning, kontorsplatser, "
            "tillgång till labb och testbäddar, nätverk och annat stöd som innovationsaktörer i "
            "Stockholms län erbjuder: för vilka företagsfaser, till vilken kostnad, på vilka "
            "språk och hur man ansöker.",
            "en": "Incubation and acceleration programmes, funding, advice, office space, "
            "access to labs and test beds, networks and other support offered by innovation "
            "actors in Stockholm County: for which company stages, at what cost, in which "
            "languages and how to apply.",
        },
        keywords={
            "sv": ["företagsstöd", "start-up", "finansiering", "inkubation", "rådgivning"],
            "en": ["business support", "start-up", "funding", "incubation", "advice"],
        },
        themes=("ECON",),
    ),
    DatasetSpec(
        key="projects",
        model=Project,
        list_route="registry:project_list",
        export_route="registry:project_export",
        api_route="api:project-list",
        title={
            "sv": "Samverkansprojekt för innovation i Stockholms län",
            "en": "Collaboration projects for innovation in Stockholm County",
        },
        description={
            "sv": "Samverkansprojekt inom innovation i Stockholms län: finansieringsprogram, "
            "start- och slutdatum, budget, projektägare och partner samt spetsområden.",
            "en": "Collaboration projects for innovation in Stockholm County: funding "
            "programme, start and end dates, budget, lead partner and partners, and "
            "priority areas.",
        },
        keywords={
            "sv": ["samverkan", "projekt", "Interreg", "Horisont Europa", "Vinnova"],
            "en": ["collaboration", "project", "Interreg", "Horizon Europe", "Vinnova"],
        },
        themes=("ECON", "TECH"),
    ),
)


@dataclass(frozen=True)
class FormatSpec:
    key: str  # the export URL's format
    title: dict[str, str]
    description: dict[str, str]
    media_type: str
    file_type: str


FORMATS = (
    FormatSpec(
        key="csv",
        title={"sv": "CSV", "en": "CSV"},
        description={
            "sv": "Kommaseparerad CSV i UTF-8 (RFC 4180).",
            "en": "Comma-separated CSV in UTF-8 (RFC 4180).",
        },
        media_type="text/csv",
        file_type="CSV",
    ),
    FormatSpec(
        key="excel-csv",
        title={"sv": "CSV för Excel", "en": "CSV for Excel"},
        description={
            "sv": "Semikolonseparerad CSV i UTF-8 med BOM, som öppnas rätt i Excel med svenska "
            "inställningar.",
            "en": "Semicolon-separated CSV in UTF-8 with a BOM, which opens correctly in Excel "
            "with Swedish settings.",
        },
        media_type="text/csv",
        file_type="CSV",
    ),
    FormatSpec(
        key="xlsx",
        title={"sv": "Excel (XLSX)", "en": "Excel (XLSX)"},
        description={"sv": "Kalkylblad i Office Open XML.", "en": "Office Open XML workbook."},
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_type="XLSX",
    ),
    FormatSpec(
        key="json",
        title={"sv": "JSON", "en": "JSON"},
        description={
            "sv": "Hela datamängden som en JSON-fil med samma kolumner som CSV-filen.",
            "en": "The whole dataset as one JSON file with the columns of the CSV file.",
        },
        media_type="application/json",
        file_type="JSON",
    ),
)

CATALOG_TITLE = {
    "sv": "Innovationsportalen – Stockholms läns innovationssystem",
    "en": "The innovation portal – Stockholm County's innovation ecosystem",
}
CATALOG_DESCRIPTION = {
    "sv": "Öppna data från innovationsportalen: aktörerna i Stockholms läns innovationssystem, "
    "deras stöd till start-ups och växande företag och regionens samverkansprojekt, kopplade "
    "till spetsområdena i den regionala strategin för smart specialisering.",
    "en": "Open data from the innovation portal: the actors of Stockholm County's innovation "
    "ecosystem, their support for start-ups and growth companies and the region's "
    "collaboration projects, tagged with the priority areas of the regional strategy for "
    "smart specialisation.",
}
API_TITLE = {
    "sv": "Innovationsportalens API (JSON, endast läsning)",
    "en": "The innovation portal's API (JSON, read-only)",
}
API_DESCRIPTION = {
    "sv": "Sökning, filter och sidindelning som på webbplatsen, med texterna på svenska och "
    "engelska. Beskrivs av ett OpenAPI 3-dokument.",
    "en": "Search, filters and paging as on the site, with texts in Swedish and English. "
    "Described by an OpenAPI 3 document.",
}


def _texts(texts: dict[str, str]) -> list[dict]:
    return [{"@value": text, "@language": language} for language, text in texts.items()]


def _keywords(keywords: dict[str, list[str]]) -> list[dict]:
    return [
        {"@value": word, "@language": language}
        for language, words in keywords.items()
        for word in words
    ]


def _ids(*uris: str) -> list[dict]:
    return [{"@id": uri} for uri in uris]


def _datetime(value) -> dict:
    local = timezone.localtime(value)
    return {"@value": local.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def _site(route: str, *, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(route, kwargs=kwargs or None)


def _dates(model) -> dict:
    """When the public entries of ``model`` were first added and last changed; no drafts."""
    return model.objects.public().aggregate(issued=Min("created_at"), modified=Max("updated_at"))


def catalog() -> dict:
    """The whole catalogue as a JSON-LD document (three aggregate queries)."""
    catalog_id = _site("data:catalog")
    publisher_id = settings.DCAT_PUBLISHER_ID or settings.DCAT_PUBLISHER_URL
    contact_id = f"{catalog_id}#contact"
    service_id = f"{catalog_id}#api"
    license_ = {"@id": settings.DCAT_LICENSE_URL}

    publisher = {
        "@id": publisher_id,
        "@type": "foaf:Agent",
        "foaf:name": settings.DCAT_PUBLISHER_NAME,
        "dcterms:type": {"@id": settings.DCAT_PUBLISHER_TYPE},
    }
    if settings.DCAT_PUBLISHER_URL:
        publisher["foaf:homepage"] = {"@id": settings.DCAT_PUBLISHER_URL}
    contact = {
        "@id": contact_id,
        "@type": "vcard:Organization",
        "vcard:fn": settings.DCAT_PUBLISHER_NAME,
        "vcard:hasURL": {"@id": _site("about")},
    }
    if settings.DCAT_CONTACT_EMAIL:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{settings.DCAT_CONTACT_EMAIL}"}
    spatial = {
        "@id": STOCKHOLM_COUNTY,
        "@type": "dcterms:Location",
        "skos:prefLabel": _texts({"sv": "Stockholms län", "en": "Stockholm County"}),
        "dcterms:identifier": "01",
    }

    dataset_nodes, nodes, datasets, issued, modified = [], [], [], [], []
    for spec in DATASETS:
        dataset_id = f"{catalog_id}#{spec.key}"
        dates = _dates(spec.model)
        distributions = []
        for fmt in FORMATS:
            address = _site(spec.export_route, fmt=fmt.key)
            distribution_id = f"{dataset_id}-{fmt.key}"
            distributions.append(distribution_id)
            nodes.append(
                {
                    "@id": distribution_id,
                    "@type": "dcat:Distribution",
                    "dcterms:title": _texts(fmt.title),
                    "dcterms:description": _texts(fmt.description),
                    "dcat:accessURL": {"@id": address},
                    "dcat:downloadURL": {"@id": address},
                    "dcat:mediaType": {"@id": f"{IANA}{fmt.media_type}"},
                    "dcterms:format": {"@id": f"{EU}file-type/{fmt.file_type}"},
                    "dcterms:license": license_,
                }
            )
        api_distribution_id = f"{dataset_id}-api"
        distributions.append(api_distribution_id)
        nodes.append(
            {
                "@id": api_distribution_id,
                "@type": "dcat:Distribution",
                "dcterms:title": _texts(API_TITLE),
                "dcterms:description": _texts(API_DESCRIPTION),
                "dcat:accessURL": {"@id": _site(spec.api_route)},
                "dcat:accessService": {"@id": service_id},
                "dcat:mediaType": {"@id": f"{IANA}application/json"},
                "dcterms:format": {"@id": f"{EU}file-type/JSON"},
                "dcterms:license": license_,
            }
        )
        dataset = {
            "@id": dataset_id,
            "@type": "dcat:Dataset",
            "dcterms:identifier": dataset_id,
            "dcterms:title": _texts(spec.title),
            "dcterms:description": _texts(spec.description),
            "dcat:keyword": _keywords(spec.keywords),
            "dcat:theme": _ids(*(f"{EU}data-theme/{theme}" for theme in spec.themes)),
            "dcterms:publisher": {"@id": publisher_id},
            "dcat:contactPoint": {"@id": contact_id},
            "dcterms:accrualPeriodicity": {"@id": FREQUENCY},
            "dcterms:spatial": {"@id": STOCKHOLM_COUNTY},
            "dcterms:language": _ids(*LANGUAGES),
            "dcterms:accessRights": {"@id": PUBLIC_ACCESS},
            "dcat:landingPage": _ids(
                *(_site(spec.list_route, language=language) for language in ("sv", "en"))
            ),
            "dcat:distribution": _ids(*distributions),
        }
        if dates["issued"]:
            dataset["dcterms:issued"] = _datetime(dates["issued"])
            issued.append(dates["issued"])
        if dates["modified"]:
            dataset["dcterms:modified"] = _datetime(dates["modified"])
            modified.append(dates["modified"])
        datasets.append(dataset_id)
        dataset_nodes.append(dataset)

    service = {
        "@id": service_id,
        "@type": "dcat:DataService",
        "dcterms:title": _texts(API_TITLE),
        "dcterms:description": _texts(API_DESCRIPTION),
        "dcat:endpointURL": {"@id": _site("api:root")},
        "dcat:endpointDescription": {"@id": _site("api:schema")},
        "dcat:servesDataset": _ids(*datasets),
        "dcterms:publisher": {"@id": publisher_id},
        "dcat:contactPoint": {"@id": contact_id},
        "dcterms:license": license_,
        "dcterms:accessRights": {"@id": PUBLIC_ACCESS},
    }
    catalog_node = {
        "@id": catalog_id,
        "@type": "dcat:Catalog",
        "dcterms:title": _texts(CATALOG_TITLE),
        "dcterms:description": _texts(CATALOG_DESCRIPTION),
        "dcterms:publisher": {"@id": publisher_id},
        "dcat:contactPoint": {"@id": contact_id},
        "dcterms:license": license_,
        "dcterms:language": _ids(*LANGUAGES),
        "dcterms:spatial": {"@id": STOCKHOLM_COUNTY},
        "foaf:homepage": {"@id": _site("home")},
        "dcat:themeTaxonomy": {"@id": THEME_TAXONOMY},
        "dcat:dataset": _ids(*datasets),
        "dcat:service": {"@id": service_id},
    }
    if issued:
        catalog_node["dcterms:issued"] = _datetime(min(issued))
    if modified:
        catalog_node["dcterms:modified"] = _datetime(max(modified))
    return {
        "@context": CONTEXT,
        "@graph": [catalog_node, publisher, contact, spatial, *dataset_nodes, *nodes, service],
    }
