"""Public pages live under /en/ and /fr/; the admin, sitemap and robots.txt do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from django.views.static import serve

from missions import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
urlpatterns += i18n_patterns(path("", include("missions.urls")))


@cache_control(public=True, max_age=24 * 60 * 60)
def serve_media(request, path):
    """Uploads, when Django serves them (development, small deployments with SERVE_MEDIA).

    Browsers keep them a day, then revalidate (Last-Modified). Not longer: a file name can come
    back after its image was deleted, and a replaced image always gets a new name.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))
