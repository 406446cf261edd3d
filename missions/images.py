"""Everything the archive does with Pillow: judging uploads, reading metadata, rendition specs.

An upload is judged by what Pillow decodes, never by its name or the browser's content type:
only whole, still JPEG, PNG and WebP images within the configured byte and pixel limits pass.
Renditions are django-imagekit specs generated when the original is saved (the Optimistic
strategy in settings), so no visitor ever waits for a resize.
"""

import hashlib
import io
import logging
import re
import warnings
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from imagekit.cachefiles.strategies import Optimistic
from imagekit.processors import ResizeToFit, Transpose
from imagekit.specs import ImageSpec
from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError
from PIL.ExifTags import Base as ExifTag

from . import containers

ImageFile.LOAD_TRUNCATED_IMAGES = False
# Pillow's own decompression-bomb guard (about 89 megapixels by default) must not refuse, nor
# warn about, what the archive accepts: IMAGE_MAX_PIXELS is the limit, checked by inspect_image.
if Image.MAX_IMAGE_PIXELS is not None:
    Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS, settings.IMAGE_MAX_PIXELS)

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"

# Markup outside the compressed image data (after the image, in a comment, a text chunk or
# EXIF) makes a file a polyglot: a browser sniffing it could run a script. Tags that run code
# or load something, and event handlers. (See containers.py.)
MARKUP = re.compile(
    rb"<\s*(?:script|html|body|iframe|frame|object|embed|svg|math|img|image|video|audio"
    rb"|form|input|base|meta|link|style|\?php)\b|\bon[a-z]{3,20}\s*=\s*[\"'a-z]",
    re.IGNORECASE,
)

EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_DATETIME = 0x0132
EXIF_IFD = 0x8769
EXIF_ORIENTATION = 0x0112
ROTATED_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True)
class ImageInfo:
    """What the archive stores about an accepted original."""

    format: str
    width: int  # upright, after the EXIF orientation is applied
    height: int
    size: int
    taken_on: date | None
    stored: bytes = b""  # what is stored: the file without anything but the image (containers)
    content_hash: str = ""  # SHA-256 of ``stored``, in hex: the same bytes, the same file
    perceptual_hash: str = ""  # difference hash of the upright picture (16 hex digits)
    title: str = ""  # the title written in the file's EXIF (XPTitle, ImageDescription), if any

    @property
    def extension(self):
        return EXTENSIONS[self.format]


def _read_all(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def check_upload_size(file, limit):
    """The size of an uploaded file (images and videos), refused when empty or over ``limit``."""
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    return size


def inspect_image(file):
    """Judge an uploaded file; return its :class:`ImageInfo` or raise ``ValidationError``."""
    size = check_upload_size(file, settings.IMAGE_MAX_UPLOAD_BYTES)
    data = _read_all(file)
    if re.search(rb"<svg\b", data[:4096], re.IGNORECASE):
        raise ValidationError(
            _("SVG drawings are not accepted: upload a JPEG, PNG or WebP image."), code="svg"
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns from its own limit; _check_opened applies the archive's limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file, formats=ACCEPTED_FORMATS)
            info = _check_opened(image, size)
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # more than twice Pillow's limit: refused unread
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="not_image"
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The image is damaged or incomplete and cannot be read (%(error)s)."),
            code="corrupt",
            params={"error": error},
        ) from None
    finally:
        file.seek(0)
    try:
        cleaned, rest = containers.clean(info.format, data)
    except ValueError as error:
        raise ValidationError(
            _("The image is damaged or incomplete and cannot be read (%(error)s)."),
            code="corrupt",
            params={"error": error},
        ) from None
    if MARKUP.search(rest):
        raise ValidationError(
            _("The file hides web page code inside the image; it is refused for safety."),
            code="polyglot",
        )
    return replace(info, stored=cleaned, content_hash=hashlib.sha256(cleaned).hexdigest())


def _too_many_pixels():
    return ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels."),
        code="too_many_pixels",
        params={"limit": number_format(Decimal(settings.IMAGE_MAX_PIXELS) / 1_000_000)},
    )


def _check_opened(image, size):
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels()
    # Many cameras write an MPO: a JPEG whose extra "frames" are previews or a stereo pair,
    # not an animation. Browsers show the first image; so do the renditions.
    image_format = "JPEG" if image.format == "MPO" else image.format
    if image_format != "JPEG" and getattr(image, "n_frames", 1) > 1:
        raise ValidationError(
            _("Animated images are not accepted: upload a still image."), code="animated"
        )
    exif = image.getexif()
    image.load()  # decodes every pixel: a truncated or corrupt file fails here
    if exif.get(EXIF_ORIENTATION) in ROTATED_ORIENTATIONS:
        width, height = height, width
    _check_proportions(width, height)
    return ImageInfo(
        format=image_format,
        width=width,
        height=height,
        size=size,
        taken_on=_exif_date(exif),
        perceptual_hash=difference_hash(image, exif.get(EXIF_ORIENTATION)),
        title=_exif_title(exif),
    )


