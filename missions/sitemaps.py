"""The sitemap: an index of sections, each cut into pages well under the protocol's limits.

``/sitemap.xml`` is a sitemap index; ``/sitemap-<section>.xml?p=N`` are its pages. Every
published page is listed in English and French with hreflang alternates (and x-default).

Written here rather than with ``django.contrib.sitemaps``: its pages build the list of every
(item, language) pair of a section on each request and render each URL through the template
engine (19 s for 100,000 images, and its page stopped at 50,000 URLs). Here a page reads only
its own rows, as plain values, and writes its XML from one reversed URL pattern per language,
so it costs the same at any archive size.

Google's extensions: an image page's entries give its picture (``<image:image>``, the original
file, as the page's JSON-LD ``contentUrl``), a video page's its ``<video:video>`` (poster,
title and description in the language of that URL, the largest MP4, length, release date). The
files are the ones ``structured.py`` describes, and are served to anyone once the record is
public. A mission page lists no images: a mission has thousands, more than one page of its
section could read cheaply, and its page shows only a few of them.
"""

import re
from html import escape
from math import ceil

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation

from . import links
from .bilingual import localized
from .caching import current_version
from .facets import archive
from .models import Agency, Astronaut, ImageCaption, Mission, Place, Spacecraft, Video, media_url
from .structured import largest_mp4

URLS_PER_PAGE = 10_000  # the protocol allows 50,000; smaller pages are quick to make and read
SLUG = "00slug00"  # stands for the slug in a reversed URL pattern
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NAMESPACES = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
    ' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"'
)
# Characters XML 1.0 does not allow at all, even escaped (a control character pasted into a
# caption would make the whole page unreadable).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DESCRIPTION_LIMIT = 2048  # characters of a <video:description>


# Each section: the URL name of its pages, and the published records it lists (None: the
# fixed pages, given by URL name).
SECTIONS = {
    "pages": ("", None),
    "missions": ("missions:mission", Mission),
    "astronauts": ("missions:astronaut", Astronaut),
    "spacecraft": ("missions:spacecraft", Spacecraft),
    "agencies": ("missions:agency", Agency),
    "places": ("missions:place", Place),
    "images": ("missions:image", ImageCaption),
    "videos": ("missions:video", Video),
}
PAGES = ["home", "mission-list", "astronaut-list", "spacecraft-list", "gallery"]
PER_ITEM = len(LANGUAGES)  # each record has one URL per language


def _records(model):
    return model.objects.published().order_by("pk")


def _in_every_language(url_name, **kwargs):
    """``{language: path}`` of one URL name in every language."""
    paths = {}
    for language in LANGUAGES:
        with translation.override(language):
            paths[language] = reverse(url_name, kwargs=kwargs or None)
    return paths


def _url_entries(origin, paths, lastmod, extra=None):
    """One ``<url>`` per language, each listing every language (and x-default) as alternates,
    and what ``extra(language)`` adds (an image's or a video's entry).

    ``origin`` is already escaped; paths come from ``reverse()`` and slugs, which hold no
    character XML would need escaped.
    """
    # x-default is the English page, as the pages themselves say: the unprefixed address would
    # send a French browser to a French path that does not exist (/gallery/ → /fr/gallery/).
    default = paths[settings.LANGUAGE_CODE]
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{language}" href="{origin}{path}"/>'
        for language, path in (*paths.items(), ("x-default", default))
    )
    modified = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
    return "".join(
        f"<url><loc>{origin}{path}</loc>{modified}{alternates}"
        f"{extra(language) if extra else ''}</url>\n"
        for language, path in paths.items()
    )


def _absolute(origin, url):
    """A media URL on our site (``/media/…``) with the origin; a storage's own (S3) as it is."""
    return escape(url) if "://" in url else origin + escape(url)


def _text(value, limit=None):
    """Text for an element: what XML cannot hold left out, cut to ``limit``, then escaped."""
    value = NOT_XML.sub("", str(value)).strip()
    return escape(value[:limit] if limit else value)


def _image_entry(origin, url):
    """An image sitemap's ``<image:image>`` (its title and caption tags are retired: Google
    reads them from the page)."""
    return f"<image:image><image:loc>{_absolute(origin, url)}</image:loc></image:image>"


