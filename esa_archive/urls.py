"""Public pages live under /en/ and /fr/; the admin, sitemap and robots.txt do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.static import serve

from missions.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
urlpatterns += i18n_patterns(path("", include("missions.urls")))

if settings.DEBUG or settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        path(f"{media_prefix}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
