"""Published, draft and archived entries of every list, with text that is hard to write."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.spreadsheets.public_exports import AREA_IKT, AREA_KLIMAT, AREA_LIFE, TRIGGERS


@pytest.fixture
def registry(areas, stockholm, solna):
    """Published, draft and archived actors, offers and projects with text that is hard to write.

    Swedish and English names sort differently, and the entries differ in age and review date,
    so every sort gives its own order.
    """
    now = timezone.now()

    def actor(slug, days, **values):
        return ActorFactory(slug=slug, created_at=now - datetime.timedelta(days=days), **values)

    alfa = actor(
        "alfa",
        5,
        name_sv="Alfa Inkubator",
        name_en="Zulu Incubator",
        kind="incubator",
        municipality=stockholm,
        priority_areas=[areas[AREA_LIFE], areas[AREA_IKT]],
        description_sv='Innovation för medicinteknik: "citat", semikolon; komma, och\nen ny rad.',
        phone="+46 8 790 60 00",
        latitude="59.347900",
        longitude="18.072800",
        last_reviewed_on=datetime.date(2025, 1, 10),
    )
    angen = actor(
        "angen",
        1,
        name_sv="Ängens Testbädd",
        name_en="Alpha Test Bed",
        kind="test_bed",
        municipality=solna,
        priority_areas=[areas[AREA_LIFE]],
        description_sv="En testbädd för innovation inom vård och hälsa.",
    )
    gamma = actor(
        "gamma",
        3,
        name_sv="Gamma Kluster",
        name_en="Gamma Cluster",
        kind="cluster",
        municipality=stockholm,
        priority_areas=[areas[AREA_KLIMAT]],
        description_sv="Klimatinnovation och hållbar stadsutveckling.",
        last_reviewed_on=datetime.date(2025, 6, 1),
    )
    delta = actor(
        "delta",
        2,
        name_sv="Delta Forskningspark",
        kind="science_park",
        municipality=solna,
        priority_areas=[areas[AREA_IKT]],
        description_sv="Forskningspark för digitalisering.",
    )
    hidden = actor(
        "hemlig", 0, name_sv="Hemlig Innovation", draft=True, description_sv="Innovation."
    )
    actor(
        "arkiverad", 4, name_sv="Arkiverad Innovation", archived=True, description_sv="Innovation."
    )

    def offer(slug, days, **values):
        return SupportOfferFactory(
            slug=slug, created_at=now - datetime.timedelta(days=days), **values
        )

    offer(
        "radgivning",
        3,
        actor=alfa,
        name_sv="Rådgivning",
        kind="advice",
        priority_areas=[areas[AREA_IKT]],
        description_sv="Innovation och affärsrådgivning.",
    )
    offer(
        "finansiering",
        1,
        actor=angen,
        name_sv="Ängelfinansiering",
        name_en="Angel funding",
        kind="funding",
        by_deadline=True,
        description_sv="Lån för innovation.",
    )
    offer(
        "labb",
        2,
        actor=gamma,
        name_sv="Labbtillgång",
        kind="lab_access",
        stages=["scaleup"],
        languages=["en"],
        description_sv="Labb för klimatinnovation.",
    )
    offer("utkast", 0, actor=alfa, name_sv="Utkast", draft=True)
    offer("gammalt-erbjudande", 4, actor=delta, name_sv="Gammalt erbjudande", archived=True)
    offer("dold-aktor", 0, actor=hidden, name_sv="Erbjudande av en dold aktör")

    def project(slug, days, **values):
        return ProjectFactory(slug=slug, created_at=now - datetime.timedelta(days=days), **values)

    cohes3ion = project(
        "cohes3ion",
        2,
        name_sv="Cohes3ion",
        acronym="Cohes3ion",
        funding_programme="interreg_europe",
        budget="1500000.50",
        currency="EUR",
        priority_areas=[areas[AREA_KLIMAT]],
        description_sv="Innovation i regionala ekosystem.",
    )
    ParticipationFactory(
        project=cohes3ion, actor=None, organisation_name="BEAZ", country="ES", role="lead"
    )
    ParticipationFactory(project=cohes3ion, actor=alfa, role="partner")
    ParticipationFactory(project=cohes3ion, actor=gamma, role="associated")
    growsmarter = project(
        "growsmarter",
        1,
        name_sv="GrowSmarter",
        funding_programme="horizon_2020",
        description_sv="Smarta städer.",
    )
    ParticipationFactory(project=growsmarter, actor=angen, role="lead")
    project(
        "viable-cities",
        3,
        name_sv="Viable Cities",
        funding_programme="vinnova",
        description_sv="Klimatneutrala städer och innovation.",
    )
    project("hemligt", 0, name_sv="Hemligt projekt", draft=True)
    project("avslutat", 4, name_sv="Avslutat projekt", archived=True)


@pytest.fixture
def formula_actors(stockholm):
    for number, trigger in enumerate(TRIGGERS):
        ActorFactory(slug=f"formel-{number}", description_sv=f"{trigger}SUM(A1)")
    ActorFactory(slug="citerad", description_sv="'=1+1")
    ActorFactory(slug="vanlig", description_sv="a=b -1")
