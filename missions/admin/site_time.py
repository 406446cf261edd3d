"""Every date-time of the admin in the site's time zone, and saying so at the field.

With ``USE_TZ``, Django shows and reads a date-time in the current time zone; nothing here
activates another one than ``settings.TIME_ZONE`` (Europe/Paris), so an editor types, and
reads, the site's time wherever they are. Each date-time field's label ends with the zone:
"Publish at (Paris time)", « Publish at (heure de Paris) ». Dates alone have no zone, and the
times of a mission's timeline are in UTC (their label says so): neither gets the suffix.

Django's own note beside the fields ("You are 1 hour behind server time") is gone: see
templates/admin/base.html.
"""

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext


def local_time(value):
    """``7 Dec 2025 09:00``: a moment in the site's time zone, as editors schedule it."""
    return formats.date_format(timezone.localtime(value), "j M Y H:i")


def zone_city():
    """The site's zone as editors name it: "Paris" for Europe/Paris, "UTC" for UTC."""
    return settings.TIME_ZONE.rsplit("/", 1)[-1].replace("_", " ")


def _in_site_time(label):
    # Translators: a date-time field's label, then the site's time zone (a city): "Publish at
    # (Paris time)"; in French « Publier le (heure de Paris) ».
    return gettext("%(label)s (%(city)s time)") % {"label": label, "city": zone_city()}


in_site_time = lazy(_in_site_time, str)


class SiteTimeMixin:
    """For a ``ModelAdmin`` or an inline: date-time fields' labels name the site's zone."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, models.DateTimeField):
            formfield.label = in_site_time(formfield.label)
        return formfield
