"""The bytes of an Image API answer: a rendition already on storage, or one made by Pillow.

A request for a whole image at exactly the size of one of its renditions (``images.py``: the
640 and 1280 pixel JPEGs, the WebPs) is answered with that file, unchanged. Anything else is
made from the original, opened through its storage (``image.image.open``: local disk or S3),
as the renditions are made: upright (EXIF orientation), 8 bits, sRGB. A JPEG original is
decoded at a reduced scale when the answer is much smaller (DCT scaling), so a thumbnail of a
large photo does not decode every pixel.

Either way the bytes are kept in Django's cache under a key holding the image's ``updated_at``
(:func:`cache_key`): an edit, a new file among them, makes every older derivative unreachable.
"""

import hashlib
import io
import logging
import math
import warnings

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageOps, UnidentifiedImageError

from .. import images
from .params import FORMATS

logger = logging.getLogger(__name__)

SAVE_OPTIONS = {
    "JPEG": {"quality": 85},
    "PNG": {},
    "WEBP": {"quality": 80, "method": 4},
}
# The renditions of each format this API may answer with (the names of images.RENDITION_SPECS).
RENDITIONS = {
    image_format: {
        name: spec for name, spec in images.RENDITION_SPECS.items() if spec.format == pil_format
    }
    for image_format, pil_format in FORMATS.items()
}


class SourceUnreadable(Exception):
    """The original could not be read: missing from storage (``missing``), or not decodable."""

    def __init__(self, reason, missing=False):
        super().__init__(reason)
        self.missing = missing


def cache_key(image, wanted, resolved):
    """The key of one derivative: the image, its last edit, and the canonical request."""
    text = (
        f"{image.pk}:{image.updated_at.isoformat()}:{resolved.canonical}:"
        f"{wanted.quality}.{wanted.format}"
    )
    return "iiif:" + hashlib.sha256(text.encode()).hexdigest()


def cached(key):
    return cache.get(key)


def keep(key, data):
    cache.set(key, data, settings.IIIF_CACHE_SECONDS)


def rendition_sizes(image, image_format="jpg"):
    """``[(w, h), …]``: the sizes the renditions of ``image_format`` have, smallest first,
    without the full size (what ``info.json`` lists as ``sizes``)."""
    if not image.renditions:
        return []
    found = {
        images.fitted_size(image.width, image.height, spec.width)
        for name, spec in RENDITIONS[image_format].items()
        if name in image.renditions
    }
    return sorted(size for size in found if size != (image.width, image.height))


def rendition_bytes(image, wanted, resolved):
    """The bytes of the rendition that is exactly this answer, or None.

    Only for the whole image, default quality and a format we keep renditions in; the file's
    own size is checked too (a rounding of imagekit's that we did not foresee is then made by
    Pillow instead).
    """
    full = resolved.region == (0, 0, image.width, image.height)
    if not (full and wanted.quality == "default" and image.renditions):
        return None
    for name, spec in RENDITIONS[wanted.format].items():
        stored = image.renditions.get(name)
        expected = images.fitted_size(image.width, image.height, spec.width)
        if not stored or expected != (resolved.width, resolved.height):
            continue
        try:
            with image.image.storage.open(stored, "rb") as file:
                data = file.read()
            with Image.open(io.BytesIO(data)) as opened:
                if opened.size == expected:
                    return data
        except (OSError, UnidentifiedImageError, ValueError):
            logger.warning("Rendition %s of %s could not be read", stored, image.slug)
    return None


def produce(image, wanted, resolved):
    """The answer made by Pillow from the original, as bytes of ``wanted.format``."""
    try:
        with warnings.catch_warnings():
            # images.py raised Pillow's pixel limit to IMAGE_MAX_PIXELS; uploads were judged.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with image.image.open("rb") as file, Image.open(file) as source:
                return _derive(source, image, wanted, resolved)
    except FileNotFoundError as error:
        raise SourceUnreadable(error, missing=True) from error
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise SourceUnreadable(error) from error


def _derive(source, image, wanted, resolved):
    x, y, w, h = resolved.region
    scale = min(resolved.width / w, resolved.height / h)
    if scale < 1 and source.format in ("JPEG", "MPO"):
        raw_width, raw_height = source.size
        source.draft(source.mode, (math.ceil(raw_width * scale), math.ceil(raw_height * scale)))
    profile = source.info.get("icc_profile")
    ImageOps.exif_transpose(source, in_place=True)
    picture = images.To8Bit().process(source)
    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        transparent = picture.mode in ("PA", "RGBa") or "transparency" in picture.info
        picture = picture.convert("RGBA" if transparent else "RGB")
    # The request is in the pixels info.json gave (the stored, upright size); the decoded
    # picture may be smaller (DCT scaling).
    across, down = picture.width / image.width, picture.height / image.height
    box = (x * across, y * down, (x + w) * across, (y + h) * down)
    out = picture.resize(
        (resolved.width, resolved.height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0
    )
    if profile and out.mode in ("RGB", "RGBA"):
        out.info["icc_profile"] = profile
        out = images.ToSRGB().process(out)
    return _encode(out, FORMATS[wanted.format])


def _encode(picture, pil_format):
    if pil_format == "JPEG" and picture.mode in ("RGBA", "LA"):
        background = Image.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
        picture = background
    elif pil_format == "WEBP" and picture.mode in ("L", "LA"):
        picture = picture.convert("RGBA" if picture.mode == "LA" else "RGB")
    buffer = io.BytesIO()
    picture.save(buffer, pil_format, **SAVE_OPTIONS[pil_format])
    return buffer.getvalue()
