"""Restoring a backup: all or nothing, every check made before the database or the media change."""

import gzip
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import defaultdict
from contextlib import contextmanager
from functools import partial
from pathlib import Path, PurePosixPath

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from .. import facets, search
from ..caching import bulk_load
from ..models import ImageCaption, PendingUpload, UploadBatch, Video, delete_image_files
from ..models.videos import delete_video_files, every_video_file
from ..tasks import queue_video
from .format import BATCH, FORMAT, MANIFEST, MEDIA, MODELS, RECORDS, BackupError, models


def restore(path, *, replace=False):
    """Restore the backup at ``path``; return its manifest.

    All or nothing. Everything that can be checked first is: the file's members (the manifest,
    no name outside the media), then whether the database is empty (else ``replace`` must say
    to delete its records), then every media file is read and unpacked into a folder of its own
    inside ``MEDIA_ROOT``. Only then are the records loaded, in one transaction, and checked
    (counts, links). Once they are committed, the media are moved into place (renames on one
    disk: nothing left to run out of) and, with ``replace``, the files of the images that were
    deleted go too. Any failure before the commit raises ``BackupError`` and leaves the
    database and the media as they were.
    """
    try:
        default_storage.path("")
    except NotImplementedError:  # object storage: no files on this machine's disk
        raise BackupError(
            "Restoring into object storage is not supported: restore with local media "
            "(S3_BUCKET unset, MEDIA_ROOT set), then copy MEDIA_ROOT into the bucket "
            "(aws s3 sync, weed filer.copy…) and set S3_BUCKET again."
        ) from None
    try:
        archive = tarfile.open(path)  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a backup file of this site ({error}).") from error
    with archive:
        manifest, records, media = _read(archive)
        if not replace and (found := _records_here()):
            raise BackupError(
                f"This database already holds records ({', '.join(found)}): restore into a new, "
                "migrated database, or add --replace to delete every mission, astronaut, "
                "spacecraft, image, user, group and log entry first."
            )
        with _staging() as staging:
            _unpack(archive, media, staging)
            replaced = _image_files() if replace else set()
            replaced_videos = every_video_file() if replace else set()
            replaced_videos |= _waiting_uploads() if replace else set()
            try:
                with transaction.atomic(), bulk_load():
                    if replace:
                        _delete_records()
                    counts = _load(archive.extractfile(records))
                    # A backup made before a model was added to MODELS counts none of it.
                    expected = {label: manifest["counts"].get(label, 0) for label in counts}
                    if counts != expected or set(manifest["counts"]) - set(counts):
                        raise BackupError(
                            f"The records in {path} are not the ones its manifest counts: it was "
                            "cut short or changed."
                        )
                    connection.check_constraints(_tables())
                    _derive()
            except (
                DeserializationError,
                DatabaseError,
                ValueError,
                EOFError,
                OSError,
                zlib.error,
                tarfile.TarError,
            ) as error:
                reason = str(error) or error.__cause__  # a bad line: the JSON error says why
                raise BackupError(f"The records in {path} cannot be loaded ({reason}).") from error
            _move_in(staging, media)
    _remove_files(replaced)
    delete_video_files(default_storage, replaced_videos - every_video_file())
    return manifest


def _read(archive):
    """The manifest, the records' member and the media members, checked before any change."""
    try:
        members = archive.getmembers()
        found = {member.name: member for member in members if member.isfile()}
        if MANIFEST not in found or RECORDS not in found:
            raise BackupError(
                f"Not a complete backup file of this site: no {MANIFEST} or {RECORDS} in it "
                "(cut short, or another kind of file)."
            )
        manifest = json.load(archive.extractfile(found[MANIFEST]))
    except tarfile.ReadError as error:
        if "unexpected end of data" in str(error):  # a copy or a download cut short
            raise BackupError(f"Not a complete backup file of this site ({error}).") from error
        raise BackupError(f"Not a backup file of this site ({error}).") from error
    except (ValueError, OSError, tarfile.TarError) as error:
        raise BackupError(f"Not a backup file of this site ({error}).") from error
    if not _is_manifest(manifest):
        raise BackupError(f"Not a backup of this site, or of another version (expected {FORMAT}).")
    media = []
    for member in members:
        if member.name in (MANIFEST, RECORDS):
            continue
        path = PurePosixPath(member.name.removeprefix(MEDIA))
        if (
            not member.name.startswith(MEDIA)
            or not member.isfile()
            or path.is_absolute()
            or ".." in path.parts
            or not path.parts
        ):
            raise BackupError(f"Refused: {member.name!r} would be written outside the media.")
        media.append(member)
    if len(media) != manifest["media_files"]:
        raise BackupError(
            f"The file holds {len(media)} media files, its manifest {manifest['media_files']}: "
            "it was cut short or changed."
        )
    return manifest, found[RECORDS], media


def _is_manifest(manifest):
    return (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and isinstance(manifest.get("counts"), dict)
        and isinstance(manifest.get("media_files"), int)
        and all(isinstance(manifest.get(key), str) for key in ("written_at", "database"))
    )


