"""Forms that keep the editor's file: when the image or video form comes back with an error
that is not about the file, the file is kept (``pending_uploads.py``) and the form says so,
in place of an empty file input; sent again, the form uses it unless another file is chosen."""

from django.contrib.admin.widgets import AdminFileWidget
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext

from .. import pending_uploads


def kept_input_name(field):
    return f"{field}__kept"


class KeptFileWidget(AdminFileWidget):
    """The admin's file input, with the kept file named above it and its token in the form."""

    def __init__(self, widget, kept):
        super().__init__(attrs=widget.attrs)
        self.kept = kept  # (token, name, size)

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
        field = self.kept_field
        if not self.is_bound or self.files.get(field):
            return  # a new file chosen replaces the kept one
        token = self.data.get(kept_input_name(self.add_prefix(field)))
        pending = token and pending_uploads.find(token, self.uploader)
        if pending:
            self.kept = pending
            self.files = self.files.copy()
            self.files[self.add_prefix(field)] = pending_uploads.as_upload(pending)

    def keep_upload(self):
        """After a failed try: keep the file sent, unless the file itself was refused."""
        name = self.add_prefix(self.kept_field)
        upload = self.files.get(name)
        if not upload or self.has_error(self.kept_field) or self.uploader is None:
            return
        if self.kept is not None:
            token = pending_uploads.token_of(self.kept)
        else:
            token = pending_uploads.keep(upload, self.uploader)
        field = self.fields[self.kept_field]
        field.widget = KeptFileWidget(field.widget, (token, upload.name, upload.size))

    def forget_kept(self):
        """After a save: the record has its own copy of the file."""
        if self.kept is not None:
            pending_uploads.discard(self.kept)


class KeptUploadAdminMixin:
    """For the admins of images and videos: the editor's form keeps its file between tries."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"uploader": request.user})

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if request.method == "POST" and form.is_bound:
            form.keep_upload()
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        form.forget_kept()
