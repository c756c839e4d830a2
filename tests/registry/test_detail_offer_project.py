"""The detail pages of support offers and projects, in Swedish and English."""

import pytest
from django.utils import timezone, translation

from registry.models import SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.detail_pages import DAY, fact, heading, jsonld, page_of, section, text

pytestmark = pytest.mark.django_db


# Offers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "sv",
            {
                "by": "Erbjuds av",
                "kind": "Typ av stöd",
                "cost": "Kostnad",
                "kind_value": "Finansiering, lån eller bidrag",
                "cost_value": "Kostnadsfritt",
            },
        ),
        (
            "en",
            {
                "by": "Offered by",
                "kind": "Kind of support",
                "cost": "Cost",
                "kind_value": "Funding, loan or grant",
                "cost_value": "Free of charge",
            },
        ),
    ],
)
def test_offer_page_shows_its_fields_and_links_the_provider(client, actor, language, labels):
    offer = SupportOfferFactory(
        actor=actor,
        name_sv="Mikrolån",
        name_en="Micro-loan",
        kind=SupportOffer.Kind.FUNDING,
        cost=SupportOffer.Cost.FREE,
        link="https://kista.example.se/lan",
    )

    page = page_of(client, offer, language)

    with translation.override(language):
        provider_url = actor.get_absolute_url()
    assert heading(page) == ("Mikrolån" if language == "sv" else "Micro-loan")
    assert fact(page, labels["by"]) == (
        "Kista Inkubator" if language == "sv" else "Kista Incubator"
    )
    assert f'<a href="{provider_url}">' in page
    assert fact(page, labels["kind"]) == labels["kind_value"]
    assert fact(page, labels["cost"]) == labels["cost_value"]
    assert 'href="https://kista.example.se/lan"' in page
    data = jsonld(page)
    assert data["@type"] == "Service"
    assert data["name"] == heading(page)
    assert data["provider"]["name"] == fact(page, labels["by"])


def test_offer_page_says_when_the_deadline_has_passed(client):
    passed = SupportOfferFactory(
        application="deadline", deadline=timezone.localdate() - DAY, name_sv="Stängd"
    )
    coming = SupportOfferFactory(by_deadline=True, name_sv="Öppen")

    assert "(the deadline has passed)" in page_of(client, passed, "en")
    assert "the deadline has passed" not in page_of(client, coming, "en")


# Projects -----------------------------------------------------------------------------------


@pytest.fixture
def project(actor):
    project = ProjectFactory(
        name_sv="Cirkulära städer",
        name_en="Circular cities",
        acronym="CIRC",
        description_sv="Ett projekt om återbruk.",
        description_en="A project on reuse.",
    )
    ParticipationFactory(project=project, actor=actor, lead=True)
    ParticipationFactory(project=project, actor=ActorFactory(name_sv="Solna Stad"))
    ParticipationFactory(
        project=project,
        outside_registry=True,
        organisation_name="Universidad de Zaragoza",
        country="ES",
    )
    ParticipationFactory(project=project, actor=ActorFactory(name_sv="Hemlig partner", draft=True))
    return project


@pytest.mark.parametrize(
    ("language", "lead", "partner"),
    [
        ("sv", "Kista Inkubator Huvudpartner (projektledare)", "Solna Stad Partner"),
        ("en", "Kista Incubator Lead partner", "Solna Stad Partner"),
    ],
)
def test_project_page_lists_lead_and_partners_with_outside_organisations(
    client, project, language, lead, partner
):
    page = page_of(client, project, language)

    partners = text(section(page, "partners-heading"))
    assert lead in partners
    assert partner in partners
    assert "Universidad de Zaragoza (ES) Partner" in partners
    assert heading(page) == (
        "CIRC – Cirkulära städer" if language == "sv" else "CIRC – Circular cities"
    )


def test_project_page_hides_a_draft_actors_participation(client, project):
    for language in ("sv", "en"):
        page = page_of(client, project, language)

        assert "Hemlig partner" not in page
        assert [m["name"] for m in jsonld(page)["member"]] == [
            "Kista Inkubator" if language == "sv" else "Kista Incubator",
            "Solna Stad",
            "Universidad de Zaragoza",
        ]


def test_project_page_describes_the_project_in_json_ld(client, project):
    data = jsonld(page_of(client, project, "en"))

    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Circular cities"
    assert data["alternateName"] == "CIRC"
    assert data["funder"]["name"] == "Vinnova"


def test_project_page_shows_programme_period_and_status(client):
    today = timezone.localdate()
    project = ProjectFactory(
        start_date=today + 10 * DAY, end_date=None, budget=1_250_000, currency="SEK"
    )

    page = page_of(client, project, "en")

    assert fact(page, "Funding programme") == "Vinnova"
    assert fact(page, "Status") == "Planned"
    assert fact(page, "Budget").endswith("SEK")
    assert fact(page, "Budget").replace(",", "").replace("\xa0", "").startswith("1250000")
