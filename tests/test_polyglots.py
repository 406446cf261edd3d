"""Polyglots: the stored original holds only the image; visible web code is refused.

Each accepted file is stored with its compressed image data copied byte for byte (the same
pixels) and its colour profile and EXIF kept, and without what followed the image, comments,
text chunks, XMP or unknown chunks (missions/containers.py).
"""

import io
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from missions.models import ImageCaption
from tests import bad_files
from tests.test_uploads import form_data

PHP = b"<?php system($_GET['c']); ?>"
ONERROR = b'<img src=x onerror="alert(document.domain)">'


def a_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "not part of any image " * 50)
    return buffer.getvalue()


def jpeg_with_comment_and_xmp(text):
    data = bad_files.jpeg()
    comment = b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + text + b"</x:xmpmeta>"
    app1 = b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp
    return data[:2] + comment + app1 + data[2:]


def png_with_text(text):
    data = bad_files.png()
    chunk = bad_files._png_chunk(b"tEXt", b"Comment\x00" + text)
    return data[:33] + chunk + data[33:]


def webp_with_trailer(trailer):
    return bad_files.webp() + trailer


def upload(client, data, name, content_type):
    return client.post(
        reverse("admin:missions_imagecaption_add"),
        form_data(SimpleUploadedFile(name, data, content_type)),
    )


CASES = {
    "JPEG + ZIP": (lambda: bad_files.jpeg() + a_zip(), "photo.jpg", "image/jpeg"),
    "PNG + ZIP": (lambda: bad_files.png() + a_zip(), "photo.png", "image/png"),
    "WebP + ZIP": (lambda: webp_with_trailer(a_zip()), "photo.webp", "image/webp"),
    "JPEG with comment and XMP": (
        lambda: jpeg_with_comment_and_xmp(b"kept out"),
        "photo.jpg",
        "image/jpeg",
    ),
    "PNG with a text chunk": (lambda: png_with_text(b"kept out"), "photo.png", "image/png"),
}


@pytest.mark.parametrize("case", CASES)
def test_only_the_image_is_stored_with_the_same_pixels(editor_client, case):
    build, name, content_type = CASES[case]
    data = build()
    assert upload(editor_client, data, name, content_type).status_code == 302
    image = ImageCaption.objects.get()
    stored = Path(image.image.path).read_bytes()
    assert len(stored) < len(data) and image.file_size == len(stored)
    assert b"payload.txt" not in stored and b"kept out" not in stored
    with Image.open(io.BytesIO(stored)) as kept, Image.open(io.BytesIO(data)) as uploaded:
        assert kept.format == uploaded.format
        assert kept.tobytes() == uploaded.tobytes()


@pytest.mark.parametrize(
    "build",
    [
        lambda: bad_files.jpeg() + PHP,
        lambda: bad_files.jpeg() + ONERROR,
        lambda: jpeg_with_comment_and_xmp(ONERROR),
        lambda: png_with_text(PHP),
        lambda: webp_with_trailer(ONERROR),
    ],
    ids=["JPEG + PHP", "JPEG + onerror", "onerror in a comment", "PHP in PNG text", "WebP + HTML"],
)
def test_web_code_around_the_image_is_refused_with_a_message(editor_client, build, media_root):
    data = build()
    name, content_type = (
        ("photo.png", "image/png")
        if data[:4] == b"\x89PNG"
        else (("photo.webp", "image/webp") if data[:4] == b"RIFF" else ("photo.jpg", "image/jpeg"))
    )
    response = upload(editor_client, data, name, content_type)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert "The file hides web page code inside the image; it is refused for safety." in errors
    assert not ImageCaption.objects.exists()
    assert not any(path.is_file() for path in Path(media_root).rglob("*"))


def test_a_photos_exif_and_colour_profile_are_kept(editor_client):
    data = bad_files.jpeg_with_exif()
    assert upload(editor_client, data, "photo.jpg", "image/jpeg").status_code == 302
    stored = Path(ImageCaption.objects.get().image.path).read_bytes()
    with Image.open(io.BytesIO(stored)) as kept, Image.open(io.BytesIO(data)) as uploaded:
        assert dict(kept.getexif()) == dict(uploaded.getexif())
