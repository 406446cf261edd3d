"""`manage.py backup FILE` and `restore FILE`: every public page and file comes back the same.

The round trip runs on whichever database runs the suite (CI: SQLite, then PostgreSQL); the file
holds no database-specific data, so a SQLite backup restores onto PostgreSQL the same way.
"""

import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Model
from django.urls import reverse
from django.utils import translation

from missions.backup import MODELS, models
from missions.models import ContentVersion, ImageCaption, Mission
from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft

pytestmark = pytest.mark.django_db

LISTS = ("home", "mission-list", "astronaut-list", "spacecraft-list", "gallery", "feed")
DETAILS = (
    ("mission", "proxima"),
    ("astronaut", "thomas-pesquet"),
    ("spacecraft", "soyuz"),
    ("image", "sunrise"),
    ("image", "portrait"),
)


@pytest.fixture
def archive(editor):
    proxima = make_mission(name="Proxima", slug="proxima")
    make_mission(name="Secret", slug="secret", is_published=False)
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet")
    soyuz = make_spacecraft(name="Soyuz", slug="soyuz")
    add_crew(proxima, thomas)
    proxima.spacecraft.add(soyuz)
    sunrise = make_image(slug="sunrise", mission=proxima, photographer=thomas, title_en="Earth")
    sunrise.spacecraft.add(soyuz)
    thomas.portrait = make_image(slug="portrait", mission=None, title_en="Thomas")
    thomas.save()
    make_image(slug="draft", mission=proxima, is_published=False)
    LogEntry.objects.log_actions(editor.pk, [sunrise], CHANGE, "published")
    return proxima


def public_pages(client):
    paths = ["/sitemap.xml", "/robots.txt"]
    for section in ("pages", "missions", "astronauts", "spacecraft", "images"):
        paths.append(f"/sitemap-{section}.xml")
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
    """Every backed-up row's fields, timestamps included; users and groups, which come back
    by their natural keys (name) with new ids, by those names."""

    def value(obj, field):
        if field.primary_key and hasattr(obj, "natural_key"):
            return "natural"
        if field.is_relation and field.related_model is get_user_model():
            return getattr(obj, field.name).get_username()
        return str(getattr(obj, field.attname))

    return {
        label: sorted(
            tuple(value(obj, f) for f in model._meta.concrete_fields)
            for obj in model._default_manager.all()
        )
        for label, model in zip(MODELS, models(), strict=True)
    }


def wipe(media_root):
    for model in reversed(models()):
        model._default_manager.all().delete()
    shutil.rmtree(media_root)


def test_a_round_trip_gives_back_every_page_file_and_timestamp(
    client, archive, media_root, tmp_path, django_capture_on_commit_callbacks
):
    pages, files, before = public_pages(client), media_files(media_root), rows()
    assert all(status == 200 for status, _body in pages.values()), pages.keys()
    backup_file = tmp_path / "archive.tar"
    call_command("backup", str(backup_file), stdout=io.StringIO())

    with django_capture_on_commit_callbacks(execute=True):
        wipe(media_root)
    assert client.get("/en/images/sunrise/").status_code == 404
    output = io.StringIO()
    token = ContentVersion.objects.get().token
    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(backup_file), stdout=output)
    assert ContentVersion.objects.get().token != token  # cached pages are stale at once

    assert "Restored 3 images, 2 missions" in output.getvalue()
    assert rows() == before  # ids, links and created_at / updated_at exactly
    assert media_files(media_root) == files
    assert public_pages(client) == pages
    # New records get new ids after a restore (PostgreSQL's sequences were moved on).
    assert make_mission(slug="after").pk > max(
        Mission.objects.exclude(slug="after").values_list("pk", flat=True)
    )
    assert make_image(slug="new-after").pk > ImageCaption.objects.get(slug="sunrise").pk


def test_restore_refuses_a_database_with_content(archive, tmp_path):
    backup_file = tmp_path / "archive.tar"
    call_command("backup", str(backup_file), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(backup_file), stdout=io.StringIO())
    call_command("restore", str(backup_file), "--replace", stdout=io.StringIO())
    assert Mission.objects.count() == 2


@pytest.mark.parametrize(
    "content",
    [b"not a tar file at all", b""],
    ids=["garbage", "empty"],
)
def test_a_file_that_is_not_a_backup_changes_nothing(db, tmp_path, content):
    bad = tmp_path / "bad.tar"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match="backup file"):
        call_command("restore", str(bad), stdout=io.StringIO())
    assert not Mission.objects.exists()


def test_damaged_records_change_nothing(archive, tmp_path, media_root):
    backup_file = tmp_path / "archive.tar"
    call_command("backup", str(backup_file), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(backup_file) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "records.json":
                data = data.replace(b'"missions.mission"', b'"missions.nonesuch"', 1)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    wipe(media_root)
    with pytest.raises(CommandError, match="cannot be loaded"):
        call_command("restore", str(damaged), stdout=io.StringIO())
    assert not any(model._default_manager.exists() for model in models() if model is not LogEntry)
    assert not Path(media_root).exists()  # no file written either


@pytest.mark.parametrize("name", ["media/../../escape.txt", "/etc/escape.txt"])
def test_a_member_outside_the_media_is_refused_before_anything(db, tmp_path, media_root, name):
    call_command("backup", str(tmp_path / "empty.tar"), stdout=io.StringIO())
    evil = tmp_path / "evil.tar"
    with tarfile.open(tmp_path / "empty.tar") as source, tarfile.open(evil, "w") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        member = tarfile.TarInfo(name if name.startswith("media/") else f"media/{name}")
        member.size = 4
        target.addfile(member, io.BytesIO(b"evil"))
    with pytest.raises(CommandError, match="outside the media"):
        call_command("restore", str(evil), stdout=io.StringIO())
    assert not (tmp_path / "escape.txt").exists()


def test_backup_does_not_overwrite_a_file_unless_asked(db, tmp_path):
    existing = tmp_path / "archive.tar"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"keep me"
    call_command("backup", str(existing), "--overwrite", stdout=io.StringIO())
    assert tarfile.is_tarfile(existing)


def test_users_and_their_groups_come_back(editor, tmp_path, media_root):
    backup_file = tmp_path / "archive.tar"
    call_command("backup", str(backup_file), stdout=io.StringIO())
    password = editor.password
    get_user_model().objects.all().delete()
    call_command("restore", str(backup_file), stdout=io.StringIO())
    restored = get_user_model().objects.get(username="ed")
    assert restored.password == password
    assert restored.groups.filter(name="Editors").exists()
    assert isinstance(restored, Model)
