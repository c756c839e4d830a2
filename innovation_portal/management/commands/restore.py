from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innovation_portal.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded media with those of a backup written by "
        "'manage.py backup'. Stop the site first: the restore waits for open connections."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup archive (.tar).")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")

    def handle(self, *args, file, no_input, no_media, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            manifest = read_manifest(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backup of database {manifest.database!r} taken {manifest.created} "
            f"({manifest.media_files} media files)."
        )
        if not no_input:
            answer = input(
                "This replaces everything in the database and the media folder. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            replaced = restore_backup(file, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("Restored the database."))
        if not no_media:
            self.stdout.write(self.style.SUCCESS("Restored the media folder."))
            if replaced is not None:
                self.stdout.write(f"The media folder it replaced is kept in {replaced}")
        return None
