from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innovation_portal.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive with a pg_dump of the database and a copy of the uploaded media "
        "(var/backups/portal-<database>-<time>.tar unless --output-dir says otherwise)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "backups",
            help="Folder for the archive (created if missing).",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave the uploaded media out.")

    def handle(self, *args, output_dir, no_media, **options):
        try:
            archive = create_backup(output_dir, include_media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive}"))
        return None
