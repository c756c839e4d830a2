import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from innovation_portal.lib.i18n import localized
from registry.choices import Status
from registry.models import Actor, Municipality, Participation, Project, SupportOffer
from registry.validators import luhn_is_valid
from spetsomraden.models import PriorityArea
from tests.factories import (
    ActorFactory,
    MilestoneFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DAY = datetime.timedelta(days=1)


def assert_rejected_by(constraint: str, write) -> None:
    """The database refuses ``write()`` and names ``constraint`` as the reason."""
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        write()
    assert constraint in str(excinfo.value)


def actor_fields(**overrides):
    fields = {
        "slug": "kista-science-park",
        "name_sv": "Kista Science Park",
        "kind": Actor.Kind.SCIENCE_PARK,
        "helix_sector": Actor.HelixSector.BUSINESS,
        "municipality": Municipality.objects.get(code="0180"),
        "status": "published",
    }
    return {**fields, **overrides}


def offer_fields(actor, **overrides):
    fields = {
        "slug": "affarsradgivning",
        "actor": actor,
        "name_sv": "Affärsrådgivning",
        "kind": SupportOffer.Kind.ADVICE,
        "cost": SupportOffer.Cost.FREE,
        "stages": ["idea"],
        "languages": ["sv"],
    }
    return {**fields, **overrides}


def project_fields(**overrides):
    fields = {
        "slug": "green-transition",
        "name_sv": "Grön omställning",
        "funding_programme": Project.FundingProgramme.INTERREG_EUROPE,
        "start_date": datetime.date(2024, 1, 1),
        "end_date": datetime.date(2026, 12, 31),
    }
    return {**fields, **overrides}


# Actor: organisation number


@pytest.mark.parametrize("value", ["556012579", "556012-579", "55601A5790", "abcdefghij", "1"])
def test_database_rejects_organisation_number_that_is_not_ten_digits(value):
    assert_rejected_by(
        "actor_organisation_number_ten_digits",
        lambda: Actor.objects.create(**actor_fields(organisation_number=value)),
    )


@pytest.mark.parametrize("value", ["5560125791", "5560125799", "2120000143", "0000000001"])
def test_database_rejects_organisation_number_with_wrong_check_digit(value):
    assert_rejected_by(
        "actor_organisation_number_luhn",
        lambda: Actor.objects.create(**actor_fields(organisation_number=value)),
    )


def test_database_rejects_wrong_check_digit_written_by_update():
    actor = ActorFactory(organisation_number="5560125790")

    assert_rejected_by(
        "actor_organisation_number_luhn",
        lambda: Actor.objects.filter(pk=actor.pk).update(organisation_number="5560125791"),
    )
    actor.refresh_from_db()
    assert actor.organisation_number == "5560125790"


@pytest.mark.parametrize("value", ["5560125790", "2120000142", "2021005489", "0000000000"])
def test_database_accepts_luhn_valid_organisation_number(value):
    actor = Actor.objects.create(**actor_fields(organisation_number=value))

    assert Actor.objects.get(pk=actor.pk).organisation_number == value


def test_database_accepts_empty_organisation_number():
    actor = Actor.objects.create(**actor_fields(organisation_number=""))

    assert Actor.objects.get(pk=actor.pk).organisation_number == ""


@pytest.mark.parametrize("nine_digits", ["556012579", "212000014", "802002488", "969663720"])
def test_database_luhn_check_accepts_exactly_the_right_check_digit(nine_digits):
    accepted = []
    for check_digit in "0123456789":
        number = nine_digits + check_digit
        try:
            with transaction.atomic():
                Actor.objects.create(**actor_fields(slug=f"a-{number}", organisation_number=number))
        except IntegrityError:
            continue
        accepted.append(number)

    assert len(accepted) == 1
    assert luhn_is_valid(accepted[0])


def test_full_clean_reports_wrong_check_digit_on_the_field():
    actor = Actor(**actor_fields(organisation_number="5560125791"))

    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()

    messages = excinfo.value.message_dict["organisation_number"]
    assert any("check digit is wrong" in message for message in messages)


def test_full_clean_reports_organisation_number_with_letters_on_the_field():
    actor = Actor(**actor_fields(organisation_number="55601A5790"))

    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()

    assert excinfo.value.message_dict["organisation_number"] == [
        "An organisation number has ten digits, for example 556012-5790."
    ]


def test_full_clean_stores_hyphenated_organisation_number_as_ten_digits():
    actor = Actor(**actor_fields(organisation_number="556012-5790"))

    actor.full_clean()

    assert actor.organisation_number == "5560125790"


# Actor: coordinates and choices


def test_database_accepts_coordinates_inside_the_county():
    actor = Actor.objects.create(
        **actor_fields(latitude=Decimal("59.403160"), longitude=Decimal("17.944870"))
    )

    actor.refresh_from_db()
    assert (actor.latitude, actor.longitude) == (Decimal("59.403160"), Decimal("17.944870"))


def test_database_accepts_actor_without_coordinates():
    actor = Actor.objects.create(**actor_fields(latitude=None, longitude=None))

    actor.refresh_from_db()
    assert (actor.latitude, actor.longitude) == (None, None)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (Decimal("57.708870"), Decimal("11.974560")),  # Gothenburg
        (Decimal("59.329323"), Decimal("11.974560")),  # latitude inside, longitude outside
        (Decimal("55.604981"), Decimal("18.068581")),  # latitude outside, longitude inside
    ],
)
def test_database_rejects_coordinates_outside_the_county(latitude, longitude):
    assert_rejected_by(
        "actor_coordinates_in_county",
        lambda: Actor.objects.create(**actor_fields(latitude=latitude, longitude=longitude)),
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(Decimal("59.329323"), None), (None, Decimal("18.068581"))],
)
def test_database_rejects_only_one_coordinate(latitude, longitude):
    assert_rejected_by(
        "actor_coordinates_in_county",
        lambda: Actor.objects.create(**actor_fields(latitude=latitude, longitude=longitude)),
    )


