"""An Atom feed of the latest published images, in the language of the URL it is read from."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .bilingual import localized
from .models import ImageCaption

FEED_SIZE = 30


class LatestImagesFeed(Feed):
    feed_type = Atom1Feed
    title = _("ESA Archive: latest images")
    subtitle = _("The newest images from the missions, with their captions.")

    def link(self):
        return reverse("missions:gallery")

    def items(self):
        return ImageCaption.objects.published().order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return localized(item, "caption")

    def item_author_name(self, item):
        return item.credit

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
