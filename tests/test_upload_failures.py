"""Uploads that fail after the file is chosen: a clear message, no row, no file left behind.

Shapes the renditions cannot be made of, 16-bit pixels, a full disk or read-only media in the
middle of writing, in the image form and in a bulk upload (which reports each file and goes on).
"""

import errno
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageStat

from missions.models import ImageCaption
from tests.factories import image_bytes, make_mission, upload
from tests.test_uploads import form_data


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # imagekit remembers which renditions exist


def files_under(root):
    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def add_image(client, data, name="photo.png", content_type="image/png"):
    return client.post(
        reverse("admin:missions_imagecaption_add"),
        form_data(SimpleUploadedFile(name, data, content_type)),
    )


def encoded(image, image_format):
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


@pytest.mark.parametrize("size", [(20000, 1), (1, 20000)])
@pytest.mark.parametrize("image_format", ["PNG", "JPEG"])
def test_a_strip_too_thin_for_its_renditions_is_refused_with_a_message(
    editor_client, media_root, size, image_format
):
    data = encoded(Image.new("L", size, 128), image_format)
    response = add_image(editor_client, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert any("too long and thin to be shown" in error for error in errors), errors
    assert not ImageCaption.objects.exists()
    assert files_under(media_root) == []


def test_16_bit_greyscale_renditions_keep_their_tones(editor_client):
    width, height = 256, 64
    ramp = b"".join((value * 257).to_bytes(2, "little") for value in range(width)) * height
    data = encoded(Image.frombytes("I;16", (width, height), ramp), "PNG")
    assert add_image(editor_client, data).status_code == 302
    image = ImageCaption.objects.get()
    with Image.open(image.jpeg_640.path) as rendition:
        grey = rendition.convert("L")
        w, h = grey.size
        dark = ImageStat.Stat(grey.crop((0, 0, w // 16, h))).mean[0]
        light = ImageStat.Stat(grey.crop((w - w // 16, 0, w, h))).mean[0]
        overall = ImageStat.Stat(grey).mean[0]
    assert dark < 30  # the dark end stays dark (it was 255: pure white)
    assert light > 225
    assert 100 < overall < 155


@pytest.fixture
def full_disk(monkeypatch):
    """The storage writes half of the file, then the disk is full (as ENOSPC arrives)."""
    real_save = FileSystemStorage._save

    def save_half_then_fail(storage, name, content):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        content.seek(0)
        path.write_bytes(content.read()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", save_half_then_fail)
    return real_save


def test_a_full_disk_gives_the_form_back_with_a_message_and_leaves_nothing(
    editor_client, media_root, full_disk
):
    response = add_image(editor_client, image_bytes(64, 48, "PNG"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The image could not be stored (No space left on device)" in page
    assert 'value="Flying into the sunrise."' in page or "Flying into the sunrise." in page
    assert not ImageCaption.objects.exists()
    assert files_under(media_root) == []


def test_a_rendition_that_fails_removes_the_original_too(editor_client, media_root, monkeypatch):
    from missions import images

    def broken(self, image):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(images.ToSRGB, "process", broken)
    response = add_image(editor_client, image_bytes(64, 48, "PNG"))
    assert response.status_code == 200
    assert "The image could not be stored (Read-only file system)" in response.content.decode()
    assert not ImageCaption.objects.exists()
    assert files_under(media_root) == []


def test_a_bulk_upload_reports_the_file_that_failed_and_goes_on(
    editor_client, media_root, monkeypatch, jobs, django_capture_on_commit_callbacks
):
    mission = make_mission()
    real_save = FileSystemStorage._save
    calls = {"n": 0}

    def second_original_fails(storage, name, content):
        if name.startswith("images/"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", second_original_fails)
    # Three different files (the same bytes twice would be refused as a duplicate).
    files = [upload(f"photo-{n}.jpg", image_bytes(80, 60, color=(40 * n, 9, 9))) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:missions_mission_bulk_upload", args=[mission.pk]),
            {"images": files, "credit": "ESA", "licence": "esa-standard"},
        )
    jobs.run()
    page = editor_client.get(response["Location"]).content.decode()
    assert "2 images added as drafts" in page
    assert "The image could not be stored (No space left on device)" in page
    assert ImageCaption.objects.count() == 2
    assert len([f for f in files_under(media_root) if f.startswith("images/")]) == 2
