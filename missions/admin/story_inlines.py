"""The parts of a mission's, an astronaut's or a spacecraft's story edited on its own page: its
figures, its timeline (with the images and videos that show each moment) and its links to read
more. English and French side by side, as everywhere in the admin."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import MissionEvent, MissionFigure, RelatedLink

# An address typed without its scheme ("www.esa.int/MissionAlpha") is taken as https.
HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}


class MissionFigureInline(admin.TabularInline):
    model = MissionFigure
    extra = 0
    fields = ["value", "label_en", "label_fr", "position"]


class MissionEventInline(admin.StackedInline):
    model = MissionEvent
    extra = 0
    autocomplete_fields = ["images", "videos"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("kind", "date", "time"),
                    ("label_en", "label_fr"),
                    ("description_en", "description_fr"),
                    ("images", "videos"),
                ]
            },
        ),
    ]


class RelatedLinkInline(admin.TabularInline):
    """Links of a mission, an astronaut or a spacecraft (the inline's parent is the owner)."""

    model = RelatedLink
    extra = 0
    fields = ["label_en", "label_fr", "url", "position"]
    formfield_overrides = HTTPS_BY_DEFAULT
    verbose_name_plural = _("more information (links)")
