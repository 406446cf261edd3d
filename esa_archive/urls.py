"""Public pages live under /en/ and /fr/; the admin, API, IIIF, sitemap and robots.txt do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from missions import sitemaps
from missions.media import serve_media

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("missions.api.urls")),
    path("iiif/", include("missions.iiif.urls")),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
urlpatterns += i18n_patterns(path("", include("missions.urls")))


urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))
