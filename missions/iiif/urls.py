"""IIIF addresses, outside the language prefixes (a manifest holds both languages)."""

from django.urls import path, re_path

from . import views

app_name = "iiif"

urlpatterns = [
    path("3/<str:identifier>", views.image_base, name="image-base"),
    path("3/<str:identifier>/info.json", views.info, name="info"),
    path(
        "3/<str:identifier>/<str:region>/<str:size>/<str:rotation>/<str:quality_format>",
        views.image,
        name="image",
    ),
    path("images/<slug:slug>/manifest.json", views.image_manifest, name="image-manifest"),
    path("missions/<slug:slug>/manifest.json", views.mission_manifest, name="mission-manifest"),
    # Anything else under /iiif/ (an identifier with a slash, a missing part): a plain 404
    # with CORS, as every IIIF answer.
    re_path(r"^(?P<rest>.*)$", views.unknown),
]
