"""Admin deletions: linked entries are archived instead; a real delete lists what it removes."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from registry.models import Actor, Participation, Project, SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

pytestmark = pytest.mark.django_db


# The admin in English (/en/admin/), so that the texts below read as written.


def delete_url(entry):
    opts = entry._meta
    with translation.override("en"):
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[entry.pk])


def changelist_url(model):
    with translation.override("en"):
        return reverse(f"admin:actors_{model._meta.model_name}_changelist")


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_deleting_a_published_actor_with_offers_offers_to_archive_it(administrator_client):
    actor = ActorFactory(name_sv="Kista Science City")
    SupportOfferFactory(actor=actor)
    ParticipationFactory(actor=actor)

    page = administrator_client.get(delete_url(actor))

    assert page.status_code == 200
    html = text(page)
    assert "cannot be deleted, because it is linked to other entries" in html
    assert "1 support offer, 1 participation" in html
    assert 'value="Archive it"' in html
    actor.refresh_from_db()
    assert actor.status == "published"


def test_confirming_archives_the_actor_and_keeps_everything_linked(administrator_client):
    actor = ActorFactory(name_sv="Kista Science City")
    offers = SupportOfferFactory.create_batch(2, actor=actor)

    response = administrator_client.post(delete_url(actor), {"post": "yes"}, follow=True)

    actor.refresh_from_db()
    assert actor.status == "archived"
    assert SupportOffer.objects.filter(pk__in=[o.pk for o in offers]).count() == 2
    assert "was archived instead of deleted" in text(response)
    assert "(2 support offers)" in text(response)
    with translation.override("en"):
        change_url = reverse("admin:actors_actor_change", args=[actor.pk])
    assert response.redirect_chain[-1][0] == change_url


def test_a_project_with_partners_is_archived_instead_of_deleted(administrator_client):
    project = ProjectFactory()
    ParticipationFactory.create_batch(2, project=project)

    administrator_client.post(delete_url(project), {"post": "yes"})

    project.refresh_from_db()
    assert project.status == "archived"
    assert Participation.objects.filter(project=project).count() == 2


def test_an_archived_linked_entry_stays_archived(administrator_client):
    actor = ActorFactory(archived=True)
    SupportOfferFactory(actor=actor)

    page = administrator_client.get(delete_url(actor))
    response = administrator_client.post(delete_url(actor), {"post": "yes"}, follow=True)

    assert "It is already archived" in text(page)
    assert 'value="Archive it"' not in text(page)
    assert "was not deleted" in text(response)
    assert Actor.objects.get(pk=actor.pk).status == "archived"


def test_an_unlinked_entry_is_deleted_after_a_confirmation_listing_it(administrator_client):
    offer = SupportOfferFactory(name_sv="Affärsrådgivning")

    page = administrator_client.get(delete_url(offer))

    assert page.status_code == 200
    html = text(page)
    assert "Are you sure you want to delete" in html
    assert "Affärsrådgivning" in html.split('id="deleted-objects"')[1]
    assert SupportOffer.objects.filter(pk=offer.pk).exists()

    administrator_client.post(delete_url(offer), {"post": "yes"})

    assert not SupportOffer.objects.filter(pk=offer.pk).exists()


def test_deleting_a_draft_project_lists_the_participations_it_removes(administrator_client):
    project = ProjectFactory(draft=True, name_sv="Utkastprojekt")
    ParticipationFactory(project=project, organisation_name="", actor=ActorFactory())

    page = administrator_client.get(delete_url(project))

    deleted = text(page).split('id="deleted-objects"')[1]
    assert "Utkastprojekt" in deleted
    assert "Participation:" in deleted

    administrator_client.post(delete_url(project), {"post": "yes"})

    assert not Project.objects.filter(pk=project.pk).exists()
    assert not Participation.objects.filter(project_id=project.pk).exists()


def test_a_draft_actor_with_offers_cannot_be_deleted(administrator_client):
    actor = ActorFactory(draft=True)
    offer = SupportOfferFactory(actor=actor, name_sv="Skyddat erbjudande")

    page = administrator_client.get(delete_url(actor))
    administrator_client.post(delete_url(actor), {"post": "yes"})

    assert "Skyddat erbjudande" in text(page)  # listed as what stands in the way
    assert Actor.objects.filter(pk=actor.pk).exists()
    assert SupportOffer.objects.filter(pk=offer.pk).exists()


def test_bulk_delete_archives_the_linked_and_deletes_the_rest(administrator_client):
    linked = ActorFactory(name_sv="Länkad aktör")
    SupportOfferFactory(actor=linked)
    unlinked = ActorFactory(name_sv="Fristående aktör")
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [linked.pk, unlinked.pk]}

    page = administrator_client.post(changelist_url(Actor), data)

    html = text(page)
    assert "Länkad aktör (1 support offer)" in html.split('id="archived-instead"')[1]
    assert "Fristående aktör" in html.split("<h2>")[-1]  # the objects to delete
    assert Actor.objects.filter(pk__in=[linked.pk, unlinked.pk]).count() == 2

    administrator_client.post(changelist_url(Actor), {**data, "post": "yes"})

    assert not Actor.objects.filter(pk=unlinked.pk).exists()
    assert Actor.objects.get(pk=linked.pk).status == "archived"


def test_bulk_delete_of_unlinked_entries_is_djangos_own(administrator_client):
    offers = SupportOfferFactory.create_batch(2)
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [o.pk for o in offers]}

    page = administrator_client.post(changelist_url(SupportOffer), data)

    assert page.status_code == 200
    assert 'id="archived-instead"' not in page.content.decode()
    assert SupportOffer.objects.count() == 2

    administrator_client.post(changelist_url(SupportOffer), {**data, "post": "yes"})

    assert SupportOffer.objects.count() == 0


def test_staff_without_the_delete_permission_cannot_delete_or_archive(publisher_client):
    actor = ActorFactory()
    SupportOfferFactory(actor=actor)

    assert publisher_client.get(delete_url(actor)).status_code == 403
    assert publisher_client.post(delete_url(actor), {"post": "yes"}).status_code == 403
    actor.refresh_from_db()
    assert actor.status == "published"


def test_priority_areas_cannot_be_deleted_at_all(administrator_client, areas):
    area = next(iter(areas.values()))

    url = reverse("admin:spetsomraden_priorityarea_delete", args=[area.pk])

    assert administrator_client.get(url).status_code == 403
