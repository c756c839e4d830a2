"""Free-text search: how a visitor's query is parsed and turned into PostgreSQL tsquery values."""

import re

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.search import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    Term,
    build_tsquery,
    lexemes_for,
    parse_query,
)

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
