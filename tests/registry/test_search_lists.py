"""Free-text search: what the lists find, in which order, and the indexes that serve it."""

import html
import re

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from registry import selectors
from registry.models import Actor, Project, SupportOffer
from registry.search import (
    search_filter,
)
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

# Text that no search word in these tests reaches: kind "other" adds no kind words.
NEUTRAL = {"kind": Actor.Kind.OTHER, "description_sv": "Ett hus med kontor.", "description_en": ""}

_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>')


def neutral_actor(**fields):
    return ActorFactory(**{**NEUTRAL, **fields})


def url(name: str, language: str = "sv") -> str:
    with translation.override(language):
        return reverse(name)


def result_titles(response) -> list[str]:
    """The entry titles of a list page, in the order shown."""
    assert response.status_code == 200
    return [html.unescape(t).strip() for t in _RESULT_RE.findall(response.content.decode())]


def search_actors(client, query: str, language: str = "sv") -> list[str]:
    return result_titles(client.get(url("registry:actor_list", language), {"q": query}))


def search_offers(client, query: str, language: str = "sv") -> list[str]:
    return result_titles(client.get(url("registry:offer_list", language), {"q": query}))


def search_projects(client, query: str, language: str = "sv") -> list[str]:
    return result_titles(client.get(url("registry:project_list", language), {"q": query}))


def listed_names(listing) -> list[str]:
    return [entry.name_sv for entry in listing.entries]


# What the lists find -------------------------------------------------------------------


@pytest.mark.django_db
def test_swedish_inflected_form_finds_the_base_form(client):
    neutral_actor(name_sv="Norra Företagshuset", description_sv="Här finns en inkubator.")
    neutral_actor(name_sv="Södra Företagshuset")

    assert search_actors(client, "inkubatorerna") == ["Norra Företagshuset"]


@pytest.mark.django_db
def test_english_plural_finds_the_english_description_on_the_english_site(client):
    neutral_actor(
        name_sv="Norra Företagshuset",
        description_sv="Ett hus för nya bolag.",
        description_en="We run an incubator for new companies.",
    )
    neutral_actor(name_sv="Södra Företagshuset", description_en="Offices to let.")

    assert search_actors(client, "incubators", "en") == ["Norra Företagshuset"]


@pytest.mark.django_db
def test_prefix_of_the_last_word_finds_the_whole_word(client):
    neutral_actor(name_sv="Medicinteknik Norr")
    neutral_actor(name_sv="Energi Syd")

    assert search_actors(client, "medici") == ["Medicinteknik Norr"]


@pytest.mark.django_db
def test_compound_stem_finds_inflections_and_longer_compounds(client):
    neutral_actor(name_sv="Energihuset", description_sv="Tre testbäddar för energilagring.")
    neutral_actor(name_sv="Vårdhuset", description_sv="Testbäddsmiljön för vården.")
    neutral_actor(name_sv="Kontorshuset", description_sv="Kontor att hyra.")

    assert sorted(search_actors(client, "testbädd")) == ["Energihuset", "Vårdhuset"]


@pytest.mark.django_db
def test_quoted_phrase_only_matches_its_words_in_order(client):
    neutral_actor(name_sv="Alfa", description_sv="Grön energi för städer.")
    neutral_actor(name_sv="Beta", description_sv="Energi för en grön omställning.")

    assert search_actors(client, '"grön energi"') == ["Alfa"]
    assert sorted(search_actors(client, "grön energi")) == ["Alfa", "Beta"]


@pytest.mark.django_db
def test_quoted_phrase_with_a_stop_word_finds_the_exact_text(client):
    neutral_actor(name_sv="Alfa", description_sv="Vi erbjuder rådgivning för företag.")
    neutral_actor(name_sv="Beta", description_sv="Rådgivning och stöd till företag.")

    assert search_actors(client, '"rådgivning för företag"') == ["Alfa"]


