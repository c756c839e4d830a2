"""The detail pages of actors, support offers and projects, in Swedish and English."""

import datetime
import html
import json
import re

import pytest
from django.utils import timezone, translation

from registry.models import Actor, SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
    with_check_digit,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ORGANISATION_NUMBER = with_check_digit("556012579")
AREA_1 = "life-science-vard-och-halsa"


def page_of(client, entry, language: str) -> str:
    with translation.override(language):
        path = entry.get_absolute_url()
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def status_of(client, entry, language: str) -> int:
    with translation.override(language):
        return client.get(entry.get_absolute_url()).status_code


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def fact(page: str, label: str) -> str:
    """The text of the ``<dd>`` that follows ``<dt>label</dt>``."""
    match = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>(.*?)</dd>", page, re.S)
    assert match, f"no fact {label!r}"
    return text(match.group(1))


def section(page: str, heading_id: str) -> str:
    start = page.index(f'<h2 id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def jsonld(page: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block)


def meta_property(page: str, name: str) -> str:
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', page)
    assert match, name
    return html.unescape(match.group(1))


def canonical(page: str) -> str:
    (href,) = re.findall(r'<link rel="canonical" href="([^"]*)">', page)
    return html.unescape(href)


def heading(page: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return text(match.group(1))


@pytest.fixture
def actor(areas, stockholm):
    return ActorFactory(
        slug="kista-inkubator",
        name_sv="Kista Inkubator",
        name_en="Kista Incubator",
        description_sv="Ett hus för nya bolag i Kista.",
        description_en="A home for new companies in Kista.",
        kind=Actor.Kind.INCUBATOR,
        helix_sector=Actor.HelixSector.ACADEMIA,
        municipality=stockholm,
        website="https://kista.example.se/",
        email="info@kista.example.se",
        phone="08-123 456 00",
        street_address="Isafjordsgatan 1",
        postal_code="164 40",
        postal_town="Kista",
        organisation_number=ORGANISATION_NUMBER,
        last_reviewed_on=datetime.date(2025, 3, 14),
        priority_areas=[areas[AREA_1]],
    )


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


# Lifecycle ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_draft_entries_are_404_for_anonymous(client, language):
    drafts = [
        ActorFactory(draft=True),
        SupportOfferFactory(draft=True),
        ProjectFactory(draft=True),
    ]

    for entry in drafts:
        assert status_of(client, entry, language) == 404


def test_published_offer_of_a_draft_actor_is_404(client):
    offer = SupportOfferFactory(actor=ActorFactory(draft=True))

    assert status_of(client, offer, "sv") == 404
    assert status_of(client, offer, "en") == 404


def test_unknown_slug_is_404(client):
    missing = Actor(slug="finns-inte")

    assert status_of(client, missing, "sv") == 404


@pytest.mark.parametrize(
    ("language", "notice"),
    [("sv", "<strong>Arkiverad.</strong>"), ("en", "<strong>Archived.</strong>")],
)
def test_archived_entries_are_shown_with_a_notice_and_not_indexed(client, language, notice):
    archived = [
        ActorFactory(archived=True),
        SupportOfferFactory(archived=True),
        ProjectFactory(archived=True),
    ]

    for entry in archived:
        page = page_of(client, entry, language)

        assert notice in page
        assert '<meta name="robots" content="noindex' in page


def test_published_entries_may_be_indexed(client, actor):
    page = page_of(client, actor, "sv")

    assert 'name="robots"' not in page
    assert "notice--archived" not in page


# Language fallback -------------------------------------------------------------------------


def test_english_page_without_english_text_shows_the_swedish_marked_as_swedish(client, stockholm):
    swedish_only = ActorFactory(
        name_sv="Norra Företagshuset",
        name_en="",
        description_sv="Ett hus för nya bolag.",
        description_en="",
        municipality=stockholm,
    )

    page = page_of(client, swedish_only, "en")

    assert '<h1 lang="sv">' in page
    assert re.search(
        r'<div class="entry__description prose" lang="sv"><p>Ett hus för nya bolag.</p></div>', page
    )
    assert "This description is only available in Swedish." in page


def test_english_page_with_english_text_has_no_language_notice(client, actor):
    page = page_of(client, actor, "en")

    assert "A home for new companies in Kista." in page
    assert "Ett hus för nya bolag i Kista." not in page
    assert "only available in Swedish" not in page
    assert 'lang="sv">' not in page.split("</header>", 1)[1].split('class="entry__footer"')[0]


def test_swedish_page_without_swedish_description_shows_the_english(client):
    english_only = ActorFactory(description_sv="", description_en="Only in English.")

    page = page_of(client, english_only, "sv")

    assert '<div class="entry__description prose" lang="en">' in page
    assert "Beskrivningen finns bara på engelska." in page


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
