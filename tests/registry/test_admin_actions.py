"""The lifecycle actions of the admin changelists, and their refusals, as staff see them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Actor, Participation, Project, SupportOffer
from tests.factories import ActorFactory, ParticipationFactory, ProjectFactory, SupportOfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run_action(client, model, action, entries, **extra):
    data = {"action": action, "_selected_action": [entry.pk for entry in entries], **extra}
    return client.post(reverse(f"admin:actors_{model}_changelist"), data, follow=True)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_publish_action_publishes_complete_entries(publisher_client, areas):
    actors = [
        ActorFactory(
            draft=True, name_sv=f"Aktör {n}", priority_areas=[areas["ikt-tech-och-digitalisering"]]
        )
        for n in (1, 2)
    ]

    response = run_action(publisher_client, "actor", "publish_selected", actors)

    assert shown_messages(response) == ["Published (2): Aktör 1, Aktör 2."]
    assert set(Actor.objects.values_list("status", flat=True)) == {"published"}


def test_publish_action_refuses_an_incomplete_entry_and_names_what_is_missing(
    publisher_client, areas
):
    complete = ActorFactory(
        draft=True, name_sv="Komplett", priority_areas=[areas["ikt-tech-och-digitalisering"]]
    )
    incomplete = ActorFactory(draft=True, name_sv="Ofullständig", description_sv="")

    response = run_action(publisher_client, "actor", "publish_selected", [complete, incomplete])

    assert shown_messages(response) == [
        "Published (1): Komplett.",
        "“Ofullständig” cannot be published: it needs description (Swedish), priority areas.",
    ]
    assert Actor.objects.get(pk=incomplete.pk).status == "draft"


def test_publishing_an_offer_of_a_draft_actor_is_refused_in_the_admin(publisher_client):
    offer = SupportOfferFactory(draft=True, name_sv="Mentorskap", actor=ActorFactory(draft=True))

    response = run_action(publisher_client, "supportoffer", "publish_selected", [offer])

    assert shown_messages(response) == [
        "“Mentorskap” cannot be published: it needs description (Swedish), "
        "a published actor (offered by)."
    ]
    assert SupportOffer.objects.get(pk=offer.pk).status == "draft"


def test_archive_action_archives_published_and_refuses_drafts(publisher_client):
    published = ProjectFactory(name_sv="Avslutat projekt", acronym="")
    draft = ProjectFactory(draft=True, name_sv="Utkast", acronym="")

    response = run_action(publisher_client, "project", "archive_selected", [published, draft])

    messages = shown_messages(response)
    assert "Archived (1): Avslutat projekt." in messages
    assert any("“Utkast” is a draft: only a published entry can be archived" in m for m in messages)
    assert Project.objects.get(pk=published.pk).status == "archived"
    assert Project.objects.get(pk=draft.pk).status == "draft"


def test_return_to_draft_action_unpublishes(publisher_client):
    offer = SupportOfferFactory(name_sv="Kontorsplatser")

    response = run_action(publisher_client, "supportoffer", "return_to_draft_selected", [offer])

    assert shown_messages(response) == ["Returned to draft (1): Kontorsplatser."]
    assert SupportOffer.objects.get(pk=offer.pk).status == "draft"


def test_mark_reviewed_action_sets_today_without_touching_the_status(publisher_client):
    actor = ActorFactory(draft=True, name_sv="Granskad")

    response = run_action(publisher_client, "actor", "mark_reviewed_selected", [actor])

    actor.refresh_from_db()
    assert shown_messages(response) == ["Marked as reviewed today (1): Granskad."]
    assert actor.last_reviewed_on == timezone.localdate()
    assert actor.status == "draft"


def test_publish_action_does_not_set_the_review_date(publisher_client, areas):
    actor = ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])

    run_action(publisher_client, "actor", "publish_selected", [actor])

    assert Actor.objects.get(pk=actor.pk).last_reviewed_on is None


# Merging from the changelist


def test_merge_action_asks_which_actor_to_keep(publisher_client):
    first, second = ActorFactory(name_sv="Openlab"), ActorFactory(name_sv="OpenLab Stockholm")
    SupportOfferFactory(actor=second)

    response = run_action(publisher_client, "actor", "merge_selected", [first, second])

    page = response.content.decode()
    assert response.templates[0].name == "admin/actors/actor/merge_confirmation.html"
    assert "Choose the actor to keep" in page
    assert "OpenLab Stockholm" in page
    assert Actor.objects.filter(status="archived").count() == 0


def test_confirming_a_merge_moves_everything_and_archives_the_other(publisher_client):
    keep, remove = ActorFactory(name_sv="Openlab"), ActorFactory(name_sv="OpenLab Stockholm")
    offer = SupportOfferFactory(actor=remove)
    project = ProjectFactory()
    ParticipationFactory(project=project, actor=keep)
    ParticipationFactory(project=project, actor=remove, lead=True)

    response = run_action(
        publisher_client,
        "actor",
        "merge_selected",
        [keep, remove],
        confirm_merge="yes",
        keep=keep.pk,
    )

    assert shown_messages(response) == [
        "“OpenLab Stockholm” was merged into “Openlab” and archived: 1 offers and 0 project "
        "participations moved, 1 combined."
    ]
    assert SupportOffer.objects.get(pk=offer.pk).actor == keep
    assert list(Participation.objects.filter(project=project).values_list("actor", "role")) == [
        (keep.pk, "lead")
    ]
    assert Actor.objects.get(pk=remove.pk).status == "archived"


def test_merging_needs_exactly_two_actors(publisher_client):
    actors = [ActorFactory(), ActorFactory(), ActorFactory()]

    response = run_action(publisher_client, "actor", "merge_selected", actors)

    assert shown_messages(response) == ["Select exactly two actors to merge."]


def test_an_editor_cannot_merge(editor_client):
    keep, remove = ActorFactory(), ActorFactory()

    response = run_action(
        editor_client, "actor", "merge_selected", [keep, remove], confirm_merge="yes", keep=keep.pk
    )

    changelist = editor_client.get(reverse("admin:actors_actor_changelist"))
    assert changelist.context["action_form"] is None  # an editor has none of the actions
    assert not any("merged" in message for message in shown_messages(response))
    assert Actor.objects.get(pk=remove.pk).status == "published"
