"""The admin's lists, filters and links, and the fixed number of queries they make."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from registry.models import Actor
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
    with_check_digit,
)

pytestmark = pytest.mark.django_db


def changelist(client, model, **params):
    return client.get(reverse(f"admin:actors_{model}_changelist"), params)


def listed(response) -> set[str]:
    return {str(entry) for entry in response.context["cl"].result_list}


# Columns, filters and search


def test_the_actor_list_shows_what_editors_work_with(editor_client, english, areas, solna):
    ActorFactory(
        name_sv="Karolinska Institutet Innovations",
        kind="science_park",
        municipality=solna,
        status="draft",
        priority_areas=[areas["life-science-vard-och-halsa"]],
    )

    html = changelist(editor_client, "actor").content.decode()

    for text in [
        "Karolinska Institutet Innovations",
        "Science park",
        "Solna",
        "Life science",
        "Draft",
    ]:
        assert text in html


@pytest.mark.parametrize(
    ("reviewed_days_ago", "needs_review"), [(None, True), (400, True), (30, False)]
)
def test_the_needs_review_filter_finds_entries_not_reviewed_for_a_year(
    editor_client, reviewed_days_ago, needs_review
):
    reviewed = (
        None
        if reviewed_days_ago is None
        else timezone.localdate() - datetime.timedelta(days=reviewed_days_ago)
    )
    actor = ActorFactory(name_sv="Att granska", last_reviewed_on=reviewed)

    needed = listed(changelist(editor_client, "actor", review="needed"))
    recent = listed(changelist(editor_client, "actor", review="recent"))

    assert (str(actor) in needed) is needs_review
    assert (str(actor) in recent) is not needs_review


@pytest.mark.parametrize("model", ["supportoffer", "project"])
def test_offers_and_projects_have_the_needs_review_filter(editor_client, model):
    factory = SupportOfferFactory if model == "supportoffer" else ProjectFactory
    stale = factory(last_reviewed_on=timezone.localdate() - datetime.timedelta(days=366))
    fresh = factory(last_reviewed_on=timezone.localdate())

    shown = listed(changelist(editor_client, model, review="needed"))

    assert str(stale) in shown
    assert str(fresh) not in shown


def test_actors_are_found_by_organisation_number(editor_client):
    number = with_check_digit("556901234")
    ActorFactory(name_sv="Sökbar", organisation_number=number)
    ActorFactory(name_sv="Annan")

    assert listed(changelist(editor_client, "actor", q=number)) == {"Sökbar"}


def test_offers_are_filtered_by_company_stage(editor_client):
    SupportOfferFactory(name_sv="För idéer", stages=["idea"])
    SupportOfferFactory(name_sv="För skalbolag", stages=["scaleup"])

    assert listed(changelist(editor_client, "supportoffer", stage="scaleup")) == {"För skalbolag"}


def test_projects_are_filtered_by_phase(editor_client):
    today = timezone.localdate()
    ProjectFactory(name_sv="Pågår", acronym="", start_date=today - datetime.timedelta(days=10))
    ProjectFactory(
        name_sv="Avslutat",
        acronym="",
        start_date=today - datetime.timedelta(days=900),
        end_date=today - datetime.timedelta(days=100),
    )

    assert listed(changelist(editor_client, "project", phase="completed")) == {"Avslutat"}


def test_actors_are_sorted_in_swedish_order(editor_client):
    for name in ["Örebro labb", "Ängby hubb", "Zeta", "Åkersberga park"]:
        ActorFactory(name_sv=name)

    names = [a.name_sv for a in changelist(editor_client, "actor").context["cl"].result_list]

    assert names == ["Zeta", "Åkersberga park", "Ängby hubb", "Örebro labb"]


# Queries: the same number for 1 and for 20 rows


def _actor(areas):
    return ActorFactory(priority_areas=[areas["ikt-tech-och-digitalisering"]])


def _offer(areas):
    return SupportOfferFactory(priority_areas=[areas["ikt-tech-och-digitalisering"]])


def _project(areas):
    project = ProjectFactory(
        priority_areas=[areas["klimat-och-miljoatgarder-hallbar-stadsutveckling"]]
    )
    ParticipationFactory(project=project)
    return project


@pytest.mark.parametrize(
    ("model", "make", "queries"),
    [("actor", _actor, 9), ("supportoffer", _offer, 9), ("project", _project, 10)],
)
def test_entry_lists_make_the_same_queries_for_1_and_20_rows(
    editor_client, django_assert_num_queries, areas, model, make, queries
):
    make(areas)
    with django_assert_num_queries(queries):
        changelist(editor_client, model)

    for _ in range(19):
        make(areas)
    with django_assert_num_queries(queries):
        response = changelist(editor_client, model)
    assert len(response.context["cl"].result_list) == 20


def test_the_municipality_list_makes_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries
):
    with django_assert_num_queries(7):
        response = editor_client.get(reverse("admin:actors_municipality_changelist"))

    assert len(response.context["cl"].result_list) == 26


# Links between the admin and the public pages


def test_a_published_entry_links_to_its_public_page(editor_client, english):
    actor = ActorFactory(slug="openlab")

    html = editor_client.get(reverse("admin:actors_actor_change", args=[actor.pk])).content.decode()

    assert 'href="/en/actors/openlab/"' in html
    assert "View on site" in html


def test_a_draft_says_it_has_no_public_page_yet(editor_client, english):
    actor = ActorFactory(draft=True)

    html = editor_client.get(reverse("admin:actors_actor_change", args=[actor.pk])).content.decode()

    assert "No public page yet" in html
    assert "View on site" not in html


def _render_edit_link(user, entry) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load admin_links %}{% admin_edit_link entry %}")
    return template.render(Context({"request": request, "entry": entry}))


def test_the_edit_link_shows_for_staff_who_may_change_the_entry(editor, english):
    actor = ActorFactory()

    html = _render_edit_link(editor, actor)

    assert html == (
        f'<a class="admin-edit-link" href="/en/admin/actors/actor/{actor.pk}/change/">'
        "Edit in admin</a>"
    )


def test_the_edit_link_is_empty_for_visitors_and_staff_without_the_right(
    django_user_model, english
):
    actor = ActorFactory()
    staff_without_rights = django_user_model.objects.create_user("s", password="x", is_staff=True)

    assert _render_edit_link(AnonymousUser(), actor) == ""
    assert _render_edit_link(staff_without_rights, actor) == ""


# Languages


def test_the_admin_speaks_swedish_by_default_and_english_under_en(editor_client):
    swedish = editor_client.get("/admin/").content.decode()
    english_page = editor_client.get("/en/admin/").content.decode()

    assert 'lang="sv"' in swedish
    assert "Logga ut" in swedish
    assert 'href="/en/admin/"' in swedish
    assert "Log out" in english_page
    assert 'href="/admin/"' in english_page


# Pickers and duplicates


def test_the_actor_picker_searches_actors(editor_client):
    ActorFactory(name_sv="KTH Innovation")
    ActorFactory(name_sv="Norrsken")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "actors", "model_name": "supportoffer", "field_name": "actor", "term": "kth"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["KTH Innovation"]


def test_the_area_picker_searches_priority_areas(editor_client, areas):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "actors",
            "model_name": "actor",
            "field_name": "priority_areas",
            "term": "IKT",
        },
    )

    assert len(response.json()["results"]) == 1


def test_saving_a_likely_duplicate_warns_with_a_link(editor_client, form_data, english, stockholm):
    existing = ActorFactory(name_sv="Norrsken Foundation")
    url = reverse("admin:actors_actor_add")
    data = form_data(editor_client.get(url))
    data.update(
        name_sv="Norrsken Foundation AB",
        slug="norrsken-ab",
        kind="funder",
        helix_sector="civil_society",
        municipality=stockholm.pk,
    )

    response = editor_client.post(url, data, follow=True)

    (warning,) = [str(m) for m in response.context["messages"] if "duplicate" in str(m)]
    assert reverse("admin:actors_actor_change", args=[existing.pk]) in warning
    assert "same name" in warning
    assert Actor.objects.filter(slug="norrsken-ab").exists()
