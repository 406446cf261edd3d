"""schema.org descriptions (JSON-LD) of the archive's records, for search engines and re-users:
an image's or video's licence, credit and files (what makes a "licensable" result), a person,
a mission as an event. Texts are in the page's language, with ``inLanguage`` saying which."""

import json

from django.utils.translation import gettext as _

from . import links
from .bilingual import active_language, localized, shown_title
from .models import LICENCE_URLS, Astronaut, ImageCaption, Licence, Mission, Video, media_url

# Where anyone learns how to use or license the agency's media.
TERMS_URL = LICENCE_URLS[Licence.ESA_STANDARD]


def _absolute(request, url):
    return links.absolute(request, url) if url else None


def _licence(record):
    return {
        "license": record.licence_url or None,
        "acquireLicensePage": TERMS_URL,
        "creditText": record.credit,
        "copyrightNotice": record.credit,
    }


def image_object(request, image):
    caption = localized(image, "caption")
    photographer = image.public_photographer
    return {
        "@type": "ImageObject",
        "name": str(shown_title(image)) or image.slug,
        "caption": str(caption) or None,
        "inLanguage": caption.lang,
        "url": _absolute(request, image.get_absolute_url()),
        "contentUrl": _absolute(request, media_url(image.image.storage, image.image.name)),
        "thumbnailUrl": _absolute(request, image.rendition_url("jpeg_640")),
        "width": image.width,
        "height": image.height,
        "encodingFormat": f"image/{image.format.lower()}" if image.format else None,
        "dateCreated": image.date_taken.isoformat() if image.date_taken else None,
        # A drawing or an artist's view, not a photograph (CreativeWork's ``genre``).
        "genre": str(_("illustration")) if image.is_illustration else None,
        "creator": (
            {"@type": "Person", "name": photographer.name}
            if photographer
            else {"@type": "Organization", "name": image.credit}
        ),
        **_licence(image),
    }


def largest_mp4(video):
    """The tallest MP4 rendition of a video (``{"height", "width", "name", "size", "url"}``),
    or None before it is made: what ``contentUrl`` and a video sitemap's ``content_loc`` give."""
    mp4s = video.mp4s  # tallest first
    return mp4s[0] if mp4s else None


def video_object(request, video):
    description = localized(video, "description")
    largest = largest_mp4(video)
    return {
        "@type": "VideoObject",
        "name": str(localized(video, "title")),
        "description": str(description) or str(localized(video, "title")),
        "inLanguage": description.lang,
        "url": _absolute(request, video.get_absolute_url()),
        "contentUrl": _absolute(request, largest["url"]) if largest else None,
        "thumbnailUrl": _absolute(request, video.poster_url("jpeg")),
        "uploadDate": (video.released_on or video.created_at.date()).isoformat(),
        "duration": _iso_duration(video.duration),
        "width": largest["width"] if largest else None,
        "height": largest["height"] if largest else None,
        "creator": {"@type": "Organization", "name": video.credit},
        **_licence(video),
    }


def person(request, astronaut):
    portrait = astronaut.public_portrait
    return {
        "@type": "Person",
        "name": astronaut.name,
        "description": str(localized(astronaut, "biography")) or None,
        "nationality": {"@type": "Country", "name": astronaut.get_nationality_display()},
        "affiliation": {"@type": "Organization", "name": astronaut.agency},
        "jobTitle": "Astronaut",
        "image": _absolute(request, portrait.rendition_url("jpeg_640")) if portrait else None,
        "url": _absolute(request, astronaut.get_absolute_url()),
    }


def event(request, mission):
    site = localized(mission, "launch_site")
    return {
        "@type": "Event",
        "name": mission.name,
        "description": str(localized(mission, "summary")) or None,
        "startDate": mission.launch_date.isoformat(),
        "endDate": mission.landing_date.isoformat() if mission.landing_date else None,
        "location": {"@type": "Place", "name": str(site)} if site else None,
        "performer": [
            {
                "@type": "Person",
                "name": member.astronaut.name,
                "url": _absolute(request, member.astronaut.get_absolute_url()),
            }
            for member in mission.crew_members.all()  # published astronauts (with_crew)
        ],
        "eventStatus": "https://schema.org/EventScheduled",
        "url": _absolute(request, mission.get_absolute_url()),
        "inLanguage": active_language(),
    }


def _iso_duration(seconds):
    whole = round(seconds or 0)
    return f"PT{whole // 60}M{whole % 60}S"


DESCRIBERS = {ImageCaption: image_object, Video: video_object, Astronaut: person, Mission: event}


def json_ld(request, record):
    """The ``<script type="application/ld+json">`` of ``record`` (empty values left out)."""
    data = {"@context": "https://schema.org", **DESCRIBERS[type(record)](request, record)}
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'
