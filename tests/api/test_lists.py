"""The list endpoints: the public lists' search, facets and sort; stable paging; no drafts."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.utils import translation

from registry import selectors
from tests.api.conftest import ICT, LIFE_SCIENCE, SOLNA, STOCKHOLM, get_json, slugs
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "actors": ("/api/v1/actors/", selectors.actor_list),
    "offers": ("/api/v1/support-offers/", selectors.offer_list),
    "projects": ("/api/v1/projects/", selectors.project_list),
}


def public_list_slugs(list_name: str, query: str, language: str = "sv") -> list[str]:
    """The entries of the public list page for ``query``, in its order."""
    with translation.override(language):
        listing = LISTS[list_name][1](data=QueryDict(query))
    return [entry.slug for entry in listing.entries]


# The same results as the public lists


@pytest.mark.parametrize(
    ("list_name", "query"),
    [
        ("actors", ""),
        ("actors", "q=inkubator"),
        ("actors", "q=life+science"),
        ("actors", "q=kista"),
        ("actors", f"kind=incubator&municipality={SOLNA}"),
        ("actors", f"area={ICT}&area={LIFE_SCIENCE}&sort=newest"),
        ("actors", "archived=1&sort=name"),
        ("actors", "helix=academia&helix=business&sort=reviewed"),
        ("offers", ""),
        ("offers", "q=fond"),
        ("offers", "stage=startup&cost=free&cost=equity"),
        ("offers", f"open=yes&language=en&municipality={STOCKHOLM}"),
        ("offers", "archived=1"),
        ("projects", ""),
        ("projects", "q=smarta+städer"),
        ("projects", "phase=completed&archived=1"),
        ("projects", "programme=horizon_2020&sort=newest"),
    ],
)
def test_the_api_lists_what_the_public_list_shows_for_the_same_query(
    client, registry, list_name, query
):
    path = LISTS[list_name][0]
    data = get_json(client, f"{path}?{query}")
    expected = public_list_slugs(list_name, query)
    assert slugs(data) == expected
    assert data["count"] == len(expected)


def test_search_finds_by_name_description_and_the_actors_name(client, registry):
    assert slugs(get_json(client, "/api/v1/actors/?q=medicinteknik")) == ["karolinska-innovations"]
    # An offer is found by the name of its actor.
    assert slugs(get_json(client, "/api/v1/support-offers/?q=karolinska")) == ["karolinska-advice"]
    assert get_json(client, "/api/v1/projects/?q=nonexistentword")["results"] == []


def test_the_name_sort_follows_the_language_asked_for(client, registry, stockholm):
    ActorFactory(slug="aaa", name_sv="Öresund Lab", name_en="Alpha Lab", municipality=stockholm)
    swedish = slugs(get_json(client, "/api/v1/actors/?sort=name"))
    english = slugs(get_json(client, "/api/v1/actors/?sort=name&lang=en"))
    by_header = slugs(get_json(client, "/api/v1/actors/?sort=name", HTTP_ACCEPT_LANGUAGE="en"))
    assert swedish[-1] == "aaa"  # Ö is the last letter of the Swedish alphabet
    assert english[0] == "aaa"
    assert by_header == english == public_list_slugs("actors", "sort=name", "en")


def test_facets_count_each_option_under_the_other_filters(client, registry):
    data = get_json(client, f"/api/v1/actors/?municipality={STOCKHOLM}&kind=science_park")
    kinds = {o["value"]: o for o in data["facets"]["kind"]["options"]}
    # Under the municipality filter alone: Kista only (the draft and archived do not count).
    assert kinds["science_park"]["count"] == 1
    assert kinds["science_park"]["selected"] is True
    assert kinds["incubator"]["count"] == 0
    municipalities = {o["value"]: o["count"] for o in data["facets"]["municipality"]["options"]}
    assert municipalities[STOCKHOLM] == 1
    assert municipalities[SOLNA] == 0  # Karolinska is an incubator, not a science park
    assert data["facets"]["kind"]["label"] == {"sv": "Typ", "en": "Kind"}
    areas = {o["value"]: o["label"] for o in data["facets"]["area"]["options"]}
    assert areas[ICT] == {"sv": "IKT och tech", "en": "ICT and tech"}


def test_the_facets_are_those_of_the_public_list(client, registry):
    for list_name, (path, selector) in LISTS.items():
        data = get_json(client, path)
        listing = selector(data=QueryDict())
        assert list(data["facets"]) == [facet.name for facet in listing.facets], list_name
        for facet in listing.facets:
            counts = {o["value"]: o["count"] for o in data["facets"][facet.name]["options"]}
            assert counts == {o.value: o.count for o in facet.options}, (list_name, facet.name)


# Paging


@pytest.fixture
def many_actors(stockholm):
    """25 published actors with the same name: only the id can order them."""
    return [
        ActorFactory(slug=f"tvilling-{n:02d}", name_sv="Tvilling", municipality=stockholm)
        for n in range(25)
    ]


def test_pages_follow_each_other_without_gaps_or_repeats(client, many_actors):
    seen = []
    address = "/api/v1/actors/?per_page=10&sort=name"
    pages = 0
    while address:
        data = get_json(client, address)
        assert data["count"] == 25
        assert data["pages"] == 3
        assert data["per_page"] == 10
        seen.extend(slugs(data))
        address = data["next"]
        pages += 1
    assert pages == 3
    # Equal names are ordered by id, the order they were created in.
    assert seen == [actor.slug for actor in many_actors]


def test_next_and_previous_are_absolute_and_keep_the_query(client, many_actors):
    data = get_json(client, "/api/v1/actors/?per_page=10&page=2&sort=newest&kind=incubator")
    assert data["page"] == 2
    following, previous = urlsplit(data["next"]), urlsplit(data["previous"])
    assert following.scheme == "http"
    assert following.netloc == "testserver"
    assert following.path == "/api/v1/actors/"
    assert parse_qs(following.query) == {
        "per_page": ["10"],
        "page": ["3"],
        "sort": ["newest"],
        "kind": ["incubator"],
    }
    # The first page is the address without a page number.
    assert parse_qs(previous.query) == {
        "per_page": ["10"],
        "sort": ["newest"],
        "kind": ["incubator"],
    }
    last = get_json(client, data["next"])
    assert last["next"] is None
    assert len(last["results"]) == 5
    assert get_json(client, "/api/v1/actors/?per_page=10")["previous"] is None


def test_the_default_page_size_is_twenty(client, many_actors):
    data = get_json(client, "/api/v1/actors/")
    assert data["per_page"] == 20
    assert len(data["results"]) == 20


def test_an_empty_result_is_page_one_of_one(client, registry):
    data = get_json(client, "/api/v1/actors/?q=nonexistentword")
    assert (data["count"], data["page"], data["pages"], data["results"]) == (0, 1, 1, [])


def test_reference_lists_are_paged_too(client, db):
    first = get_json(client, "/api/v1/municipalities/?per_page=20")
    second = get_json(client, first["next"])
    assert first["count"] == second["count"] == 26
    codes = [m["code"] for m in first["results"] + second["results"]]
    assert len(set(codes)) == 26
    assert first["facets"] == {}
    areas = get_json(client, "/api/v1/priority-areas/")
    assert [area["number"] for area in areas["results"]] == [1, 2, 3, 4]


# Drafts and archived entries


def test_lists_never_show_drafts_or_the_offers_of_draft_actors(client, registry):
    for path in ("/api/v1/actors/", "/api/v1/support-offers/", "/api/v1/projects/"):
        for query in ("", "?archived=1", "?q=hemlig", "?q=inkubator&archived=1&per_page=100"):
            response = client.get(path + query)
            assert response.status_code == 200
            assert "hemlig" not in response.content.decode().lower(), path + query


def test_archived_entries_only_when_asked_for(client, registry):
    assert "arkiverad-aktor" not in slugs(get_json(client, "/api/v1/actors/"))
    archived = get_json(client, "/api/v1/actors/?archived=1")
    assert "arkiverad-aktor" in slugs(archived)
    (entry,) = [e for e in archived["results"] if e["slug"] == "arkiverad-aktor"]
    assert entry["status"]["code"] == "archived"
    assert "arkiverat-erbjudande" in slugs(
        get_json(client, "/api/v1/support-offers/?archived=true")
    )
    assert "arkiverat-projekt" not in slugs(get_json(client, "/api/v1/projects/?archived=0"))


def test_facet_counts_leave_drafts_out(client, registry):
    data = get_json(client, "/api/v1/actors/?archived=1")
    incubators = [o for o in data["facets"]["kind"]["options"] if o["value"] == "incubator"]
    assert incubators[0]["count"] == 2  # Karolinska and the archived one; not the draft


def test_counts_of_areas_and_municipalities_leave_drafts_out(client, registry):
    area = get_json(client, f"/api/v1/priority-areas/{LIFE_SCIENCE}/")
    # The draft actor and the offer of the draft actor are in the area, but not public.
    assert area["counts"] == {"actors": 1, "support_offers": 1, "projects": 0}
    stockholm = get_json(client, f"/api/v1/municipalities/{STOCKHOLM}/")
    assert stockholm["actor_count"] == 1  # Kista; not the draft nor the archived actor


# Query counts


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        # area and municipality options, the facet aggregate, the page, offers, projects
        ("/api/v1/actors/", "", 6),
        # the same and the search's stemming
        ("/api/v1/actors/", "q=inkubator", 7),
        # areas, municipalities, the aggregate, the page with actors and municipalities
        ("/api/v1/support-offers/", "", 4),
        # areas, the aggregate, the page, the participations with their actors
        ("/api/v1/projects/", "", 4),
        # the count, the page with roadmaps, the milestones
        ("/api/v1/priority-areas/", "", 3),
        # the count, the page
        ("/api/v1/municipalities/", "", 2),
    ],
)
def test_a_list_makes_the_same_queries_for_ten_rows_and_for_a_hundred(
    client, django_assert_num_queries, areas, stockholm, path, query, expected
):
    for n in range(30):
        actor = ActorFactory(
            name_sv=f"Inkubator {n}", municipality=stockholm, priority_areas=[areas[ICT]]
        )
        SupportOfferFactory(actor=actor, priority_areas=[areas[ICT]])
        SupportOfferFactory(actor=actor, archived=True)
        project = ProjectFactory(priority_areas=[areas[ICT]])
        project.participations.create(actor=actor, role="lead")
    for per_page in (10, 100):
        with django_assert_num_queries(expected):
            response = client.get(f"{path}?{query}&per_page={per_page}")
        assert response.status_code == 200
        data = response.json()
        assert len(data["results"]) == min(per_page, data["count"])
