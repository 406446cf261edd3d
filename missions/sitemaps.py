"""sitemap.xml: every published page in English and French, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Astronaut, ImageCaption, Mission, Spacecraft


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(BilingualSitemap):
    priority = 0.8

    def items(self):
        return ["home", "mission-list", "astronaut-list", "spacecraft-list", "gallery"]

    def location(self, item):
        return reverse(f"missions:{item}")


class PublishedSitemap(BilingualSitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MissionSitemap(PublishedSitemap):
    model = Mission
    priority = 0.7


class AstronautSitemap(PublishedSitemap):
    model = Astronaut


class SpacecraftSitemap(PublishedSitemap):
    model = Spacecraft


class ImageSitemap(PublishedSitemap):
    model = ImageCaption


SITEMAPS = {
    "pages": PagesSitemap,
    "missions": MissionSitemap,
    "astronauts": AstronautSitemap,
    "spacecraft": SpacecraftSitemap,
    "images": ImageSitemap,
}
