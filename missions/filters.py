"""The public gallery's filters, described once, and the counts each choice would give.

Every filter value lives in the query string (``?mission=proxima&year=2016``) so a filtered view
is a shareable link. A value that is not valid is reported by the form and ignored, so the page
still shows images instead of failing.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from .models import Astronaut, ImageCaption, Mission, Spacecraft

SORTS = {
    "newest": (F("date_taken").desc(nulls_last=True), "-pk"),
    "oldest": (F("date_taken").asc(nulls_last=True), "pk"),
    "added": ("-created_at", "-pk"),
}


def _with_published_images(model, relation):
    published = ImageCaption.objects.published()
    return model.objects.published().filter(**{f"{relation}__in": published}).distinct()


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class GalleryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    mission = django_filters.ModelChoiceFilter(
        label=_("Mission"),
        to_field_name="slug",
        queryset=lambda request: _with_published_images(Mission, "images"),
        error_messages={"invalid_choice": _("There is no mission “%(value)s” with images.")},
    )
    photographer = django_filters.ModelChoiceFilter(
        label=_("Photographer"),
        to_field_name="slug",
        queryset=lambda request: _with_published_images(Astronaut, "photographs"),
        error_messages={"invalid_choice": _("There is no photographer “%(value)s” with images.")},
    )
    spacecraft = django_filters.ModelChoiceFilter(
        label=_("Spacecraft shown"),
        to_field_name="slug",
        queryset=lambda request: _with_published_images(Spacecraft, "images"),
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
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("newest", _("Newest photos first")),
            ("oldest", _("Oldest photos first")),
            ("added", _("Recently added")),
        ],
    )

    class Meta:
        model = ImageCaption
        fields = ["q", "mission", "photographer", "spacecraft", "year", "sort"]

    def search(self, queryset, name, value):
        """Every word must appear in a title, caption, alt text or name, in either language."""
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(title_en__icontains=word)
                | Q(title_fr__icontains=word)
                | Q(caption_en__icontains=word)
                | Q(caption_fr__icontains=word)
                | Q(alt_en__icontains=word)
                | Q(alt_fr__icontains=word)
                | Q(mission__name__icontains=word)
                | Q(photographer__name__icontains=word)
            )
        return queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    @property
    def qs(self):
        queryset = super().qs
        if not self.is_bound or not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["newest"])
        return queryset.distinct() if self._spacecraft_filtered() else queryset

    def _spacecraft_filtered(self):
        return self.is_bound and bool(self.form.cleaned_data.get("spacecraft"))

    def without(self, name):
        """The published images that every valid filter except ``name`` lets through."""
        queryset = self.queryset.all()
        for other, value in self.form.cleaned_data.items():
            if other not in (name, "sort") and value not in (None, ""):
                queryset = self.filters[other].filter(queryset, value)
        return queryset


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    choices: list


# Each facet: the image's value for it, the label shown, the order of its choices.
FACETS = {
    "mission": (F("mission__slug"), F("mission__name"), "label"),
    "photographer": (F("photographer__slug"), F("photographer__name"), "label"),
    "spacecraft": (F("spacecraft__slug"), F("spacecraft__name"), "label"),
    "year": (ExtractYear("date_taken"), ExtractYear("date_taken"), "-value"),
}
PUBLISHED_RELATION = {
    "mission": Q(mission__is_published=True),
    "photographer": Q(photographer__is_published=True),
    "spacecraft": Q(spacecraft__is_published=True),
    "year": Q(date_taken__isnull=False),
}


def facets(filterset):
    """For each filter, its choices with how many images each would give with the others kept.

    One query per facet, whatever the number of images or choices. A choice that gives no image
    with the current filters is left out, unless it is the one selected.
    """
    filterset.is_valid()
    selected_values = filterset.form.data
    result = []
    for name, (value, label, order) in FACETS.items():
        rows = (
            filterset.without(name)
            .filter(PUBLISHED_RELATION[name])
            .order_by()
            .annotate(value=value, label=label)
            .values("value", "label")
            .annotate(count=Count("pk", distinct=True))
            .order_by(order)
        )
        selected = str(selected_values.get(name, ""))
        choices = [
            Choice(
                str(row["value"]), str(row["label"]), row["count"], str(row["value"]) == selected
            )
            for row in rows
        ]
        chosen = filterset.form.cleaned_data.get(name)
        if chosen and not any(choice.selected for choice in choices):
            choices.insert(0, Choice(selected, str(chosen), 0, True))
        result.append(Facet(name, filterset.filters[name].label, choices))
    return result
