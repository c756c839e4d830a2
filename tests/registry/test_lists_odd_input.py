"""Odd input never breaks a public list: malformed, hostile or random parameters."""

from urllib.parse import quote

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    ActorFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.lists import LISTS, MARKER, PARAMETERS, url

pytestmark = pytest.mark.django_db


# Odd input never breaks a list --------------------------------------------------------------

ODD_QUERIES = [
    "kind=nonsense&area=nowhere&municipality=9999&helix=x&stage=x&cost=x&language=xx",
    "programme=x&phase=sometime&open=no",
    "sort=random",
    "sort=",
    "per_page=7",
    "per_page=100000",
    "per_page=-5",
    "page=0",
    "page=-1",
    "page=abc",
    "page=999999",
    "page=99999999999999999999999999",
    "page=1e3",
    "page=%00",
    "q=" + "x" * 5000,
    "q=" + "ord+" * 2000,
    "q=%00",
    "q=a%00b",
    "kind=%00&municipality=%00&sort=%00&per_page=%00",
    "%00=%00",
    "q=a&q=b&kind=incubator&kind=incubator&sort=name&sort=newest&page=1&page=2",
    "archived=1&archived=0&archived=%00",
    "q=" + quote("\u200finkubator\u200e \u202eabc"),
    "q=" + quote("🚀🙂 labb🙂 👩‍🔬"),
    "q=" + quote("ca\u0301fe\u0301 a\u0308\u0308\u0308"),
    "q=" + quote('"unclosed -"" -- or or eller -'),
    "q=" + quote("'; DROP TABLE actors_actor; -- \\ : * & | ! <-> ( )"),
    "q=" + quote("İstanbul ǅ ﬁ ß ẞ ١٢٣ x² Ⅷ"),
    "q=%ff%fe",
    "kind=" + quote("\u200fincubator"),
    "q=or",
    "q=-",
]


@pytest.mark.usefixtures("actors", "offers", "projects")
@pytest.mark.parametrize("list_name", LISTS)
def test_odd_query_strings_give_a_normal_page(client, list_name):
    failures = []
    for query in ODD_QUERIES:
        for language in ("sv", "en"):
            response = client.get(f"{url(LISTS[list_name][1], language)}?{query}")
            if response.status_code != 200:
                failures.append((language, query[:80], response.status_code))

    assert failures == []


@pytest.fixture
def hidden_drafts():
    """A draft of each kind, and a published offer of a draft actor."""
    draft_actor = ActorFactory(name_sv="Hemlig aktör", slug="hemlig-aktor", draft=True)
    ActorFactory(name_sv="Synlig aktör")
    SupportOfferFactory(slug="hemligt-erbjudande", draft=True)
    SupportOfferFactory(slug="hos-hemlig-aktor", actor=draft_actor)
    ProjectFactory(slug="hemligt-projekt", draft=True)
    return ["hemlig-aktor", "hemligt-erbjudande", "hos-hemlig-aktor", "hemligt-projekt"]


ODD_TEXT = st.one_of(
    st.text(),
    st.sampled_from(
        [MARKER, "1", "0", "-1", "100", "yes", "incubator", "sv", "name", "\x00", "\u200f"]
    ),
)


def check_list_survives(client, list_name, params, hidden_drafts):
    for language in ("sv", "en"):
        response = client.get(url(LISTS[list_name][1], language), params)
        assert response.status_code < 500
        page = response.content.decode()
        for slug in hidden_drafts:
            assert f"/{slug}/" not in page
        assert MARKER not in page
        assert "<script>" not in page.lower().replace('<script type="application/ld+json">', "")


def parameters(list_name: str):
    values = st.one_of(ODD_TEXT, st.lists(ODD_TEXT, max_size=4))
    return st.dictionaries(st.sampled_from(PARAMETERS[list_name]), values, max_size=6)


HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(params=parameters("actors"))
def test_actor_list_survives_any_parameters(client, hidden_drafts, params):
    check_list_survives(client, "actors", params, hidden_drafts)


@HYPOTHESIS
@given(params=parameters("offers"))
def test_offer_list_survives_any_parameters(client, hidden_drafts, params):
    check_list_survives(client, "offers", params, hidden_drafts)


@HYPOTHESIS
@given(params=parameters("projects"))
def test_project_list_survives_any_parameters(client, hidden_drafts, params):
    check_list_survives(client, "projects", params, hidden_drafts)


@pytest.mark.parametrize("list_name", LISTS)
def test_markup_in_every_parameter_is_escaped(client, list_name):
    ActorFactory(name_sv="Synlig aktör")
    params = dict.fromkeys(PARAMETERS[list_name], MARKER)

    for language in ("sv", "en"):
        page = client.get(url(LISTS[list_name][1], language), params).content.decode()

        assert MARKER not in page
        assert escape(MARKER) in page  # the search box and result sentence show it as text
