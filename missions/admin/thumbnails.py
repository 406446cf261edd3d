"""The small picture of an image in the admin's lists, inlines and caption desk."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


@admin.display(description=_("image"))
def thumbnail(image, width=80):
    """Its smallest WebP rendition (made at upload), ``width`` pixels wide on the page."""
    if not image or not image.image or not image.image._committed:
        return "—"  # no image yet, or a new file not stored yet (a form with errors)
    rendition_width, rendition_height = image.rendition_size("webp_320")
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" loading="lazy">',
        image.rendition_url("webp_320"),
        width,
        round(width * rendition_height / rendition_width),
    )
