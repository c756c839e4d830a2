"""What the model tests write: valid fields of each entry, and a check that the database
refuses a write."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from registry.models import Actor, Municipality, Project, SupportOffer

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