def test_full_clean_reports_only_one_coordinate_to_staff():
    actor = Actor(**actor_fields(latitude=Decimal("59.329323"), longitude=None))

    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()

    assert "Give both coordinates, inside Stockholm County, or neither." in (excinfo.value.messages)


def test_full_clean_reports_latitude_outside_the_county_on_the_field():
    actor = Actor(**actor_fields(latitude=Decimal("57.708870"), longitude=Decimal("18.068581")))

    with pytest.raises(ValidationError) as excinfo:
        actor.full_clean()

    assert excinfo.value.message_dict["latitude"] == [
        "The latitude must lie in Stockholm County (between 58.6 and 60.3)."
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "spaceport"), ("status", "deleted"), ("helix_sector", "military")],
)
def test_database_rejects_actor_choice_outside_its_choices(field, value):
    assert_rejected_by(
        f"actor_{field}_valid", lambda: Actor.objects.create(**actor_fields(**{field: value}))
    )


# Municipality


@pytest.mark.parametrize("code", ["1480", "0280", "180", "01AB"])
def test_database_rejects_municipality_code_outside_stockholm_county(code):
    assert_rejected_by(
        "municipality_code_stockholm_county",
        lambda: Municipality.objects.create(code=code, name="Göteborg"),
    )


def test_full_clean_reports_municipality_code_outside_the_county():
    municipality = Municipality(code="1480", name="Göteborg")

    with pytest.raises(ValidationError) as excinfo:
        municipality.full_clean()

    assert excinfo.value.messages == [
        "Municipality codes in Stockholm County are 01 and two digits."
    ]


# Project


def test_database_rejects_project_that_ends_before_it_starts():
    assert_rejected_by(
        "project_end_not_before_start",
        lambda: Project.objects.create(
            **project_fields(
                start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2025, 2, 28)
            )
        ),
    )


