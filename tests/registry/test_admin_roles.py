"""The three staff roles, each boundary proven through the admin's own views."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from registry.models import Actor, Municipality
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ENTRIES = ("actor", "supportoffer", "project")


def group_permissions(name: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


EDITOR = {
    *(f"actors.{action}_{model}" for model in ENTRIES for action in ("view", "add", "change")),
    "actors.view_participation",
    "actors.add_participation",
    "actors.change_participation",
    "actors.view_municipality",
    "spetsomraden.view_priorityarea",
    "spetsomraden.change_priorityarea",
    "spetsomraden.view_roadmap",
    "spetsomraden.change_roadmap",
    "spetsomraden.view_milestone",
    "spetsomraden.add_milestone",
    "spetsomraden.change_milestone",
}


def test_the_editor_group_has_exactly_the_editing_permissions():
    assert group_permissions("Redaktör") == EDITOR


def test_the_publisher_group_adds_publishing_and_reviewing_only():
    extra = {f"actors.{action}_{model}" for model in ENTRIES for action in ("publish", "review")}

    assert group_permissions("Publicerare") == EDITOR | extra


def test_the_administrator_group_has_every_permission():
    everything = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }

    assert group_permissions("Administratör") == everything
    assert {"auth.add_user", "auth.change_group", "actors.delete_actor"} <= everything


def _add_actor(client, form_data, stockholm, **values):
    url = reverse("admin:actors_actor_add")
    data = form_data(client.get(url))
    data.update(
        name_sv="Ny testbädd",
        slug="ny-testbadd",
        kind="test_bed",
        helix_sector="business",
        municipality=stockholm.pk,
        description_sv="En testbädd för energi.",
        **values,
    )
    return client.post(url, data)


# Redaktör


def test_an_editor_adds_an_entry_that_arrives_as_a_draft(
    editor_client, form_data, stockholm, areas
):
    response = _add_actor(
        editor_client,
        form_data,
        stockholm,
        status="published",
        priority_areas=[areas["ikt-tech-och-digitalisering"].pk],
    )

    assert response.status_code == 302
    assert Actor.objects.get(slug="ny-testbadd").status == "draft"


def test_an_editor_sees_the_status_but_cannot_change_it(editor_client, form_data):
    actor = ActorFactory(draft=True)
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    page = editor_client.get(url)
    data = form_data(page)
    data["status"] = "published"

    editor_client.post(url, data)

    assert "status" not in page.context["adminform"].form.fields
    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_an_editor_changes_the_text_of_an_entry(editor_client, form_data):
    actor = ActorFactory(draft=True)
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(editor_client.get(url))
    data["description_en"] = "A place to test ideas."

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert Actor.objects.get(pk=actor.pk).description_en == "A place to test ideas."


def test_an_editor_cannot_empty_what_a_published_page_shows(editor_client, form_data, areas):
    actor = ActorFactory(priority_areas=[areas["ikt-tech-och-digitalisering"]])
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(editor_client.get(url))
    data["description_sv"] = ""

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "it needs description (Swedish)" in response.content.decode()
    assert Actor.objects.get(pk=actor.pk).description_sv


@pytest.mark.parametrize(
    "action",
    ["publish_selected", "archive_selected", "return_to_draft_selected", "mark_reviewed_selected"],
)
def test_an_editor_cannot_run_lifecycle_actions(editor_client, action):
    draft, published = ActorFactory(draft=True), ActorFactory()

    editor_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": action, "_selected_action": [draft.pk, published.pk]},
    )

    assert Actor.objects.get(pk=draft.pk).status == "draft"
    assert Actor.objects.get(pk=published.pk).status == "published"
    assert not Actor.objects.filter(last_reviewed_on__isnull=False).exists()


@pytest.mark.parametrize("model", ENTRIES)
def test_an_editor_cannot_delete_entries(editor_client, model):
    factory = {
        "actor": ActorFactory,
        "supportoffer": SupportOfferFactory,
        "project": ProjectFactory,
    }[model]
    entry = factory()

    response = editor_client.post(
        reverse(f"admin:actors_{model}_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert type(entry).objects.filter(pk=entry.pk).exists()


def test_an_editor_cannot_manage_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_an_editor_views_municipalities_but_cannot_change_them(editor_client):
    stockholm = Municipality.objects.get(code="0180")
    url = reverse("admin:actors_municipality_change", args=[stockholm.pk])

    page = editor_client.get(url)
    editor_client.post(url, {"code": "0180", "name": "Sthlm"})

    assert page.status_code == 200
    assert Municipality.objects.get(code="0180").name == "Stockholm"


def test_an_editor_may_import(editor_client):
    assert editor_client.get(reverse("admin:actors_actor_import")).status_code == 200


# Publicerare


def test_a_publisher_publishes_from_the_change_form(publisher_client, form_data, areas):
    actor = ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(publisher_client.get(url))
    data["status"] = "published"

    response = publisher_client.post(url, data)

    assert response.status_code == 302
    assert Actor.objects.get(pk=actor.pk).status == "published"


def test_a_publisher_cannot_publish_an_incomplete_entry_from_the_form(publisher_client, form_data):
    actor = ActorFactory(draft=True)
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(publisher_client.get(url))
    data["status"] = "published"

    response = publisher_client.post(url, data)

    assert "cannot be published: it needs priority areas" in response.content.decode()
    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_a_publisher_cannot_delete_or_manage_users(publisher_client):
    actor = ActorFactory()

    response = publisher_client.post(
        reverse("admin:actors_actor_delete", args=[actor.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Actor.objects.filter(pk=actor.pk).exists()
    assert publisher_client.get(reverse("admin:auth_user_changelist")).status_code == 403


# Administratör


def test_an_administrator_deletes_entries(administrator_client):
    actor = ActorFactory()

    response = administrator_client.post(
        reverse("admin:actors_actor_delete", args=[actor.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Actor.objects.filter(pk=actor.pk).exists()


def test_an_administrator_manages_users_and_groups(administrator_client):
    assert administrator_client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert administrator_client.get(reverse("admin:auth_user_add")).status_code == 200
    assert administrator_client.get(reverse("admin:auth_group_changelist")).status_code == 200


def test_an_administrator_publishes_too(administrator_client, areas):
    actor = ActorFactory(draft=True, priority_areas=[areas["ikt-tech-och-digitalisering"]])

    administrator_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "publish_selected", "_selected_action": [actor.pk]},
    )

    assert Actor.objects.get(pk=actor.pk).status == "published"