@pytest.mark.django_db
def test_minus_excludes_a_word_found_only_in_the_swedish_or_only_in_the_english_text(client):
    neutral_actor(name_sv="Företagshus Alfa", description_sv="Kontor och kaffe.")
    neutral_actor(name_sv="Företagshus Beta", description_sv="Kontor och verkstad.")
    neutral_actor(
        name_sv="Företagshus Gamma",
        description_sv="Kontor.",
        description_en="Offices and a workshop.",
    )

    assert search_actors(client, "företagshus -verkstad") == [
        "Företagshus Alfa",
        "Företagshus Gamma",
    ]
    assert search_actors(client, "företagshus -workshop", "en") == [
        "Företagshus Alfa",
        "Företagshus Beta",
    ]


@pytest.mark.django_db
def test_exclusion_alone_lists_everything_without_the_word(client):
    neutral_actor(name_sv="Alfa", description_sv="Kontor och kaffe.")
    neutral_actor(name_sv="Beta", description_sv="Kontor och verkstad.")

    assert search_actors(client, "-verkstad") == ["Alfa"]


@pytest.mark.django_db
@pytest.mark.parametrize("connective", ["or", "eller"])
def test_or_returns_entries_with_either_word(client, connective):
    neutral_actor(name_sv="Alfa", description_sv="Kontor och kaffe.")
    neutral_actor(name_sv="Beta", description_sv="Kontor och verkstad.")
    neutral_actor(name_sv="Gamma", description_sv="Kontor och lager.")

    assert sorted(search_actors(client, f"kaffe {connective} verkstad")) == ["Alfa", "Beta"]


@pytest.mark.django_db
def test_offer_is_found_by_its_actors_name(client):
    provider = neutral_actor(name_sv="Zebrafabriken")
    SupportOfferFactory(actor=provider, name_sv="Mentorprogram")
    SupportOfferFactory(actor=neutral_actor(name_sv="Annat hus"), name_sv="Kontorsplats")

    assert search_offers(client, "zebrafabriken") == ["Mentorprogram"]


@pytest.mark.django_db
def test_project_is_found_by_a_partner_actors_name(client):
    project = ProjectFactory(name_sv="Cirkulära städer", acronym="CIRC")
    ParticipationFactory(project=project, actor=neutral_actor(name_sv="Tornfalken"), lead=True)
    ProjectFactory(name_sv="Digitala vårdkedjor", acronym="DIGI")

    assert search_projects(client, "tornfalken") == ["CIRC – Cirkulära städer"]


@pytest.mark.django_db
def test_project_is_found_by_an_outside_partners_organisation_name(client):
    project = ProjectFactory(name_sv="Cirkulära städer", acronym="CIRC")
    ParticipationFactory(
        project=project, outside_registry=True, organisation_name="Universidad de Zaragoza"
    )
    ProjectFactory(name_sv="Digitala vårdkedjor", acronym="DIGI")

    assert search_projects(client, "zaragoza") == ["CIRC – Cirkulära städer"]


@pytest.mark.django_db
def test_renaming_the_actor_updates_the_search_of_its_offers(client):
    provider = neutral_actor(name_sv="Gamla namnet")
    SupportOfferFactory(actor=provider, name_sv="Mentorprogram")

    provider.name_sv = "Nyanamnet"
    provider.save()

    assert search_offers(client, "nyanamnet") == ["Mentorprogram"]
    assert search_offers(client, "gamla") == []


@pytest.mark.django_db
def test_renaming_a_partner_updates_the_search_of_its_projects(client):
    partner = neutral_actor(name_sv="Gamla namnet")
    project = ProjectFactory(name_sv="Cirkulära städer", acronym="CIRC")
    ParticipationFactory(project=project, actor=partner)

    partner.name_sv = "Nyanamnet"
    partner.save()

    assert search_projects(client, "nyanamnet") == ["CIRC – Cirkulära städer"]
    assert search_projects(client, "gamla") == []


@pytest.mark.django_db
def test_search_never_returns_a_draft_actor(client):
    neutral_actor(name_sv="Hemlighuset", draft=True)
    neutral_actor(name_sv="Hemlighuset Öppet")

    assert search_actors(client, "hemlighuset") == ["Hemlighuset Öppet"]