def test_database_rejects_moving_the_start_after_the_end():
    project = ProjectFactory(
        start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 6, 30)
    )

    assert_rejected_by(
        "project_end_not_before_start",
        lambda: Project.objects.filter(pk=project.pk).update(start_date=datetime.date(2025, 7, 1)),
    )


@pytest.mark.parametrize("end_date", [datetime.date(2025, 3, 1), None])
def test_database_accepts_project_ending_on_its_start_day_or_open_ended(end_date):
    project = Project.objects.create(
        **project_fields(start_date=datetime.date(2025, 3, 1), end_date=end_date)
    )

    assert Project.objects.get(pk=project.pk).end_date == end_date


def test_database_rejects_negative_budget():
    assert_rejected_by(
        "project_budget_not_negative",
        lambda: Project.objects.create(**project_fields(budget=Decimal("-0.01"))),
    )


def test_database_accepts_zero_budget():
    project = Project.objects.create(**project_fields(budget=Decimal("0")))

    assert Project.objects.get(pk=project.pk).budget == Decimal("0.00")


@pytest.mark.parametrize(
    ("field", "value"),
    [("funding_programme", "lottery"), ("currency", "USD"), ("status", "hidden")],
)
def test_database_rejects_project_choice_outside_its_choices(field, value):
    assert_rejected_by(
        f"project_{field}_valid",
        lambda: Project.objects.create(**project_fields(**{field: value})),
    )


def test_full_clean_reports_project_ending_before_it_starts():
    project = Project(
        **project_fields(start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2025, 2, 1))
    )

    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()

    assert excinfo.value.messages == ["The project cannot end before it starts."]


def test_full_clean_reports_negative_budget_on_the_field():
    project = Project(**project_fields(budget=Decimal("-100")))

    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()

    assert excinfo.value.message_dict["budget"] == [
        "Ensure this value is greater than or equal to 0."
    ]


# Participation


def test_database_rejects_second_lead_partner_in_a_project():
    project = ProjectFactory()
    ParticipationFactory(project=project, lead=True)

    assert_rejected_by(
        "participation_one_lead_per_project",
        lambda: Participation.objects.create(
            project=project, actor=ActorFactory(), role=Participation.Role.LEAD
        ),
    )


def test_each_project_may_have_its_own_lead_partner():
    first = ParticipationFactory(lead=True)
    second = ParticipationFactory(lead=True, actor=first.actor)

    assert Participation.objects.filter(role="lead").count() == 2
    assert first.project != second.project


def test_database_accepts_many_partners_beside_one_lead():
    project = ProjectFactory()
    ParticipationFactory(project=project, lead=True)
    ParticipationFactory.create_batch(2, project=project)
    ParticipationFactory(project=project, outside_registry=True)

    assert sorted(project.participations.values_list("role", flat=True)) == [
        "lead",
        "partner",
        "partner",
        "partner",
    ]


def test_database_rejects_same_actor_twice_in_a_project():
    participation = ParticipationFactory()

    assert_rejected_by(
        "participation_actor_once_per_project",
        lambda: Participation.objects.create(
            project=participation.project,
            actor=participation.actor,
            role=Participation.Role.ASSOCIATED,
        ),
    )


def test_database_rejects_participation_with_both_actor_and_organisation_name():
    project = ProjectFactory()

    assert_rejected_by(
        "participation_actor_or_organisation",
        lambda: Participation.objects.create(
            project=project, actor=ActorFactory(), organisation_name="Universidad de Sevilla"
        ),
    )


def test_database_rejects_participation_with_neither_actor_nor_organisation_name():
    project = ProjectFactory()

    assert_rejected_by(
        "participation_actor_or_organisation",
        lambda: Participation.objects.create(project=project, actor=None, organisation_name=""),
    )


def test_database_rejects_unknown_participation_role():
    project = ProjectFactory()

    assert_rejected_by(
        "participation_role_valid",
        lambda: Participation.objects.create(project=project, actor=ActorFactory(), role="sponsor"),
    )


