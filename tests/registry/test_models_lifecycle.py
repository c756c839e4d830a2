"""The lifecycle querysets, project phases, bilingual names, natural keys and factories."""

import datetime

import pytest
from django.utils import timezone, translation

from innovation_portal.lib.i18n import localized
from registry.choices import Status
from registry.models import Actor, Municipality, Project, SupportOffer
from registry.validators import luhn_is_valid
from spetsomraden.models import PriorityArea
from tests.factories import (
    ActorFactory,
    MilestoneFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.model_fields import DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# Lifecycle querysets


def test_draft_and_archived_actors_are_excluded_from_published():
    published = ActorFactory()
    ActorFactory(draft=True)
    ActorFactory(archived=True)

    assert list(Actor.objects.published()) == [published]


def test_public_includes_archived_but_not_draft_actors():
    published = ActorFactory(name_sv="A")
    archived = ActorFactory(name_sv="B", archived=True)
    ActorFactory(name_sv="C", draft=True)

    assert list(Actor.objects.public()) == [published, archived]


def test_drafts_and_archived_return_only_their_status():
    ActorFactory()
    draft = ActorFactory(draft=True)
    archived = ActorFactory(archived=True)

    assert list(Actor.objects.filter(status=Status.DRAFT)) == [draft]
    assert list(Actor.objects.filter(status=Status.ARCHIVED)) == [archived]


def test_lifecycle_filters_apply_to_offers_and_projects():
    SupportOfferFactory(draft=True)
    offer = SupportOfferFactory()
    ProjectFactory(draft=True)
    project = ProjectFactory(archived=True)

    assert list(SupportOffer.objects.published()) == [offer]
    assert list(Project.objects.public()) == [project]
    assert list(Project.objects.published()) == []


def test_needs_review_returns_never_and_long_ago_reviewed_entries():
    today = datetime.date(2026, 5, 15)
    never = ActorFactory(name_sv="A")
    long_ago = ActorFactory(name_sv="B")
    exactly_a_year = ActorFactory(name_sv="C")
    recent = ActorFactory(name_sv="D")
    Actor.objects.filter(pk=long_ago.pk).update(last_reviewed_on=datetime.date(2024, 11, 1))
    Actor.objects.filter(pk=exactly_a_year.pk).update(last_reviewed_on=datetime.date(2025, 5, 15))
    Actor.objects.filter(pk=recent.pk).update(last_reviewed_on=datetime.date(2025, 5, 16))

    assert list(Actor.objects.needs_review(today=today)) == [never, long_ago, exactly_a_year]


def test_needs_review_defaults_to_today():
    today = timezone.localdate()
    stale = ActorFactory(name_sv="A")
    fresh = ActorFactory(name_sv="B")
    Actor.objects.filter(pk=stale.pk).update(last_reviewed_on=today - 400 * DAY)
    Actor.objects.filter(pk=fresh.pk).update(last_reviewed_on=today - 30 * DAY)

    assert list(Actor.objects.needs_review()) == [stale]


def test_needs_review_on_leap_day_compares_with_28_february():
    reviewed_on_28th = ActorFactory(name_sv="A")
    reviewed_on_1st = ActorFactory(name_sv="B")
    Actor.objects.filter(pk=reviewed_on_28th.pk).update(last_reviewed_on=datetime.date(2027, 2, 28))
    Actor.objects.filter(pk=reviewed_on_1st.pk).update(last_reviewed_on=datetime.date(2027, 3, 1))

    assert list(Actor.objects.needs_review(today=datetime.date(2028, 2, 29))) == [reviewed_on_28th]


# Project phase


@pytest.fixture
def projects_in_every_phase():
    today = timezone.localdate()
    return {
        "planned": ProjectFactory(start_date=today + DAY, end_date=today + 300 * DAY),
        "planned_open_ended": ProjectFactory(start_date=today + 30 * DAY, end_date=None),
        "ongoing": ProjectFactory(start_date=today - 30 * DAY, end_date=today + 30 * DAY),
        "ongoing_starts_today": ProjectFactory(start_date=today, end_date=today + DAY),
        "ongoing_ends_today": ProjectFactory(start_date=today - DAY, end_date=today),
        "ongoing_open_ended": ProjectFactory(start_date=today - 30 * DAY, end_date=None),
        "completed": ProjectFactory(start_date=today - 300 * DAY, end_date=today - DAY),
    }


def test_project_phase_follows_its_dates(projects_in_every_phase):
    phases = {key: project.phase for key, project in projects_in_every_phase.items()}

    assert phases == {
        "planned": "planned",
        "planned_open_ended": "planned",
        "ongoing": "ongoing",
        "ongoing_starts_today": "ongoing",
        "ongoing_ends_today": "ongoing",
        "ongoing_open_ended": "ongoing",
        "completed": "completed",
    }


@pytest.mark.parametrize("phase", ["planned", "ongoing", "completed"])
def test_in_phase_returns_the_projects_of_that_phase(projects_in_every_phase, phase):
    expected = {p.pk for p in projects_in_every_phase.values() if p.phase == phase}

    assert set(Project.objects.in_phase(phase).values_list("pk", flat=True)) == expected
    assert expected


def test_in_phase_with_an_unknown_phase_is_empty(projects_in_every_phase):
    assert not Project.objects.in_phase("cancelled").exists()


def test_phase_filters_use_the_given_day():
    project = ProjectFactory(
        start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 12, 31)
    )

    def phase_on(day):
        (phase,) = [
            phase
            for phase in ("planned", "ongoing", "completed")
            if Project.objects.in_phase(phase, today=day).filter(pk=project.pk).exists()
        ]
        return phase

    assert phase_on(datetime.date(2023, 12, 31)) == "planned"
    assert phase_on(datetime.date(2024, 1, 1)) == "ongoing"
    assert phase_on(datetime.date(2024, 12, 31)) == "ongoing"
    assert phase_on(datetime.date(2025, 1, 1)) == "completed"
    assert list(Project.objects.in_phase("completed", today=datetime.date(2025, 1, 1))) == [project]
    assert list(Project.objects.in_phase("ongoing", today=datetime.date(2025, 1, 1))) == []


