"""What the public pages show of the admin's work: logo thumbnails and, for staff, edit links."""

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, SupportOfferFactory
from tests.registry.test_logos import image_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "media_root")]


@pytest.fixture
def actor_with_logo(editor_client, form_data):
    actor = ActorFactory(name_en="Logo Lab")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(editor_client.get(url))
    data["logo_upload"] = upload(image_bytes(size=(600, 300)))
    assert editor_client.post(url, data).status_code == 302
    actor.refresh_from_db()
    return actor


def test_the_actor_page_and_the_actor_list_show_the_logo_thumbnail(client, actor_with_logo):
    thumbnail_url = actor_with_logo.logo_thumbnail.url

    detail = client.get(actor_with_logo.get_absolute_url()).content.decode()
    listing = client.get(reverse("registry:actor_list")).content.decode()

    assert f'src="{thumbnail_url}"' in detail
    assert f'src="{thumbnail_url}"' in listing


def test_the_thumbnail_is_served_as_an_image_with_caching(client, actor_with_logo):
    response = client.get(actor_with_logo.logo_thumbnail.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=86400" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "path",
    ["/media/logos/../secret.txt", "/media/logos/missing.png", "/media/secret.txt"],
)
def test_nothing_outside_the_logos_folder_is_served(client, settings, path):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "secret.txt").write_text("not public")

    assert client.get(path).status_code == 404


def test_an_actor_without_a_logo_shows_no_image(client):
    actor = ActorFactory()

    assert "entry__logo" not in client.get(actor.get_absolute_url()).content.decode()


def test_staff_who_may_change_an_entry_see_a_link_to_it_in_the_admin(editor_client):
    offer = SupportOfferFactory()

    page = editor_client.get(offer.get_absolute_url()).content.decode()

    assert f'href="{reverse("admin:actors_supportoffer_change", args=[offer.pk])}"' in page
    assert "Edit in admin" in page


def test_visitors_see_no_admin_link(client):
    offer = SupportOfferFactory()

    page = client.get(offer.get_absolute_url()).content.decode()

    assert "/admin/" not in page
    assert "Edit in admin" not in page


def test_the_area_page_links_staff_to_the_area_in_the_admin(administrator_client, areas):
    area = next(iter(areas.values()))

    page = administrator_client.get(area.get_absolute_url()).content.decode()

    assert reverse("admin:spetsomraden_priorityarea_change", args=[area.pk]) in page
