"""Fixtures shared by the registry's tests: the registry the tests of the public lists read
(actors, offers and projects that each facet option tells apart), and the actor of the
detail-page tests."""

import datetime

import pytest
from django.utils import timezone

from registry.models import Actor, Project, SupportOffer
from tests.factories import (
    ActorFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.detail_pages import ORGANISATION_NUMBER
from tests.registry.lists import AREA_1, AREA_2, AREA_3, DAY


@pytest.fixture
def actors(areas, stockholm, solna):
    """Four published actors, plus a draft and an archived one that match every facet."""
    kinds = Actor.Kind
    sectors = Actor.HelixSector
    ActorFactory(
        name_sv="Alfa",
        kind=kinds.INCUBATOR,
        municipality=stockholm,
        helix_sector=sectors.ACADEMIA,
        priority_areas=[areas[AREA_1]],
    )
    ActorFactory(
        name_sv="Beta",
        kind=kinds.INCUBATOR,
        municipality=solna,
        helix_sector=sectors.BUSINESS,
        priority_areas=[areas[AREA_1], areas[AREA_2]],
    )
    ActorFactory(
        name_sv="Gamma",
        kind=kinds.SCIENCE_PARK,
        municipality=stockholm,
        helix_sector=sectors.BUSINESS,
        priority_areas=[areas[AREA_3]],
    )
    ActorFactory(
        name_sv="Delta", kind=kinds.CLUSTER, municipality=solna, helix_sector=sectors.PUBLIC
    )
    for status in ("draft", "archived"):
        ActorFactory(
            name_sv=f"Utkast {status}",
            status=status,
            kind=kinds.INCUBATOR,
            municipality=stockholm,
            helix_sector=sectors.ACADEMIA,
            priority_areas=[areas[AREA_1]],
        )


@pytest.fixture
def offers(areas, stockholm, solna):
    today = timezone.localdate()
    in_stockholm = ActorFactory(name_sv="Aktör i Stockholm", municipality=stockholm)
    in_solna = ActorFactory(name_sv="Aktör i Solna", municipality=solna)
    SupportOfferFactory(
        name_sv="Alfa",
        actor=in_stockholm,
        kind=SupportOffer.Kind.FUNDING,
        stages=["idea"],
        cost="free",
        languages=["sv"],
        priority_areas=[areas[AREA_1]],
    )
    SupportOfferFactory(
        name_sv="Beta",
        actor=in_solna,
        kind=SupportOffer.Kind.ADVICE,
        stages=["startup", "scaleup"],
        cost="fee",
        languages=["en"],
        application="deadline",
        deadline=today + 10 * DAY,
        priority_areas=[areas[AREA_2]],
    )
    SupportOfferFactory(
        name_sv="Gamma",
        actor=in_stockholm,
        kind=SupportOffer.Kind.ADVICE,
        stages=["established"],
        cost="equity",
        languages=["sv", "en"],
        application="deadline",
        deadline=today - DAY,
        priority_areas=[areas[AREA_1]],
    )
    SupportOfferFactory(
        name_sv="Delta",
        actor=in_solna,
        kind=SupportOffer.Kind.NETWORK,
        stages=[],
        cost="free",
        languages=["sv"],
        application="deadline",
        deadline=today,
    )
    hidden = ActorFactory(name_sv="Utkastaktör", municipality=stockholm, draft=True)
    SupportOfferFactory(name_sv="Hos utkastaktör", actor=hidden, kind=SupportOffer.Kind.FUNDING)
    SupportOfferFactory(name_sv="Utkast", actor=in_stockholm, draft=True)
    SupportOfferFactory(name_sv="Arkiverat", actor=in_stockholm, archived=True)


@pytest.fixture
def projects(areas):
    today = timezone.localdate()
    programmes = Project.FundingProgramme
    ProjectFactory(
        name_sv="Alfa",
        acronym="",
        funding_programme=programmes.VINNOVA,
        start_date=today + 30 * DAY,
        end_date=today + 400 * DAY,
        priority_areas=[areas[AREA_1]],
    )
    ProjectFactory(
        name_sv="Beta",
        acronym="",
        funding_programme=programmes.HORIZON_EUROPE,
        start_date=today - 30 * DAY,
        end_date=today + 30 * DAY,
        priority_areas=[areas[AREA_2]],
    )
    ProjectFactory(
        name_sv="Gamma",
        acronym="",
        funding_programme=programmes.VINNOVA,
        start_date=today - 400 * DAY,
        end_date=today - DAY,
        priority_areas=[areas[AREA_1], areas[AREA_2]],
    )
    ProjectFactory(
        name_sv="Delta",
        acronym="",
        funding_programme=programmes.ERDF,
        start_date=today,
        end_date=None,
    )
    ProjectFactory(name_sv="Utkast", acronym="", draft=True)
    ProjectFactory(name_sv="Arkiverat", acronym="", archived=True)


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
