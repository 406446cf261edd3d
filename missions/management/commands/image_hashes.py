"""Record the content and perceptual hashes of images stored before they were recorded.

New uploads record both when they are saved (``duplicates.record_hashes``); this fills them in
for older images, so that an upload of the same file, or of the same picture resized, is
recognised. Each stored file is read once, even when several images share it (the benchmark
archive does), in batches; safe to interrupt and run again: it goes on with the images still
without hashes. The rows are updated directly: nothing a visitor sees changes.
"""

import hashlib
import io
import warnings

from django.core.management.base import BaseCommand
from django.db.models import Q
from PIL import Image

from missions.images import EXIF_ORIENTATION, difference_hash
from missions.models import ImageCaption


def file_hashes(storage, name):
    """``(content hash, perceptual hash)`` of a stored original (the bytes as stored)."""
    with storage.open(name, "rb") as file:
        data = file.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(EXIF_ORIENTATION)
            image.load()
            return hashlib.sha256(data).hexdigest(), difference_hash(image, orientation)


class Command(BaseCommand):
    help = "Record the content and perceptual hashes of images stored before they were."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=200, help="images read per query (200)"
        )

    def handle(self, *args, batch_size=200, verbosity=1, **options):
        pending = (
            ImageCaption.objects.filter(Q(content_hash=None) | Q(perceptual_hash=None))
            .exclude(image="")
            .order_by("pk")
        )
        total = pending.count()
        done = updated = 0
        failed = []
        last_pk = 0
        read = set()
        while True:
            batch = list(pending.filter(pk__gt=last_pk).values_list("pk", "image")[:batch_size])
            if not batch:
                break
            last_pk = batch[-1][0]
            for pk, name in batch:
                if name in read:  # a shared file, already read: its images were updated
                    continue
                read.add(name)
                try:
                    content_hash, perceptual_hash = file_hashes(
                        ImageCaption.image.field.storage, name
                    )
                except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
                    failed.append((pk, name, error))
                    done += pending.filter(image=name).count()
                    continue
                # Every image of this file at once (shared files are read once).
                count = (
                    ImageCaption.objects.filter(image=name)
                    .filter(Q(content_hash=None) | Q(perceptual_hash=None))
                    .update(content_hash=content_hash, perceptual_hash=perceptual_hash)
                )
                updated += count
                done += count
            if verbosity:
                self.stdout.write(f"{min(done, total)} of {total} images")
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Hashes recorded for {updated} images."))
        if failed:
            self.stderr.write(f"{len(failed)} files could not be read:")
            for pk, name, error in failed:
                self.stderr.write(f"  id {pk}: {name} ({error})")
            raise SystemExit(1)