@pytest.mark.django_db
def test_published_offer_of_a_draft_actor_is_neither_listed_nor_found(client):
    hidden_provider = neutral_actor(name_sv="Hemlighuset", draft=True)
    SupportOfferFactory(actor=hidden_provider, name_sv="Hemligt program")
    SupportOfferFactory(name_sv="Öppet program")

    assert result_titles(client.get(url("registry:offer_list"))) == ["Öppet program"]
    assert search_offers(client, "program") == ["Öppet program"]
    assert search_offers(client, "hemlighuset") == []


@pytest.mark.django_db
def test_project_is_not_found_by_the_name_of_a_draft_partner(client):
    project = ProjectFactory(name_sv="Cirkulära städer")
    ParticipationFactory(project=project, actor=neutral_actor(name_sv="Hemlighuset", draft=True))

    assert search_projects(client, "hemlighuset") == []


@pytest.mark.django_db
def test_entry_with_the_word_in_its_name_ranks_before_one_with_it_in_its_description(client):
    neutral_actor(name_sv="Klimathuset", description_sv="Vi arbetar med solenergi.")
    neutral_actor(name_sv="Solenergicentrum", description_sv="Ett hus med kontor.")

    response = client.get(url("registry:actor_list"), {"q": "solenergi"})

    assert result_titles(response) == ["Solenergicentrum", "Klimathuset"]
    assert '<option value="relevance" selected>' in response.content.decode()


@pytest.mark.django_db
def test_relevance_is_the_default_sort_of_the_selectors_when_searching():
    neutral_actor(name_sv="Klimathuset", description_sv="Vi arbetar med solenergi.")
    neutral_actor(name_sv="Solenergicentrum")

    listing = selectors.actor_list(data=QueryDict("q=solenergi"))

    assert listing.sort == "relevance"
    assert listed_names(listing) == ["Solenergicentrum", "Klimathuset"]


@pytest.mark.django_db
def test_relevance_is_not_offered_without_a_search():
    neutral_actor(name_sv="Klimathuset")

    listing = selectors.actor_list(data=QueryDict("sort=relevance"))

    assert listing.sort == "name"
    assert "relevance" not in dict(listing.sorts)


@pytest.mark.django_db
def test_offer_and_project_selectors_search_too():
    provider = neutral_actor(name_sv="Zebrafabriken")
    SupportOfferFactory(actor=provider, name_sv="Mentorprogram")
    SupportOfferFactory(name_sv="Kontorsplats")
    ParticipationFactory(project=ProjectFactory(name_sv="Cirkulära städer"), actor=provider)
    ProjectFactory(name_sv="Digitala vårdkedjor")

    offers = selectors.offer_list(data=QueryDict("q=zebrafabriken"))
    projects = selectors.project_list(data=QueryDict("q=zebrafabriken"))

    assert (offers.total, listed_names(offers)) == (1, ["Mentorprogram"])
    assert (projects.total, listed_names(projects)) == (1, ["Cirkulära städer"])


# The search uses the GIN indexes --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "prefix"),
    [(Actor, "actor"), (SupportOffer, "offer"), (Project, "project")],
)
def test_search_condition_is_served_by_the_gin_indexes(model, prefix):
    # The status filter of published() is left out: with sequential scans disabled the
    # planner reads the whole table through the (status, kind) B-tree instead, which says
    # nothing about whether the search condition itself can use its indexes. No ordering
    # either: the default ordering of projects would be served by their date index.
    search = search_filter("inkubator")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = model.objects.filter(search.condition).order_by().explain()

    assert f"{prefix}_search_sv_gin" in plan
    assert f"{prefix}_search_en_gin" in plan


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Actor, SupportOffer, Project])
def test_search_vectors_stay_in_their_row_and_descriptions_leave_it_first(model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attname IN ('search_sv', 'search_en', 'description_sv', 'description_en')",
            [model._meta.db_table],
        )
        storage = dict(cursor.fetchall())

    # MAIN: compressed in the row, out of line only as a last resort; EXTENDED: out first.
    assert storage == {
        "search_sv": "m",
        "search_en": "m",
        "description_sv": "x",
        "description_en": "x",
    }
