"""An Atom feed of the latest published images and videos, in the language of the URL it is
read from.

Each entry carries its picture (an image's original as an enclosure, a rendition in its
summary; a video's MP4 and poster), the text in the page's language or, where it is not written
yet, the other one marked with ``xml:lang``, its licence as ``rights``, and an id that never
changes (a ``tag:`` URI from the record's kind, creation date and id, not from the host that
served it). Conditional requests get a 304 until anything visible changes.
"""

import threading
from html import escape

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition

from . import links
from .bilingual import active_language, localized, shown_title
from .caching import current_version
from .models import ImageCaption, Licence, Video

FEED_SIZE = 30
TAG_AUTHORITY = settings.FEED_TAG_AUTHORITY
_serving = threading.local()


class LanguageTaggedAtom(Atom1Feed):
    """Atom with an ``xml:lang`` on each entry whose text is not in the feed's language."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("lang") and item["lang"] != self.feed["language"]:
            attributes["xml:lang"] = item["lang"]
        return attributes


class LatestImagesFeed(Feed):
    feed_type = LanguageTaggedAtom
    title = _("ESA Archive: latest images and videos")
    subtitle = _("The newest images and videos from the missions, with their captions.")

    def __call__(self, request, *args, **kwargs):
        # The enclosures need absolute URLs; one feed object serves every thread.
        _serving.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("missions:gallery")

    def items(self):
        images = ImageCaption.objects.published().order_by("-created_at", "-pk")[:FEED_SIZE]
        videos = Video.objects.published().order_by("-created_at", "-pk")[:FEED_SIZE]
        newest = sorted([*images, *videos], key=lambda item: item.created_at, reverse=True)
        return newest[:FEED_SIZE]

    def item_title(self, item):
        # An image saved without a title shows its caption's first words, never its slug.
        title = str(shown_title(item) or item) if isinstance(item, ImageCaption) else str(item)
        if getattr(item, "is_illustration", False):
            return _("%(title)s (illustration)") % {"title": title}
        return title

    def item_categories(self, item):
        """An illustration (a drawing, an artist's view) says so: readers can filter on it."""
        return [_("illustration")] if getattr(item, "is_illustration", False) else []

    def item_description(self, item):
        """The picture (a rendition, or the video's poster) and the caption or description."""
        text = _text(item)
        picture = _picture_url(item)
        alt = localized(item, "alt") if isinstance(item, ImageCaption) else ""
        html = f'<p><img src="{escape(picture)}" alt="{escape(alt)}"></p>' if picture else ""
        return html + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line)

    def item_extra_kwargs(self, item):
        return {"lang": _text(item).lang}

    def item_guid(self, item):
        kind = "video" if isinstance(item, Video) else "image"
        return f"tag:{TAG_AUTHORITY},{item.created_at:%Y-%m-%d}:{kind}/{item.pk}"

    def item_copyright(self, item):
        label = Licence(item.licence).label
        return f"{item.credit} — {label}" if item.credit else str(label)

    def item_author_name(self, item):
        return item.credit

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        request = _serving.request
        if isinstance(item, Video):
            if not item.mp4s:
                return []
            smallest = item.mp4s[-1]
            url = links.absolute(request, smallest["url"])
            return [Enclosure(url, str(smallest["size"]), "video/mp4")]
        url = links.absolute(request, item.image.url)
        return [Enclosure(url, str(item.file_size), f"image/{item.format.lower() or 'jpeg'}")]


def _text(item):
    return localized(item, "description" if isinstance(item, Video) else "caption")


def _picture_url(item):
    request = _serving.request
    if isinstance(item, Video):
        poster = item.poster_url("jpeg")
        return links.absolute(request, poster) if poster else ""
    return links.absolute(request, item.rendition_url("jpeg_640"))


def _version_etag(request, *args, **kwargs):
    return f"{current_version().token}-{active_language()}"


def _version_time(request, *args, **kwargs):
    return current_version().changed_at


latest_feed = condition(etag_func=_version_etag, last_modified_func=_version_time)(
    LatestImagesFeed()
)
