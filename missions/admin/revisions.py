"""Each public record's versions in the admin (django-simple-history's pages, adapted): the
list of versions with who saved each and when and what changed; a version set against the
record as it is now; a version restored; the public page as a version said it.

Restoring brings back what the editor wrote and chose, not the record's publication: a page
published since stays published, a draft stays a draft (publishing is done by hand, or by the
schedule). The file stays the current one too (``models/revisions.py``).
"""

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from ..bilingual import pages
from ..links import record_id
from ..revisions import VERSION_PARAMETER, differences, marked_words, readable

PUBLICATION_FIELDS = ("is_published", "publish_at", "unpublish_at")


def page_urls(obj):
    """``[(language code, language name, URL)]``: the record's public page in each language
    (none for records without a page of their own)."""
    if obj is None or not hasattr(obj, "get_absolute_url"):
        return []
    names = dict(settings.LANGUAGES)  # named in the editor's language
    return [(code, gettext(names[code]), url) for code, url in pages(obj).items()]


class WhatChanged(HistoricalRecordContextHelper):
    """A change in the history's list: the words taken out and put in, with a few words around
    them (simple-history's own cuts texts at 100 characters, mid-word)."""

    def context_for_delta_changes(self, delta):
        """Without the fields whose text reads the same (only its line endings changed)."""
        return [
            change
            for change in super().context_for_delta_changes(delta)
            if change["old"] != change["new"]
        ]

    def stringify_delta_change_values(self, change, old, new):
        field = self.model._meta.get_field(change.field)
        return marked_words(readable(field, old), readable(field, new), context=6)


class RevisionsMixin(SimpleHistoryAdmin):
    object_history_template = "admin/revisions/history.html"
    object_history_list_template = "admin/revisions/history_list.html"
    object_history_form_template = "admin/revisions/version.html"
    history_list_per_page = 50

    def get_urls(self):
        view = self.admin_site.admin_view(self.compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare"
        return [
            path("<path:object_id>/history/<int:version_id>/compare/", view, name=name),
            *super().get_urls(),
        ]

    def get_historical_record_context_helper(self, request, historical_record):
        return WhatChanged(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        if record_id(object_id) is None:
            raise Http404  # simple-history's view would look up text as a number: an error
        obj = self.get_object(request, unquote(object_id))
        context = {"page_urls": page_urls(obj), "version_parameter": VERSION_PARAMETER}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if record_id(object_id) is None or record_id(version_id) is None:
            raise Http404  # simple-history's view would look up text as a number: an error
        obj = self.get_object(request, unquote(object_id))
        # simple-history's view saves a POST after checking only the right to view.
        if request.method == "POST" and not self.has_change_history_permission(request, obj):
            raise PermissionDenied
        context = {
            "page_urls": page_urls(obj),
            "version_parameter": VERSION_PARAMETER,
            "version_id": version_id,
            "compare_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_compare",
                args=[object_id, version_id],
            )
            if obj is not None
            else None,
        }
        return super().history_form_view(
            request, object_id, version_id, {**context, **(extra_context or {})}
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and hasattr(obj, "_history"):  # a version, shown to be restored
            current = type(obj)._default_manager.filter(pk=obj.pk).first()
            if current is not None:
                for field in PUBLICATION_FIELDS:
                    setattr(obj, field, getattr(current, field))
                # What reading the record noted (where the gallery counted it, its stored
                # file), which its save compares with: a restore is a save of that record.
                for key, value in vars(current).items():
                    obj.__dict__.setdefault(key, value)
        return super().get_form(request, obj, **kwargs)

    def compare_view(self, request, object_id, version_id):
        """A version against the record as it is now: each field that differs, the words that
        changed marked."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        version = obj.history.filter(history_id=version_id).select_related("history_user").first()
        if version is None:
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "version": version,
            "rows": differences(version, obj),
            "title": gettext("Compare a version of %(record)s with now") % {"record": obj},
            "version_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_simple_history",
                args=[obj.pk, version.history_id],
            ),
            "page_urls": page_urls(obj),
            "version_parameter": VERSION_PARAMETER,
        }
        return TemplateResponse(request, "admin/revisions/compare.html", context)
