"""A small registry with the cells most likely to break a round trip."""

import pytest

from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)


@pytest.fixture
def registry(areas, stockholm):
    """A small registry with the cells most likely to break a round trip."""
    actor = ActorFactory(
        slug="kth-innovation",
        name_sv="KTH Innovation",
        name_en="KTH Innovation",
        description_sv='Idéer, "citat", semikolon; komma, och\nen ny rad.',
        phone="+46 8 790 60 00",
        website="https://www.kth.se/innovation",
        latitude="59.347900",
        longitude="18.072800",
        municipality=stockholm,
        priority_areas=[areas["ikt-tech-och-digitalisering"], areas["life-science-vard-och-halsa"]],
    )
    ActorFactory(
        slug="formula-lab",
        name_sv='=HYPERLINK("http://evil")',
        description_sv="-2+3 @SUM(A1)",
        status="draft",
        organisation_number="",
    )
    ActorFactory(slug="arkivet", archived=True, name_sv="Ångström Arkiv")
    SupportOfferFactory(
        slug="radgivning",
        actor=actor,
        stages=["startup", "scaleup"],
        languages=["sv"],
        priority_areas=[areas["ikt-tech-och-digitalisering"]],
    )
    SupportOfferFactory(slug="deadline-offer", actor=actor, by_deadline=True, draft=True)
    project = ProjectFactory(
        slug="cohes3ion",
        acronym="Cohes3ion",
        budget="1500000.50",
        currency="EUR",
        priority_areas=[areas["klimat-och-miljoatgarder-hallbar-stadsutveckling"]],
    )
    ParticipationFactory(
        project=project, actor=None, organisation_name="BEAZ", country="ES", role="lead"
    )
    ParticipationFactory(project=project, actor=actor)
    ParticipationFactory(project=project, actor=ActorFactory(slug="rise"), role="associated")
    return actor