# --- what a picture looks like: near-duplicates ------------------------------------------------

# How each EXIF orientation is made upright (as ``ImageOps.exif_transpose`` does).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def difference_hash(image, orientation=None):
    """The 64-bit difference hash ("dHash") of a loaded image, as 16 hex digits.

    The upright picture shrunk to 9 × 8 grey pixels; each bit says whether a pixel is brighter
    than its right-hand neighbour. A resized or re-encoded copy changes few bits (see
    :func:`hash_distance`); another picture, about half of them.
    """
    upright = UPRIGHT.get(orientation)
    size = (8, 9) if orientation in ROTATED_ORIENTATIONS else (9, 8)
    image = To8Bit().process(image)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    small = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0).convert("L")
    if upright is not None:
        small = small.transpose(upright)
    pixels = small.load()
    bits = 0
    for y in range(8):
        for x in range(8):
            bits = bits << 1 | (pixels[x, y] > pixels[x + 1, y])
    return f"{bits:016x}"


def hash_distance(first, second):
    """How many of the 64 bits two perceptual hashes differ by (0: the same picture)."""
    return (int(first, 16) ^ int(second, 16)).bit_count()


# Camera firmware writes these in ImageDescription: they are no one's title.
CAMERA_DESCRIPTIONS = re.compile(
    r"^(?:olympus digital camera|sony dsc|digital camera|default|dcim|image|picture|"
    r"sdim\d*|dsc[_ -]?\d*|img[_ -]?\d*|exif_jpeg_\w*)$",
    re.IGNORECASE,
)


def _exif_title(exif):
    """The title a photographer's software wrote in the file: XPTitle (Windows), else the
    ImageDescription, unless a camera wrote its own name there. ``""`` when there is none."""
    for tag in (ExifTag.XPTitle, ExifTag.ImageDescription):
        value = exif.get(tag)
        if isinstance(value, tuple):  # XP* tags: UTF-16 bytes, sometimes read as numbers
            value = bytes(value)
        if isinstance(value, bytes):
            encoding = "utf-16-le" if tag == ExifTag.XPTitle else "utf-8"
            value = value.decode(encoding, "replace")
        if not isinstance(value, str):
            continue
        text = " ".join("".join(c if c.isprintable() else " " for c in value).split())
        if text and not CAMERA_DESCRIPTIONS.match(text):
            return text
    return ""


def fitted_size(width, height, box):
    """The size of the rendition ``box`` wide of an image ``width`` × ``height``: fitted into
    ``box`` × ``10 box`` (``Rendition``'s ``ResizeToFit``, whose ``Resize`` without upscaling
    changes an image only when both sides shrink)."""
    ratio = min(box / width, 10 * box / height)
    fitted = (round(width * ratio), round(height * ratio))
    return fitted if fitted[0] < width and fitted[1] < height else (width, height)


def _check_proportions(width, height):
    """Refuse an image whose smallest rendition would have a side of zero pixels.

    Renditions fit a box ``w`` wide and ``10 w`` high (``Rendition``); a 20000 × 1 strip, or a
    1 × 20000 one, shrinks to nothing in the smallest.
    """
    smallest = min(spec.width for spec in RENDITION_SPECS.values())
    if min(fitted_size(width, height, smallest)) < 1:
        raise ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels: too long and thin to be shown "
                "(its short side would shrink to nothing). Crop it and upload it again."
            ),
            code="proportions",
            params={"width": width, "height": height},
        )


def _exif_date(exif):
    raw = exif.get_ifd(EXIF_IFD).get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        return datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S").date()
    except ValueError:
        return None


def validate_image_upload(value):
    """Model-field validator: judges new uploads only, and remembers what it read for save()."""
    if not value or getattr(value, "_committed", True):
        return
    value.archive_info = inspect_image(value.file)


def image_info(fieldfile):
    """The :class:`ImageInfo` of a field's file, reusing what validation already read.

    Also left on the model instance (``_archive_info``): the hashes are recorded from it when
    the row is written (``duplicates.record_hashes``), even once the file was swapped for its
    cleaned bytes.
    """
    info = getattr(fieldfile, "archive_info", None) or inspect_image(fieldfile.file)
    instance = getattr(fieldfile, "instance", None)
    if instance is not None:
        instance._archive_info = info
    return info


