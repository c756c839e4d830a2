"""The detail page of an actor, in Swedish and English."""

import re

import pytest
from django.utils import translation

from registry.models import SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.detail_pages import (
    ORGANISATION_NUMBER,
    canonical,
    fact,
    heading,
    jsonld,
    meta_property,
    page_of,
    section,
    text,
)

pytestmark = pytest.mark.django_db


# Actors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "name", "labels"),
    [
        (
            "sv",
            "Kista Inkubator",
            {
                "kind": "Typ",
                "municipality": "Kommun",
                "sector": "Sektor",
                "sector_value": "Akademi",
                "org": "Organisationsnummer",
            },
        ),
        (
            "en",
            "Kista Incubator",
            {
                "kind": "Kind",
                "municipality": "Municipality",
                "sector": "Sector",
                "sector_value": "Academia",
                "org": "Organisation number",
            },
        ),
    ],
)
def test_actor_page_shows_its_public_fields(client, actor, language, name, labels):
    page = page_of(client, actor, language)

    assert heading(page) == name
    assert fact(page, labels["kind"]) == ("Inkubator" if language == "sv" else "Incubator")
    assert fact(page, labels["municipality"]) == "Stockholm"
    assert fact(page, labels["sector"]) == labels["sector_value"]
    assert fact(page, labels["org"]) == f"{ORGANISATION_NUMBER[:6]}-{ORGANISATION_NUMBER[6:]}"
    assert '<a href="https://kista.example.se/" rel="noopener">' in page
    assert '<a href="mailto:info@kista.example.se">info@kista.example.se</a>' in page
    assert '<a href="tel:0812345600">08-123 456 00</a>' in page
    assert "Isafjordsgatan 1 164 40 Kista" in text(page[page.index("<address>") :])[:40]
    with translation.override(language):
        description = actor.description
    assert str(description) in page


def test_actor_page_links_its_municipality_to_the_filtered_list(client, actor):
    page = page_of(client, actor, "sv")

    assert re.search(r'<a href="/[^"]*\?municipality=0180">Stockholm</a>', page)


def test_actor_without_contact_details_says_so(client, stockholm):
    bare = ActorFactory(municipality=stockholm, organisation_number="")

    page = page_of(client, bare, "en")

    assert "The registry holds no contact details for this actor yet." in page
    assert "mailto:" not in page
    assert "Organisation number" not in page


def test_actor_page_lists_published_and_archived_offers_and_projects_not_drafts(client, actor):
    SupportOfferFactory(
        actor=actor, name_sv="Inkubatorprogrammet", kind=SupportOffer.Kind.INCUBATION
    )
    SupportOfferFactory(actor=actor, name_sv="Gamla programmet", archived=True)
    SupportOfferFactory(actor=actor, name_sv="Hemliga programmet", draft=True)
    ParticipationFactory(actor=actor, project=ProjectFactory(name_sv="Öppna projektet", acronym=""))
    ParticipationFactory(
        actor=actor, project=ProjectFactory(name_sv="Hemliga projektet", acronym="", draft=True)
    )

    page = page_of(client, actor, "sv")

    offers = text(section(page, "offers-heading"))
    projects = text(section(page, "projects-heading"))
    assert "Inkubatorprogrammet" in offers
    assert "Gamla programmet Rådgivning och coachning · Arkiverad" in offers
    assert "Hemliga programmet" not in page
    assert "Öppna projektet" in projects
    assert "Hemliga projektet" not in page


def test_actor_page_links_to_its_offers_and_projects(client, actor):
    offer = SupportOfferFactory(actor=actor)
    project = ProjectFactory()
    ParticipationFactory(actor=actor, project=project, lead=True)

    page = page_of(client, actor, "en")

    with translation.override("en"):
        assert f'<a href="{offer.get_absolute_url()}"' in page
        assert f'<a href="{project.get_absolute_url()}"' in page
    assert "Lead partner" in text(section(page, "projects-heading"))


def test_actor_without_offers_or_projects_says_so(client, actor):
    page = page_of(client, actor, "en")

    assert "No support offers are listed for this actor." in page
    assert "No projects are listed for this actor." in page


@pytest.mark.parametrize(
    ("language", "reviewed"),
    [("sv", "14 mars 2025"), ("en", "14 March 2025")],
)
def test_last_reviewed_date_is_shown(client, actor, language, reviewed):
    page = page_of(client, actor, language)

    assert f'<time datetime="2025-03-14">{reviewed}</time>' in page


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("sv", "Ännu inte granskad av portalens redaktörer."),
        ("en", "Not yet reviewed by the portal’s editors."),
    ],
)
def test_never_reviewed_entry_says_so(client, language, notice):
    for entry in (ActorFactory(), SupportOfferFactory(), ProjectFactory()):
        page = page_of(client, entry, language)

        assert notice in page
        assert "<time datetime=" not in page[page.index('class="entry__footer"') :]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_actor_page_describes_the_organisation_in_json_ld(client, actor, language):
    data = jsonld(page_of(client, actor, language))

    assert data["@type"] == "Organization"
    assert data["name"] == ("Kista Inkubator" if language == "sv" else "Kista Incubator")
    assert data["taxID"] == f"{ORGANISATION_NUMBER[:6]}-{ORGANISATION_NUMBER[6:]}"
    assert data["contactPoint"]["email"] == "info@kista.example.se"
    assert data["address"]["streetAddress"] == "Isafjordsgatan 1"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_detail_pages_have_open_graph_title_and_canonical_link(client, actor, language):
    offer = SupportOfferFactory(actor=actor, name_sv="Mentorprogram", name_en="Mentoring")
    project = ProjectFactory(name_sv="Cirkulära städer", name_en="Circular cities")
    expected = {
        actor: ("Kista Inkubator", "Kista Incubator"),
        offer: ("Mentorprogram", "Mentoring"),
        project: ("Cirkulära städer", "Circular cities"),
    }

    for entry, names in expected.items():
        page = page_of(client, entry, language)
        with translation.override(language):
            path = entry.get_absolute_url()

        assert meta_property(page, "og:title") == names[language == "en"]
        assert meta_property(page, "og:url") == f"http://testserver{path}"
        assert canonical(page) == f"http://testserver{path}"


def test_canonical_link_leaves_out_the_query_string(client, actor):
    with translation.override("sv"):
        path = actor.get_absolute_url()

    page = client.get(path, {"utm_source": "nyhetsbrev"}).content.decode()

    assert canonical(page) == f"http://testserver{path}"