@pytest.mark.parametrize("country", ["se", "S1", "E"])
def test_database_rejects_malformed_country_code(country):
    project = ProjectFactory()

    assert_rejected_by(
        "participation_country_code",
        lambda: Participation.objects.create(
            project=project, organisation_name="Universidad de Sevilla", country=country
        ),
    )


def test_full_clean_reports_second_lead_partner():
    project = ProjectFactory()
    ParticipationFactory(project=project, lead=True)
    second = Participation(project=project, actor=ActorFactory(), role=Participation.Role.LEAD)

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert excinfo.value.messages == ["A project has at most one lead partner."]


def test_full_clean_reports_same_actor_twice():
    participation = ParticipationFactory()
    again = Participation(project=participation.project, actor=participation.actor)

    with pytest.raises(ValidationError) as excinfo:
        again.full_clean()

    assert excinfo.value.messages == ["This actor already takes part in the project."]


def test_full_clean_reports_actor_and_organisation_name_together():
    participation = Participation(
        project=ProjectFactory(), actor=ActorFactory(), organisation_name="Universidad de Sevilla"
    )

    with pytest.raises(ValidationError) as excinfo:
        participation.full_clean()

    assert excinfo.value.messages == [
        "Choose an actor in the registry or name an organisation outside it, not both."
    ]


# Support offer


def test_database_rejects_deadline_offer_without_a_deadline():
    actor = ActorFactory()

    assert_rejected_by(
        "supportoffer_deadline_matches_application",
        lambda: SupportOffer.objects.create(
            **offer_fields(actor, application="deadline", deadline=None)
        ),
    )


def test_database_rejects_rolling_offer_with_a_deadline():
    actor = ActorFactory()

    assert_rejected_by(
        "supportoffer_deadline_matches_application",
        lambda: SupportOffer.objects.create(
            **offer_fields(actor, application="rolling", deadline=datetime.date(2026, 3, 31))
        ),
    )


def test_database_accepts_rolling_offer_and_deadline_offer_with_its_date():
    rolling = SupportOfferFactory()
    by_deadline = SupportOfferFactory(by_deadline=True)

    assert SupportOffer.objects.get(pk=rolling.pk).deadline is None
    assert SupportOffer.objects.get(pk=by_deadline.pk).deadline > timezone.localdate()


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("stages", ["idea", "unicorn"], "supportoffer_stages_valid"),
        ("languages", ["sv", "de"], "supportoffer_languages_valid"),
        ("kind", "free_lunch", "supportoffer_kind_valid"),
        ("cost", "barter", "supportoffer_cost_valid"),
        ("status", "hidden", "supportoffer_status_valid"),
    ],
)
def test_database_rejects_offer_value_outside_its_choices(field, value, constraint):
    actor = ActorFactory()

    assert_rejected_by(
        constraint, lambda: SupportOffer.objects.create(**offer_fields(actor, **{field: value}))
    )


def test_database_accepts_every_stage_and_language_and_none():
    actor = ActorFactory()
    every = SupportOffer.objects.create(
        **offer_fields(
            actor, stages=SupportOffer.Stage.values, languages=SupportOffer.Language.values
        )
    )
    none = SupportOffer.objects.create(
        **offer_fields(actor, slug="natverk", stages=[], languages=[])
    )

    every.refresh_from_db()
    none.refresh_from_db()
    assert every.stages == ["idea", "startup", "scaleup", "established"]
    assert every.languages == ["sv", "en"]
    assert (none.stages, none.languages) == ([], [])


def test_full_clean_reports_deadline_offer_without_a_deadline():
    offer = SupportOffer(**offer_fields(ActorFactory(), application="deadline", deadline=None))

    with pytest.raises(ValidationError) as excinfo:
        offer.full_clean()

    assert excinfo.value.messages == [
        "An offer applied for by deadline needs a deadline; a rolling one has none."
    ]


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
