"""A small registry for the API tests, with a draft and an archived entry of every kind."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from registry.models import Actor, SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

LIFE_SCIENCE = "life-science-vard-och-halsa"
ICT = "ikt-tech-och-digitalisering"
STOCKHOLM = "0180"
SOLNA = "0184"


@pytest.fixture
def registry(areas, stockholm, solna):
    """Published, draft and archived actors, offers and projects, linked to each other.

    Drafts are named "Hemlig …" (secret) so a test can look for the word anywhere.
    """
    today = timezone.localdate()
    kista = ActorFactory(
        slug="kista-science-city",
        name_sv="Kista Science City",
        name_en="Kista Science City",
        description_sv="Science park för IKT och digitalisering i Kista.",
        description_en="Science park for ICT and digitalisation in Kista.",
        kind=Actor.Kind.SCIENCE_PARK,
        helix_sector=Actor.HelixSector.BUSINESS,
        municipality=stockholm,
        priority_areas=[areas[ICT]],
        website="https://kista.example.se",
        latitude="59.403200",
        longitude="17.944700",
    )
    karolinska = ActorFactory(
        slug="karolinska-innovations",
        name_sv="Karolinska Innovationer",
        name_en="Karolinska Innovations",
        description_sv="Inkubator för life science och medicinteknik i Solna.",
        kind=Actor.Kind.INCUBATOR,
        helix_sector=Actor.HelixSector.ACADEMIA,
        municipality=solna,
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    draft_actor = ActorFactory(
        slug="hemlig-aktor",
        name_sv="Hemlig Inkubator",
        description_sv="Inkubator för life science.",
        kind=Actor.Kind.INCUBATOR,
        municipality=stockholm,
        priority_areas=[areas[LIFE_SCIENCE]],
        draft=True,
    )
    archived_actor = ActorFactory(
        slug="arkiverad-aktor",
        name_sv="Arkiverad Inkubator",
        kind=Actor.Kind.INCUBATOR,
        municipality=stockholm,
        archived=True,
    )
    funding = SupportOfferFactory(
        slug="kista-startup-fund",
        actor=kista,
        name_sv="Kistas startfond",
        name_en="Kista start-up fund",
        kind=SupportOffer.Kind.FUNDING,
        stages=["startup"],
        cost="equity",
        languages=["sv", "en"],
        application="deadline",
        deadline=today + datetime.timedelta(days=20),
        priority_areas=[areas[ICT]],
    )
    advice = SupportOfferFactory(
        slug="karolinska-advice",
        actor=karolinska,
        name_sv="Rådgivning inom life science",
        kind=SupportOffer.Kind.ADVICE,
        stages=["idea", "startup"],
        cost="free",
        languages=["sv"],
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    # Published itself, but its actor is a draft: not public.
    SupportOfferFactory(
        slug="hemlig-aktors-erbjudande", actor=draft_actor, name_sv="Hemlig rådgivning"
    )
    SupportOfferFactory(slug="hemligt-erbjudande", actor=kista, name_sv="Hemlig fond", draft=True)
    archived_offer = SupportOfferFactory(
        slug="arkiverat-erbjudande", actor=kista, name_sv="Arkiverad fond", archived=True
    )
    project = ProjectFactory(
        slug="growsmarter",
        name_sv="GrowSmarter",
        acronym="GS",
        description_sv="Smarta städer i Stockholm.",
        funding_programme="horizon_2020",
        budget="25000000.00",
        currency="EUR",
        priority_areas=[areas[ICT]],
    )
    ParticipationFactory(project=project, actor=kista, role="lead")
    ParticipationFactory(project=project, actor=karolinska, role="partner")
    ParticipationFactory(project=project, actor=draft_actor, role="partner")
    ParticipationFactory(
        project=project,
        actor=None,
        organisation_name="Ayuntamiento de Barcelona",
        country="ES",
        role="associated",
    )
    draft_project = ProjectFactory(slug="hemligt-projekt", name_sv="Hemligt projekt", draft=True)
    ParticipationFactory(project=draft_project, actor=kista, role="lead")
    archived_project = ProjectFactory(
        slug="arkiverat-projekt",
        name_sv="Arkiverat projekt",
        start_date=today - datetime.timedelta(days=900),
        end_date=today - datetime.timedelta(days=400),
        archived=True,
    )
    ParticipationFactory(project=archived_project, actor=kista, role="partner")
    return SimpleNamespace(
        kista=kista,
        karolinska=karolinska,
        draft_actor=draft_actor,
        archived_actor=archived_actor,
        funding=funding,
        advice=advice,
        archived_offer=archived_offer,
        project=project,
        draft_project=draft_project,
        archived_project=archived_project,
    )


def get_json(client, path: str, status: int = 200, **headers):
    response = client.get(path, **headers)
    assert response.status_code == status, (path, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def slugs(data: dict) -> list[str]:
    return [entry["slug"] for entry in data["results"]]
