"""The public gallery's filters, described once, and the counts each choice would give.

Every filter value lives in the query string (``?mission=proxima&year=2016``) so a filtered view
is a shareable link. A value that is not valid is reported by the form and ignored, so the page
still shows images instead of failing.
"""

from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .bilingual import active_language
from .facets import Selection
from .models import ImageCaption
from .public_videos import public_videos
from .search import by_relevance, filter_images, parse
from .search.site import search_site

SORTS = {
    "newest": (F("date_taken").desc(nulls_last=True), "-pk"),
    "oldest": (F("date_taken").asc(nulls_last=True), "pk"),
    "added": ("-created_at", "-pk"),
    "liked": ("-like_count", "-pk"),  # the index ``image_liked_order_idx``
}


class SlugField(forms.CharField):
    """A record's slug in the query string, cleaned to its id when that record is published.

    The published slugs come with the gallery's counts (``facets.Directory``), so checking a
    link's filters costs no query.
    """

    default_error_messages = {"invalid_choice": _("There is nothing called “%(value)s” here.")}

    def __init__(self, *, slugs=None, **kwargs):
        self.slugs = slugs or {}
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if value not in self.slugs:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return self.slugs[value]


class SlugFilter(django_filters.Filter):
    field_class = SlugField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class GalleryFilter(django_filters.FilterSet):
    # Any length: a search reads its first words (``search.query``), a long text is not an error.
    q = django_filters.CharFilter(label=_("Search"), method="search", strip=True)
    mission = SlugFilter(
        label=_("Mission"),
        field_name="mission_id",
        error_messages={"invalid_choice": _("There is no mission “%(value)s” with images.")},
    )
    photographer = SlugFilter(
        label=_("Photographer"),
        field_name="photographer_id",
        error_messages={"invalid_choice": _("There is no photographer “%(value)s” with images.")},
    )
    spacecraft = SlugFilter(
        label=_("Spacecraft shown"),
        field_name="spacecraft",
        error_messages={"invalid_choice": _("There are no images of a spacecraft “%(value)s”.")},
    )
    year = YearFilter(
        label=_("Year taken"),
        field_name="date_taken",
        lookup_expr="year",
        min_value=1957,
        max_value=2200,
        error_messages={"invalid": _("A year is written with digits, like 2021.")},
    )
    type = django_filters.ChoiceFilter(
        label=_("Media type"),
        method="media_type",
        choices=[("images", _("Images")), ("videos", _("Videos"))],
        error_messages={"invalid_choice": _("Choose images or videos.")},
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("relevance", _("Best match")),
            ("newest", _("Newest photos first")),
            ("oldest", _("Oldest photos first")),
            ("added", _("Recently added")),
            ("liked", _("Most liked")),
        ],
    )

    class Meta:
        model = ImageCaption
        fields = ["q", "type", "mission", "photographer", "spacecraft", "year", "sort"]

    def __init__(self, data=None, *, directory, **kwargs):
        super().__init__(data, **kwargs)
        for name in ("mission", "photographer", "spacecraft"):
            self.filters[name].extra["slugs"] = directory.slugs(name)

    def search(self, queryset, name, value):
        """Applied in :attr:`qs`, after the other filters: ordered by relevance, the search
        needs the query set without it too (see ``missions.search.by_relevance``)."""
        return queryset

    def media_type(self, queryset, name, value):
        """Images or videos: the view reads it (:meth:`shows`); the images are not filtered."""
        return queryset

    def shows(self, media):
        """Whether the chosen media type lets ``media`` ("images", "videos") through."""
        chosen = self.form.cleaned_data.get("type") if self.is_bound else ""
        return not chosen or chosen == media

    def videos(self):
        """The public videos of the chosen mission, astronaut (as photographer: the one shown
        in a video), spacecraft, year and search words (see ``public_videos``)."""
        data = self.form.cleaned_data if self.is_bound else {}
        query = self.search_query
        among = None
        if query.terms:
            hits = search_site(query, active_language(), kinds=("videos",))["videos"]
            among = {hit.record.pk for hit in hits}
        return public_videos(
            mission=data.get("mission"),
            astronaut=data.get("photographer"),
            spacecraft=data.get("spacecraft"),
            year=data.get("year"),
            among=among,
        )

    def sort_by(self, queryset, name, value):
        if value == "relevance":
            return queryset  # ordered in ``qs``, once the search is known
        return queryset.order_by(*SORTS[value])

    @cached_property
    def search_query(self):
        """The search text, read (``SearchQuery``); one without words when there is none."""
        text = self.form.cleaned_data.get("q") if self.is_bound else ""
        return parse(text or "")

    @property
    def qs(self):
        """The images of the filters and the search (the images whose texts in one language
        match every word's forms, or whose mission, photographer or spacecraft has it in its
        name), in the order chosen: by relevance, the default with a search, else newest."""
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        query = self.search_query
        if sort in (None, "", "relevance") and query.readings():
            return by_relevance(queryset, query)
        if sort in (None, "", "relevance"):
            queryset = queryset.order_by(*SORTS["newest"])
        return filter_images(queryset, query)

    def searched(self):
        """The images the text search lets through, ignoring every other filter."""
        return filter_images(self.queryset, self.search_query)

    def selection(self):
        """The chosen mission, photographer, spacecraft (ids) and year, as the counts read them."""
        data = self.form.cleaned_data if self.is_bound else {}
        names = ("mission", "photographer", "spacecraft", "year")
        return Selection({name: data.get(name) for name in names if data.get(name) is not None})
