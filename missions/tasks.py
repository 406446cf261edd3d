"""Background jobs, run by the worker (``manage.py worker``), never in an editor's request.

The queue is django-tasks (the backport of Django's tasks framework); its backend is chosen in
settings (``TASKS``): a table of the database by default. What a job is about lives on its own
record (a :class:`~missions.models.Video`, an :class:`~missions.models.UploadBatch`): a state,
the number of attempts and the last time its worker was heard of. A job is claimed by moving
its record from *waiting* to *processing*, so a job queued twice runs once; a record still
*processing* long after its worker was last heard of (``TASK_STALLED_SECONDS``) belonged to a
worker that died, and :func:`recover_stalled` queues it again — up to ``MAX_ATTEMPTS``.

Scheduled publishing (``scheduling.py``) is a job too: every worker's scheduler thread offers
to queue :func:`publish_scheduled` at each minute, and a lock in the shared cache lets one of
them do it (:func:`queue_scheduled`).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from .models import UploadBatch, Video

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


@task()
def process_video(video_id):
    from .video_jobs import process

    process(video_id)


@task()
def ingest_batch(batch_id):
    from .bulk_upload import ingest_batch as ingest

    ingest(batch_id)


@task()
def publish_scheduled():
    """Publish and unpublish what editors scheduled (``scheduling.py``)."""
    from .scheduling import carry_out

    return carry_out()


@task()
def forget_pending_uploads():
    """Remove the files kept for editors' forms never sent again (``pending_uploads.py``)."""
    from .pending_uploads import forget_abandoned

    return forget_abandoned()


# The minute's lock lives in the cache every server and worker shares (Redis with several
# machines): an atomic ``add``, so of all the workers' schedulers one queues each minute's run.
SCHEDULER_LOCK_SECONDS = 10 * 60


def queue_scheduled(now=None):
    """Queue this minute's ``publish_scheduled`` (and, at the hour, ``forget_pending_uploads``),
    unless another worker's scheduler did: ``True`` if this call queued it."""
    now = now or timezone.now()
    key = f"publish-scheduled:{now:%Y-%m-%dT%H:%M}"
    if not caches[settings.PAGE_CACHE_ALIAS].add(key, True, SCHEDULER_LOCK_SECONDS):
        return False
    publish_scheduled.enqueue()
    if now.minute == 0:
        forget_pending_uploads.enqueue()
    return True


def seconds_to_next_minute():
    """Until just past the next minute starts (a little past: never early, in the old minute)."""
    return 60 - time.time() % 60 + 0.05


def schedule_every_minute(stop):
    """The worker's scheduler thread: queue ``publish_scheduled`` now, then at every minute,
    until ``stop`` is set. Never ends on an error (a cache or database gone for a while)."""
    while True:
        try:
            queue_scheduled()
        except Exception:
            logger.exception("Could not queue the scheduled publishing")
        finally:
            connections.close_all()  # this thread's own: none kept (or borrowed) for a minute
        if stop.wait(seconds_to_next_minute()):
            return


def queue_video(video_id):
    """Queue a video's processing (its record says *waiting* from now on)."""
    _queue(Video, video_id, process_video)


def queue_batch(batch_id):
    _queue(UploadBatch, batch_id, ingest_batch)


def _queue(model, pk, job):
    model.objects.filter(pk=pk).update(state="waiting", heartbeat_at=timezone.now())
    job.enqueue(pk)


def claim(model, pk):
    """Take a waiting job: the record moves to *processing*, or ``None`` if another worker has
    it, it is done, or it is gone."""
    now = timezone.now()
    taken = model.objects.filter(pk=pk, state="waiting").update(
        state="processing", attempts=F("attempts") + 1, heartbeat_at=now
    )
    return model.objects.get(pk=pk) if taken else None


def still_mine(record, **changes):
    """Tell the queue this worker is alive (and save ``changes``); ``False`` when the record was
    taken from it meanwhile (a new file replaced the video, recovery gave it to another worker,
    it was deleted): the worker then stops and removes what it wrote."""
    return bool(
        type(record)
        .objects.filter(pk=record.pk, state="processing", attempts=record.attempts)
        .update(heartbeat_at=timezone.now(), **changes)
    )


JOBS = ((Video, queue_video), (UploadBatch, queue_batch))


def recover_stalled():
    """Queue again every job whose worker stopped answering; fail those that stalled
    ``MAX_ATTEMPTS`` times. Returns how many were queued again."""
    limit = timezone.now() - timedelta(seconds=settings.TASK_STALLED_SECONDS)
    queued = 0
    for model, queue in JOBS:
        stalled = model.objects.filter(state="processing", heartbeat_at__lt=limit)
        for pk, attempts in stalled.values_list("pk", "attempts"):
            if attempts >= MAX_ATTEMPTS:
                reason = gettext(
                    "The worker stopped %(count)s times while working on this (a file too big "
                    "for the machine's memory?)."
                ) % {"count": attempts}
                model.objects.get(pk=pk).give_up(reason)
                continue
            # Only if it is still stalled: another worker may have recovered it meanwhile.
            if stalled.filter(pk=pk).update(state="waiting"):
                logger.warning("%s %s stalled (attempt %s): queued again", model, pk, attempts)
                queue(pk)
                queued += 1
    return queued