def _video_entry(origin, video, language):
    """A video sitemap's ``<video:video>``: poster, title and description in ``language`` (the
    other one where it is not written), the largest file, its length and release date. Nothing
    for a video without its poster or file: both are required."""
    poster, largest = video.poster_url("jpeg"), largest_mp4(video)
    if not (poster and largest):
        return ""
    title = localized(video, "title", language=language)
    description = localized(video, "description", language=language) or title
    released = video.released_on or video.created_at.date()
    seconds = round(video.duration or 0)
    return (
        "<video:video>"
        f"<video:thumbnail_loc>{_absolute(origin, poster)}</video:thumbnail_loc>"
        f"<video:title>{_text(title, 100)}</video:title>"
        f"<video:description>{_text(description, DESCRIPTION_LIMIT)}</video:description>"
        f"<video:content_loc>{_absolute(origin, largest['url'])}</video:content_loc>"
        + (f"<video:duration>{min(seconds, 28800)}</video:duration>" if seconds >= 1 else "")
        + f"<video:publication_date>{released:%Y-%m-%d}</video:publication_date>"
        "</video:video>"
    )


def _xml(root, body):
    return HttpResponse(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} {NAMESPACES}>\n{body}</{root}>\n',
        content_type="application/xml; charset=utf-8",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )


def _origin(request):
    return escape(links.origin(request))


def _page_count(section):
    """Pages of a section; the public images are counted from the gallery's cells."""
    _url_name, model = SECTIONS[section]
    if model is None:
        items = len(PAGES)
    elif model is ImageCaption:
        items = sum(row[-1] for row in archive().cells.rows)
    else:
        items = _records(model).count()
    return max(1, ceil(items * PER_ITEM / URLS_PER_PAGE))


def index(request):
    """The sitemap index: every page of every section. (It gives no ``lastmod``, which is
    optional: the latest change of 100,000 images is a scan; each URL has its own.)"""
    origin = _origin(request)
    entries = []
    for section in SECTIONS:
        location = origin + reverse("sitemap-section", kwargs={"section": section})
        for number in range(1, _page_count(section) + 1):
            page = location if number == 1 else f"{location}?p={number}"
            entries.append(f"<sitemap><loc>{page}</loc></sitemap>\n")
    return _xml("sitemapindex", "".join(entries))


def section(request, section):
    """One page of a section: at most ``URLS_PER_PAGE`` URLs, read as a slice of its rows."""
    if section not in SECTIONS:
        raise Http404("No such sitemap section.")
    try:
        number = int(request.GET.get("p", 1))
    except ValueError:
        raise Http404("No such sitemap page.") from None
    if not 1 <= number <= _page_count(section):
        raise Http404("No such sitemap page.")
    origin = _origin(request)
    url_name, model = SECTIONS[section]
    if model is None:
        # The lists and the gallery change whenever anything a visitor sees changes.
        changed = current_version().changed_at
        body = "".join(
            _url_entries(origin, _in_every_language(f"missions:{name}"), changed) for name in PAGES
        )
        return _xml("urlset", body)
    per_page = URLS_PER_PAGE // PER_ITEM
    if model is Video:
        return _xml("urlset", _videos(origin, url_name, number, per_page))
    if model is ImageCaption:
        return _xml("urlset", _images(origin, url_name, number, per_page))
    rows = _records(model).values_list("slug", "updated_at")
    rows = rows[(number - 1) * per_page : number * per_page]
    patterns = _in_every_language(url_name, slug=SLUG)  # reversed once, not once per URL
    body = "".join(
        _url_entries(
            origin,
            {language: pattern.replace(SLUG, slug) for language, pattern in patterns.items()},
            updated_at,
        )
        for slug, updated_at in rows
    )
    return _xml("urlset", body)


def _images(origin, url_name, number, per_page):
    """A page of the images section: each URL with its picture, from the stored file name
    read in the same query (no record is made, no rendition asked of imagekit)."""
    storage = ImageCaption._meta.get_field("image").storage
    rows = _records(ImageCaption).values_list("slug", "updated_at", "image")
    rows = rows[(number - 1) * per_page : number * per_page]
    patterns = _in_every_language(url_name, slug=SLUG)
    entries = []
    for slug, updated_at, name in rows:
        picture = _image_entry(origin, media_url(storage, name))
        entries.append(
            _url_entries(
                origin,
                {language: pattern.replace(SLUG, slug) for language, pattern in patterns.items()},
                updated_at,
                lambda _language, picture=picture: picture,
            )
        )
    return "".join(entries)


def _videos(origin, url_name, number, per_page):
    """A page of the videos section: each URL with its video entry (there are hundreds of
    videos, not hundreds of thousands: the records are read whole)."""
    patterns = _in_every_language(url_name, slug=SLUG)
    videos = _records(Video)[(number - 1) * per_page : number * per_page]
    return "".join(
        _url_entries(
            origin,
            {language: pattern.replace(SLUG, video.slug) for language, pattern in patterns.items()},
            video.updated_at,
            lambda language, video=video: _video_entry(origin, video, language),
        )
        for video in videos
    )
