"""The database goes away under traffic and comes back: 503s meanwhile, then pages again.

A PostgreSQL server of this test's own (the embedded one, in a temporary
folder; never the shared one the other tests use) backs a gunicorn started
with production settings, reaching it through DATABASE_URL as a deployment
does. Traffic runs throughout while the test stops the server and starts it
again; the portal is never restarted.
"""

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from innovation_portal import embedded_db

pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
_KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ")
PAGES = ["/aktorer/", "/en/actors/", "/stod/", "/"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


@pytest.fixture
def database():
    """A PostgreSQL server in a temporary folder, with a database; stopped afterwards.

    Not under pytest's own temporary folder: that is private to the user running the tests,
    while the server runs as a system user of its own when the tests run as root.
    """
    folder = Path(tempfile.mkdtemp(prefix="portal-outage-"))
    folder.chmod(0o755)
    pgdata = folder / "pgdata"
    try:
        server = embedded_db.ensure_server(pgdata)
        embedded_db.ensure_database(server, "outage")
        yield pgdata, server
    finally:
        embedded_db.stop_server(pgdata)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def portal(database, tmp_path):
    """gunicorn with production settings on a free loopback port, migrated database."""
    _pgdata, server = database
    env = {name: os.environ[name] for name in _KEPT_VARIABLES if name in os.environ}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"postgres://postgres@{quote(str(server.socket_dir), safe='')}/outage",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="WARNING",
    )

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )

    manage("migrate", "--no-input")
    manage("collectstatic", "--no-input")
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")),
                *("--bind", f"127.0.0.1:{port}", "--workers", "2"),
                "innovation_portal.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


class Traffic(threading.Thread):
    """Two clients asking for pages without pause; every answer's status is kept."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.statuses: list[int] = []
        self.failures: list[str] = []
        self.stopping = threading.Event()

    def run(self):
        index = 0
        while not self.stopping.is_set():
            path = PAGES[index % len(PAGES)]
            index += 1
            try:
                self.statuses.append(_get(self.port, path)[0])
            except (OSError, http.client.HTTPException) as error:
                self.failures.append(f"{path}: {error!r}")
            time.sleep(0.02)


def test_pages_answer_503_while_the_database_is_away_and_recover_without_restart(database, portal):
    pgdata, _server = database
    port, log = portal
    for path in PAGES:
        assert _get(port, path)[0] == 200, path
    traffic = Traffic(port)
    traffic.start()
    time.sleep(1)

    assert embedded_db.stop_server(pgdata)
    time.sleep(1)

    outage = {path: _get(port, path) for path in PAGES}
    health = _get(port, "/healthz")

    embedded_db.ensure_server(pgdata)
    time.sleep(1)
    after = [_get(port, path)[0] for path in PAGES * 3]
    health_after = _get(port, "/healthz")
    traffic.stopping.set()
    traffic.join(timeout=60)

    for path, (status, headers, body) in outage.items():
        assert status == 503, (path, status, log.read_text()[-2000:])
        assert headers["Retry-After"] == "30"
        assert "Traceback" not in body
        assert "OperationalError" not in body
    assert '<html lang="sv">' in outage["/aktorer/"][2]
    assert '<html lang="en">' in outage["/en/actors/"][2]
    assert "Temporarily unavailable" in outage["/en/actors/"][2]
    assert health[0] == 503
    assert json.loads(health[2])["database"] == "down"

    assert after == [200] * len(after)
    assert health_after[0] == 200
    assert json.loads(health_after[2])["database"] == "up"

    assert not traffic.failures, traffic.failures[:5]
    assert set(traffic.statuses) <= {200, 503}, sorted(set(traffic.statuses))
    assert 503 in traffic.statuses
    assert traffic.statuses[-1] == 200
