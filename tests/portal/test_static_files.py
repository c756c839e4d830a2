"""Static files in production: hashed names, compressed copies, cached for a year by browsers."""

import gzip
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

# What production uses (innovation_portal/settings.py without DEBUG).
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """``collectstatic`` once, as the container image runs it at build time."""
    root = tmp_path_factory.mktemp("static")
    from django.test import override_settings

    with override_settings(
        STATIC_ROOT=root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    return collected


def test_the_stylesheet_is_collected_under_a_hashed_name_with_a_compressed_copy(
    production_static,
):
    url = staticfiles_storage.url("css/portal.css")
    name = url.removeprefix("/static/")

    assert re.fullmatch(r"css/portal\.[0-9a-f]{12}\.css", name)
    original = (production_static / name).read_bytes()
    assert gzip.decompress((production_static / f"{name}.gz").read_bytes()) == original


def test_a_hashed_file_is_served_compressed_and_cached_for_a_year(production_static):
    url = staticfiles_storage.url("css/portal.css")

    response = Client().get(url, headers={"accept-encoding": "gzip, deflate"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert f"max-age={ONE_YEAR}" in cache_control or "max-age=315360000" in cache_control
    body = b"".join(response.streaming_content)
    assert b"{" in gzip.decompress(body)


def test_a_name_without_its_hash_is_not_cached_for_long(production_static):
    response = Client().get("/static/css/portal.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_pages_link_the_hashed_stylesheet(production_static, client, db):
    page = client.get("/").content.decode()

    assert f'href="{staticfiles_storage.url("css/portal.css")}"' in page
