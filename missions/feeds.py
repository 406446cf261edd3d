"""An Atom feed of the latest published images and videos, in the language of the URL it is
read from. A video's entry carries its MP4 as an enclosure, for podcast-style readers."""

import threading

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from . import links
from .bilingual import localized
from .models import ImageCaption, Video

FEED_SIZE = 30
_serving = threading.local()


class LatestImagesFeed(Feed):
    feed_type = Atom1Feed
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
        return str(item)

    def item_description(self, item):
        return localized(item, "description" if isinstance(item, Video) else "caption")

    def item_author_name(self, item):
        return item.credit

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_enclosures(self, item):
        if not isinstance(item, Video) or not item.mp4s:
            return []
        smallest = item.mp4s[-1]
        url = links.absolute(_serving.request, smallest["url"])
        return [Enclosure(url, str(smallest["size"]), "video/mp4")]
