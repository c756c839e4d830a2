"""Which detail pages the public sees (drafts, archived entries) and in which language."""

import re

import pytest

from registry.models import Actor
from tests.factories import (
    ActorFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.detail_pages import page_of, status_of

pytestmark = pytest.mark.django_db


# Lifecycle ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_draft_entries_are_404_for_anonymous(client, language):
    drafts = [
        ActorFactory(draft=True),
        SupportOfferFactory(draft=True),
        ProjectFactory(draft=True),
    ]

    for entry in drafts:
        assert status_of(client, entry, language) == 404


def test_published_offer_of_a_draft_actor_is_404(client):
    offer = SupportOfferFactory(actor=ActorFactory(draft=True))

    assert status_of(client, offer, "sv") == 404
    assert status_of(client, offer, "en") == 404


def test_unknown_slug_is_404(client):
    missing = Actor(slug="finns-inte")

    assert status_of(client, missing, "sv") == 404


@pytest.mark.parametrize(
    ("language", "notice"),
    [("sv", "<strong>Arkiverad.</strong>"), ("en", "<strong>Archived.</strong>")],
)
def test_archived_entries_are_shown_with_a_notice_and_not_indexed(client, language, notice):
    archived = [
        ActorFactory(archived=True),
        SupportOfferFactory(archived=True),
        ProjectFactory(archived=True),
    ]

    for entry in archived:
        page = page_of(client, entry, language)

        assert notice in page
        assert '<meta name="robots" content="noindex' in page


def test_published_entries_may_be_indexed(client, actor):
    page = page_of(client, actor, "sv")

    assert 'name="robots"' not in page
    assert "notice--archived" not in page


# Language fallback -------------------------------------------------------------------------


def test_english_page_without_english_text_shows_the_swedish_marked_as_swedish(client, stockholm):
    swedish_only = ActorFactory(
        name_sv="Norra Företagshuset",
        name_en="",
        description_sv="Ett hus för nya bolag.",
        description_en="",
        municipality=stockholm,
    )

    page = page_of(client, swedish_only, "en")

    assert '<h1 lang="sv">' in page
    assert re.search(
        r'<div class="entry__description prose" lang="sv"><p>Ett hus för nya bolag.</p></div>', page
    )
    assert "This description is only available in Swedish." in page


def test_english_page_with_english_text_has_no_language_notice(client, actor):
    page = page_of(client, actor, "en")

    assert "A home for new companies in Kista." in page
    assert "Ett hus för nya bolag i Kista." not in page
    assert "only available in Swedish" not in page
    assert 'lang="sv">' not in page.split("</header>", 1)[1].split('class="entry__footer"')[0]


def test_swedish_page_without_swedish_description_shows_the_english(client):
    english_only = ActorFactory(description_sv="", description_en="Only in English.")

    page = page_of(client, english_only, "sv")

    assert '<div class="entry__description prose" lang="en">' in page
    assert "Beskrivningen finns bara på engelska." in page
