"""Fixtures shared by the registry's tests."""

import datetime

import pytest

from registry.models import Actor
from tests.factories import ActorFactory
from tests.registry.detail_pages import AREA_1, ORGANISATION_NUMBER


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
