"""Files kept between two tries of a form: an editor whose image (or video) form came back with
an error keeps the file chosen, without choosing it again or sending it again.

The file is stored as a :class:`~missions.models.PendingUpload` of that editor, and the form
carries a signed token naming it; the next try reads the file back from storage as if it had
been sent again, and is judged like any upload. Saved, the record takes its own copy and the
pending file is removed; abandoned (a form never sent again), it is removed by the worker after
``PENDING_UPLOAD_HOURS`` (:func:`forget_abandoned`). Pending files are never served.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .models import PendingUpload

logger = logging.getLogger(__name__)

SALT = "missions.pending-upload"


def keep(upload, user):
    """Store ``upload`` (a file sent with a form that failed) for ``user``: its token."""
    upload.seek(0)
    pending = PendingUpload(name=upload.name[:255], size=upload.size, uploaded_by=user)
    pending.file.save(upload.name, upload, save=False)
    try:
        pending.save()
    except Exception:
        pending.file.delete(save=False)  # no file without its record
        raise
    upload.seek(0)
    return token_of(pending)


def token_of(pending):
    return signing.dumps(pending.pk, salt=SALT)


def find(token, user):
    """The pending upload a form's token names, if it is ``user``'s and still kept."""
    max_age = settings.PENDING_UPLOAD_HOURS * 3600
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int) or user is None or not user.is_authenticated:
        return None
    return PendingUpload.objects.filter(pk=pk, uploaded_by=user).first()


def as_upload(pending):
    """The kept file, as a form receives an uploaded file (read from storage when judged);
    ``None`` if it cannot be read any more (the form then asks for the file again)."""
    try:
        file = pending.file.storage.open(pending.file.name, "rb")
    except OSError:
        logger.warning("The pending upload %s cannot be read", pending.file.name)
        return None
    return UploadedFile(file=file, name=pending.name, size=pending.size)


def discard(pending):
    """Remove the kept file and its record, once the transaction that used it commits."""

    def remove():
        pending.file.delete(save=False)
        PendingUpload.objects.filter(pk=pending.pk).delete()

    transaction.on_commit(remove)


def forget_abandoned(now=None):
    """Remove the files kept for forms never sent again: the number removed."""
    limit = (now or timezone.now()) - timedelta(hours=settings.PENDING_UPLOAD_HOURS)
    removed = 0
    for pending in PendingUpload.objects.filter(created_at__lt=limit).iterator():
        try:
            pending.file.delete(save=False)
        except OSError:
            logger.exception("Could not remove the pending upload %s", pending.file.name)
            continue  # tried again at the next round
        pending.delete()
        removed += 1
    return removed
