"""The same picture twice: duplicates (the same bytes) and near-duplicates (the same photo
resized or re-encoded).

Every image saved with a new file records two hashes of it (``record_hashes``, from what
``images.inspect_image`` read): ``content_hash``, the SHA-256 of the bytes stored, and
``perceptual_hash``, the difference hash of the upright picture. Editors' uploads (the image
form, the bulk upload) are then checked: a file already in the archive is refused, a picture
that looks like one is stored but flagged. Model saves in general are not checked: the
benchmark archive (``seed_archive``) shares a few files among thousands of images on purpose.
"""

import re
from pathlib import PurePath

from django.db.models import F
from django.db.models.signals import pre_save
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .bilingual import shown_title
from .images import hash_distance

# At most this many of the 64 bits differ between a picture and its resized or re-encoded copy.
# Measured on the demo's pictures: a copy at JPEG quality 60, half or a quarter the size, in PNG
# or WebP differs by 0–6 bits (1 on average; a smooth aurora is the worst); two different
# pictures by 10 or more, but two portraits drawn alike by 5 (they do look alike).
NEAR_DISTANCE = 6
# A resized copy keeps its proportions (within rounding): others are not compared.
RATIO_TOLERANCE = 0.03
# The most near-duplicates named (the closest first).
NEAR_LIMIT = 5


def record_hashes(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save``: an image saved with a new file records the hashes of the stored file."""
    image = instance.image
    if raw or not image or image._committed:
        return
    info = getattr(instance, "_archive_info", None)
    if info is None or not info.content_hash:
        from .images import image_info

        info = image_info(image)
    instance.content_hash = info.content_hash or None
    instance.perceptual_hash = info.perceptual_hash or None


def connect_signals():
    from .models import ImageCaption

    pre_save.connect(record_hashes, sender=ImageCaption, dispatch_uid="image-hashes")


def find_duplicate(content_hash, exclude_pk=None):
    """The image whose stored file has these bytes (an indexed lookup), or ``None``."""
    from .models import ImageCaption

    if not content_hash:
        return None
    found = ImageCaption.objects.filter(content_hash=content_hash)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("pk").only(*LABEL_FIELDS).first()


def find_similar(perceptual_hash, width, height, exclude_pks=()):
    """The images that look like a picture (its perceptual hash and size): the closest first,
    at most ``NEAR_LIMIT``. Two queries: the hashes of every image of the same proportions,
    compared in Python (about 0.2 s at 100 000 images on SQLite), then the closest images."""
    from .models import ImageCaption

    if not perceptual_hash or not width or not height:
        return []
    ratio = width / height
    # The same proportions, within rounding (a resized copy keeps them): SQLite or PostgreSQL
    # leaves out the other images before Python compares the hashes.
    rows = ImageCaption.objects.filter(
        perceptual_hash__isnull=False,
        width__gte=F("height") * (ratio * (1 - RATIO_TOLERANCE)),
        width__lte=F("height") * (ratio * (1 + RATIO_TOLERANCE)),
    ).values_list("pk", "perceptual_hash")
    close = []
    for pk, other in rows.iterator(chunk_size=5000):
        distance = hash_distance(perceptual_hash, other)
        if distance <= NEAR_DISTANCE and pk not in exclude_pks:
            close.append((distance, pk))
    close.sort()
    pks = [pk for _distance, pk in close[:NEAR_LIMIT]]
    found = ImageCaption.objects.only(*LABEL_FIELDS).in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


# --- how an image is named to editors ----------------------------------------------------------

LABEL_FIELDS = ("pk", "slug", "title_en", "title_fr", "caption_en", "caption_fr")


def image_label(image):
    """What an image is called in the admin's messages: its title, else its caption's first
    words, else its slug."""
    return str(shown_title(image)) or image.slug


def admin_link(image):
    """A link to the image's admin page, named by :func:`image_label` (safe HTML)."""
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    return format_html('<a href="{}">{}</a>', url, image_label(image))


def admin_links(found):
    return format_html_join(", ", "{}", ((admin_link(image),) for image in found))


def with_html(text, **links):
    """A translated ``text`` with ``%(name)s`` placeholders filled with safe HTML links."""
    return mark_safe(escape(text) % links)


# --- bulk uploads' default titles --------------------------------------------------------------


def title_from_file_name(name):
    """A file name made readable: ``soyuz_launch-2.jpg`` → ``Soyuz launch 2``."""
    words = re.sub(r"[\s_\-.+]+", " ", PurePath(name).stem).strip()
    return words[:1].upper() + words[1:]


def default_title(info, name, length=200):
    """The title a bulk-uploaded draft starts with: the file's own (EXIF), else its name."""
    title = info.title if info is not None and info.title else title_from_file_name(name)
    return Truncator(title).chars(length, truncate="…")
