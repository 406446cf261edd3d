"""The IIIF endpoints: the Image API (``/iiif/3/…``) and the manifests (``/iiif/…/manifest.json``).

Only what the managers call public is ever described or served (``published()``): a draft
image, an image of a draft mission, a draft mission, or a slug that names nothing are all the
same 404, for editors too (IIIF answers are public and cached as such). Parameters are checked
before the database is read, so junk is a 400 whatever the identifier (``params.py``).

An image answer is, in order: a 304 when the client's copy is current (the ETag is made from
the image's last edit and the canonical request, so it is known without any pixel); the bytes
kept in the cache; the stored rendition it exactly is; or a new derivative, which counts
against the client's ``IIIF_RATE`` (``missions/throttle.py``) and is then kept.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .. import links, throttle
from ..models import ImageCaption
from . import derivatives, presentation, responses, service
from .params import ParameterError, parse, resolve

logger = logging.getLogger(__name__)

IMAGE_FIELDS = ("slug", "image", "width", "height", "renditions", "licence", "updated_at")


def iiif_endpoint(view):
    """GET and HEAD only (a plain-text 405 otherwise)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return responses.text(405, "Only GET and HEAD are allowed here.", Allow="GET, HEAD")
        return view(request, *args, **kwargs)

    return wrapped


def not_found(what="image"):
    return responses.text(404, f"There is no public {what} with this identifier.")


def public_image(identifier):
    if not links.is_slug(identifier):
        return None
    return ImageCaption.objects.published().filter(slug=identifier).only(*IMAGE_FIELDS).first()


@iiif_endpoint
def image_base(request, identifier):
    """The base URI of an image: a 303 to its ``info.json``."""
    if public_image(identifier) is None:
        return not_found()
    response = HttpResponseRedirect(
        links.absolute(request, reverse("iiif:info", args=[identifier]))
    )
    response.status_code = 303
    return response


@iiif_endpoint
def info(request, identifier):
    image = public_image(identifier)
    if image is None:
        return not_found()
    return responses.json_answer(
        request, service.info(request, image), service.IMAGE_CONTEXT, negotiate=True
    )


@iiif_endpoint
def image(request, identifier, region, size, rotation, quality_format):
    try:
        wanted = parse(region, size, rotation, quality_format)
    except ParameterError as error:
        return responses.text(error.status, error.message)
    record = public_image(identifier)
    if record is None:
        return not_found()
    try:
        resolved = resolve(wanted, record.width, record.height, settings.IIIF_MAX_AREA)
    except ParameterError as error:
        return responses.text(error.status, error.message)
    key = derivatives.cache_key(record, wanted, resolved)
    validators = {
        "etag": f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"',
        "last_modified": int(record.updated_at.timestamp()),
        "max_age": settings.IIIF_MAX_AGE,
    }
    unchanged = responses.not_modified(request, **validators)
    if unchanged is not None:
        return unchanged
    data = derivatives.cached(key)
    if data is None:
        data = derivatives.rendition_bytes(record, wanted, resolved) or _made(
            request, record, wanted, resolved
        )
        if isinstance(data, HttpResponse):  # refused (429), or the original is unreadable
            return data
        derivatives.keep(key, data)
    return responses.body(request, data, wanted.content_type, **validators)


def _made(request, record, wanted, resolved):
    """A new derivative's bytes, if this client may have one made now; else the answer."""
    wait = throttle.take(request, "IIIF_RATE")
    if wait is not None:
        return responses.text(
            429,
            f"Too many new images from this address: try again in {wait} seconds "
            f"(the limit is {settings.IIIF_RATE}; images already made are not limited).",
            Retry_After=str(wait),
        )
    try:
        return derivatives.produce(record, wanted, resolved)
    except derivatives.SourceUnreadable as error:
        logger.warning("IIIF: the original of %s cannot be read: %s", record.slug, error)
        if error.missing:
            return responses.text(404, "The file of this image is missing.")
        return responses.text(
            503, "The file of this image cannot be read just now.", Retry_After="60"
        )


@iiif_endpoint
def image_manifest(request, slug):
    record = presentation.public_image(slug)
    if record is None:
        return not_found()
    return responses.json_answer(
        request, presentation.image_manifest(request, record), presentation.PRESENTATION_CONTEXT
    )


@iiif_endpoint
def mission_manifest(request, slug):
    mission = presentation.public_mission(slug)
    if mission is None:
        return not_found("mission")
    images = presentation.mission_images(mission)
    if not images:  # a manifest needs at least one canvas
        return responses.text(404, "No image of this mission has been published yet.")
    return responses.json_answer(
        request,
        presentation.mission_manifest(request, mission, images),
        presentation.PRESENTATION_CONTEXT,
    )


@iiif_endpoint
def unknown(request, rest):
    return responses.text(
        404,
        "Not an IIIF address of this archive. Images: /iiif/3/{identifier}/info.json and "
        "/iiif/3/{identifier}/{region}/{size}/{rotation}/{quality}.{format}; manifests: "
        "/iiif/images/{slug}/manifest.json and /iiif/missions/{slug}/manifest.json.",
    )
