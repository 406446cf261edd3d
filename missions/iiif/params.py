"""The parameters of an Image API 3.0 request: ``{region}/{size}/{rotation}/{quality}.{format}``.

Parsing is in two steps. :func:`parse` checks the syntax alone, before any database look-up, so
junk costs nothing and says the same whatever the identifier. :func:`resolve` then works out
the pixels against one image: the region in the full image and the size of the answer.

What this server supports is exactly IIIF level 1 (``REGIONS``, ``SIZES``…, listed in
``info.json``), plus the PNG and WebP formats. Everything else is refused with a 400 and a
sentence saying what to ask instead. (The status table of the specification gives 404 for "a
parameter not supported by this service" and for sizes over the limits, but its own text, and
the official validator, expect 400 for a size beyond the region, ``pct:`` and ``!w,h`` at level
1; we use 400 for every parameter problem, so that a 404 only ever means "no such image".)
"""

import math
import re
from dataclasses import dataclass

# Pixel numbers longer than this are refused unread: no image is a billion pixels wide.
MAX_DIGITS = 9

FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
EXTRA_FORMATS = ["png", "webp"]  # beyond level 1's jpg (info.json's extraFormats)
QUALITIES = ("default",)
# Features of the specification we know, to say "not supported" rather than "invalid".
KNOWN_FORMATS = {"tif", "gif", "jp2", "pdf", "png", "webp", "jpg"}
KNOWN_QUALITIES = {"color", "gray", "bitonal", "default"}

PIXELS = re.compile(r"(\d+),(\d+),(\d+),(\d+)")
SIZE = re.compile(r"(\d*),(\d*)")
ROTATION = re.compile(r"(!?)(\d+(?:\.\d*)?|\.\d+)")
ZERO = re.compile(r"0+(?:\.0*)?")


class ParameterError(Exception):
    """A request this server refuses: ``status`` (400) and a plain sentence for the client."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Region:
    kind: str  # "full", "square" or "pixels"
    box: tuple = ()  # (x, y, w, h) for "pixels"


@dataclass(frozen=True)
class Size:
    kind: str  # "max", "w", "h" or "wh"
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class ImageRequest:
    region: Region
    size: Size
    quality: str
    format: str  # "jpg", "png" or "webp"

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class Resolved:
    """A request worked out for one image: the region (x, y, w, h) and the answer's size."""

    region: tuple
    width: int
    height: int

    @property
    def canonical(self):
        """The canonical form of the region and size (one key for equivalent requests)."""
        return "{},{},{},{}/{},{}".format(*self.region, self.width, self.height)


def _number(text, what):
    if len(text) > MAX_DIGITS:
        raise ParameterError(f"The {what} {text} is too large.")
    return int(text)


def parse_region(text):
    if text in ("full", "square"):
        return Region(text)
    if text.startswith("pct:"):
        raise ParameterError(
            f"Region “{text}”: regions in percent (pct:) are not supported by this server "
            "(IIIF Image API level 1). Ask for full, square or x,y,w,h in pixels."
        )
    match = PIXELS.fullmatch(text)
    if not match:
        raise ParameterError(
            f"Invalid region “{text}”: expected full, square or x,y,w,h (whole pixels)."
        )
    x, y, w, h = (_number(part, "region value") for part in match.groups())
    if w == 0 or h == 0:
        raise ParameterError(f"Region “{text}”: the width and height must be at least 1 pixel.")
    return Region("pixels", (x, y, w, h))


def parse_size(text):
    if text == "max":
        return Size("max")
    if text.startswith("^"):
        raise ParameterError(
            f"Size “{text}”: upscaling (^) is not supported by this server; ask for at most "
            "the region's own size, or max."
        )
    if text == "full":
        raise ParameterError("Size “full” was replaced by “max” in the Image API 3.0.")
    if text.startswith(("pct:", "!")):
        raise ParameterError(
            f"Size “{text}”: sizes in percent (pct:) and best fit (!w,h) are not supported by "
            "this server (IIIF Image API level 1). Ask for max, w, ,h or w,h."
        )
    match = SIZE.fullmatch(text)
    if not match or match.groups() == ("", ""):
        raise ParameterError(f"Invalid size “{text}”: expected max, w, ,h or w,h (pixels).")
    width, height = (_number(part, "size") if part else None for part in match.groups())
    if width == 0 or height == 0:
        raise ParameterError(f"Size “{text}”: the width and height must be at least 1 pixel.")
    kind = "wh" if width and height else ("w" if width else "h")
    return Size(kind, width, height)


