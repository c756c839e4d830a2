"""The public lists' facets: they narrow the results, and their counts equal the results."""

import pytest

from tests.registry.lists import (
    AREA_1,
    AREA_2,
    AREA_3,
    SOLNA,
    STOCKHOLM,
    assert_counts_equal_results,
    facet,
    listing,
    titles,
    url,
)

pytestmark = pytest.mark.django_db


# Facets narrow the lists -----------------------------------------------------------------


@pytest.mark.usefixtures("actors")
def test_actor_facets_or_within_and_across(client):
    cases = [
        ("", ["Alfa", "Beta", "Delta", "Gamma"]),
        ("kind=incubator", ["Alfa", "Beta"]),
        ("kind=science_park", ["Gamma"]),
        (f"area={AREA_1}", ["Alfa", "Beta"]),
        (f"area={AREA_3}", ["Gamma"]),
        (f"municipality={STOCKHOLM}", ["Alfa", "Gamma"]),
        ("helix=business", ["Beta", "Gamma"]),
        ("kind=incubator&kind=cluster", ["Alfa", "Beta", "Delta"]),
        (f"area={AREA_2}&area={AREA_3}", ["Beta", "Gamma"]),
        (f"kind=incubator&municipality={SOLNA}", ["Beta"]),
        (f"helix=business&area={AREA_1}", ["Beta"]),
        ("kind=incubator&helix=public", []),
    ]
    for query, expected in cases:
        assert titles(client, "actors", query) == expected, query
        assert listing("actors", query).total == len(expected), query


@pytest.mark.usefixtures("offers")
def test_offer_facets_or_within_and_across(client):
    cases = [
        ("", ["Alfa", "Beta", "Delta", "Gamma"]),
        ("kind=advice", ["Beta", "Gamma"]),
        (f"area={AREA_1}", ["Alfa", "Gamma"]),
        ("stage=startup", ["Beta"]),
        ("stage=idea&stage=established", ["Alfa", "Gamma"]),
        ("cost=free", ["Alfa", "Delta"]),
        ("cost=fee&cost=equity", ["Beta", "Gamma"]),
        ("language=en", ["Beta", "Gamma"]),
        ("language=sv", ["Alfa", "Delta", "Gamma"]),
        ("open=yes", ["Alfa", "Beta", "Delta"]),
        (f"municipality={STOCKHOLM}", ["Alfa", "Gamma"]),
        (f"kind=advice&municipality={STOCKHOLM}", ["Gamma"]),
        ("open=yes&language=en", ["Beta"]),
    ]
    for query, expected in cases:
        assert titles(client, "offers", query) == expected, query
        assert listing("offers", query).total == len(expected), query


@pytest.mark.usefixtures("projects")
def test_project_facets_or_within_and_across(client):
    cases = [
        ("", ["Alfa", "Beta", "Delta", "Gamma"]),
        ("programme=vinnova", ["Alfa", "Gamma"]),
        ("programme=vinnova&programme=erdf", ["Alfa", "Delta", "Gamma"]),
        (f"area={AREA_2}", ["Beta", "Gamma"]),
        ("phase=planned", ["Alfa"]),
        ("phase=ongoing", ["Beta", "Delta"]),
        ("phase=completed", ["Gamma"]),
        ("phase=planned&phase=completed", ["Alfa", "Gamma"]),
        ("programme=vinnova&phase=completed", ["Gamma"]),
        (f"phase=ongoing&area={AREA_1}", []),
    ]
    for query, expected in cases:
        assert titles(client, "projects", query) == expected, query
        assert listing("projects", query).total == len(expected), query


@pytest.mark.usefixtures("actors")
@pytest.mark.parametrize(
    "query",
    [
        "",
        f"kind=incubator&municipality={SOLNA}",
        "kind=incubator&kind=science_park&helix=business",
        f"q=inkubator&area={AREA_1}&archived=1",
    ],
)
def test_actor_counts_equal_the_results_of_each_option(client, query):
    assert_counts_equal_results(client, "actors", query)


@pytest.mark.usefixtures("offers")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "open=yes&language=en",
        f"stage=idea&stage=established&municipality={STOCKHOLM}&cost=free&archived=1",
    ],
)
def test_offer_counts_equal_the_results_of_each_option(client, query):
    assert_counts_equal_results(client, "offers", query)


@pytest.mark.usefixtures("projects")
@pytest.mark.parametrize(
    "query", ["", "phase=ongoing&phase=planned", f"programme=vinnova&area={AREA_2}&archived=1"]
)
def test_project_counts_equal_the_results_of_each_option(client, query):
    assert_counts_equal_results(client, "projects", query)


@pytest.mark.usefixtures("actors")
def test_municipality_counts_follow_the_selected_kind(client):
    everything = listing("actors")
    incubators = listing("actors", "kind=incubator")

    assert facet(everything, "municipality")[STOCKHOLM] == 2
    assert facet(everything, "municipality")[SOLNA] == 2
    assert facet(incubators, "municipality")[STOCKHOLM] == 1
    assert facet(incubators, "municipality")[SOLNA] == 1
    page = client.get(url("registry:actor_list"), {"kind": "incubator"}).content.decode()
    assert 'Stockholm <span class="count">(1)</span>' in page
    assert 'Solna <span class="count">(1)</span>' in page


@pytest.mark.usefixtures("actors")
def test_selected_facet_keeps_the_counts_of_its_other_options():
    incubators = listing("actors", "kind=incubator")

    assert facet(incubators, "kind")["incubator"] == 2
    assert facet(incubators, "kind")["science_park"] == 1
    assert facet(incubators, "kind")["cluster"] == 1
    assert incubators.total == 2


@pytest.mark.usefixtures("offers")
def test_offer_counts_leave_out_drafts_and_offers_of_draft_actors():
    counts = facet(listing("offers"), "kind")

    assert counts["funding"] == 1
    assert counts["advice"] == 2


@pytest.mark.usefixtures("actors")
def test_unknown_facet_values_are_dropped_and_known_ones_kept(client):
    query = "kind=incubator&kind=spaceport&municipality=9999&area=nowhere&helix=robots"

    assert titles(client, "actors", query) == ["Alfa", "Beta"]
    assert listing("actors", query).filterset.cleaned["kind"] == ["incubator"]
