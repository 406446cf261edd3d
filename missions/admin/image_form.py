"""The image form's checks for editors: a file already in the archive is refused, a picture
that looks like one is saved with a warning, and images without a title or a caption stay
drafts when published in bulk (see ``duplicates.py`` and ``ImageCaption.clean``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

from ..duplicates import LABEL_FIELDS, admin_links, find_duplicate, find_similar, with_html
from ..images import image_info
from ..models import ImageCaption
from .focal_point import FocalPointFormMixin
from .kept_uploads import KeptUploadFormMixin

LISTED = 10  # drafts named in the bulk publish warning; more are counted


class ImageCaptionForm(KeptUploadFormMixin, FocalPointFormMixin, forms.ModelForm):
    class Meta:
        model = ImageCaption
        fields = ["image"]  # the admin gives its fieldsets' fields

    def _post_clean(self):
        super()._post_clean()  # the model's validation judged the file (images.inspect_image)
        if "image" not in self.changed_data or self.has_error("image"):
            return
        image = self.instance.image
        if not image or image._committed:
            return
        duplicate = find_duplicate(image_info(image).content_hash, exclude_pk=self.instance.pk)
        if duplicate is not None:
            message = with_html(
                gettext("This file is already in the archive: %(image)s"),
                image=admin_links([duplicate]),
            )
            self.add_error("image", ValidationError(message, code="duplicate"))


class ImageChecksMixin:
    """For the image admin: near-duplicates named after saving, drafts named when publishing."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" not in form.changed_data or not obj.perceptual_hash:
            return
        similar = find_similar(obj.perceptual_hash, obj.width, obj.height, exclude_pks={obj.pk})
        if similar:
            message = with_html(
                gettext(
                    "Looks like %(images)s, already in the archive: the same picture resized "
                    "or re-encoded? This one was saved; delete it if it is a copy."
                ),
                images=admin_links(similar),
            )
            self.message_user(request, message, messages.WARNING)

    def not_publishable_message(self, count, waiting=None):
        if waiting is None:
            return super().not_publishable_message(count)
        listed = list(waiting.select_related(None).only(*LABEL_FIELDS)[:LISTED])
        text = ngettext(
            "%(count)d image stays a draft: a published image needs a title and a caption (in "
            "English or in French). Write them first: %(images)s",
            "%(count)d images stay drafts: a published image needs a title and a caption (in "
            "English or in French). Write them first: %(images)s",
            count,
        )
        links = admin_links(listed)
        if count > len(listed):
            links = with_html("%(links)s…", links=links)
        return with_html(text, count=count, images=links)