# Bilingual content


def test_localized_name_is_english_when_an_english_name_exists():
    actor = ActorFactory(
        name_sv="Sveriges innovationsmyndighet", name_en="Sweden's Innovation Agency"
    )

    with translation.override("en"):
        name = actor.name

    assert str(name) == "Sweden's Innovation Agency"
    assert name.language == "en"
    assert name.is_fallback is False


def test_localized_name_falls_back_to_swedish_when_english_is_empty():
    actor = ActorFactory(name_sv="Sveriges innovationsmyndighet", name_en="")

    with translation.override("en"):
        name = localized(actor, "name")

    assert str(name) == "Sveriges innovationsmyndighet"
    assert name.language == "sv"
    assert name.is_fallback is True


def test_localized_name_is_swedish_in_swedish():
    actor = ActorFactory(
        name_sv="Sveriges innovationsmyndighet", name_en="Sweden's Innovation Agency"
    )

    with translation.override("sv"):
        name = actor.name

    assert (str(name), name.language, name.is_fallback) == (
        "Sveriges innovationsmyndighet",
        "sv",
        False,
    )


def test_localized_description_is_empty_when_neither_language_has_text():
    actor = ActorFactory(description_sv="", description_en="")

    with translation.override("en"):
        description = actor.description

    assert str(description) == ""
    assert not description
    assert description.is_fallback is False


# Natural keys


def test_actor_is_found_by_its_slug_as_natural_key():
    actor = ActorFactory(slug="stockholm-science-city")

    assert actor.natural_key() == ("stockholm-science-city",)
    assert Actor.objects.get_by_natural_key("stockholm-science-city") == actor


def test_offer_and_project_are_found_by_their_slug_as_natural_key():
    offer = SupportOfferFactory(slug="verifieringsmedel")
    project = ProjectFactory(slug="baltic-test-beds")

    assert SupportOffer.objects.get_by_natural_key("verifieringsmedel") == offer
    assert Project.objects.get_by_natural_key("baltic-test-beds") == project


def test_municipality_is_found_by_its_code_as_natural_key():
    municipality = Municipality.objects.get_by_natural_key("0180")

    assert municipality.name == "Stockholm"
    assert municipality.natural_key() == ("0180",)


def test_priority_area_is_found_by_its_slug_as_natural_key():
    area = PriorityArea.objects.get_by_natural_key("life-science-vard-och-halsa")

    assert area.number == 1
    assert area.natural_key() == ("life-science-vard-och-halsa",)


def test_unknown_natural_key_raises_does_not_exist():
    with pytest.raises(Actor.DoesNotExist):
        Actor.objects.get_by_natural_key("no-such-actor")


# Factories and relations


def test_factory_defaults_pass_model_validation():
    participation = ParticipationFactory()
    offer = SupportOfferFactory(by_deadline=True)
    milestone = MilestoneFactory()

    for instance in (participation.actor, participation.project, participation, offer, milestone):
        instance.full_clean()
    assert luhn_is_valid(participation.actor.organisation_number)


def test_actor_is_listed_under_its_municipality_and_priority_areas(areas, stockholm, solna):
    life_science = areas["life-science-vard-och-halsa"]
    ict = areas["ikt-tech-och-digitalisering"]
    actor = ActorFactory(municipality=stockholm, priority_areas=[ict, life_science])

    assert list(actor.priority_areas.values_list("number", flat=True)) == [1, 2]
    assert list(stockholm.actors.all()) == [actor]
    assert not solna.actors.exists()
    assert list(life_science.actors.all()) == [actor]
