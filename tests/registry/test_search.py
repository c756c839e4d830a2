"""Free-text search: query parsing, tsquery building and what the lists find."""

import html
import re

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import selectors
from registry.models import Actor, Project, SupportOffer
from registry.search import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    Term,
    build_tsquery,
    lexemes_for,
    parse_query,
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


# parse_query ------------------------------------------------------------------------------


def test_words_are_anded_in_one_group():
    parsed = parse_query("grön energi")

    assert parsed.groups == [[Term(words=["grön"]), Term(words=["energi"])]]


def test_words_are_lowercased_and_cut_at_punctuation():
    parsed = parse_query("Grön-Energi, AB!")

    assert parsed.words == ["grön", "energi", "ab"]


def test_quoted_phrase_is_one_term_with_its_words_in_order():
    parsed = parse_query('"grön energi" stad')

    assert parsed.groups == [[Term(words=["grön", "energi"]), Term(words=["stad"])]]


def test_unclosed_quote_runs_to_the_end_of_the_query():
    parsed = parse_query('stad "grön energi')

    assert parsed.groups == [[Term(words=["stad"]), Term(words=["grön", "energi"])]]


def test_leading_minus_excludes_a_word_or_a_phrase():
    parsed = parse_query('kontor -avgift -"lång kö"')

    assert parsed.groups == [
        [
            Term(words=["kontor"]),
            Term(words=["avgift"], negated=True),
            Term(words=["lång", "kö"], negated=True),
        ]
    ]


def test_hyphen_inside_a_word_does_not_exclude_it():
    parsed = parse_query("co-working")

    assert parsed.groups == [[Term(words=["co", "working"])]]


@pytest.mark.parametrize("connective", ["or", "OR", "eller", "Eller"])
def test_or_between_terms_makes_alternative_groups(connective):
    parsed = parse_query(f"kaffe kakor {connective} te")

    assert parsed.groups == [[Term(words=["kaffe"]), Term(words=["kakor"])], [Term(words=["te"])]]


def test_or_at_the_start_is_an_ordinary_word():
    parsed = parse_query("or kaffe")

    assert parsed.groups == [[Term(words=["or"]), Term(words=["kaffe"])]]


def test_or_at_the_end_is_ignored():
    parsed = parse_query("kaffe or")

    assert parsed.groups == [[Term(words=["kaffe"])]]


def test_query_is_cut_to_the_maximum_length():
    parsed = parse_query("a" * (MAX_QUERY_LENGTH + 300))

    assert parsed.words == ["a" * MAX_QUERY_LENGTH]


def test_query_keeps_at_most_the_maximum_number_of_words():
    parsed = parse_query(" ".join(f"ord{n}" for n in range(MAX_WORDS + 10)))

    assert parsed.words == [f"ord{n}" for n in range(MAX_WORDS)]


def test_a_long_phrase_is_cut_at_the_word_limit():
    parsed = parse_query('"' + " ".join(f"ord{n}" for n in range(MAX_WORDS + 5)) + '"')

    assert parsed.groups == [[Term(words=[f"ord{n}" for n in range(MAX_WORDS)])]]


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "!!! ??? ...", '""', "-", "- -", '-""', "\x00", "🙂🚀", "\u200f\u200e"],
)
def test_query_without_letters_or_digits_is_empty(raw):
    parsed = parse_query(raw)

    assert not parsed
    assert parsed.words == []


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("\u200finkubator\u200e", ["inkubator"]),  # RTL and LTR marks
        ("labb🙂 test🚀bädd", ["labb", "test", "bädd"]),  # emoji between letters
        ("ca\u0301fe", ["ca", "fe"]),  # a combining accent is not a letter of its own
        ("ÅRE Östra", ["åre", "östra"]),
        ("snake_case", ["snake", "case"]),
        ("الابتكار", ["الابتكار"]),
    ],
)
def test_odd_unicode_is_reduced_to_words(raw, words):
    assert parse_query(raw).words == words


