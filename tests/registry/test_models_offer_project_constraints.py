"""The database and model validation of projects, their participants and support offers."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.models import Participation, Project, SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.model_fields import assert_rejected_by, offer_fields, project_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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
