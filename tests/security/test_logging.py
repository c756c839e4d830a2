"""Structured request logs, and error logs that carry the request id but no secrets."""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client

from innovation_portal.request_logging import JsonFormatter, RequestIdFilter, redact
from registry import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log(caplog):
    """The log lines as production writes them: JSON, with the request id filter."""
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())
    formatter = JsonFormatter()

    def lines(logger_name=None):
        return [
            json.loads(formatter.format(record))
            for record in caplog.records
            if logger_name is None or record.name == logger_name
        ]

    return lines


def test_production_logs_are_json_lines():
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]


def test_each_request_is_logged_once_with_status_duration_and_id(json_log, registry):
    response = Client().get("/aktorer/?q=kista&page=1")

    (line,) = json_log("innovation_portal.requests")
    assert line["method"] == "GET"
    assert line["path"] == "/aktorer/"  # no query string: visitors type free text into it
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["view"] == "registry:actor_list"
    assert line["level"] == "INFO"


def test_client_errors_are_logged_at_info_and_server_errors_at_error(json_log, monkeypatch):
    Client().get("/finns-inte/")

    def fail(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "actor_list", fail)
    Client(raise_request_exception=False).get("/aktorer/")

    statuses = {line["status"]: line["level"] for line in json_log("innovation_portal.requests")}
    assert statuses == {404: "INFO", 500: "ERROR"}


def test_an_error_is_logged_with_the_request_id_and_without_secrets(json_log, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("lookup failed for anna.svensson@example.se password=hunter2")

    monkeypatch.setattr(selectors, "actor_list", fail)
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "SESSIONSECRET123"

    response = client.get(
        "/aktorer/?q=anna.svensson@example.se&personnummer=19800101-1234",
        HTTP_AUTHORIZATION="Bearer TOKENSECRET456789",
        HTTP_X_API_KEY="KEYSECRET789",
    )

    assert response.status_code == 500
    errors = [line for line in json_log() if line["level"] == "ERROR"]
    assert errors, "the error was not logged"
    django_error = next(line for line in errors if line["logger"] == "django.request")
    assert django_error["request_id"] == response["X-Request-ID"]
    assert "RuntimeError" in django_error["exception"]
    assert "[e-mail]" in django_error["exception"]
    everything = json.dumps(json_log())
    for secret in (
        "SESSIONSECRET123",
        "TOKENSECRET456789",
        "KEYSECRET789",
        "anna.svensson@example.se",
        "hunter2",
        "19800101-1234",
    ):
        assert secret not in everything


def test_an_id_from_the_client_is_ignored_without_a_trusted_proxy(json_log):
    response = Client().get("/om/", HTTP_X_REQUEST_ID="chosen-by-the-client")

    assert response["X-Request-ID"] != "chosen-by-the-client"


def test_the_proxys_request_id_is_kept_behind_a_trusted_proxy(json_log, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    response = Client().get("/om/", HTTP_X_REQUEST_ID="proxy-id-0123456789")
    malformed = Client().get("/om/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")

    assert response["X-Request-ID"] == "proxy-id-0123456789"
    assert json_log("innovation_portal.requests")[0]["request_id"] == "proxy-id-0123456789"
    assert "<" not in malformed["X-Request-ID"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail from kalle@firma.se failed", "mail from [e-mail] failed"),
        ("person 850709-9805 and 198507099805", "person [number] and [number]"),
        ("password=hunter2&next=/admin/", "password=[redacted]&next=/admin/"),
        ("Authorization: Bearer abc.def.ghijkl", "Authorization: [redacted]"),
        ("token: 'x y z'", "token: [redacted]"),
        ("GET /aktorer/ 200 12.5 ms", "GET /aktorer/ 200 12.5 ms"),
    ],
)
def test_redaction(text, expected):
    assert redact(text) == expected
