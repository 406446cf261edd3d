"""``python manage.py restore FILE``: the archive as a ``backup`` wrote it, into this database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missions import backup


class Command(BaseCommand):
    help = (
        "Restore the records and media files of a backup into a migrated database (SQLite or "
        "PostgreSQL, whichever the backup came from)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the records this database holds first (otherwise it must be empty)",
        )

    def handle(self, *args, file, replace=False, **options):
        try:
            manifest = backup.restore(file, replace=replace)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {counts['missions.imagecaption']} images, "
                f"{counts['missions.mission']} missions, {counts['auth.user']} users and "
                f"{manifest['media_files']} media files, written on {manifest['written_at']} "
                f"from {manifest['database']}."
            )
        )
