import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from innovation_portal.lib.bulk import insert_in_bulk, set_links_in_bulk, update_in_bulk
from registry.models import Actor, Participation, Project, SupportOffer
from registry.search import search_filter
from registry.services import (
    actor_merge,
    entry_archive,
    entry_mark_reviewed,
    entry_publish,
    entry_return_to_draft,
    publish_problems,
)
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def complete_draft_actor(areas):
    return ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])


def test_publishing_a_complete_actor_makes_it_public(complete_draft_actor, publisher):
    entry_publish(entry=complete_draft_actor, by=publisher)

    complete_draft_actor.refresh_from_db()
    assert complete_draft_actor.status == "published"
    assert Actor.objects.published().filter(pk=complete_draft_actor.pk).exists()


def test_publishing_does_not_count_as_a_review(complete_draft_actor, publisher):
    entry_publish(entry=complete_draft_actor, by=publisher)

    complete_draft_actor.refresh_from_db()
    assert complete_draft_actor.last_reviewed_on is None


def test_publishing_an_actor_without_swedish_description_names_it(areas, publisher):
    actor = ActorFactory(
        draft=True, description_sv="", priority_areas=[areas["ikt-tech-och-digitalisering"]]
    )

    with pytest.raises(ValidationError) as refusal:
        entry_publish(entry=actor, by=publisher)

    assert "description (Swedish)" in refusal.value.messages[0]
    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_the_publish_rules_name_every_missing_field_of_an_actor():
    actor = Actor(name_sv="Ny aktör")

    missing = publish_problems(actor)

    assert missing == [
        "description (Swedish)",
        "kind",
        "helix sector",
        "municipality",
        "priority areas",
    ]


def test_publishing_an_actor_without_priority_areas_is_refused(publisher):
    actor = ActorFactory(draft=True)

    with pytest.raises(ValidationError, match="priority areas"):
        entry_publish(entry=actor, by=publisher)

    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_publishing_an_offer_of_a_draft_actor_is_refused(publisher):
    offer = SupportOfferFactory(draft=True, actor=ActorFactory(draft=True))

    with pytest.raises(ValidationError, match="a published actor"):
        entry_publish(entry=offer, by=publisher)

    assert SupportOffer.objects.get(pk=offer.pk).status == "draft"


def test_publishing_an_offer_without_stages_names_the_stages(publisher):
    offer = SupportOfferFactory(draft=True, stages=[])

    with pytest.raises(ValidationError, match="company stages"):
        entry_publish(entry=offer, by=publisher)


def test_publishing_a_complete_offer_of_a_published_actor_succeeds(publisher):
    offer = SupportOfferFactory(draft=True, description_sv="Rådgivning för nya företag.")

    entry_publish(entry=offer, by=publisher)

    assert SupportOffer.objects.get(pk=offer.pk).status == "published"


def test_publishing_a_project_without_description_or_areas_names_both(publisher):
    project = ProjectFactory(draft=True)

    with pytest.raises(ValidationError) as refusal:
        entry_publish(entry=project, by=publisher)

    message = refusal.value.messages[0]
    assert "description (Swedish)" in message
    assert "priority areas" in message


def test_archiving_keeps_a_published_entry_public_with_a_notice(publisher):
    actor = ActorFactory()

    entry_archive(entry=actor, by=publisher)

    actor.refresh_from_db()
    assert actor.status == "archived"
    assert Actor.objects.public().filter(pk=actor.pk).exists()


def test_archiving_a_draft_is_refused_because_it_would_become_public(publisher):
    actor = ActorFactory(draft=True)

    with pytest.raises(ValidationError, match="only a published entry can be archived"):
        entry_archive(entry=actor, by=publisher)

    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_returning_to_draft_takes_an_entry_off_the_site(publisher):
    project = ProjectFactory(archived=True)

    entry_return_to_draft(entry=project, by=publisher)

    assert not Project.objects.public().filter(pk=project.pk).exists()


def test_marking_reviewed_sets_today_and_nothing_else(publisher):
    actor = ActorFactory(draft=True)

    entry_mark_reviewed(entry=actor, by=publisher, on=datetime.date(2026, 3, 1))

    actor.refresh_from_db()
    assert actor.last_reviewed_on == datetime.date(2026, 3, 1)
    assert actor.status == "draft"


def test_each_lifecycle_change_is_in_the_history_with_who_and_why(areas, publisher):
    actor = ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])

    entry_publish(entry=actor, by=publisher)
    entry_mark_reviewed(entry=actor, by=publisher)
    entry_archive(entry=actor, by=publisher)

    latest = list(actor.history.order_by("-history_date", "-history_id")[:3])
    assert [r.history_change_reason for r in latest] == [
        "Archived",
        "Marked as reviewed",
        "Published",
    ]
    assert {r.history_user for r in latest} == {publisher}


# Merging


def test_merging_moves_offers_and_participations_and_archives_the_other(publisher):
    keep, remove = ActorFactory(name_sv="KTH Innovation"), ActorFactory(name_sv="KTH Innovation AB")
    offer = SupportOfferFactory(actor=remove)
    participation = ParticipationFactory(actor=remove)

    result = actor_merge(keep=keep, remove=remove, by=publisher)

    offer.refresh_from_db()
    participation.refresh_from_db()
    remove.refresh_from_db()
    assert offer.actor == keep
    assert participation.actor == keep
    assert remove.status == "archived"
    assert (result.offers_moved, result.participations_moved) == (1, 1)