@given(st.text(max_size=400))
def test_parse_query_never_fails_and_keeps_to_the_limits(raw):
    parsed = parse_query(raw)

    assert len(parsed.words) <= MAX_WORDS
    for word in parsed.words:
        assert re.fullmatch(r"\w+", word)
        assert "_" not in word


# build_tsquery with lexemes from PostgreSQL -----------------------------------------------


def lexemes_in(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def tsquery(raw: str, language: str, *, negated: bool = False) -> str:
    parsed = parse_query(raw)
    return build_tsquery(parsed, lexemes_for(parsed.words), language, negated=negated)


@pytest.mark.django_db
def test_lexemes_for_stems_swedish_twice_and_english_once():
    lexemes = lexemes_for(["inkubatorerna", "incubators"])

    assert lexemes["inkubatorerna"].swedish == ("inkubator", "inkubat")
    assert lexemes["incubators"].english == ("incub",)


@pytest.mark.django_db
def test_lexemes_for_gives_stop_words_no_lexemes():
    lexemes = lexemes_for(["och", "the"])

    assert lexemes["och"].swedish == ()
    assert lexemes["the"].english == ()


@pytest.mark.django_db
def test_lexemes_for_no_words_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert lexemes_for([]) == {}


@pytest.mark.django_db
def test_swedish_tsquery_matches_both_stems_as_prefixes():
    text = tsquery("inkubatorerna", "sv")

    assert "'inkubator':*" in text
    assert "'inkubat':*" in text


@pytest.mark.django_db
def test_last_word_is_also_a_prefix_of_itself():
    assert "'medici':*" in tsquery("medici", "sv")


@pytest.mark.django_db
def test_short_stems_that_are_not_the_last_word_are_exact():
    assert tsquery("lab kontor", "en").startswith("'lab' & ")


@pytest.mark.django_db
def test_phrase_joins_its_words_with_followed_by():
    assert tsquery('"grön energi"', "sv") == "('grön':* <-> 'energi':*)"


@pytest.mark.django_db
def test_alternatives_are_ored_groups():
    text = tsquery("kaffe kakor or te", "sv")

    assert re.fullmatch(r"\('kaff':\* & 'kak'\) \| \('te'\)", text)


@pytest.mark.django_db
def test_stop_words_are_left_out_of_the_language_they_belong_to():
    assert set(lexemes_in(tsquery("kaffe och kakor", "sv"))) == {"kaff", "kak", "kakor"}
    assert set(lexemes_in(tsquery("of the office", "en"))) == {"offic", "office"}
    assert set(lexemes_in(tsquery("of the office", "sv"))) == {"of", "the", "offic", "office"}


@pytest.mark.django_db
def test_excluded_terms_are_ored_apart_from_the_wanted_ones():
    wanted = tsquery("kontor -avgift -hyra", "sv")
    excluded = tsquery("kontor -avgift -hyra", "sv", negated=True)

    assert "'kontor':*" in wanted
    assert "avgift" not in wanted
    assert "hyr" not in wanted
    assert excluded == "'avgift':* | 'hyr'"


@pytest.mark.django_db
def test_excluding_only_stop_words_excludes_nothing():
    assert tsquery("kontor -och -i", "sv", negated=True) == ""
    assert tsquery("office -the -of", "en", negated=True) == ""


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(max_size=120))
def test_every_built_tsquery_is_valid_for_postgresql(raw):
    parsed = parse_query(raw)
    lexemes = lexemes_for(parsed.words)
    texts = [
        build_tsquery(parsed, lexemes, language, negated=negated)
        for language in ("sv", "en")
        for negated in (False, True)
    ]
    with connection.cursor() as cursor:
        for text in texts:
            if text:
                cursor.execute("SELECT to_tsquery('simple', %s)::text", [text])
                assert cursor.fetchone() is not None


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
