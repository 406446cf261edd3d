"""A bulk upload of images, waiting for the worker or being saved by it (``tasks.py``).

The editor's request only stores the files as they came (``incoming/<random>/``) and queues
the batch; the worker judges and saves them one by one, writing each file's result in the same
transaction as its image, so a worker that dies mid-batch is simply run again: files already
saved are not saved twice.
"""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .archive import Astronaut, Licence, Mission


class UploadBatch(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        PROCESSING = "processing", _("processing")
        DONE = "done", _("done")

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="upload_batches", verbose_name=_("mission")
    )
    photographer = models.ForeignKey(
        Astronaut,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photographer"),
    )
    credit = models.CharField(_("credit"), max_length=200, default="ESA")
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.ESA_STANDARD
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    # The editor's language: the worker writes each refusal's reason in it.
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of the worker"), null=True)
    # [{"name": the editor's file name, "staged": its stored name until saved,
    #   "image": the new image's pk, "errors": [why it was refused]}, …] in upload order.
    files = models.JSONField(_("files"), default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image upload")
        verbose_name_plural = _("image uploads")

    def __str__(self):
        return f"{self.mission}: {len(self.files)} files ({self.get_state_display()})"

    def give_up(self, reason):
        """Every file not yet handled is reported refused with ``reason``; the batch is done."""
        files = [
            entry if _handled(entry) else {**entry, "errors": [reason]} for entry in self.files
        ]
        UploadBatch.objects.filter(pk=self.pk).update(files=files, state=self.State.DONE)

    @property
    def handled(self):
        return sum(1 for entry in self.files if _handled(entry))

    @property
    def added(self):
        return sum(1 for entry in self.files if entry.get("image"))

    @property
    def refused(self):
        return sum(1 for entry in self.files if entry.get("errors"))

    @property
    def progress(self):
        return round(100 * self.handled / len(self.files)) if self.files else 100


def _handled(entry):
    return bool(entry.get("image") or entry.get("errors"))


def pending_upload_to(instance, filename):
    """``pending/<random><extension>``: never served (``media.py`` serves only the files of
    images and videos), and a name nobody can guess."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"pending/{secrets.token_urlsafe(16)}{extension}"


class PendingUpload(models.Model):
    """A file chosen in an editor's form that came back with errors, kept so that it need not be
    chosen (and sent) again; removed once the form is saved, or when abandoned
    (``pending_uploads.py``)."""

    file = models.FileField(_("file"), upload_to=pending_upload_to, max_length=200)
    name = models.CharField(_("file name"), max_length=255)  # as the editor's computer named it
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self):
        return self.name
