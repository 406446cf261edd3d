"""*Preview (English / French)* in a record's form: its public page with what the form holds,
before it is saved (a published page's changes are seen before visitors see them).

The form is sent, in a new tab, to a view that judges it as a save would and saves nothing: the
record is read as its public page reads it, given the form's values (those a version holds:
``models/revisions.py``), and shown by that page's own view and template, with a banner. What
the form links to in lists of its own (a mission's timeline, crew) and a newly chosen file are
shown as they are stored.
"""

from copy import copy

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

from ..revisions import copy_versioned


def public_page(request, stored, values, language):
    """The public page of ``stored`` (a record as saved) in ``language``, showing ``values`` (a
    record with the form's values), as an editor's preview: rendered, never cached."""
    with translation.override(language):
        url = stored.get_absolute_url()
        match = resolve(url)
        page_request = copy(request)  # the editor, on the public page's address
        page_request.method = "GET"
        page_request.path = page_request.path_info = url
        page_request.GET, page_request.POST = QueryDict(), QueryDict()
        page_request._files = MultiValueDict()
        page_request.resolver_match = match
        page_request.LANGUAGE_CODE = language
        view = match.func.view_class(**match.func.view_initkwargs)
        view.setup(page_request, *match.args, **match.kwargs)
        shown = view.get_object()
        copy_versioned(values, shown)
        shown.previewed_changes = True
        view.object = shown
        response = view.render_to_response(view.get_context_data(object=shown))
        response.render()
    add_never_cache_headers(response)
    return response


class PagePreviewMixin:
    """For the admins of records with a public page of their own."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.preview_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        return [
            path("<path:object_id>/preview/<str:language>/", view, name=name),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, obj=None, **kwargs):
        if change and obj is not None and hasattr(obj, "get_absolute_url"):
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_preview"
            context["preview_urls"] = [
                (code, translation.gettext(label), reverse(name, args=[obj.pk, code]))
                for code, label in settings.LANGUAGES
            ]
        return super().render_change_form(request, context, add, change, obj=obj, **kwargs)

    def preview_view(self, request, object_id, language):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if language not in dict(settings.LANGUAGES):
            raise Http404
        stored = self.get_object(request, unquote(object_id))
        if stored is None or not hasattr(stored, "get_absolute_url"):
            raise Http404
        if not self.has_change_permission(request, stored):
            raise PermissionDenied
        data = request.POST.copy()
        for key in [key for key in data if key.endswith("__kept")]:
            del data[key]  # a kept file (kept_uploads.py) is not read for a preview
        form_class = self.get_form(request, stored, change=True)
        record = self.get_object(request, unquote(object_id))  # the form changes its instance
        form = form_class(data, MultiValueDict(), instance=record)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": stored,
                "form": form,
                "title": gettext("The form has mistakes: correct them, then preview again."),
            }
            return TemplateResponse(request, "admin/page_preview_errors.html", context)
        return public_page(request, stored, form.instance, language)