def _records_here():
    """The kinds of record this database already holds that a restore would write with their
    ids (users and groups are matched by name instead: ``createsuperuser`` first is fine)."""
    return [
        str(model._meta.verbose_name_plural)
        for model in models()
        if not hasattr(model, "natural_key") and model._base_manager.exists()
    ]


@contextmanager
def _staging():
    """A folder for the unpacked media inside ``MEDIA_ROOT`` (the same disk, so that moving a
    file into place is a rename); removed afterwards, whatever happened."""
    root = Path(default_storage.location)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    except OSError as error:
        raise BackupError(f"Cannot write into the media folder {root} ({error}).") from error
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack(archive, media, staging):
    """Read every media file out of the archive into ``staging`` (a damaged one stops it)."""
    mode = default_storage.file_permissions_mode
    try:
        for member in media:
            target = staging / member.name.removeprefix(MEDIA)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, open(target, "wb") as file:
                shutil.copyfileobj(source, file)
            if mode is not None:
                target.chmod(mode)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"The media cannot be unpacked ({error}).") from error


def _image_files():
    return set(ImageCaption._base_manager.exclude(image="").values_list("image", flat=True))


def _delete_records():
    """Empty the tables a backup fills, as Django's ``flush`` does (``TRUNCATE`` on PostgreSQL):
    ``QuerySet.delete()`` fetches every image and queues the removal of its files one by one."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), _tables()):
            cursor.execute(statement)


def _tables():
    """The tables a backup fills: its models' and their many-to-many links'; and the bulk
    uploads' and the files kept for editors' forms, which point to its missions and users
    (emptied, never filled: the uploads of a replaced archive have nowhere to go)."""
    tables = {model._meta.db_table for model in models()}
    tables |= {UploadBatch._meta.db_table, PendingUpload._meta.db_table}
    tables |= {
        field.remote_field.through._meta.db_table
        for model in models()
        for field in model._meta.local_many_to_many
    }
    return sorted(tables)


def _load(fileobj):
    """Save every record of the file as it is; return how many of each model.

    Raw saves (as ``loaddata`` makes them): ``auto_now`` leaves the times alone, and the
    derived data is made once at the end (:func:`_derive`). Records with ids are inserted (the
    tables are empty); users and groups are saved over the ones of the same name, if any.
    """
    counts = dict.fromkeys(MODELS, 0)
    links = _Links()
    text = io.TextIOWrapper(gzip.GzipFile(fileobj=fileobj), encoding="utf-8")
    for record in serializers.deserialize("jsonl", text):
        obj = record.object
        label = obj._meta.label_lower
        if label not in counts:
            raise BackupError(f"The file holds {label} records, which no backup holds.")
        named = hasattr(obj, "natural_key")
        m2m_data = record.m2m_data  # save() forgets it
        record.save(save_m2m=False, force_insert=not named)
        counts[label] += 1
        links.add(obj, m2m_data, replace=named)
    links.save()
    return counts


class _Links:
    """The restored records' many-to-many links, inserted in bulk: ``related_manager.set()``
    for each record costs three queries."""

    def __init__(self):
        self.rows = defaultdict(list)
        self.count = 0

    def add(self, obj, m2m_data, *, replace):
        """``replace``: ``obj`` may have been here already (the Editors group that ``migrate``
        makes): its links become the file's, not the union of both."""
        for name, pks in (m2m_data or {}).items():
            field = obj._meta.get_field(name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            if replace:
                through._base_manager.filter(**{source: obj.pk}).delete()
            self.rows[through] += [through(**{source: obj.pk, target: pk}) for pk in pks]
            self.count += len(pks)
        if self.count >= BATCH:
            self.save()

    def save(self):
        for through, rows in self.rows.items():
            through._base_manager.bulk_create(rows, batch_size=BATCH)
        self.rows.clear()
        self.count = 0


def _derive():
    """What the file leaves out: the gallery's counts, the search index, PostgreSQL's
    counters of ids (so that new records get ids after the restored ones), and the queue's jobs
    for videos not processed yet. ``bulk_load`` renews the page cache's version."""
    unfinished = Video.objects.filter(state__in=["waiting", "processing"])
    transaction.on_commit(partial(_queue_videos, list(unfinished.values_list("pk", flat=True))))
    facets.recount()
    search.rebuild()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models()):
            cursor.execute(statement)


def _move_in(staging, media):
    """Move the unpacked media into place, over any file of the same name."""
    try:
        for member in media:
            name = member.name.removeprefix(MEDIA)
            target = Path(default_storage.path(name))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
    except OSError as error:
        raise BackupError(
            f"The records are restored, but the media could not be moved into place ({error}): "
            "fix that, then restore again with --replace."
        ) from error


def _waiting_uploads():
    """The stored files of bulk uploads the worker has not handled yet, and of editors' forms
    waiting to be sent again (``pending_uploads.py``)."""
    return {
        entry["staged"]
        for files in UploadBatch.objects.values_list("files", flat=True)
        for entry in files
        if not (entry.get("image") or entry.get("errors"))
    } | set(PendingUpload.objects.values_list("file", flat=True))


def _queue_videos(pks):
    for pk in pks:
        queue_video(pk)


def _remove_files(names):
    """Remove the files of the images a ``replace`` deleted, unless a restored image has them."""
    for name in names:
        delete_image_files(name)
