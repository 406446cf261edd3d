"""`manage.py backup FILE` and `restore FILE`: every public page, file and time comes back the same.

The tests run on whichever database runs the suite (CI: SQLite, then PostgreSQL). The file holds
nothing of the database it came from, so a backup of one restores onto the other the same way.
Tests in which a restore writes or fails to write records are transactional: its transaction is
then a real one (committed, or rolled back), as on a server, not a savepoint in the test's.
"""

import gzip
import io
import json
import re
import shutil
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from missions.backup import MODELS, models
from missions.bulk_upload import stage
from missions.models import (
    ContentVersion,
    ImageCaption,
    Mission,
    TimelapseSpeed,
    UploadBatch,
    Video,
)
from tests.factories import (
    add_crew,
    make_astronaut,
    make_image,
    make_mission,
    make_spacecraft,
    new_video,
    upload,
)

pytestmark = pytest.mark.django_db
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LISTS = ("home", "mission-list", "astronaut-list", "spacecraft-list", "gallery", "feed")
DETAILS = (
    ("mission", "proxima"),
    ("astronaut", "thomas-pesquet"),
    ("spacecraft", "soyuz"),
    ("image", "sunrise"),
    ("image", "portrait"),
    ("video", "undocking"),
)
SITEMAPS = ("pages", "missions", "astronauts", "spacecraft", "images", "videos")
# A time whose microseconds a millisecond format (Django's JSON) would lose.
CREATED = datetime(2021, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _forget_content_types(db):
    """A transactional test puts back the content types with the ids they had, behind the back
    of Django's cache of them (the round trip's flush made them again, with new ids)."""
    ContentType.objects.clear_cache()


@pytest.fixture
def archive(editor, jobs):
    """Published and draft content with images, a video, crew, links, a portrait and admin
    history."""
    proxima = make_mission(name="Proxima", slug="proxima")
    make_mission(name="Secret", slug="secret", is_published=False)
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet")
    make_astronaut(name="Draft Astronaut", slug="draft-astronaut", is_published=False)
    soyuz = make_spacecraft(name="Soyuz", slug="soyuz")
    add_crew(proxima, thomas)
    proxima.spacecraft.add(soyuz)
    sunrise = make_image(slug="sunrise", mission=proxima, photographer=thomas, title_en="Earth")
    sunrise.spacecraft.add(soyuz)
    thomas.portrait = make_image(slug="portrait", mission=None, title_en="Thomas")
    thomas.save()
    make_image(slug="draft", mission=proxima, is_published=False, caption_en="", caption_fr="")
    ImageCaption.objects.filter(slug="sunrise").update(created_at=CREATED)
    LogEntry.objects.log_actions(editor.pk, [sunrise], CHANGE, "published")
    undocking = new_video(jobs, slug="undocking", mission=proxima, footage_type="timelapse")
    undocking.astronauts.add(thomas)
    TimelapseSpeed.objects.create(video=undocking, starts_at=0, speed_up=12)
    return proxima


def public_pages(client):
    """``{path: (status, body)}`` of every kind of public page, in both languages."""
    paths = ["/sitemap.xml", "/robots.txt"] + [f"/sitemap-{name}.xml" for name in SITEMAPS]
    for language in ("en", "fr"):
        with translation.override(language):
            paths += [reverse(f"missions:{name}") for name in LISTS]
            paths += [reverse(f"missions:{name}", args=[slug]) for name, slug in DETAILS]
            gallery = reverse("missions:gallery")
        paths += [f"{gallery}?mission=proxima", f"{gallery}?q=earth"]
    pages = {}
    for path in paths:
        response = client.get(path)
        pages[path] = (response.status_code, response.content)
    return pages


def media_files(root):
    root = Path(root)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def rows():
    """Every backed-up record's values and links, times included. Users and groups come back by
    name with new ids, so they, and what points to them, are compared by name."""

    def key(obj):
        return obj.natural_key() if hasattr(obj, "natural_key") else obj.pk

    def value(obj, field):
        if field.many_to_many:
            return sorted(map(key, getattr(obj, field.name).all()))
        if field.is_relation and hasattr(field.related_model, "natural_key"):
            related = getattr(obj, field.name)
            return related and key(related)
        return getattr(obj, field.attname)

    def fields(model):
        return [
            field
            for field in model._meta.concrete_fields + model._meta.many_to_many
            if not (field.primary_key and hasattr(model, "natural_key"))
        ]

    return {
        label: {
            key(obj): [value(obj, field) for field in fields(model)]
            for obj in model._default_manager.all()
        }
        for label, model in zip(MODELS, models(), strict=True)
    }


def backup(tmp_path, name="archive.tar"):
    path = tmp_path / name
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def restore(path, *args):
    output = io.StringIO()
    call_command("restore", str(path), *args, stdout=output)
    return output.getvalue()


def copy_with(source, target, records=None, members=(), manifest=None):
    """Copy the backup ``source`` to ``target``, changed: ``records`` rewrites the list of
    records' lines, ``members`` are ``(TarInfo, bytes)`` added before the manifest, ``manifest``
    changes the manifest's dict."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "records.jsonl.gz" and records:
                lines = gzip.decompress(data).decode().splitlines()
                data = gzip.compress("\n".join(records(lines)).encode())
            if member.name == "manifest.json":
                for extra, extra_data in members:
                    new.addfile(extra, io.BytesIO(extra_data))
                if manifest:
                    data = json.dumps(manifest(json.loads(data))).encode()
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


@transactional
def test_a_round_trip_gives_back_every_page_file_and_time(client, archive, media_root, tmp_path):
    pages, files, before = public_pages(client), media_files(media_root), rows()
    assert all(status == 200 for status, _body in pages.values()), pages.keys()
    backup_file = backup(tmp_path)

    call_command("flush", interactive=False, verbosity=0)  # a new, migrated database
    shutil.rmtree(media_root)
    assert client.get("/en/images/sunrise/").status_code == 404
    token = ContentVersion.objects.get().token
    output = restore(backup_file)

    assert "Restored 3 images, 1 videos, 2 missions, 2 astronauts, 1 spacecraft, 1 users" in output
    assert ContentVersion.objects.get().token != token  # cached pages are stale at once
    assert rows() == before  # ids, links, texts, created_at and updated_at to the microsecond
    assert ImageCaption.objects.get(slug="sunrise").created_at == CREATED
    assert media_files(media_root) == files
    assert public_pages(client) == pages  # the feed's and the sitemaps' dates included
    # New records get the next ids (PostgreSQL's sequences were moved on) and are counted.
    assert make_mission(slug="after").pk > Mission.objects.get(slug="secret").pk
    assert make_image(slug="new", mission=archive).pk > ImageCaption.objects.get(slug="draft").pk
    assert b"2 images" in client.get("/en/missions/").content


def test_restore_refuses_a_database_that_holds_records(archive, tmp_path, media_root):
    backup_file = backup(tmp_path)
    files = media_files(media_root)

    with pytest.raises(CommandError, match=r"already holds records \(spacecraft, .*--replace"):
        restore(backup_file)
    assert media_files(media_root) == files  # nothing unpacked either


@transactional
def test_replace_deletes_the_records_and_their_files_first(
    client, archive, media_root, tmp_path, jobs
):
    pages, files = public_pages(client), media_files(media_root)
    backup_file = backup(tmp_path)
    extra = make_image(slug="extra", mission=archive)
    extra_video = new_video(jobs, slug="extra-film")
    waiting_upload = stage(archive, [upload("late.jpg")], user=None).files[0]["staged"]
    # A file kept for an editor's form (pending_uploads.py): its user is replaced too.
    from django.contrib.auth import get_user_model

    from missions import pending_uploads
    from missions.models import PendingUpload

    writer = get_user_model().objects.create_user("writer")
    pending_uploads.keep(upload("kept.jpg"), writer)
    kept_file = PendingUpload.objects.get().file.name
    Mission.objects.filter(slug="proxima").update(name="Renamed")

    restore(backup_file, "--replace")

    assert not UploadBatch.objects.exists()  # its mission is gone: so is the upload
    assert not (Path(media_root) / waiting_upload).exists()
    assert not PendingUpload.objects.exists() and not (Path(media_root) / kept_file).exists()
    assert not ImageCaption.objects.filter(slug="extra").exists()
    assert not (Path(media_root) / extra.image.name).exists()
    assert not (Path(media_root) / extra_video.folder).exists() or not any(
        (Path(media_root) / extra_video.folder).iterdir()
    )
    assert media_files(media_root) == files
    assert public_pages(client) == pages


def add_record(lines):
    """A record of a model no backup holds, in place of the last line (counts unchanged)."""
    record = {"model": "missions.contentversion", "pk": 7, "fields": {"token": "x"}}
    record["fields"]["changed_at"] = "2020-01-01T00:00:00+00:00"
    return lines[:-1] + [json.dumps(record)]


def dangling_link(lines):
    """The image "sunrise" of a mission that is not in the file."""
    return [
        re.sub(r'"mission": \d+', '"mission": 999', line) if '"sunrise"' in line else line
        for line in lines
    ]


@transactional
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda lines: [*lines[:-1], "{not json"], r"cannot be loaded \(Expecting"),
        (lambda lines: lines[:-1], "not the ones its manifest counts"),
        (add_record, "missions.contentversion records, which no backup holds"),
        (dangling_link, r"(?i)cannot be loaded.*foreign key"),
    ],
    ids=["broken-line", "line-missing", "other-model", "dangling-link"],
)
def test_damaged_records_change_nothing_even_with_replace(
    client, archive, media_root, tmp_path, damage, message
):
    pages, files, before = public_pages(client), media_files(media_root), rows()
    damaged = copy_with(backup(tmp_path), tmp_path / "damaged.tar", records=damage)

    with pytest.raises(CommandError, match=message):
        restore(damaged, "--replace")

    assert rows() == before
    assert media_files(media_root) == files  # nothing unpacked is left, nothing removed
    assert public_pages(client) == pages


def cut_short(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def without_manifest(path):
    with tarfile.open(path) as old, tarfile.open(path.with_suffix(".new"), "w") as new:
        for member in old.getmembers():
            if member.name != "manifest.json":
                new.addfile(member, old.extractfile(member))
    path.with_suffix(".new").replace(path)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda path: path.write_bytes(b"not a tar file at all"), "not a backup file"),
        (lambda path: path.write_bytes(b""), "not a backup file"),
        (lambda path: path.unlink(), "not a backup file"),
        (cut_short, "Not a complete backup file"),
        (without_manifest, "Not a complete backup file"),
    ],
    ids=["garbage", "empty", "missing", "cut-short", "no-manifest"],
)
def test_a_file_that_is_not_a_whole_backup_changes_nothing(
    archive, tmp_path, media_root, spoil, message
):
    spoiled = backup(tmp_path)
    spoil(spoiled)
    Mission.objects.all().delete()  # an empty database, but media files
    files = media_files(media_root)

    with pytest.raises(CommandError, match=message):
        restore(spoiled)
    assert not Mission.objects.exists()
    assert media_files(media_root) == files


def test_a_backup_of_another_format_or_with_a_missing_media_file_is_refused(db, tmp_path):
    other = copy_with(
        backup(tmp_path), tmp_path / "other.tar", manifest=lambda m: {**m, "format": "x/9"}
    )
    with pytest.raises(CommandError, match="another version"):
        restore(other)
    fewer = copy_with(
        backup(tmp_path, "b.tar"),
        tmp_path / "fewer.tar",
        manifest=lambda m: {**m, "media_files": 1},
    )
    with pytest.raises(CommandError, match="holds 0 media files, its manifest 1"):
        restore(fewer)


def member(name, kind=tarfile.REGTYPE, data=b"evil"):
    info = tarfile.TarInfo(name)
    info.type, info.size = kind, len(data) if kind == tarfile.REGTYPE else 0
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    return info, data


@pytest.mark.parametrize(
    "evil",
    [
        member("media/../../escape.txt"),
        member("media//tmp/escape.txt"),
        member("../escape.txt"),
        member("media/images/link.jpg", tarfile.SYMTYPE),
    ],
    ids=["dot-dot", "absolute", "outside-media", "symlink"],
)
def test_a_member_outside_the_media_is_refused_before_anything(db, tmp_path, media_root, evil):
    evil_file = copy_with(backup(tmp_path), tmp_path / "evil.tar", members=[evil])

    with pytest.raises(CommandError, match="would be written outside the media"):
        restore(evil_file)
    assert not (tmp_path / "escape.txt").exists()
    assert not Path("/tmp/escape.txt").exists()
    assert media_files(media_root) == {}


def test_backup_does_not_overwrite_a_file_unless_asked(db, tmp_path):
    existing = tmp_path / "archive.tar"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"keep me"
    call_command("backup", str(existing), "--overwrite", stdout=io.StringIO())
    assert tarfile.is_tarfile(existing)
    assert not (tmp_path / "archive.tar.partial").exists()


def test_users_come_back_by_name_and_groups_with_the_backups_rights(editor, tmp_path):
    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(Permission.objects.get(codename="delete_mission"))
    rights = set(editors.permissions.values_list("codename", flat=True))
    backup_file = backup(tmp_path)
    # A fresh machine: `migrate` made the Editors group with every right, `createsuperuser` an
    # administrator.
    password = editor.password
    editor.delete()
    editors.permissions.add(Permission.objects.get(codename="delete_mission"))
    User.objects.create_superuser("admin", password="pw")

    restore(backup_file)

    restored = User.objects.get(username="ed")
    assert restored.password == password
    assert list(restored.groups.values_list("name", flat=True)) == ["Editors"]
    assert set(editors.permissions.values_list("codename", flat=True)) == rights
    assert User.objects.filter(username="admin", is_superuser=True).exists()


def test_a_missing_original_is_named_and_the_rest_backed_up(db, tmp_path, media_root):
    kept, lost = make_image(slug="kept"), make_image(slug="lost")
    (Path(media_root) / lost.image.name).unlink()
    errors = io.StringIO()

    call_command("backup", str(tmp_path / "a.tar"), stdout=io.StringIO(), stderr=errors)

    assert lost.image.name in errors.getvalue()
    with tarfile.open(tmp_path / "a.tar") as archive:
        names = archive.getnames()
    assert f"media/{kept.image.name}" in names
    assert f"media/{lost.image.name}" not in names
    assert f"media/{lost.renditions['webp_320']}" in names


@transactional
def test_a_video_not_yet_processed_when_backed_up_is_queued_again(db, tmp_path, media_root, jobs):
    waiting = new_video(jobs, run=False, slug="waiting-film")
    backup_file = backup(tmp_path)
    call_command("flush", interactive=False, verbosity=0)
    jobs.done.update(result.id for result in jobs.queued())  # the old queue is gone

    restore(backup_file)

    assert len(jobs.queued()) == 1
    jobs.run()
    assert Video.objects.get(slug=waiting.slug).state == "ready"


@transactional
def test_a_backup_from_before_versions_restores(client, archive, media_root, tmp_path):
    """Backups made before the records' versions were kept hold none, and count none."""
    pages = public_pages(client)

    def without_versions(lines):
        return [line for line in lines if '"model": "missions.historical' not in line]

    def uncounted(manifest):
        counts = manifest["counts"]
        manifest["counts"] = {k: v for k, v in counts.items() if ".historical" not in k}
        return manifest

    older = copy_with(
        backup(tmp_path), tmp_path / "older.tar", records=without_versions, manifest=uncounted
    )
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    restore(older)

    assert public_pages(client) == pages
    assert not ImageCaption.history.exists()
