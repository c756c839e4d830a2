import asyncio

import pytest
from django.db import connections

from tests.factories import (
    ActorFactory,
    MilestoneFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.security.public_urls import Sample

# Names (and slugs, in lower case) of entries that must never reach the public.
DRAFT_MARKER = "Hemligtutkast"
DRAFT_SLUGS = [
    "hemligtutkast-aktor",
    "hemligtutkast-erbjudande",
    "hemligtutkast-stod",
    "hemligtutkast-projekt",
]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Give this folder's tests the thread's database connections, even after browser tests.

    Playwright (tests/browser) keeps an event loop running in the test thread for the rest
    of the session. Seeing it, asgiref hands Django a new connection per context instead of
    the thread's, and the new one lacks the serialized reference data that transactional
    tests restore: after a browser test, priority areas and municipalities would be gone.
    """
    loop = asyncio._get_running_loop()
    if loop is None:
        return
    asyncio._set_running_loop(None)
    try:
        own = {alias: connections[alias] for alias in connections}
    finally:
        asyncio._set_running_loop(loop)
    for alias, connection in own.items():
        connections[alias] = connection


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Sign-in tests hash many passwords; the hasher's strength is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def registry(areas, stockholm):
    """A small published registry, one archived actor, and drafts that must stay hidden."""
    area = areas["life-science-vard-och-halsa"]
    actor = ActorFactory(
        name_sv="Kista Science City", slug="kista-science-city", priority_areas=[area]
    )
    offer = SupportOfferFactory(actor=actor, name_sv="Inkubatorprogram", priority_areas=[area])
    project = ProjectFactory(name_sv="Grön omställning", priority_areas=[area])
    ParticipationFactory(project=project, actor=actor, lead=True)
    ActorFactory(name_sv="Arkiverad aktör", slug="arkiverad-aktor", archived=True)
    draft_actor = ActorFactory(
        name_sv=f"{DRAFT_MARKER} aktör",
        slug="hemligtutkast-aktor",
        draft=True,
        priority_areas=[area],
    )
    SupportOfferFactory(
        actor=draft_actor,
        name_sv=f"{DRAFT_MARKER} erbjudande",
        slug="hemligtutkast-erbjudande",
        draft=True,
    )
    SupportOfferFactory(
        actor=actor, name_sv=f"{DRAFT_MARKER} stöd", slug="hemligtutkast-stod", draft=True
    )
    draft_project = ProjectFactory(
        name_sv=f"{DRAFT_MARKER} projekt",
        slug="hemligtutkast-projekt",
        draft=True,
        priority_areas=[area],
    )
    ParticipationFactory(project=draft_project, actor=actor)
    MilestoneFactory()
    return Sample(actor=actor, offer=offer, project=project, area=area)
