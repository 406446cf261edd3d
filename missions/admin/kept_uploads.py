"""Forms that keep the editor's file: when the image or video form comes back with an error
that is not about the file, the file is kept (``pending_uploads.py``) and the form says so,
in place of an empty file input, with a look at the picture (its editor's only: the file is
served to no one else); sent again, the form uses it unless another file is chosen."""

import logging
import mimetypes

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext

from .. import pending_uploads

logger = logging.getLogger(__name__)

# The kept files shown in the form: the picture formats the archive accepts (a browser shows
# them as they are); a kept video is named, not shown.
SHOWN_TYPES = {"image/jpeg", "image/png", "image/webp"}


def kept_input_name(field):
    return f"{field}__kept"


class KeptFileWidget(AdminFileWidget):
    """The admin's file input, with the kept file named above it and its token in the form."""

    def __init__(self, widget, kept, look_url=None):
        super().__init__(attrs=widget.attrs)
        self.kept = kept  # (token, name, size)
        self.look_url = look_url  # where the editor's browser reads the kept picture

    def use_required_attribute(self, initial):
        return False  # the kept file stands for the missing choice

    def render(self, name, value, attrs=None, renderer=None):
        token, kept_name, size = self.kept
        note = format_html(
            '<p class="kept-upload"><input type="hidden" name="{}" value="{}">{}</p>',
            kept_input_name(name),
            token,
            gettext(
                "Kept from your last try: %(name)s (%(size)s). It is used unless you choose "
                "another file."
            )
            % {"name": kept_name, "size": filesizeformat(size)},
        )
        if self.look_url:
            note = format_html(
                '{}<img class="kept-upload-look" src="{}" alt="{}" height="120">',
                note,
                self.look_url,
                gettext("The kept picture"),
            )
        return note + super().render(name, value, attrs, renderer)


class KeptUploadFormMixin:
    """For a model form with one file field (``kept_field``): a file kept from the last try is
    put back among the form's files before it is judged. ``uploader`` is the editor (set by
    :class:`KeptUploadAdminMixin`)."""

    kept_field = "image"
    uploader = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = None
        name = self.add_prefix(self.kept_field)
        if not self.is_bound or self.files.get(name):
            return  # a new file chosen replaces the kept one
        token = self.data.get(kept_input_name(name))
        pending = token and pending_uploads.find(token, self.uploader)
        upload = pending and pending_uploads.as_upload(pending)
        if upload:
            self.kept = pending
            self.files = self.files.copy()
            self.files[name] = upload

    def keep_upload(self, look_url=None):
        """After a failed try: keep the file sent, unless the file itself was refused.
        ``look_url(token)``: where the kept file is shown, if it is a picture."""
        name = self.add_prefix(self.kept_field)
        upload = self.files.get(name)
        if not upload or self.has_error(self.kept_field) or self.uploader is None:
            return
        if self.kept is not None:
            token = pending_uploads.token_of(self.kept)
        else:
            try:
                token = pending_uploads.keep(upload, self.uploader)
            except OSError:  # storage full or unwritable: the form comes back as it would
                logger.exception("Could not keep %s for the next try", upload.name)
                return
        field = self.fields[self.kept_field]
        shown = look_url and mimetypes.guess_type(upload.name)[0] in SHOWN_TYPES
        field.widget = KeptFileWidget(
            field.widget, (token, upload.name, upload.size), look_url(token) if shown else None
        )

    def forget_kept(self):
        """After a save: the record has its own copy of the file."""
        if self.kept is not None:
            pending_uploads.discard(self.kept)


class KeptUploadAdminMixin:
    """For the admins of images and videos: the editor's form keeps its file between tries."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"uploader": request.user})

    def get_urls(self):
        view = self.admin_site.admin_view(self.kept_file_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_kept"
        return [path("kept/<str:token>/", view, name=name), *super().get_urls()]

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if request.method == "POST" and form.is_bound:
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_kept"
            form.keep_upload(lambda token: reverse(name, args=[token]))
        return super().render_change_form(request, context, *args, **kwargs)

    def kept_file_view(self, request, token):
        """A picture kept for its editor's form, to that editor only, never stored by a cache."""
        if not self.has_add_permission(request) and not self.has_change_permission(request):
            raise PermissionDenied
        pending = pending_uploads.find(token, request.user)
        media_type = pending and mimetypes.guess_type(pending.name)[0]
        if media_type not in SHOWN_TYPES:
            raise Http404
        response = FileResponse(pending.file.open("rb"), content_type=media_type)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        form.forget_kept()
