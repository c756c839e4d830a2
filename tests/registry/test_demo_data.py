"""The demo registry that `make run` loads into an empty database."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry.models import Actor, Project, SupportOffer
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

REAL_PROJECTS = {"cohes3ion", "growsmarter", "viable-cities"}


def test_the_demo_data_loads_into_an_empty_registry_and_every_entry_is_valid():
    call_command("load_demo_data")

    assert Actor.objects.count() == 51
    assert SupportOffer.objects.count() == 71
    assert Project.objects.count() == 17
    for model in (Actor, SupportOffer, Project):
        for entry in model.objects.all():
            entry.full_clean()


def test_the_demo_data_is_not_loaded_over_existing_entries(capsys):
    ActorFactory()

    call_command("load_demo_data")

    assert Actor.objects.count() == 1
    assert "no demo data was loaded" in capsys.readouterr().out


def test_made_up_demo_projects_say_so_in_both_languages():
    call_command("load_demo_data")

    for project in Project.objects.exclude(slug__in=REAL_PROJECTS):
        assert project.description_sv.startswith("Exempelprojekt i demodata"), project.slug
        assert not project.description_en or project.description_en.startswith(
            "Example project in the demo data"
        ), project.slug


def test_the_demo_registry_serves_its_pages(client):
    call_command("load_demo_data")
    actor = Actor.objects.published().first()
    project = Project.objects.published().first()

    for url in (
        reverse("home"),
        reverse("registry:actor_list"),
        actor.get_absolute_url(),
        project.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
