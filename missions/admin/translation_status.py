"""Translation status for editors: which records have a text in one language and not the other.

Each model below lists its bilingual *groups* (an image: title, caption, alt text), each an
English and a French field. A record is **missing French** when some group has its English text
written and its French one empty, **missing English** the other way round, and **complete** when
no group is half written (a group empty in both languages has nothing to translate yet).

"Empty" is ``= ""`` in the database, so the list filter, the index counts and the list column
agree and a filter can use the plain columns. A text of spaces only counts as written; the admin's
forms strip texts before saving, so only an import could store one.

Used by ``PublishableAdmin`` (``TranslationStatusMixin``: list filter, list column, marks in the
change form) for the models listed here, and by the admin index (``index_rows``, through
``templates/admin/translation_status_index.html``): one aggregate query per model.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Agency, Astronaut, Experiment, ImageCaption, Mission, Place, Spacecraft, Video

PARAMETER = "translation"
MISSING_FR, MISSING_EN, COMPLETE = "missing-fr", "missing-en", "complete"
MISSING_CLASS = "translation-missing"  # on the empty input of a half-written pair


@dataclass(frozen=True)
class Group:
    """One text written in both languages: its label and its English and French fields."""

    label: str
    en: str
    fr: str

    def field(self, code):
        return self.en if code == "en" else self.fr


def group(label, field, en=None):
    """``<field>_en`` / ``<field>_fr`` (``en``: the English field's name when it differs)."""
    return Group(label, en or f"{field}_en", f"{field}_fr")


# Left out on purpose: a spacecraft's name and operator (French only "where French says it
# otherwise"), a video's credit (English "ESA" by default, the same in French). Agreements,
# timelines, figures and links are not listed yet: add a line here to follow them.
GROUPS = {
    ImageCaption: (
        group(_("title"), "title"),
        group(_("caption"), "caption"),
        group(_("alt text"), "alt"),
    ),
    Video: (
        group(_("title"), "title"),
        group(_("description"), "description"),
        group(_("subtitles"), "subtitles"),
    ),
    Mission: (
        group(_("summary"), "summary"),
        group(_("launch site"), "launch_site"),
        group(_("destination"), "destination"),
    ),
    Astronaut: (group(_("biography"), "biography"),),
    Spacecraft: (group(_("description"), "description"),),
    Agency: (group(_("name"), "name"), group(_("description"), "description")),
    Place: (
        group(_("name"), "name"),
        group(_("region"), "region"),
        group(_("description"), "description"),
    ),
    Experiment: (group(_("name"), "name"), group(_("description"), "description")),
}

OTHER = {"en": "fr", "fr": "en"}


def groups_of(model):
    return GROUPS.get(model, ())


def missing(model, code):
    """Records of ``model`` with some group written in the other language and empty in
    ``code`` ("fr": missing French). Never true for a model without groups."""
    other = OTHER[code]
    conditions = [~Q(**{g.field(other): ""}) & Q(**{g.field(code): ""}) for g in groups_of(model)]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def complete(model):
    return ~missing(model, "fr") & ~missing(model, "en")


def missing_groups(obj, code):
    """The groups of ``obj`` written in the other language and empty in ``code`` (from the
    object's own fields: no query)."""
    other = OTHER[code]
    return [
        g
        for g in groups_of(type(obj))
        if getattr(obj, g.field(other)) != "" and getattr(obj, g.field(code)) == ""
    ]


def status_text(obj):
    """``FR: caption, alt text · EN: title``; "" when nothing is half written."""
    parts = []
    for code in ("fr", "en"):
        found = missing_groups(obj, code)
        if found:
            parts.append(f"{code.upper()}: {', '.join(str(g.label) for g in found)}")
    return " · ".join(parts)


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = PARAMETER

    def lookups(self, request, model_admin):
        return [
            (MISSING_FR, _("missing French")),
            (MISSING_EN, _("missing English")),
            (COMPLETE, _("complete")),
        ]

    def queryset(self, request, queryset):
        model = queryset.model
        if self.value() == MISSING_FR:
            return queryset.filter(missing(model, "fr"))
        if self.value() == MISSING_EN:
            return queryset.filter(missing(model, "en"))
        if self.value() == COMPLETE:
            return queryset.filter(complete(model))
        return queryset


def _written(value):
    """In a form, spaces only are empty: the form strips them before saving."""
    return bool(str(value or "").strip())


class MarkMissingTranslations:
    """Mixed into an admin form: the empty field of a half-written pair gets the CSS class
    ``translation-missing`` and a note, from the values shown (the submitted ones after a
    refused save)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for g in groups_of(self._meta.model):
            if g.en not in self.fields or g.fr not in self.fields:
                continue
            en, fr = (_written(self[name].value()) for name in (g.en, g.fr))
            if en and not fr:
                self._mark(g.fr, gettext("Translation missing: the English text is written."))
            elif fr and not en:
                self._mark(g.en, gettext("Translation missing: the French text is written."))

    def _mark(self, name, note):
        field = self.fields[name]
        classes = field.widget.attrs.get("class", "")
        field.widget.attrs["class"] = f"{classes} {MISSING_CLASS}".strip()
        # The note before the field's own help text (plain text: escaped, it reads the same).
        mark = format_html('<strong class="translation-missing-note">{}</strong>', note)
        field.help_text = format_html("{} {}", mark, field.help_text) if field.help_text else mark
        self[name].help_text = field.help_text  # the bound field copied it when read above


class TranslationStatusMixin:
    """For a ``ModelAdmin`` of a model in ``GROUPS``: the "translation" list filter, the
    "translation to write" column, and the marks in the change form. Other models: nothing."""

    def _follows_translations(self):
        return bool(groups_of(self.model))

    def get_list_filter(self, request):
        shown = list(super().get_list_filter(request))
        if self._follows_translations() and TranslationFilter not in shown:
            shown.append(TranslationFilter)
        return shown

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if self._follows_translations() and "translation_status" not in shown:
            place = shown.index("is_published") if "is_published" in shown else len(shown)
            shown.insert(place, "translation_status")
        return shown

    @admin.display(description=_("translation to write"))
    def translation_status(self, obj):
        return status_text(obj) or "—"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not self._follows_translations():
            return form
        media = type("Media", (), {"css": {"all": ["css/admin_translation_status.css"]}})
        return type(form.__name__, (MarkMissingTranslations, form), {"Media": media})


def index_rows(request, site=None):
    """For the admin index: per followed model the editor may view, the counts of records
    missing French and missing English, with links to the filtered lists. One query a model."""
    site = site or admin.site
    rows = []
    for model in GROUPS:
        model_admin = site._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            continue
        counts = model._default_manager.aggregate(
            fr=Count("pk", filter=missing(model, "fr")),
            en=Count("pk", filter=missing(model, "en")),
        )
        url = reverse(f"{site.name}:{model._meta.app_label}_{model._meta.model_name}_changelist")
        rows.append(
            {
                "name": model._meta.verbose_name_plural,
                "url": url,
                "missing_fr": counts["fr"],
                "missing_en": counts["en"],
                "missing_fr_url": f"{url}?{PARAMETER}={MISSING_FR}",
                "missing_en_url": f"{url}?{PARAMETER}={MISSING_EN}",
            }
        )
    return rows
