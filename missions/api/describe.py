"""Records as the API gives them (the shapes are ``schemas.py``): texts in both languages,
absolute addresses, files with their sizes."""

import logging

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

from .. import bilingual, links
from ..bilingual import LANGUAGE_CODES as LANGUAGES
from ..managers import public
from ..models import Licence

logger = logging.getLogger(__name__)

MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff"}


def text(record, field):
    """``{"en": …, "fr": …}`` of ``field_en``/``field_fr``, ``None`` where it is empty."""
    return {code: (getattr(record, f"{field}_{code}") or "").strip() or None for code in LANGUAGES}


def named(record, field):
    """A spacecraft's name or operator: ``field`` is both languages' unless ``field_fr`` gives
    a French form."""
    value = getattr(record, field) or None
    return {"en": value, "fr": getattr(record, f"{field}_fr") or value}


def pages(request, record):
    """The record's public page in each language, as absolute URLs."""
    return {code: links.absolute(request, path) for code, path in bilingual.pages(record).items()}


def api_url(request, name, **kwargs):
    return links.absolute(request, reverse(f"api:{name}", kwargs=kwargs))


def link(request, name, record, label=None):
    return {
        "slug": record.slug,
        "name": label if label is not None else record.name,
        "api": api_url(request, name, slug=record.slug),
    }


def licence(record):
    return {
        "code": record.licence,
        "name": str(Licence(record.licence).label),
        "url": record.licence_url,
    }


def file_sizes(storage, names):
    """``{name: bytes}`` of stored files, without those missing from storage. Renditions'
    names change with their content, so their sizes are kept in the cache for good: asking S3
    costs a request per file."""
    keys = {f"file-size:{name}": name for name in names}
    known = cache.get_many(keys)
    found = {}
    for key, name in keys.items():
        if key in known:
            continue
        try:
            found[key] = storage.size(name)
        except OSError:  # a rendition not made (its original missing): offered by no one
            logger.warning("Rendition %s is missing from storage", name)
    cache.set_many(found, None)
    return {keys[key]: size for key, size in {**known, **found}.items()}


def image_card(request, image):
    return {
        "slug": image.slug,
        "api": api_url(request, "image", slug=image.slug),
        "title": text(image, "title"),
        "caption": text(image, "caption"),
        "alt": text(image, "alt"),
        "date_taken": image.date_taken,
        "mission": image.mission.slug if image.mission_id else None,
        "width": image.width,
        "height": image.height,
        "thumbnail": links.absolute(request, image.rendition_url("jpeg_640")),
        "illustration": image.is_illustration,
        "pages": pages(request, image),
    }


def image_detail(request, image):
    storage = image.image.storage
    fields = list(image.renditions)
    sizes = file_sizes(storage, [image.renditions[field] for field in fields])
    renditions = []
    for field in fields:
        if image.renditions[field] not in sizes:
            continue
        width, height = image.rendition_size(field)
        renditions.append(
            {
                "url": links.absolute(request, image.rendition_url(field)),
                "width": width,
                "height": height,
                "format": f"image/{field.split('_')[0]}",
                "bytes": sizes[image.renditions[field]],
            }
        )
    renditions.sort(key=lambda file: (file["format"], file["width"]))
    photographer = image.public_photographer
    return {
        **image_card(request, image),
        "likes": image.like_count,
        "credit": image.credit,
        "licence": licence(image),
        "photographer": link(request, "astronaut", photographer) if photographer else None,
        "spacecraft": [
            link(request, "spacecraft", craft, craft.name) for craft in image.spacecraft.all()
        ],
        "original": {
            "url": links.absolute(request, image.image.url),
            "width": image.width,
            "height": image.height,
            "format": MEDIA_TYPES.get(image.format.upper(), "application/octet-stream"),
            "bytes": image.file_size,
        },
        "renditions": renditions,
        "iiif_manifest": links.absolute(
            request, reverse("iiif:image-manifest", kwargs={"slug": image.slug})
        ),
        "iiif_image": links.absolute(
            request, reverse("iiif:image-base", kwargs={"identifier": image.slug})
        ),
        "updated_at": image.updated_at,
    }


def video_card(request, video):
    poster = video.poster_url("webp")
    return {
        "slug": video.slug,
        "api": api_url(request, "video", slug=video.slug),
        "title": text(video, "title"),
        "description": text(video, "description"),
        "released_on": video.released_on,
        "mission": video.mission.slug if video.mission_id else None,
        "duration": video.duration,
        "poster": links.absolute(request, poster) if poster else None,
        "pages": pages(request, video),
    }


def video_detail(request, video):
    return {
        **video_card(request, video),
        "likes": video.like_count,
        "credit": text(video, "credit"),
        "licence": licence(video),
        "footage_type": video.footage_type,
        "audio": video.audio,
        "astronauts": [link(request, "astronaut", person) for person in video.astronauts.all()],
        "spacecraft": [link(request, "spacecraft", craft) for craft in video.spacecraft.all()],
        "files": [
            {
                "url": links.absolute(request, rendition["url"]),
                "width": rendition["width"],
                "height": rendition["height"],
                "format": "video/mp4",
                "bytes": rendition["size"],
            }
            for rendition in video.mp4s
        ],
        "subtitles": [
            {
                "language": code,
                "url": links.absolute(request, _subtitles_path(video, code)),
            }
            for code, _ in video.subtitle_tracks()
        ],
        "updated_at": video.updated_at,
    }


def _subtitles_path(video, code):
    with override(code):
        return reverse("missions:video-subtitles", kwargs={"slug": video.slug, "language": code})


def mission_card(request, mission):
    return {
        "slug": mission.slug,
        "api": api_url(request, "mission", slug=mission.slug),
        "name": mission.name,
        "launch_date": mission.launch_date,
        "landing_date": mission.landing_date,
        "summary": text(mission, "summary"),
        "pages": pages(request, mission),
    }


def astronaut_card(request, astronaut):
    return {
        "slug": astronaut.slug,
        "api": api_url(request, "astronaut", slug=astronaut.slug),
        "name": astronaut.name,
        "nationality": astronaut.nationality,
        "agency": astronaut.agency,
        "pages": pages(request, astronaut),
    }


def spacecraft_card(request, craft):
    return {
        "slug": craft.slug,
        "api": api_url(request, "spacecraft", slug=craft.slug),
        "name": named(craft, "name"),
        "kind": craft.kind,
        "pages": pages(request, craft),
    }


def related_links(record):
    return [{"label": text(link, "label"), "url": link.url} for link in record.links.all()]


def agency_link(request, agency):
    """A link to an agency's record, if it is public."""
    return public(agency) and link(request, "agency", agency, agency.short_name)


def place_link(request, place):
    """A link to a place's record, if it is public."""
    return public(place) and link(request, "place", place, place.name_en)


def agreement(request, signed):
    return {
        "title": text(signed, "title"),
        "signed_on": signed.signed_on,
        "parties": [agency_link(request, party) for party in signed.parties.all()],
        "place": place_link(request, signed.place),
        "summary": text(signed, "summary"),
    }


def agency_card(request, agency):
    return {
        "slug": agency.slug,
        "api": api_url(request, "agency", slug=agency.slug),
        "short_name": agency.short_name,
        "name": text(agency, "name"),
        "country": agency.country,
        "pages": pages(request, agency),
    }


def place_card(request, place):
    return {
        "slug": place.slug,
        "api": api_url(request, "place", slug=place.slug),
        "name": text(place, "name"),
        "kind": place.kind,
        "country": place.country,
        "region": text(place, "region"),
        "pages": pages(request, place),
    }
