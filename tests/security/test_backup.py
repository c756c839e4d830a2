"""manage.py backup and restore: a populated database and its media round-trip exactly."""

import io
import tarfile

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from innovation_portal.backups import DUMP, MANIFEST, read_manifest
from registry.models import Actor, Project, SupportOffer
from tests.factories import ActorFactory

# The registry, its history, and the staff accounts with their authenticators.
TABLE_APPS = ["actors", "spetsomraden", "auth", "otp_totp"]


def every_row() -> dict[str, list[tuple]]:
    tables = sorted(
        {
            model._meta.db_table
            for label in TABLE_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }
    )
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - model tables
            rows[table] = cursor.fetchall()
    return rows


def media_files(root) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def populated(registry, media_root, administrator):
    logo = media_root / "logos" / "kista.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"\x89PNG\r\n\x1a\n fake logo bytes")
    Actor.objects.filter(pk=registry.actor.pk).update(logo="logos/kista.png")
    return registry


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_bring_back_every_row_and_file(populated, media_root, tmp_path):
    before = every_row()
    files_before = media_files(media_root)
    assert sum(len(rows) for rows in before.values()) > 50
    assert before["actors_actor"]
    assert before["actors_participation"]

    call_command("backup", output_dir=tmp_path / "backups", stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("portal-*.tar")
    assert archive.stat().st_mode & 0o077 == 0  # owner only
    manifest = read_manifest(archive)
    assert manifest.database == connection.settings_dict["NAME"]
    assert manifest.media_files == 1

    # Everything changes after the backup …
    Project.objects.all().delete()
    SupportOffer.objects.all().delete()
    Actor.objects.update(name_sv="Ändrad")
    ActorFactory(name_sv="Tillkommen efter säkerhetskopian")
    (media_root / "logos" / "kista.png").unlink()
    (media_root / "logos" / "new.png").write_bytes(b"later")
    assert every_row() != before

    out = io.StringIO()
    call_command("restore", str(archive), no_input=True, stdout=out)

    # … and the restore brings it all back.
    after = every_row()
    for table, rows in before.items():
        assert after[table] == rows, table
    assert media_files(media_root) == files_before
    kept = next(media_root.parent.glob("media.before-restore-*"))
    assert (kept / "logos" / "new.png").read_bytes() == b"later"
    assert "Restored the database." in out.getvalue()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    archive = tmp_path / "other.tar"
    with tarfile.open(archive, "w") as tar:
        data = b"hello"
        info = tarfile.TarInfo("notes.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match="unexpected entry"):
        call_command("restore", str(archive), no_input=True)


def test_restore_refuses_paths_outside_its_folder(tmp_path):
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        for name in (MANIFEST, DUMP, "media/../../escaped.txt"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"{}"))

    with pytest.raises(CommandError, match="unsafe path"):
        call_command("restore", str(archive), no_input=True)
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(tmp_path / "missing.tar"), no_input=True)
