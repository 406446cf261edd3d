"""``python manage.py backup FILE``: the records and media of the archive in one file."""

import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missions import backup


class Command(BaseCommand):
    help = "Write every record and media file of the archive to FILE (see the README)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--overwrite", action="store_true", help="replace an existing FILE")

    def handle(self, *args, file, overwrite=False, **options):
        if file.exists() and not overwrite:
            raise CommandError(f"{file} exists: choose another name, or add --overwrite.")
        started = time.monotonic()
        partial = file.with_name(file.name + ".partial")
        try:
            manifest = backup.write(partial)
            os.replace(partial, file)  # a reader never finds half a backup under FILE
        except OSError as error:
            raise CommandError(f"Could not write {file}: {error}") from error
        finally:
            partial.unlink(missing_ok=True)
        for name in manifest["missing_media"]:
            self.stderr.write(f"Not in the backup, missing from the media folder: {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {backup.summary(manifest)} to {file} ({file.stat().st_size:,} bytes, "
                f"{time.monotonic() - started:.1f} s)."
            )
        )
