"""The Image API 3.0 description of an image (``info.json``) and the addresses of its service.

The service claims IIIF level 1, exactly what the official validator checks at that level:
regions full, square and x,y,w,h; sizes max, w, ,h and w,h (never upscaled); rotation 0;
quality default; jpg, plus png and webp (``extraFormats``). ``maxArea`` bounds every answer;
``sizes`` lists the renditions already on storage (answered without any resizing) and
``tiles`` lets deep-zoom viewers ask for pieces.
"""

from django.conf import settings
from django.urls import reverse

from .. import links
from . import derivatives
from .params import EXTRA_FORMATS, fit_area
from .rights import rights_uri

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
PROFILE = "level1"
TILE_SIZE = 512


def service_id(request, slug):
    """The base URI of an image's service (``…/iiif/3/<slug>``), which is also its ``id``."""
    return links.absolute(request, reverse("iiif:image-base", args=[slug]))


def image_url(request, slug, region="full", size="max", image_format="jpg"):
    return f"{service_id(request, slug)}/{region}/{size}/0/default.{image_format}"


def reference(request, slug):
    """The service as a Presentation resource names it (``service`` of an image body)."""
    return {"id": service_id(request, slug), "type": "ImageService3", "profile": PROFILE}


def max_size(image):
    """``(w, h)`` of ``full/max``: the whole image, or less when it is over ``maxArea``."""
    return fit_area(image.width, image.height, settings.IIIF_MAX_AREA)


def scale_factors(width, height):
    """1, 2, 4… until one tile holds the whole image."""
    factors = [1]
    while max(width, height) / factors[-1] > TILE_SIZE:
        factors.append(factors[-1] * 2)
    return factors


def info(request, image):
    """The ``info.json`` of a (public) image."""
    max_area = settings.IIIF_MAX_AREA
    sizes = [size for size in derivatives.rendition_sizes(image) if size[0] * size[1] <= max_area]
    if max_size(image) not in sizes:
        sizes.append(max_size(image))
    return {
        "@context": IMAGE_CONTEXT,
        "id": service_id(request, image.slug),
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": PROFILE,
        "width": image.width,
        "height": image.height,
        "maxArea": max_area,
        "sizes": [{"width": width, "height": height} for width, height in sizes],
        "tiles": [{"width": TILE_SIZE, "scaleFactors": scale_factors(image.width, image.height)}],
        "extraFormats": EXTRA_FORMATS,
        "rights": rights_uri(image.licence),
        "partOf": [
            {
                "id": links.absolute(request, reverse("iiif:image-manifest", args=[image.slug])),
                "type": "Manifest",
            }
        ],
    }
