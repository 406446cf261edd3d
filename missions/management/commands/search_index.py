"""Index every image for text search again, with a progress bar.

The database's triggers keep the index current on every write, so this is for when writes went
around them: a database restored without them, the ``sqlite3`` shell, or a change of how words
are indexed. It runs in one transaction: searches see the old index until it is done.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from missions.search import rebuild

BAR = 30  # characters


class Command(BaseCommand):
    help = "Rebuild the text search index of every image (French and English)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias")

    def handle(self, *args, database=DEFAULT_DB_ALIAS, verbosity=1, **options):
        counted = [0]

        def progress(done, total):
            counted[0] = total
            if verbosity:
                filled = BAR * done // total
                self.stderr.write(
                    f"\r[{'#' * filled}{'.' * (BAR - filled)}] {done:,} / {total:,}",
                    ending="\n" if done == total else "",
                )
                self.stderr.flush()

        rebuild(using=database, progress=progress)
        self.stdout.write(f"Indexed {counted[0]:,} images.")
