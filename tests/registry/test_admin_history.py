"""The change history of entries in the admin: who changed what and when, and restoring."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Actor
from registry.services import entry_mark_reviewed
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def change(client, form_data, entry, model="actor", **values):
    url = reverse(f"admin:actors_{model}_change", args=[entry.pk])
    data = form_data(client.get(url))
    data.update(values)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def version_url(entry, record, model="actor"):
    return reverse(f"admin:actors_{model}_simple_history", args=[entry.pk, record.history_id])


def restore(client, form_data, entry, record, model="actor"):
    url = version_url(entry, record, model)
    data = form_data(client.get(url))
    return client.post(url, data, follow=True)


def test_the_history_page_shows_who_changed_which_field(editor_client, editor, form_data):
    actor = ActorFactory(draft=True, description_en="")
    change(editor_client, form_data, actor, description_en="A place for prototypes.")

    page = editor_client.get(reverse("admin:actors_actor_history", args=[actor.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert editor.username in html
    assert "Description (English):" in html
    assert "A place for prototypes." in html


@pytest.mark.parametrize(
    ("model", "factory"),
    [("supportoffer", SupportOfferFactory), ("project", ProjectFactory)],
)
def test_offers_and_projects_have_a_history_page_too(editor_client, form_data, model, factory):
    entry = factory(draft=True)
    change(editor_client, form_data, entry, model=model, name_en="English name")

    page = editor_client.get(reverse(f"admin:actors_{model}_history", args=[entry.pk]))

    assert "English name" in page.content.decode()


def test_restoring_an_earlier_version_brings_back_its_values(editor_client, form_data, areas):
    actor = ActorFactory(
        draft=True, name_en="First", priority_areas=[areas["ikt-tech-och-digitalisering"]]
    )
    change(editor_client, form_data, actor, name_en="Second")
    change(
        editor_client,
        form_data,
        actor,
        name_en="Third",
        priority_areas=[areas["life-science-vard-och-halsa"].pk],
    )
    first = actor.history.filter(name_en="First").latest("history_date", "history_id")

    response = restore(editor_client, form_data, actor, first)

    actor.refresh_from_db()
    assert response.status_code == 200
    assert actor.name_en == "First"
    assert list(actor.priority_areas.values_list("slug", flat=True)) == [
        "ikt-tech-och-digitalisering"
    ]
    latest = actor.history.latest("history_date")
    assert latest.history_change_reason == "Restored an earlier version"


def test_restoring_a_draft_version_of_a_published_entry_says_it_unpublished(
    publisher_client, form_data, areas
):
    actor = ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])
    draft_version = actor.history.latest("history_date")
    change(publisher_client, form_data, actor, status="published")

    response = restore(publisher_client, form_data, actor, draft_version)

    messages = [str(m) for m in response.context["messages"]]
    assert "Restoring this version changed the status from “Published” to “Draft”." in messages
    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_an_editor_restoring_a_version_does_not_change_the_status(
    editor_client, publisher_client, form_data, areas
):
    actor = ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])
    draft_version = actor.history.latest("history_date")
    change(publisher_client, form_data, actor, status="published")

    response = restore(editor_client, form_data, actor, draft_version)

    messages = [str(m) for m in response.context["messages"]]
    assert "The status stays “Published”: only a publisher can change it." in messages
    assert Actor.objects.get(pk=actor.pk).status == "published"


def test_restoring_keeps_todays_review_date(editor_client, publisher, form_data):
    actor = ActorFactory(draft=True)
    old_version = actor.history.latest("history_date")
    entry_mark_reviewed(entry=actor, by=publisher, on=datetime.date(2026, 5, 4))

    restore(editor_client, form_data, actor, old_version)

    assert Actor.objects.get(pk=actor.pk).last_reviewed_on == datetime.date(2026, 5, 4)


def test_a_version_page_offers_revert_only_to_those_who_may_change(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(viewer)
    actor = ActorFactory()
    record = actor.history.latest("history_date")

    page = client.get(version_url(actor, record))

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_an_entry_loaded_without_history_can_be_restored_after_its_first_change(
    editor_client, form_data, areas
):
    actor = ActorFactory(
        draft=True, name_en="Loaded", priority_areas=[areas["ikt-tech-och-digitalisering"]]
    )
    actor.history.all().delete()  # as after loading fixtures or a bulk COPY
    change(editor_client, form_data, actor, name_en="Edited", priority_areas=[])
    baseline = actor.history.earliest("history_date")

    restore(editor_client, form_data, actor, baseline)

    actor.refresh_from_db()
    assert baseline.history_change_reason == "As it was before the first recorded change"
    assert baseline.history_user is None
    assert actor.name_en == "Loaded"
    assert list(actor.priority_areas.values_list("slug", flat=True)) == [
        "ikt-tech-och-digitalisering"
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/actors/actor/abc/history/",
        "/admin/actors/actor/abc/history/1/",
        "/admin/spetsomraden/priorityarea/abc/history/",
    ],
)
def test_a_history_address_with_an_id_that_cannot_be_one_is_answered_as_a_missing_entry(
    editor_client, path
):
    # Django's answer for an entry that does not exist: the admin's start page, with a message.
    response = editor_client.get(path, follow=True)

    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    # The staff admin is in Swedish: Django's own message for a missing entry.
    assert "med ID “abc” finns inte. Kan den ha blivit borttagen?" in response.content.decode()


@pytest.mark.parametrize("version", ["xyz", "1x"])
def test_a_version_address_that_is_not_a_number_is_not_found(editor_client, version):
    actor = ActorFactory()

    response = editor_client.get(f"/admin/actors/actor/{actor.pk}/history/{version}/")

    assert response.status_code == 404
