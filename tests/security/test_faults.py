"""A lost database answers a friendly 503 (never a traceback); other faults stay 500s.

The end-to-end proof, with a real server stopped and started, is in test_database_outage.py.
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.test import Client

from registry import selectors

pytestmark = pytest.mark.django_db

LOST = OperationalError('connection to server on socket "/tmp/.s.PGSQL.5432" failed')


@pytest.fixture
def database_gone(monkeypatch):
    def fail(**kwargs):
        raise LOST

    monkeypatch.setattr(selectors, "actor_list", fail)


def test_a_page_without_its_database_is_a_friendly_503_in_swedish(database_gone):
    response = Client().get("/aktorer/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "<h1>" in html
    assert 'href="/"' in html
    for leak in ("Traceback", "OperationalError", "PGSQL", "socket"):
        assert leak not in html


def test_the_503_page_is_english_on_the_english_site(database_gone):
    response = Client().get("/en/actors/")

    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Temporarily unavailable" in html
    assert "Please try again in 30 seconds." in html


@pytest.mark.urls("tests.security.urls")
def test_the_api_answers_503_in_json():
    response = Client().get("/api/stand-in/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
        "retry_after": 30,
    }


def test_a_database_error_in_a_middleware_is_a_503_too(monkeypatch):
    # As a database-backed page cache or session store would fail, before any view runs.
    from django.middleware.locale import LocaleMiddleware

    def fail(self, request):
        raise LOST

    monkeypatch.setattr(LocaleMiddleware, "process_request", fail)

    response = Client(raise_request_exception=False).get("/en/actors/")

    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_a_lost_connection_while_reading_the_session_is_a_503(monkeypatch, administrator):
    client = Client(raise_request_exception=False)
    client.force_login(administrator)

    def fail(self):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(SessionStore, "load", fail)

    response = client.get("/admin/")

    assert response.status_code == 503
    assert "Traceback" not in response.content.decode()


def test_other_faults_stay_server_errors(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "actor_list", fail)

    response = Client(raise_request_exception=False).get("/aktorer/")

    assert response.status_code == 500
    assert "a bug" not in response.content.decode()


def test_health_check_reports_the_database_down(monkeypatch):
    from innovation_portal import health

    class Unreachable:
        def cursor(self):
            raise LOST

    monkeypatch.setattr(health, "connection", Unreachable())

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert response["Retry-After"] == "30"


def test_health_check_reports_the_database_up():
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
