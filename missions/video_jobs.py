"""The worker's side of a video: its renditions made, stored, and the video marked ready.

Nothing is half-written: the renditions are encoded in a temporary folder, and each name is
noted on the record (``pending_files``) before it is written to the media storage, so that a
failed attempt — or the next attempt after a worker that died — removes exactly those files.
The renditions become the video's in one update, with the state *ready*.
"""

import io
import logging
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext

from . import caching, video
from .models import Video
from .models.videos import delete_video_files
from .tasks import claim, still_mine

logger = logging.getLogger(__name__)

POSTER_WIDTH = 1280
HEARTBEAT_SECONDS = 2


class Superseded(Exception):
    """The video was taken from this worker (replaced, deleted, recovered by another)."""


def process(video_id):
    """Make a waiting video's renditions and poster; mark it ready, or failed with the reason."""
    record = claim(Video, video_id)
    if record is None:
        return
    storage = record.file.storage
    delete_video_files(storage, record.pending_files)  # what a dead attempt left behind
    Video.objects.filter(pk=record.pk).update(pending_files=[])
    written = []
    try:
        with _local_copy(record.file) as source, tempfile.TemporaryDirectory() as work:
            renditions = _make(record, source, Path(work), written)
        _finish(record, renditions)
    except Superseded:
        logger.info("Video %s was taken from this worker: its files are removed", video_id)
        delete_video_files(storage, written)
    except Exception as error:
        logger.exception("Video %s could not be processed", video_id)
        delete_video_files(storage, written)
        reason = str(error) if isinstance(error, video.VideoError) else repr(error)
        if still_mine(record, pending_files=[]):
            record.give_up(
                gettext("The video could not be processed: %(reason)s") % {"reason": reason}
            )


def _make(record, source, work, written):
    """Encode, then store; ``written`` collects the storage names as they are written."""
    heights = video.rendition_heights(record.height)
    targets = [(height, str(work / f"{height}p.mp4")) for height in heights]
    outputs = video.transcode(source, targets, progress=_Heartbeat(record))
    poster = video.poster_frame(source)
    poster.thumbnail((POSTER_WIDTH, POSTER_WIDTH))
    files = {f"{output.height}p.mp4": output.path for output in outputs}
    stored = {}
    for name, path in files.items():
        with open(path, "rb") as file:
            stored[name] = _store(record, name, File(file), written)
    for image_format, extension in (("WEBP", "webp"), ("JPEG", "jpg")):
        data = io.BytesIO()
        poster.save(data, image_format, quality=82)
        stored[extension] = _store(
            record, f"poster.{extension}", ContentFile(data.getvalue()), written
        )
    return {
        "mp4": [
            {
                "height": output.height,
                "width": output.width,
                "size": output.size,
                "name": stored[f"{output.height}p.mp4"],
            }
            for output in sorted(outputs, key=lambda output: -output.height)
        ],
        "poster": {
            "webp": stored["webp"],
            "jpeg": stored["jpg"],
            "width": poster.width,
            "height": poster.height,
        },
    }


def _store(record, name, content, written):
    """Write one file next to the original, its name noted as pending first."""
    target = f"{record.folder}/{name}"
    if not still_mine(record, pending_files=[*written, target]):
        raise Superseded
    written.append(target)  # noted before the write: a partial file is removed too
    actual = record.file.storage.save(target, content)
    if actual != target:
        written[-1] = actual
    return actual


def _finish(record, renditions):
    """The renditions become the video's, and it is ready (so public if published)."""
    with transaction.atomic():
        done = still_mine(
            record,
            state=Video.State.READY,
            progress=100,
            failure="",
            renditions=renditions,
            pending_files=[],
        )
        if not done:
            raise Superseded
        caching.content_changed()


class _Heartbeat:
    """The transcoder's progress callback: writes the progress every few seconds, which also
    tells the queue this worker is alive; stops the work when the video was taken away."""

    def __init__(self, record):
        self.record = record
        self.last = 0.0

    def __call__(self, fraction):
        now = time.monotonic()
        if now - self.last < HEARTBEAT_SECONDS and fraction < 1:
            return
        self.last = now
        # The poster and storing take the last few percent.
        if not still_mine(self.record, progress=min(95, int(fraction * 95))):
            raise Superseded


@contextmanager
def _local_copy(field_file):
    """A path to the original on this machine's disk (a copy when the storage is remote)."""
    try:
        path = field_file.storage.path(field_file.name)
    except NotImplementedError:
        path = None
    if path:
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=Path(field_file.name).suffix) as copy:
        with field_file.storage.open(field_file.name, "rb") as original:
            shutil.copyfileobj(original, copy)
        copy.flush()
        yield copy.name
