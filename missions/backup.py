"""One file with the whole archive: its records and its media, restorable on a fresh machine.

The file is a tar archive (not compressed: the media are JPEG, PNG and WebP files that do not
shrink, and the records are a small part of it) holding

- ``manifest.json``: the format, when and from which database it was written, the counts;
- ``records.json``: the records in Django's serialization format (as JSON, times to the
  microsecond), with natural keys for users,
  groups, permissions and content types, so that it loads into SQLite or PostgreSQL alike,
  whichever it came from; every other row keeps its id (links and history stay right), and
  ``created_at`` / ``updated_at`` are written back exactly (raw saves do not touch them);
- ``media/…``: the original and the renditions of every image, by their storage names.

What is derived is not in the file and is made again after a restore: the gallery's counts, the
text search index, the page cache's version and PostgreSQL's id sequences.

A restore is all or nothing for the records (one transaction, after every media name in the file
was checked: no absolute path, no ``..``); the media are written only once the records are in.
"""

import datetime
import io
import json
import tarfile
from pathlib import PurePosixPath

from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .caching import bulk_load

FORMAT = "esa-archive-backup/1"
# What a backup holds, in an order that loads (what is pointed to before what points to it).
MODELS = (
    "auth.group",
    "auth.user",
    "missions.spacecraft",
    "missions.mission",
    "missions.astronaut",
    "missions.imagecaption",
    "missions.crewmember",
    "admin.logentry",
)
CONTENT = ("missions.mission", "missions.astronaut", "missions.spacecraft", "missions.imagecaption")


class BackupError(Exception):
    """A file that cannot be restored, or a database that must not be restored over."""


def models():
    from django.apps import apps

    return [apps.get_model(label) for label in MODELS]


def media_names():
    """The storage names of every image's original and renditions."""
    from .models import ImageCaption

    names = set()
    for image, renditions in ImageCaption.objects.exclude(image="").values_list(
        "image", "renditions"
    ):
        names.add(image)
        names.update(renditions.values())
    return sorted(names)


def write(path):
    """Write the backup to ``path``; return the manifest."""
    records = json.dumps(
        serializers.serialize(
            "python",
            (obj for model in models() for obj in model._default_manager.order_by("pk")),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ),
        cls=ExactEncoder,
    )
    names = [name for name in media_names() if default_storage.exists(name)]
    manifest = {
        "format": FORMAT,
        "written_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "counts": {
            label: model.objects.count() for label, model in zip(MODELS, models(), strict=True)
        },
        "media_files": len(names),
    }
    with tarfile.open(path, "w") as archive:
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add(archive, "records.json", records.encode())
        for name in names:
            with default_storage.open(name) as file:
                _add(archive, f"media/{name}", file.read())
    return manifest


class ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's JSON format cuts them to milliseconds, and a restore
    would have changed every ``created_at`` and ``updated_at`` (and the feed's dates)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _add(archive, name, data):
    member = tarfile.TarInfo(name)
    member.size = len(data)
    member.mtime = int(timezone.now().timestamp())
    archive.addfile(member, io.BytesIO(data))


def restore(path, *, replace=False):
    """Restore the backup at ``path``; return its manifest.

    Refuses (``BackupError``) a file that is not such a backup, or is damaged, and a database
    that already holds content unless ``replace``; then nothing is changed.
    """
    try:
        archive = tarfile.open(path, "r")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a backup file of this site ({error}).") from error
    with archive:
        manifest, records, media = _read(archive)
        if _has_content() and not replace:
            raise BackupError(
                "This database already holds content: restore into a new, migrated database, "
                "or add --replace to delete the current records first."
            )
        with transaction.atomic(), bulk_load():
            if replace:
                _delete_records()
            try:
                for obj in serializers.deserialize("python", json.loads(records)):
                    obj.save()
            except (serializers.base.DeserializationError, ValueError, LookupError) as error:
                raise BackupError(f"The records in {path} cannot be loaded ({error}).") from error
            _reset_sequences()
            _derive()
        for member in media:
            data = archive.extractfile(member).read()
            name = member.name.removeprefix("media/")
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(data))
    return manifest


def _read(archive):
    """The manifest, the records and the media members, all checked before anything changes."""
    try:
        members = archive.getmembers()
        names = {member.name: member for member in members}
        manifest = json.load(archive.extractfile(names["manifest.json"]))
        records = archive.extractfile(names["records.json"]).read().decode()
    except (KeyError, ValueError, OSError, tarfile.TarError, AttributeError) as error:
        raise BackupError(f"Not a complete backup file of this site ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    media = [member for member in members if member.name.startswith("media/")]
    for member in media:
        path = PurePosixPath(member.name.removeprefix("media/"))
        if not member.isfile() or path.is_absolute() or ".." in path.parts:
            raise BackupError(f"Refused: {member.name!r} would be written outside the media.")
    return manifest, records, media


def _has_content():
    from django.apps import apps

    return any(apps.get_model(label).objects.exists() for label in CONTENT)


def _delete_records():
    for model in reversed(models()):
        model._default_manager.all().delete()


def _reset_sequences():
    """Let new records get ids after the restored ones (PostgreSQL keeps a counter per table)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _derive():
    """What a backup leaves out; the page cache's version is renewed by ``bulk_load``."""
    from . import facets, search

    facets.recount()
    search.rebuild()
