"""The focal point on the image form: click the preview where the picture's subject is.

The point is two fractions (``focal_x`` across, ``focal_y`` down, from the top left), kept as
number fields: they work without JavaScript and from the keyboard. ``static/js/focal_point.js``
makes the preview clickable, fills them and moves the marker. The public pages use the point
when the stylesheet crops a picture (``cards.focal_style``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

FIELDS = ("focal_x", "focal_y")
DESCRIPTION = gettext_lazy(
    "Click the picture where its subject is (a face, say): wherever the site crops it (cards, "
    "portraits, the timeline), that point stays in view. Or type fractions from 0 to 1, "
    "across and down from the top left. Leave both empty for the centre."
)


class FocalPointFormMixin:
    """For the image form: number inputs from 0 to 1 for the point, both coordinates or
    neither, and the script and style of the clickable preview."""

    class Media:
        css = {"all": ["css/admin_focal_point.css"]}
        js = ["js/focal_point.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELDS:
            if name in self.fields:
                self.fields[name].widget = forms.NumberInput(
                    attrs={"min": 0, "max": 1, "step": "0.01", "class": "focal-input"}
                )

    def clean(self):
        cleaned = super().clean()
        if not all(name in self.fields for name in FIELDS) or any(
            self.has_error(name) for name in FIELDS
        ):
            return cleaned
        x, y = (cleaned.get(name) for name in FIELDS)
        if (x is None) != (y is None):
            missing = "focal_y" if y is None else "focal_x"
            self.add_error(
                missing,
                ValidationError(
                    gettext("Give both coordinates of the focal point, or neither (the centre)."),
                    code="focal_point_half",
                ),
            )
        return cleaned


def focal_picker(image):
    """The preview to click, with the marker at the image's point (hidden when it has none)."""
    if not image or not image.image or not image.image._committed or not image.width:
        return gettext("Save the image first: then click its preview here.")
    x, y = image.focal_x, image.focal_y
    shown = x is not None and y is not None
    return format_html(
        '<div class="focal-picker" data-focal-x="id_focal_x" data-focal-y="id_focal_y">'
        '<img src="{}" alt="{}" width="{}" height="{}" draggable="false">'
        '<span class="focal-marker" aria-hidden="true" style="left: {}%; top: {}%"{}></span>'
        "</div>",
        image.rendition_url("webp_640"),
        gettext("The picture: click where its subject is."),
        400 if image.width >= image.height else round(400 * image.width / image.height),
        round(400 * image.height / image.width) if image.width >= image.height else 400,
        round((x if shown else 0.5) * 100, 2),
        round((y if shown else 0.5) * 100, 2),
        "" if shown else mark_safe(" hidden"),  # noqa: S308 (a constant)
    )
