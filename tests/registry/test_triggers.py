"""The database triggers that keep derived columns: area_numbers and the search vectors,
the entry's own and those of a changed actor's offers and projects."""

import pytest
from django.db import connection

from registry.models import Actor, Project, SupportOffer
from registry.search import search_filter
from registry.triggers import related_refresh_skipped
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

FACTORIES = {Actor: ActorFactory, SupportOffer: SupportOfferFactory, Project: ProjectFactory}


def numbers(entry) -> list[int]:
    return type(entry).objects.values_list("area_numbers", flat=True).get(pk=entry.pk)


def row_version(entry) -> str:
    """The physical place of the entry's row: every write of the row moves it."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(type(entry)._meta.db_table)
        cursor.execute(f"SELECT ctid::text FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def by_number(areas):
    return {area.number: area for area in areas.values()}


@pytest.mark.parametrize("model", FACTORIES)
def test_area_numbers_follow_every_change_of_the_links(stockholm, by_number, model):
    entry = FACTORIES[model](priority_areas=[by_number[3]])
    assert numbers(entry) == [3]

    entry.priority_areas.add(by_number[1], by_number[4])
    assert numbers(entry) == [1, 3, 4]

    entry.priority_areas.remove(by_number[3])
    assert numbers(entry) == [1, 4]

    entry.priority_areas.set([by_number[2]])
    assert numbers(entry) == [2]

    entry.priority_areas.clear()
    assert numbers(entry) == []


def test_one_statement_linking_several_entries_updates_each(stockholm, by_number):
    first, second = ActorFactory(priority_areas=[]), ActorFactory(priority_areas=[by_number[2]])
    links = Actor.priority_areas.through

    links.objects.bulk_create(
        [
            links(actor=first, priorityarea=by_number[1]),
            links(actor=first, priorityarea=by_number[4]),
            links(actor=second, priorityarea=by_number[3]),
        ]
    )
    assert (numbers(first), numbers(second)) == ([1, 4], [2, 3])

    links.objects.filter(priorityarea=by_number[1]).update(priorityarea=by_number[2])
    assert (numbers(first), numbers(second)) == ([2, 4], [2, 3])

    links.objects.filter(actor__in=[first, second], priorityarea=by_number[2]).delete()
    assert (numbers(first), numbers(second)) == ([4], [3])


def test_links_that_leave_the_numbers_as_saved_do_not_write_the_entry_again(stockholm, by_number):
    actor = ActorFactory(priority_areas=[])
    actor.area_numbers = [1, 2]  # as the import saves an entry before its links
    actor.save()
    saved = row_version(actor)

    actor.priority_areas.add(by_number[1], by_number[2])
    assert row_version(actor) == saved
    assert numbers(actor) == [1, 2]

    actor.priority_areas.add(by_number[3])
    assert row_version(actor) != saved
    assert numbers(actor) == [1, 2, 3]


def test_search_vectors_follow_the_text_after_the_area_links_change(stockholm, by_number):
    actor = ActorFactory(name_sv="Grafenlabbet", priority_areas=[])
    SupportOfferFactory(actor=actor, name_sv="Rådgivning")

    def found(words: str) -> list[str]:
        condition = search_filter(words).condition
        models = (Actor, SupportOffer)
        return [model.__name__ for model in models if model.objects.filter(condition)]

    assert found("grafenlabbet") == ["Actor", "SupportOffer"]
    actor.priority_areas.add(by_number[1])
    actor.name_sv = "Kvantlabbet"
    actor.save()
    # The offer is found by its actor's new name; the old name is gone from both.
    assert found("kvantlabbet") == ["Actor", "SupportOffer"]
    assert found("grafenlabbet") == []
    Actor.objects.filter(pk=actor.pk).update(description_sv="Kvantdatorer i Kista.")
    assert found("kvantdatorer") == ["Actor"]


def offers_found(words: str) -> set[str]:
    return set(
        SupportOffer.objects.filter(search_filter(words).condition).values_list("slug", flat=True)
    )


def test_one_statement_renaming_several_actors_refreshes_only_their_offers(stockholm):
    renamed = [ActorFactory(name_sv=f"Grafenlabb {n}") for n in range(3)]
    kept = ActorFactory(name_sv="Grafenhuset")
    for actor in [*renamed, kept]:
        SupportOfferFactory(actor=actor, slug=f"erbjudande-{actor.slug}", name_sv="Rådgivning")
    untouched = row_version(SupportOffer.objects.get(actor=kept))

    Actor.objects.filter(pk__in=[a.pk for a in renamed]).update(name_sv="Kvantlabbet")

    assert offers_found("kvantlabbet") == {f"erbjudande-{a.slug}" for a in renamed}
    assert offers_found("grafenlabb") == set()
    assert row_version(SupportOffer.objects.get(actor=kept)) == untouched


def test_a_project_drops_a_partner_from_its_search_when_the_partner_is_unpublished(stockholm):
    partner = ActorFactory(name_sv="Kvantlabbet")
    project = ProjectFactory(name_sv="Samarbete")
    project.participations.create(actor=partner, role="partner")
    assert Project.objects.filter(search_filter("kvantlabbet").condition).exists()

    Actor.objects.filter(pk=partner.pk).update(status="draft")

    assert not Project.objects.filter(search_filter("kvantlabbet").condition).exists()


def test_statements_in_a_skipped_refresh_leave_the_offers_as_they_are(stockholm):
    actor = ActorFactory(name_sv="Grafenlabbet")
    offer = SupportOfferFactory(actor=actor, name_sv="Rådgivning")
    saved = row_version(offer)

    with related_refresh_skipped():
        Actor.objects.filter(pk=actor.pk).update(name_sv="Kvantlabbet")
    assert row_version(offer) == saved
    assert offers_found("grafenlabbet") == {offer.slug}

    # After the block, renames refresh the offers again.
    Actor.objects.filter(pk=actor.pk).update(name_sv="Fotoniklabbet")
    assert offers_found("fotoniklabbet") == {offer.slug}
