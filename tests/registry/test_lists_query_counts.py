"""The public lists and pages make the same number of queries for one entry or many."""

import pytest

from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)
from tests.registry.lists import AREA_1, AREA_2, LISTS, result_titles, url

pytestmark = pytest.mark.django_db


# Query counts ------------------------------------------------------------------------------


def make_actors(count: int):
    for _ in range(count):
        ActorFactory(priority_areas=[])


def make_offers(count: int):
    for _ in range(count):
        SupportOfferFactory()


def make_projects(count: int):
    for _ in range(count):
        project = ProjectFactory()
        ParticipationFactory(project=project, lead=True)
        ParticipationFactory(project=project, outside_registry=True)


MAKERS = {"actors": make_actors, "offers": make_offers, "projects": make_projects}


@pytest.mark.parametrize("list_name", LISTS)
@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("params", "queries"),
    [({}, 4), ({"q": "innovationsmiljö or stöderbjudande or samverkansprojekt"}, 5)],
    ids=["browse", "search"],
)
def test_list_makes_the_same_queries_for_one_or_thirty_entries(
    client, django_assert_num_queries, areas, list_name, size, params, queries
):
    MAKERS[list_name](size)
    path = url(LISTS[list_name][1])

    with django_assert_num_queries(queries):
        response = client.get(path, {"per_page": "50", **params})

    assert len(result_titles(response)) == size


@pytest.mark.parametrize("size", [1, 10])
def test_actor_page_makes_the_same_queries_for_one_or_ten_related_entries(
    client, django_assert_num_queries, areas, size
):
    actor = ActorFactory(priority_areas=[areas[AREA_1]])
    for _ in range(size):
        SupportOfferFactory(actor=actor)
        ParticipationFactory(actor=actor)

    with django_assert_num_queries(4):
        response = client.get(actor.get_absolute_url())

    assert response.content.decode().count('class="meta"') == 2 * size


@pytest.mark.parametrize("size", [1, 10])
def test_project_page_makes_the_same_queries_for_one_or_ten_partners(
    client, django_assert_num_queries, areas, size
):
    project = ProjectFactory(priority_areas=[areas[AREA_1]])
    ParticipationFactory(project=project, lead=True)
    for _ in range(size - 1):
        ParticipationFactory(project=project, outside_registry=True)

    with django_assert_num_queries(3):
        response = client.get(project.get_absolute_url())

    assert response.content.decode().count('class="meta"') == size


def test_offer_page_query_count(client, django_assert_num_queries, areas):
    offer = SupportOfferFactory(priority_areas=[areas[AREA_1], areas[AREA_2]])

    with django_assert_num_queries(2):
        response = client.get(offer.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_start_page_makes_the_same_queries_for_one_or_ten_entries(
    client, django_assert_num_queries, size
):
    make_offers(size)
    make_projects(size)

    with django_assert_num_queries(4):
        response = client.get(url("home"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_area_page_makes_the_same_queries_for_one_or_ten_entries(
    client, django_assert_num_queries, areas, size
):
    area = areas[AREA_1]
    for _ in range(size):
        SupportOfferFactory(actor=ActorFactory(priority_areas=[area]), priority_areas=[area])
        ProjectFactory(priority_areas=[area])

    with django_assert_num_queries(5):
        response = client.get(url("registry:area_detail", slug=area.slug))

    assert response.status_code == 200
