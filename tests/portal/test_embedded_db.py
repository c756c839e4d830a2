"""The embedded PostgreSQL server, started from nothing in a fresh folder.

These tests start their own servers and do not use the test database, so they
run the same whether or not DATABASE_URL is set.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import psutil
import psycopg
import pytest
from django.conf import settings

from innovation_portal import embedded_db

PROJECT_ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def pgdata(tmp_path):
    """A data folder that does not exist yet; any server started in it is stopped afterwards."""
    path = tmp_path / "pgdata"
    yield path
    embedded_db.stop_server(path)


def connect(server, dbname="postgres"):
    return psycopg.connect(
        host=str(server.socket_dir), user="postgres", dbname=dbname, autocommit=True
    )


def postmasters_of(pgdata: Path) -> list[int]:
    """Process ids of postmasters started on ``pgdata`` (their children rename themselves)."""
    pids = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if "-D" in cmdline and str(pgdata.resolve()) in cmdline:
            pids.append(process.info["pid"])
    return pids


def test_server_starts_from_nothing_in_a_new_folder(pgdata):
    assert not pgdata.exists()

    server = embedded_db.ensure_server(pgdata)

    assert (pgdata / "PG_VERSION").exists()
    assert server.is_listening
    with connect(server) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_embedded_server_has_swedish_stemming(pgdata):
    server = embedded_db.ensure_server(pgdata)

    with connect(server) as conn:
        (vector,) = conn.execute("SELECT to_tsvector('swedish', 'inkubatorerna')::text").fetchone()

    assert "'inkubator'" in vector


def test_ensure_database_creates_the_database_once(pgdata):
    server = embedded_db.ensure_server(pgdata)

    embedded_db.ensure_database(server, "x")
    embedded_db.ensure_database(server, "x")

    with connect(server) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname = 'x'").fetchall()
    assert rows == [("x",)]
    with connect(server, dbname="x") as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("x",)


def test_ensure_server_returns_the_running_server_on_a_second_call(pgdata):
    first = embedded_db.ensure_server(pgdata)
    pid = (pgdata / "postmaster.pid").read_text().split("\n", 1)[0]

    second = embedded_db.ensure_server(pgdata)

    assert second == first
    assert (pgdata / "postmaster.pid").read_text().split("\n", 1)[0] == pid


def test_stop_server_stops_it_once(pgdata):
    server = embedded_db.ensure_server(pgdata)

    assert embedded_db.stop_server(pgdata) is True
    assert not server.is_listening
    with pytest.raises(psycopg.OperationalError):
        connect(server)
    assert embedded_db.stop_server(pgdata) is False


def test_stop_server_on_a_folder_never_used_returns_false(pgdata):
    assert embedded_db.stop_server(pgdata) is False


def test_ensure_server_starts_again_after_a_stop(pgdata):
    embedded_db.ensure_server(pgdata)
    embedded_db.stop_server(pgdata)

    server = embedded_db.ensure_server(pgdata)

    with connect(server) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


# Each child imports everything first, says "ready", then waits for the word to start,
# so both reach ensure_server() together.
_START_ONE = textwrap.dedent(
    """
    import sys
    from innovation_portal import embedded_db
    embedded_db._pgserver()
    print("ready", flush=True)
    sys.stdin.readline()
    print(embedded_db.ensure_server(sys.argv[1]).socket_dir, flush=True)
    """
)


def test_two_processes_starting_at_once_share_one_server(pgdata):
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _START_ONE, str(pgdata)],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    assert [child.returncode for child in children] == [0, 0], results
    socket_dirs = [stdout.strip() for stdout, _ in results]
    assert socket_dirs[0], results
    assert socket_dirs[0] == socket_dirs[1], results
    postmaster_pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    assert psutil.pid_exists(postmaster_pid)
    assert postmasters_of(pgdata) == [postmaster_pid]
    with connect(embedded_db.EmbeddedServer(pgdata, Path(socket_dirs[0]))) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    assert embedded_db.stop_server(pgdata) is True
    assert postmasters_of(pgdata) == []
