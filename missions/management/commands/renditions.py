"""(Re)generate the renditions of every image: after a change of sizes, or to repair media/.

Safe to interrupt and run again: it skips renditions that already exist (unless --force) and
removes a file it was writing when interrupted. An image whose original is missing is listed at
the end (exit status 1) and the others are still done.
"""

from django.core.management.base import BaseCommand

from missions.models import RENDITION_FIELDS, ImageCaption


class Command(BaseCommand):
    help = "Generate missing renditions of every image (--force: all of them)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="regenerate existing files too")

    def handle(self, *args, force=False, verbosity=1, **options):
        images = ImageCaption.objects.exclude(image="").order_by("pk")
        total = images.count()
        made = skipped = 0
        missing = []
        for number, image in enumerate(images.iterator(chunk_size=200), start=1):
            if not image.image.storage.exists(image.image.name):
                missing.append(image)  # reported at the end; the other images go on
                continue
            for field in RENDITION_FIELDS:
                rendition = getattr(image, field)
                if not force and rendition.storage.exists(rendition.name):
                    skipped += 1
                    continue
                try:
                    rendition.generate(force=True)
                except KeyboardInterrupt:
                    rendition.storage.delete(rendition.name)
                    self.stdout.write("")
                    self.stderr.write(
                        f"Interrupted at image {number} of {total}; run it again to resume."
                    )
                    raise SystemExit(130) from None
                made += 1
            if verbosity:
                self._progress(number, total)
        if verbosity:
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"{total} images: {made} renditions written, {skipped} already there."
                )
            )
        if missing:
            self.stderr.write(
                f"{len(missing)} originals are missing (upload the file again in the admin):"
            )
            for image in missing:
                self.stderr.write(f"  {image.slug} (id {image.pk}): {image.image.name}")
            raise SystemExit(1)

    def _progress(self, number, total, width=30):
        done = int(width * number / total)
        bar = "#" * done + "-" * (width - done)
        self.stdout.write(f"\r[{bar}] {number}/{total}", ending="")
        self.stdout.flush()
