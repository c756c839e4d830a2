"""The settings module as a deployment sees it: run in fresh processes, from the environment.

The suite's own process runs the settings under the test environment of
tests/settings.py (a secret key, plain HTTP, no rate limits …), so every check
here runs ``manage.py`` in a subprocess with an environment built from scratch.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROJECT_ROOT = Path(settings.BASE_DIR)

# Only what a process needs to run; every setting comes from the test itself.
_KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ")


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {name: os.environ[name] for name in _KEPT_VARIABLES if name in os.environ}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_environment(**overrides: str) -> dict[str, str]:
    environment = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
        "ALLOWED_HOSTS": "innovation.example.se",
        # check --deploy does not connect; the URL only has to be a PostgreSQL one.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    }
    environment.update(overrides)
    return environment


def test_deploy_check_reports_no_issues_in_a_production_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_allowed_hosts():
    environment = production_environment()
    del environment["ALLOWED_HOSTS"]

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **environment)

    assert result.returncode != 0
    assert "security.W020" in result.stdout + result.stderr


def test_settings_refuse_to_load_without_a_secret_key():
    result = run_manage("check", DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_when_not_asked_for():
    result = run_manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        SECRET_KEY=secrets.token_urlsafe(48),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False True"


def test_debug_mode_runs_without_a_secret_key():
    result = run_manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, bool(settings.SECRET_KEY))",
        DEBUG="1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True True"


def test_unreadable_debug_value_is_refused():
    result = run_manage("check", DEBUG="maybe", SECRET_KEY=secrets.token_urlsafe(48))

    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