class UploadedImageFormField(forms.FileField):
    """A form field that leaves judging to :func:`inspect_image` (clear messages, one decode)."""

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})


class ArchiveImageField(models.ImageField):
    """An ``ImageField`` whose uploads are judged by :func:`inspect_image` alone."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_upload])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        field = super().formfield(**{"form_class": UploadedImageFormField, **kwargs})
        # The admin swaps in its own widget: keep telling the browser which files to offer.
        field.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)
        return field


# --- renditions -------------------------------------------------------------------------------


class DecodeSmall:
    """Ask the JPEG decoder for a reduced image no smaller than needed (DCT scaling).

    Must run before anything loads the pixels; it makes a 24-megapixel original decode several
    times faster when only a 640-pixel rendition is wanted.
    """

    def __init__(self, size):
        self.size = size

    def process(self, image):
        if image.format in ("JPEG", "MPO"):  # an MPO is a camera's JPEG (see _check_opened)
            image.draft("RGB", (self.size, self.size))
        return image


class To8Bit:
    """Bring 16- and 32-bit greyscale pixels (a scientific PNG) down to 8 bits.

    Pillow reads them as 0–65535; converting to RGB for a rendition clips every value above
    255, and the picture came out pure white.
    """

    def process(self, image):
        if image.mode in ("I;16", "I;16B", "I;16L", "I;16N"):
            image = image.convert("I")
        if image.mode == "I":
            scale = 255 / 65535 if image.getextrema()[1] > 255 else 1
            return image.point(lambda value: value * scale).convert("L")
        return image


class ToSRGB:
    """Convert a photo with an embedded colour profile (Adobe RGB, Display P3…) to sRGB.

    Renditions are written without the profile, and browsers read untagged images as sRGB:
    without this, wide-gamut photos would look washed out.
    """

    def process(self, image):
        profile = image.info.get("icc_profile")
        if not profile or image.mode not in ("RGB", "RGBA"):
            return image
        try:
            return ImageCms.profileToProfile(
                image, io.BytesIO(profile), SRGB_PROFILE, outputMode=image.mode
            )
        except (ImageCms.PyCMSError, OSError):
            return image  # a broken profile: keep the pixels as they are


SRGB_PROFILE = ImageCms.createProfile("sRGB")


class WriteMissingWhenSourceSaved(Optimistic):
    """Optimistic, but it asks the storage, not imagekit's cache, whether a rendition exists,
    and makes none when the original itself is missing.

    imagekit remembers in the cache, with no expiry, that a rendition was written. Once an
    original and its renditions are deleted, a new upload given the same (freed) name would be
    believed to have its renditions already, and would get none. (imagekit also sends
    ``source_saved`` on every save of a loaded image, so a caption edit comes here too: files
    that exist are left alone.)
    """

    def on_source_saved(self, file):
        if file.storage.exists(file.name):
            return
        source = file.generator.source
        if not source.storage.exists(source.name):
            # The original is gone (a lost disk, a bad restore): the texts can still be
            # edited; `manage.py renditions` and the admin say which originals are missing.
            logger.warning("Original %s is missing: rendition %s not made", source.name, file.name)
            return
        file.generate(force=True)


class Rendition(ImageSpec):
    """An upright, EXIF-free copy no wider than ``width`` in ``format``."""

    width = 0
    cachefile_strategy = WriteMissingWhenSourceSaved

    def __init__(self, source):
        super().__init__(source)
        self.processors = [
            DecodeSmall(self.width),
            To8Bit(),
            Transpose(),
            ToSRGB(),
            ResizeToFit(self.width, self.width * 10, upscale=False),
        ]


def rendition(width, image_format):
    """A rendition spec class: widths are what ``<picture>`` offers in ``srcset``."""
    options = {"quality": 78, "method": 4} if image_format == "WEBP" else {"quality": 82}
    return type(
        f"Rendition{image_format.title()}{width}",
        (Rendition,),
        {"width": width, "format": image_format, "options": options},
    )


WEBP_WIDTHS = (320, 640, 1024, 1600)
JPEG_WIDTHS = (640, 1280)
RENDITION_SPECS = {
    f"{image_format.lower()}_{width}": rendition(width, image_format)
    for image_format, widths in (("WEBP", WEBP_WIDTHS), ("JPEG", JPEG_WIDTHS))
    for width in widths
}


def rendition_names(source):
    """``{"webp_320": storage name, …}``: where each rendition of ``source`` is written."""
    return {field: spec(source=source).cachefile_name for field, spec in RENDITION_SPECS.items()}