def test_merging_keeps_one_participation_per_project_with_the_stronger_role(publisher):
    project = ProjectFactory()
    keep, remove = ActorFactory(), ActorFactory()
    kept = ParticipationFactory(project=project, actor=keep, role="partner")
    ParticipationFactory(project=project, actor=remove, lead=True)

    actor_merge(keep=keep, remove=remove, by=publisher)

    participations = list(Participation.objects.filter(project=project))
    assert participations == [kept]
    kept.refresh_from_db()
    assert kept.role == "lead"


def test_merging_keeps_the_kept_actors_role_when_it_is_stronger(publisher):
    project = ProjectFactory()
    keep, remove = ActorFactory(), ActorFactory()
    ParticipationFactory(project=project, actor=keep, lead=True)
    ParticipationFactory(project=project, actor=remove, role="associated")

    actor_merge(keep=keep, remove=remove, by=publisher)

    assert list(Participation.objects.filter(project=project).values_list("actor", "role")) == [
        (keep.pk, "lead")
    ]


def test_merging_records_the_merge_in_both_histories(publisher):
    keep = ActorFactory(name_sv="Openlab", slug="openlab")
    remove = ActorFactory(name_sv="OpenLab Stockholm", slug="openlab-stockholm")

    actor_merge(keep=keep, remove=remove, by=publisher)

    removed_record = remove.history.latest("history_date")
    kept_record = keep.history.latest("history_date")
    assert removed_record.history_change_reason == "Merged into Openlab (openlab)"
    assert removed_record.status == "archived"
    assert removed_record.history_user == publisher
    assert "OpenLab Stockholm (openlab-stockholm) merged" in kept_record.history_change_reason
    assert remove.history.count() >= 2  # the earlier versions are kept


def test_an_actor_cannot_be_merged_into_itself(publisher):
    actor = ActorFactory()

    with pytest.raises(ValidationError):
        actor_merge(keep=actor, remove=actor, by=publisher)


# Saving many entries at once


def test_update_in_bulk_saves_each_entry_as_save_would(stockholm, areas):
    first = ActorFactory(name_sv="Första", latitude=None, longitude=None)
    second = ActorFactory(name_sv="Andra", last_reviewed_on=None)
    before = Actor.objects.get(pk=first.pk).updated_at

    first.name_sv, first.latitude, first.longitude = "Ettan", Decimal("59.35"), Decimal("18.07")
    first.area_numbers = [1, 3]
    second.last_reviewed_on = datetime.date(2026, 11, 1)
    update_in_bulk(Actor, [first, second])

    saved = {actor.pk: actor for actor in Actor.objects.filter(pk__in=[first.pk, second.pk])}
    assert (saved[first.pk].name_sv, saved[first.pk].latitude) == ("Ettan", Decimal("59.350000"))
    assert saved[first.pk].area_numbers == [1, 3]
    assert saved[first.pk].updated_at > before
    assert saved[second.pk].last_reviewed_on == datetime.date(2026, 11, 1)
    assert saved[second.pk].name_sv == "Andra"
    assert Actor.objects.filter(search_filter("ettan").condition).get() == first


def test_set_links_in_bulk_writes_only_the_differences(stockholm, areas):
    ikt, life = areas["ikt-tech-och-digitalisering"], areas["life-science-vard-och-halsa"]
    first = ActorFactory(priority_areas=[ikt])
    second = ActorFactory(priority_areas=[ikt, life])

    set_links_in_bulk(
        Actor,
        "priority_areas",
        [(first.pk, {ikt.pk}, {ikt.pk, life.pk}), (second.pk, {ikt.pk, life.pk}, {life.pk})],
    )

    assert set(first.priority_areas.all()) == {ikt, life}
    assert set(second.priority_areas.all()) == {life}
    assert Actor.objects.get(pk=second.pk).area_numbers == [life.number]


def test_insert_in_bulk_adds_entries_as_save_would(stockholm, areas):
    added = [
        Actor(
            slug="forsta",
            name_sv="Första",
            kind="incubator",
            helix_sector="academia",
            municipality=stockholm,
        ),
        Actor(
            slug="andra",
            name_sv="Åkeriet",
            kind="science_park",
            helix_sector="business",
            municipality=stockholm,
            latitude=Decimal("59.35"),
            longitude=Decimal("18.07"),
            area_numbers=[2, 4],
            last_reviewed_on=datetime.date(2026, 11, 1),
        ),
    ]

    insert_in_bulk(Actor, added)

    first, second = added
    assert first.pk is not None
    assert second.pk is not None
    assert not first._state.adding
    assert second.name_sort_sv == "{keriet"  # the generated sort key, read back
    saved = Actor.objects.get(pk=second.pk)
    assert (saved.slug, saved.municipality_id, saved.latitude, saved.area_numbers) == (
        "andra",
        stockholm.pk,
        Decimal("59.350000"),
        [2, 4],
    )
    assert saved.last_reviewed_on == datetime.date(2026, 11, 1)
    assert saved.created_at is not None
    assert saved.updated_at is not None
    assert Actor.objects.filter(search_filter("åkeriet").condition).get() == saved
