"""``python manage.py restore FILE``: the archive as ``backup`` wrote it, into this database."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missions import backup


class Command(BaseCommand):
    help = (
        "Restore the records and media files of a backup into a migrated database (SQLite or "
        "PostgreSQL, whichever the backup came from); see the README."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the archive's records first (otherwise the database must hold none)",
        )

    def handle(self, *args, file, replace=False, **options):
        started = time.monotonic()
        try:
            manifest = backup.restore(file, replace=replace)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {backup.summary(manifest)}, backed up on {manifest['written_at']} from "
                f"{manifest['database']} ({time.monotonic() - started:.1f} s)."
            )
        )
