import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISATION_NUMBER_RE = re.compile(r"^\d{10}$")

# A bounding box around Stockholm County, from Landsort in the south to the
# northern tip of Norrtälje, and from Nykvarn in the west to the outer archipelago.
COUNTY_LATITUDE = (58.60, 60.30)
COUNTY_LONGITUDE = (17.20, 19.50)


def normalise_organisation_number(value: str) -> str:
    """'556012-5790', '556012 5790' and '5560125790' are the same number."""
    return re.sub(r"[\s-]", "", value or "")


def _luhn_sum(digits: str) -> int:
    """The Luhn sum of a Swedish organisation number's digits: weights 2, 1, 2, 1, … from
    the left, the digits of each product added. The database's check constraint computes
    the same in SQL (``registry.models.actor._luhn_check_expression``)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total


def luhn_is_valid(digits: str) -> bool:
    return _luhn_sum(digits) % 10 == 0


def with_check_digit(nine_digits: str) -> str:
    """Nine digits with the Luhn check digit that makes them a valid number appended."""
    return nine_digits + str((10 - _luhn_sum(nine_digits) % 10) % 10)


def validate_organisation_number(value: str) -> None:
    digits = normalise_organisation_number(value)
    if not ORGANISATION_NUMBER_RE.match(digits):
        raise ValidationError(
            _("An organisation number has ten digits, for example 556012-5790."),
            code="organisation_number_format",
        )
    if not luhn_is_valid(digits):
        raise ValidationError(
            _("The organisation number's check digit is wrong: check for a typing error."),
            code="organisation_number_checksum",
        )


def validate_latitude(value) -> None:
    low, high = COUNTY_LATITUDE
    if value is not None and not low <= float(value) <= high:
        raise ValidationError(
            _("The latitude must lie in Stockholm County (between %(low)s and %(high)s)."),
            code="latitude_outside_county",
            params={"low": low, "high": high},
        )


def validate_longitude(value) -> None:
    low, high = COUNTY_LONGITUDE
    if value is not None and not low <= float(value) <= high:
        raise ValidationError(
            _("The longitude must lie in Stockholm County (between %(low)s and %(high)s)."),
            code="longitude_outside_county",
            params={"low": low, "high": high},
        )


def validate_phone(value: str) -> None:
    if value and not re.fullmatch(r"\+?[0-9][0-9 ()-]{5,20}", value):
        raise ValidationError(
            _("Enter a phone number with digits, spaces and hyphens, e.g. 08-123 456 00."),
            code="phone_format",
        )
