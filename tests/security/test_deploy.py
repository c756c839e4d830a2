"""Production settings, as a deployment loads them: in fresh processes, from the environment."""

import json

from tests.portal.test_settings import production_environment, run_manage

SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "REQUIRE_STAFF_2FA": settings.REQUIRE_STAFF_2FA,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE": settings.SESSION_COOKIE_SAMESITE,
    "SESSION_COOKIE_NAME": settings.SESSION_COOKIE_NAME,
    "SESSION_COOKIE_AGE": settings.SESSION_COOKIE_AGE,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
    "CSRF_COOKIE_NAME": settings.CSRF_COOKIE_NAME,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "RATE_LIMITS": settings.RATE_LIMITS,
    "AXES_FAILURE_LIMIT": settings.AXES_FAILURE_LIMIT,
    "AUTHENTICATION_BACKENDS": settings.AUTHENTICATION_BACKENDS,
    "LOG_FORMATTER": settings.LOGGING["handlers"]["console"]["formatter"],
}))
"""


def production_settings(**overrides) -> dict:
    result = run_manage(
        "shell", "--verbosity", "0", "-c", SHOW_SETTINGS, **production_environment(**overrides)
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_is_clean_with_every_protection_installed():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_every_protection_on():
    values = production_settings()

    assert values["DEBUG"] is False
    assert values["REQUIRE_STAFF_2FA"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert values["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert values["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["RATE_LIMITS"] == {"search": "60/m", "export": "20/m", "api": "120/m"}
    assert values["AXES_FAILURE_LIMIT"] == 5
    assert values["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert values["LOG_FORMATTER"] == "json"


def test_two_factor_can_be_turned_off_only_explicitly():
    assert production_settings(REQUIRE_STAFF_2FA="0")["REQUIRE_STAFF_2FA"] is False
    assert production_settings(DEBUG="1")["REQUIRE_STAFF_2FA"] is False


def test_rate_limits_come_from_the_environment():
    values = production_settings(RATE_LIMIT_SEARCH="10/s", RATE_LIMIT_API="")

    assert values["RATE_LIMITS"]["search"] == "10/s"
    assert values["RATE_LIMITS"]["api"] == ""


def test_an_unreadable_rate_limit_stops_the_start():
    result = run_manage("check", **production_environment(RATE_LIMIT_EXPORT="lots"))

    assert result.returncode != 0
    assert "RATE_LIMIT_EXPORT must read like 60/m" in result.stderr


def test_an_unknown_log_format_stops_the_start():
    result = run_manage("check", **production_environment(LOG_FORMAT="xml"))

    assert result.returncode != 0
    assert "LOG_FORMAT must be json or plain" in result.stderr
