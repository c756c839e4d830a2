"""The admin of priority areas, roadmaps and milestones."""

import datetime

import pytest
from django.urls import reverse

from spetsomraden.models import Milestone, PriorityArea, Roadmap
from tests.factories import ActorFactory, MilestoneFactory, ProjectFactory, SupportOfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_area_list_shows_the_roadmap_and_what_each_area_holds(editor_client, areas):
    ict = areas["ikt-tech-och-digitalisering"]
    ActorFactory(priority_areas=[ict])
    ActorFactory(priority_areas=[ict])
    SupportOfferFactory(priority_areas=[ict])
    ProjectFactory(priority_areas=[ict])

    response = editor_client.get(reverse("admin:spetsomraden_priorityarea_changelist"))

    (row,) = [a for a in response.context["cl"].result_list if a.pk == ict.pk]
    assert (row.actor_total, row.offer_total, row.project_total) == (2, 1, 1)
    assert ict.roadmap.get_status_display() in response.content.decode()


def test_the_area_list_makes_a_fixed_number_of_queries(
    editor_client, areas, django_assert_num_queries
):
    with django_assert_num_queries(7):
        editor_client.get(reverse("admin:spetsomraden_priorityarea_changelist"))
    for area in areas.values():
        ActorFactory(priority_areas=[area])
        ProjectFactory(priority_areas=[area])
    with django_assert_num_queries(7):
        editor_client.get(reverse("admin:spetsomraden_priorityarea_changelist"))


def test_the_roadmap_list_makes_the_same_queries_with_and_without_milestones(
    editor_client, django_assert_num_queries
):
    with django_assert_num_queries(7):
        editor_client.get(reverse("admin:spetsomraden_roadmap_changelist"))
    for roadmap in Roadmap.objects.all():
        MilestoneFactory.create_batch(5, roadmap=roadmap)
    with django_assert_num_queries(7):
        response = editor_client.get(reverse("admin:spetsomraden_roadmap_changelist"))

    assert "0 / 5" in response.content.decode()


def test_an_editor_changes_an_areas_texts_but_cannot_add_or_delete_areas(
    editor_client, form_data, areas
):
    area = areas["ikt-tech-och-digitalisering"]
    url = reverse("admin:spetsomraden_priorityarea_change", args=[area.pk])
    data = form_data(editor_client.get(url))
    data["description_en"] = "Digital technology in every sector."

    editor_client.post(url, data)

    assert PriorityArea.objects.get(pk=area.pk).description_en == (
        "Digital technology in every sector."
    )
    assert editor_client.get(reverse("admin:spetsomraden_priorityarea_add")).status_code == 403
    delete = reverse("admin:spetsomraden_priorityarea_delete", args=[area.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert PriorityArea.objects.count() == 4


def test_milestones_are_edited_inline_on_the_roadmap(editor_client, form_data):
    roadmap = Roadmap.objects.first()
    url = reverse("admin:spetsomraden_roadmap_change", args=[roadmap.pk])
    page = editor_client.get(url)
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data.update(
        {
            f"{prefix}-0-date": "2027-03-01",
            f"{prefix}-0-date_precision": "month",
            f"{prefix}-0-title_sv": "Färdplanen antas",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    milestone = Milestone.objects.get(roadmap=roadmap, title_sv="Färdplanen antas")
    assert milestone.date == datetime.date(2027, 3, 1)


def test_roadmap_changes_are_in_its_history(editor_client, editor, form_data):
    roadmap = Roadmap.objects.first()
    url = reverse("admin:spetsomraden_roadmap_change", args=[roadmap.pk])
    data = form_data(editor_client.get(url))
    data["status"] = "adopted"
    editor_client.post(url, data)

    page = editor_client.get(reverse("admin:spetsomraden_roadmap_history", args=[roadmap.pk]))
    html = " ".join(page.content.decode().split())

    assert editor.username in html
    assert "in_progress &nbsp;&rarr;&nbsp;&nbsp;adopted" in html
    assert "As it was before the first recorded change" in html


def test_a_roadmap_from_the_data_migration_can_be_restored_after_its_first_change(
    editor_client, form_data
):
    roadmap = Roadmap.objects.first()
    original_summary = roadmap.summary_en
    url = reverse("admin:spetsomraden_roadmap_change", args=[roadmap.pk])
    data = form_data(editor_client.get(url))
    data["summary_en"] = "Rewritten."
    editor_client.post(url, data)
    baseline = roadmap.history.earliest("history_date")

    version = reverse("admin:spetsomraden_roadmap_simple_history", args=[roadmap.pk, baseline.pk])
    editor_client.post(version, form_data(editor_client.get(version)))

    assert Roadmap.objects.get(pk=roadmap.pk).summary_en == original_summary


def test_an_area_links_to_its_public_page(editor_client, areas):
    area = areas["life-science-vard-och-halsa"]

    html = editor_client.get(
        reverse("admin:spetsomraden_priorityarea_change", args=[area.pk])
    ).content.decode()

    assert f'href="{area.get_absolute_url()}"' in html
