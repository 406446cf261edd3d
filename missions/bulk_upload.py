"""Many images at once for one mission, saved by the worker: each file is judged on its own.

The editor's request stores the files and queues them (``stage``); the worker saves them
(``ingest_batch``). A refused file does not stop the others; every file gets a line in the
report. The new images are drafts: the editor writes their captions, then publishes them.
"""

import secrets
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .bilingual import LANGUAGE_CODES
from .duplicates import (
    LABEL_FIELDS,
    admin_links,
    default_title,
    find_duplicate,
    find_similar,
    image_label,
    with_html,
)
from .images import ACCEPT_ATTRIBUTE, image_info
from .models import Astronaut, ImageCaption, ImageNotStored, Licence, UploadBatch
from .tasks import claim, queue_batch, still_mine

# Where uploaded files wait for the worker (random folder names: they are not images yet).
INCOMING = "incoming"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that cleans to the list of every file chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class BulkUploadForm(forms.Form):
    images = MultipleFileField(
        label=_("Images"),
        help_text=_("Choose or drop many JPEG, PNG or WebP files; each becomes a draft."),
    )
    photographer = forms.ModelChoiceField(
        label=_("Photographer"), queryset=Astronaut.objects.all(), required=False
    )
    credit = forms.CharField(label=_("Credit"), max_length=200, initial="ESA")
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)


def stage(mission, files, *, user, photographer=None, credit="ESA", licence=Licence.ESA_STANDARD):
    """Store the files as they came and queue them for the worker: the editor's request only
    writes (on one disk, moves) the files, whatever their number. All or nothing: if a file
    cannot be written, those already written are removed and ``ImageNotStored`` is raised."""
    storage = default_storage
    folder = f"{INCOMING}/{secrets.token_urlsafe(16)}"
    entries = []
    try:
        with transaction.atomic():
            for number, file in enumerate(files):
                staged = storage.save(f"{folder}/{number:04d}", file)
                entries.append({"name": PurePath(file.name).name, "staged": staged})
            batch = UploadBatch.objects.create(
                mission=mission,
                photographer=photographer,
                credit=credit,
                licence=licence,
                uploaded_by=user,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                files=entries,
            )
    except OSError as error:
        for entry in entries:
            storage.delete(entry["staged"])
        raise ImageNotStored(error.strerror or error) from error
    transaction.on_commit(lambda: queue_batch(batch.pk))
    return batch


def ingest_batch(batch_id):
    """The worker's side: judge and save each staged file as a draft image of the mission.

    Each file's result is written in the transaction that saves its image, so a batch taken up
    again after a worker died goes on with the files not yet handled.
    """
    batch = claim(UploadBatch, batch_id)
    if batch is None:
        return
    with translation.override(batch.language):
        _ingest_files(batch)


def _ingest_files(batch):
    storage = default_storage
    for index, entry in enumerate(batch.files):
        if entry.get("image") or entry.get("errors"):
            continue
        with transaction.atomic():
            image, errors = _ingest_one(batch, entry)
            result = {"image": image.pk} if image else {"errors": errors}
            # A duplicate's refusal names the image it repeats; a near-duplicate is flagged.
            if getattr(errors, "duplicate", None):
                result["duplicate"] = errors.duplicate
            if image and getattr(image, "similar", None):
                result["similar"] = image.similar
            batch.files[index] = {"name": entry["name"], **result}
            if not still_mine(batch, files=batch.files):
                transaction.set_rollback(True)  # another worker has the batch now
                return
            if image and batch.uploaded_by_id:
                LogEntry.objects.log_actions(
                    batch.uploaded_by_id, [image], ADDITION, change_message=[{"added": {}}]
                )
        staged = entry["staged"]
        transaction.on_commit(lambda staged=staged: storage.delete(staged))
    still_mine(batch, state=UploadBatch.State.DONE)


def _ingest_one(batch, entry):
    """``(image, [])`` for a staged file saved as a draft, ``(None, [why])`` for a refused one."""
    try:
        file = default_storage.open(entry["staged"], "rb")
    except FileNotFoundError:
        return None, [str(_("The uploaded file was lost before it could be read."))]
    with file:
        image = ImageCaption(
            image=File(file, name=entry["name"]),
            mission=batch.mission,
            photographer=batch.photographer,
            credit=batch.credit,
            licence=batch.licence,
            is_published=False,
        )
        try:
            image.full_clean(exclude=["slug"])
            info = image_info(image.image)
            # The same bytes as an image in the archive (or one saved earlier in this batch):
            # not stored, the report links to it.
            duplicate = find_duplicate(info.content_hash)
            if duplicate is not None:
                return None, Refusal(duplicate)
            # A draft has a title from the start: the file's own, else its name made readable.
            language = batch.language if batch.language in LANGUAGE_CODES else LANGUAGE_CODES[0]
            setattr(image, f"title_{language}", default_title(info, entry["name"]))
            with transaction.atomic():
                image.save()
        except ValidationError as error:
            return None, [str(message) for message in error.messages]
        except ImageNotStored as error:  # reported; the next files are still tried
            return None, [str(error.text)]
    similar = find_similar(image.perceptual_hash, image.width, image.height, {image.pk})
    image.similar = [other.pk for other in similar]
    return image, []


class Refusal(list):
    """A duplicate's refusal: its message, and the image it repeats (``duplicate``, a pk)."""

    def __init__(self, image):
        message = gettext("This file is already in the archive: %(image)s")
        super().__init__([message % {"image": image_label(image)}])
        self.duplicate = image.pk


@dataclass(frozen=True)
class FileResult:
    """One line of an upload's report."""

    name: str
    image: int | None = None  # the new draft's pk
    errors: tuple = ()
    duplicate: object = None  # the image already in the archive with the same bytes
    similar: tuple = ()  # images that look like the new draft (near-duplicates)

    @property
    def ok(self):
        return self.image is not None

    @property
    def waiting(self):
        return not (self.image or self.errors)

    @property
    def duplicate_message(self):
        """ "This file is already in the archive: <link>" (safe HTML), for a duplicate."""
        if self.duplicate is None:
            return ""
        text = gettext("This file is already in the archive: %(image)s")
        return with_html(text, image=admin_links([self.duplicate]))

    @property
    def similar_message(self):
        """ "Looks like <links>…" (safe HTML), for a draft that looks like other images."""
        if not self.similar:
            return ""
        text = gettext("Looks like %(images)s: the same picture resized or re-encoded?")
        return with_html(text, images=admin_links(self.similar))


def batch_report(batch):
    """A :class:`FileResult` per file of ``batch``, in upload order (one query for the images
    the report links to as duplicates or look-alikes)."""
    linked = {entry.get("duplicate") for entry in batch.files}
    linked.update(pk for entry in batch.files for pk in entry.get("similar") or ())
    linked.discard(None)
    found = ImageCaption.objects.only(*LABEL_FIELDS).in_bulk(linked) if linked else {}
    return [
        FileResult(
            entry["name"],
            entry.get("image"),
            tuple(entry.get("errors") or ()),
            duplicate=found.get(entry.get("duplicate")),
            similar=tuple(found[pk] for pk in entry.get("similar") or () if pk in found),
        )
        for entry in batch.files
    ]
