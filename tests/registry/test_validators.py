from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from registry.validators import (
    luhn_is_valid,
    normalise_organisation_number,
    validate_latitude,
    validate_longitude,
    validate_organisation_number,
    validate_phone,
)

pytestmark = pytest.mark.usefixtures("english")


def _luhn_by_hand(digits: str) -> bool:
    """Weights 2,1,2,1,… from the left; the digits of each product are summed."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total % 10 == 0


# 5560125790: 10→1, 5, 12→3, 0, 2, 2, 10→1, 7, 18→9, 0 sums to 30.
VALID_NUMBERS = ["5560125790", "2120000142", "2021005489", "5565475489"]


@pytest.mark.parametrize("number", VALID_NUMBERS)
def test_example_numbers_satisfy_the_luhn_check(number):
    assert _luhn_by_hand(number)
    assert luhn_is_valid(number)


@pytest.mark.parametrize("value", [*VALID_NUMBERS, "556012-5790", "556012 5790", " 556012-5790 "])
def test_valid_organisation_number_passes(value):
    validate_organisation_number(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("556012-5790", "5560125790"),
        ("556012 5790", "5560125790"),
        ("5560125790", "5560125790"),
        ("", ""),
        (None, ""),
    ],
)
def test_organisation_number_is_normalised_to_ten_digits(value, expected):
    assert normalise_organisation_number(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "556012579",  # nine digits
        "55601257900",  # eleven digits
        "556012-579",
        "55601A5790",  # a letter
        "abcdefghij",
        "5560125790x",
    ],
)
def test_organisation_number_of_wrong_shape_is_rejected_as_format(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_organisation_number(value)

    error = excinfo.value
    assert error.code == "organisation_number_format"
    assert "ten digits" in error.messages[0]
    assert "556012-5790" in error.messages[0]


@pytest.mark.parametrize("value", ["5560125791", "556012-5799", "2120000143"])
def test_organisation_number_with_wrong_check_digit_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_organisation_number(value)

    error = excinfo.value
    assert error.code == "organisation_number_checksum"
    assert "check digit is wrong" in error.messages[0]


@pytest.mark.parametrize("value", [Decimal("59.329323"), 58.60, 60.30, "59.85", None])
def test_latitude_in_stockholm_county_passes(value):
    validate_latitude(value)


@pytest.mark.parametrize("value", [Decimal("57.708870"), 58.59, 60.31, "55.6"])
def test_latitude_outside_stockholm_county_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_latitude(value)

    assert excinfo.value.code == "latitude_outside_county"
    assert excinfo.value.messages == [
        "The latitude must lie in Stockholm County (between 58.6 and 60.3)."
    ]


@pytest.mark.parametrize("value", [Decimal("18.068581"), 17.20, 19.50, None])
def test_longitude_in_stockholm_county_passes(value):
    validate_longitude(value)


@pytest.mark.parametrize("value", [Decimal("11.974560"), 17.19, 19.51])
def test_longitude_outside_stockholm_county_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_longitude(value)

    assert excinfo.value.code == "longitude_outside_county"
    assert excinfo.value.messages == [
        "The longitude must lie in Stockholm County (between 17.2 and 19.5)."
    ]


@pytest.mark.parametrize(
    "value", ["08-123 456 00", "+46 8 123 456 00", "0701234567", "+46 (0)8-123 456 00", ""]
)
def test_phone_number_with_digits_spaces_and_hyphens_passes(value):
    validate_phone(value)


@pytest.mark.parametrize(
    "value", ["08", "call us", "08/123 456", "+46 8 123 456 00 ext. 12", "-0812345"]
)
def test_malformed_phone_number_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_phone(value)

    assert excinfo.value.code == "phone_format"
    assert "08-123 456 00" in excinfo.value.messages[0]
