"""The sitemap: an index of sections, each cut into pages well under the protocol's limits.

``/sitemap.xml`` is a sitemap index; ``/sitemap-<section>.xml?p=N`` are its pages. Every
published page is listed in English and French with hreflang alternates (and x-default).

Written here rather than with ``django.contrib.sitemaps``: its pages build the list of every
(item, language) pair of a section on each request and render each URL through the template
engine (19 s for 100,000 images, and its page stopped at 50,000 URLs). Here a page reads only
its own rows, as plain values, and writes its XML from one reversed URL pattern per language,
so it costs the same at any archive size.
"""

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
from .models import Astronaut, ImageCaption, Mission, Spacecraft, Video

URLS_PER_PAGE = 10_000  # the protocol allows 50,000; smaller pages are quick to make and read
SLUG = "00slug00"  # stands for the slug in a reversed URL pattern
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NAMESPACES = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    ' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"'
)

# Each section: the URL name of its pages, and the published records it lists (None: the
# fixed pages, given by URL name).
SECTIONS = {
    "pages": ("", None),
    "missions": ("missions:mission", Mission),
    "astronauts": ("missions:astronaut", Astronaut),
    "spacecraft": ("missions:spacecraft", Spacecraft),
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
    and what ``extra(language)`` adds (a video's entry).

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


def _video_entry(origin, video, language):
    """A video sitemap's ``<video:video>``: poster, title and description in ``language``,
    the file, its length and release date."""
    title = localized(video, "title", language=language)
    description = localized(video, "description", language=language) or title
    released = video.released_on or video.created_at.date()
    return (
        "<video:video>"
        f"<video:thumbnail_loc>{_absolute(origin, video.poster_url('jpeg'))}</video:thumbnail_loc>"
        f"<video:title>{escape(title)}</video:title>"
        f"<video:description>{escape(description[:2048])}</video:description>"
        f"<video:content_loc>{_absolute(origin, video.mp4s[-1]['url'])}</video:content_loc>"
        f"<video:duration>{max(1, round(video.duration))}</video:duration>"
        f"<video:publication_date>{released:%Y-%m-%d}</video:publication_date>"
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