def parse_rotation(text):
    match = ROTATION.fullmatch(text)
    if not match or float(match.group(2)) > 360:
        raise ParameterError(
            f"Invalid rotation “{text}”: expected a number of degrees from 0 to 360."
        )
    if match.group(1):
        raise ParameterError(f"Rotation “{text}”: mirroring (!) is not supported by this server.")
    if not ZERO.fullmatch(match.group(2)):
        raise ParameterError(
            f"Rotation “{text}”: this server (IIIF Image API level 1) only returns images "
            "unrotated; ask for 0."
        )


def parse_quality_format(text):
    quality, dot, image_format = text.rpartition(".")
    if not dot:
        raise ParameterError(f"“{text}” should be a quality and a format, as in default.jpg.")
    if quality not in QUALITIES:
        if quality in KNOWN_QUALITIES:
            raise ParameterError(
                f"Quality “{quality}” is not supported by this server; ask for default."
            )
        raise ParameterError(f"Invalid quality “{quality}”: ask for default.")
    if image_format not in FORMATS:
        known = ", ".join(FORMATS)
        if image_format in KNOWN_FORMATS:
            raise ParameterError(
                f"Format “{image_format}” is not supported by this server; ask for {known}."
            )
        raise ParameterError(f"Invalid format “{image_format}”: ask for {known}.")
    return quality, image_format


def parse(region, size, rotation, quality_format):
    """An :class:`ImageRequest`, or :class:`ParameterError` for the first bad parameter."""
    parsed_region = parse_region(region)
    parsed_size = parse_size(size)
    parse_rotation(rotation)
    quality, image_format = parse_quality_format(quality_format)
    return ImageRequest(parsed_region, parsed_size, quality, image_format)


def region_box(region, width, height):
    """``(x, y, w, h)`` of ``region`` in an image ``width`` × ``height`` (clipped to it)."""
    if region.kind == "full":
        return (0, 0, width, height)
    if region.kind == "square":
        side = min(width, height)
        return ((width - side) // 2, (height - side) // 2, side, side)
    x, y, w, h = region.box
    if x >= width or y >= height:
        raise ParameterError(
            f"The region {x},{y},{w},{h} is outside the image ({width} × {height} pixels)."
        )
    return (x, y, min(w, width - x), min(h, height - y))


def fit_area(width, height, max_area):
    """The largest ``(w, h)`` with the proportions of ``width`` × ``height``, no bigger than
    the image and within ``max_area`` pixels."""
    if width * height <= max_area:
        return width, height
    scale = math.sqrt(max_area / (width * height))
    fitted = [max(1, math.floor(width * scale)), max(1, math.floor(height * scale))]
    while fitted[0] * fitted[1] > max_area:  # a floating-point rounding up: shrink the long side
        fitted[fitted[1] > fitted[0]] -= 1
    return tuple(fitted)


def resolve(request, width, height, max_area):
    """:class:`Resolved` for an image ``width`` × ``height``, or :class:`ParameterError`."""
    box = region_box(request.region, width, height)
    region_width, region_height = box[2], box[3]
    size = request.size
    if size.kind == "max":
        out = fit_area(region_width, region_height, max_area)
    else:
        too_wide = size.width is not None and size.width > region_width
        if too_wide or (size.height is not None and size.height > region_height):
            raise ParameterError(
                f"The size {size.width or ''},{size.height or ''} is larger than the region "
                f"({region_width} × {region_height} pixels): this server does not upscale."
            )
        if size.kind == "w":
            out = (size.width, max(1, round(region_height * size.width / region_width)))
        elif size.kind == "h":
            out = (max(1, round(region_width * size.height / region_height)), size.height)
        else:
            out = (size.width, size.height)
        if out[0] * out[1] > max_area:
            raise ParameterError(
                f"The size exceeds this server's limit: {out[0]} × {out[1]} is more than "
                f"{max_area} pixels (maxArea in info.json). Ask for a smaller size, or max."
            )
    return Resolved(box, *out)
