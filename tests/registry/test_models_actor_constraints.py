"""The database and model validation of actors and municipalities: the organisation
number's check digit, coordinates inside the county, choices and municipality codes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.models import Actor, Municipality
from registry.validators import luhn_is_valid
from tests.factories import (
    ActorFactory,
)
from tests.registry.model_fields import actor_fields, assert_rejected_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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
