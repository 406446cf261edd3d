"""Uploads: what the archive refuses, what it keeps from a good photo, and the files it leaves.

Every file is judged by what Pillow decodes, not by its name or content type; a refused file
leaves no row and no file behind, and an accepted one leaves exactly its original and its six
renditions under MEDIA_ROOT.
"""

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from missions import images
from missions.images import DecodeSmall, inspect_image
from missions.models import RENDITION_FIELDS, ImageCaption
from tests import bad_files
from tests.factories import image_bytes, make_image, upload

ADD_URL = "admin:missions_imagecaption_add"


@pytest.fixture(autouse=True)
def forget_rendition_states():
    """imagekit remembers in the cache which renditions exist; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


def files_under(root):
    """Every file below ``root``, as sorted relative paths (directories do not count)."""
    root = Path(root)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def stored_files(image):
    """The files an image should own: its original and its six renditions."""
    image = ImageCaption.objects.get(pk=image.pk)  # fresh: rendition names follow the source
    return sorted([image.image.name, *(getattr(image, name).name for name in RENDITION_FIELDS)])


def form_data(image=None, **fields):
    data = {
        "slug": "",
        "title_en": "Sunrise",
        "title_fr": "Lever de soleil",
        "caption_en": "Flying into the sunrise.",
        "caption_fr": "Voler face au soleil.",
        "alt_en": "",
        "alt_fr": "",
        "date_taken": "",
        "credit": "ESA",
        "licence": "esa-standard",
    }
    if image is not None:
        data["image"] = image
    return data | fields


def image_errors(response):
    return response.context["adminform"].form.errors.get("image", [])


# --- the bad files -----------------------------------------------------------------------------

DAMAGED = "The image is damaged or incomplete and cannot be read ("
NOT_AN_IMAGE = "This file is not a JPEG, PNG or WebP image."
ANIMATED = "Animated images are not accepted: upload a still image."
POLYGLOT = "The file hides web page code inside the image; it is refused for safety."


@dataclass(frozen=True)
class Bad:
    build: Callable[[], bytes]
    name: str
    content_type: str
    code: str
    message: str  # what inspect_image says
    admin_message: str = ""  # what the admin form says, when Django speaks first
    settings: dict = field(default_factory=dict)

    def upload(self):
        return SimpleUploadedFile(self.name, self.build(), self.content_type)


BAD_FILES = {
    "empty file": Bad(
        bad_files.empty,
        "photo.jpg",
        "image/jpeg",
        "empty",
        "The file is empty.",
        admin_message="The submitted file is empty.",  # Django's FileField refuses it first
    ),
    "file over the byte limit": Bad(
        bad_files.jpeg,
        "photo.jpg",
        "image/jpeg",
        "too_big",
        "; the limit is 1000\xa0bytes.",
        settings={"IMAGE_MAX_UPLOAD_BYTES": 1000},
    ),
    "truncated JPEG": Bad(bad_files.truncated_jpeg, "photo.jpg", "image/jpeg", "corrupt", DAMAGED),
    "corrupt JPEG": Bad(bad_files.corrupt_jpeg, "photo.jpg", "image/jpeg", "corrupt", DAMAGED),
    "PNG decompression bomb": Bad(
        bad_files.png_bomb,
        "photo.png",
        "image/png",
        "too_many_pixels",
        "The image has too many pixels; the limit is 120 megapixels.",
    ),
    "image with too many pixels": Bad(
        bad_files.jpeg,
        "photo.jpg",
        "image/jpeg",
        "too_many_pixels",
        "The image has too many pixels; the limit is 0.003 megapixels.",
        settings={"IMAGE_MAX_PIXELS": 3000},  # 64 × 48 = 3072 pixels
    ),
    "HTML page renamed .jpg": Bad(
        bad_files.html_page, "photo.jpg", "image/jpeg", "not_image", NOT_AN_IMAGE
    ),
    "SVG with a script": Bad(
        bad_files.svg_with_script,
        "drawing.svg",
        "image/svg+xml",
        "svg",
        "SVG drawings are not accepted: upload a JPEG, PNG or WebP image.",
    ),
    "SVG renamed .png": Bad(
        bad_files.svg_with_script,
        "drawing.png",
        "image/png",
        "svg",
        "SVG drawings are not accepted: upload a JPEG, PNG or WebP image.",
    ),
    "JPEG with a script after its end": Bad(
        bad_files.jpeg_with_script_after_end, "photo.jpg", "image/jpeg", "polyglot", POLYGLOT
    ),
    "JPEG with a script in a comment": Bad(
        bad_files.jpeg_with_script_in_comment, "photo.jpg", "image/jpeg", "polyglot", POLYGLOT
    ),
    "PNG with a script in a text chunk": Bad(
        bad_files.png_with_script_in_text, "photo.png", "image/png", "polyglot", POLYGLOT
    ),
    "animated WebP": Bad(bad_files.animated_webp, "anim.webp", "image/webp", "animated", ANIMATED),
    "animated PNG (APNG)": Bad(
        bad_files.animated_png, "anim.png", "image/png", "animated", ANIMATED
    ),
    "animated GIF": Bad(bad_files.animated_gif, "anim.gif", "image/gif", "not_image", NOT_AN_IMAGE),
    "still GIF": Bad(bad_files.gif, "photo.gif", "image/gif", "not_image", NOT_AN_IMAGE),
    "GIF renamed .jpg": Bad(bad_files.gif, "photo.jpg", "image/jpeg", "not_image", NOT_AN_IMAGE),
    "TIFF": Bad(bad_files.tiff, "scan.tif", "image/tiff", "not_image", NOT_AN_IMAGE),
    "BMP": Bad(bad_files.bmp, "scan.bmp", "image/bmp", "not_image", NOT_AN_IMAGE),
}


@pytest.fixture(params=list(BAD_FILES), ids=list(BAD_FILES))
def bad(request, settings):
    case = BAD_FILES[request.param]
    for name, value in case.settings.items():
        setattr(settings, name, value)
    return case


def test_bad_file_is_refused_by_the_admin_form_with_a_clear_message(editor_client, bad, media_root):
    response = editor_client.post(reverse(ADD_URL), form_data(bad.upload()))

    assert response.status_code == 200  # the form is shown again
    message = bad.admin_message or bad.message
    assert any(message in error for error in image_errors(response)), image_errors(response)
    assert message in response.content.decode()
    assert not ImageCaption.objects.exists()
    assert files_under(media_root) == []


def test_bad_file_is_refused_by_the_judge_with_its_code(db, bad):
    with pytest.raises(ValidationError) as refused:
        inspect_image(bad.upload())

    assert refused.value.code == bad.code
    assert bad.message in refused.value.messages[0]


def test_bad_file_is_refused_by_model_validation_on_the_image_field(db, bad, media_root):
    image = ImageCaption(image=bad.upload(), slug="bad", caption_en="Bad")

    with pytest.raises(ValidationError) as refused:
        image.full_clean()

    assert bad.message in refused.value.message_dict["image"][0]
    assert files_under(media_root) == []


def test_an_image_within_the_archive_limit_is_not_refused_by_pillows_own_limit(
    db, settings, monkeypatch
):
    # Pillow's default guard (89 megapixels) is lower than the archive's (120): scaled down.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2000)
    settings.IMAGE_MAX_PIXELS = 4000

    info = inspect_image(upload(data=bad_files.jpeg(64, 48)))  # 3072 pixels

    assert (info.width, info.height) == (64, 48)


def test_pillow_accepts_every_image_the_archive_accepts_when_making_renditions():
    from django.conf import settings

    assert Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS >= settings.IMAGE_MAX_PIXELS


def test_pixel_limit_is_written_in_the_editors_language(db, settings):
    settings.IMAGE_MAX_PIXELS = 2_500_000

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        inspect_image(upload(data=bad_files.png_bomb(2000, 2000)))

    with translation.override("fr"):
        assert "la limite est de 2,5 mégapixels" in refused.value.messages[0]


def test_admin_file_picker_offers_only_jpeg_png_and_webp(editor_client):
    page = editor_client.get(reverse(ADD_URL)).content.decode()

    assert re.search(r'<input type="file"[^>]* accept="image/jpeg,image/png,image/webp"', page)


# --- good files -------------------------------------------------------------------------------

GOOD_FILES = {
    "JPEG": (bad_files.jpeg, "JPEG", "jpg"),
    "PNG with transparency": (lambda: bad_files.png(mode="RGBA"), "PNG", "png"),
    "WebP": (bad_files.webp, "WEBP", "webp"),
    "camera JPEG with a preview image (MPO)": (bad_files.camera_jpeg_with_preview, "JPEG", "jpg"),
}


@pytest.mark.parametrize(
    ("build", "image_format", "extension"), GOOD_FILES.values(), ids=GOOD_FILES
)
def test_good_image_is_accepted_and_its_facts_recorded(
    editor_client, media_root, build, image_format, extension
):
    data = build()

    response = editor_client.post(
        reverse(ADD_URL), form_data(SimpleUploadedFile("Sunrise.bin", data, "image/jpeg"))
    )

    assert response.status_code == 302, image_errors(response)
    image = ImageCaption.objects.get()
    assert (image.format, image.width, image.height) == (image_format, 64, 48)
    assert re.fullmatch(rf"images/\d{{4}}/\d{{2}}/[\w-]{{22}}\.{extension}", image.image.name)
    stored = Path(image.image.path).read_bytes()
    assert image.file_size == len(stored)
    if build is bad_files.camera_jpeg_with_preview:  # the photo, without the camera's preview
        assert len(stored) < len(data) and b"MPF" not in stored
    else:
        assert stored == data  # the original is kept as uploaded
    with Image.open(io.BytesIO(stored)) as kept, Image.open(io.BytesIO(data)) as uploaded:
        assert kept.tobytes() == uploaded.tobytes()  # the same pixels
    assert files_under(media_root) == stored_files(image)


def test_png_named_jpg_is_stored_with_the_png_extension(editor_client):
    editor_client.post(
        reverse(ADD_URL), form_data(SimpleUploadedFile("photo.jpg", bad_files.png(), "image/jpeg"))
    )

    image = ImageCaption.objects.get()
    assert image.format == "PNG"
    assert image.image.name.endswith(".png")


def multipart(fields, filename, data, content_type="image/jpeg"):
    """A multipart body written by hand: the test client would strip a path from the name."""
    boundary = "archive-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        for key, value in fields.items()
    ]
    parts.append(
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="image"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    )
    body = "".join(parts).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    "hostile_name",
    [
        "../../etc/passwd.jpg",
        "..\\..\\windows\\win.ini.jpg",
        "<script>.jpg",
        "!!!.jpg",
        ".htaccess",
    ],
)
def test_stored_name_is_random_and_stays_under_images(editor_client, media_root, hostile_name):
    """Nothing of the uploaded name is kept: a draft's file cannot be found by guessing."""
    body, content_type = multipart(form_data(), hostile_name, bad_files.jpeg())

    response = editor_client.post(reverse(ADD_URL), body, content_type=content_type)

    assert response.status_code == 302, image_errors(response)
    image = ImageCaption.objects.get()
    assert re.fullmatch(r"images/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.jpg", image.image.name)
    assert Path(image.image.path).resolve().is_relative_to(Path(media_root).resolve() / "images")


def test_two_uploads_of_the_same_file_name_get_unrelated_names(editor_client):
    for width, title in ((64, "First"), (72, "Second")):  # two files: not a duplicate
        data = bad_files.jpeg(width)
        body, content_type = multipart(form_data(title_en=title), "photo.jpg", data)
        assert (
            editor_client.post(reverse(ADD_URL), body, content_type=content_type).status_code == 302
        )
    first, second = ImageCaption.objects.values_list("image", flat=True)
    assert "photo" not in first + second
    assert first.rsplit("/", 1)[1][:8] != second.rsplit("/", 1)[1][:8]


# --- EXIF -------------------------------------------------------------------------------------


def test_date_taken_is_read_from_exif_when_the_editor_left_it_empty(editor_client):
    data = bad_files.jpeg_with_exif(taken="2016:12:03 10:11:12")

    editor_client.post(reverse(ADD_URL), form_data(upload(data=data), date_taken=""))

    assert ImageCaption.objects.get().date_taken == date(2016, 12, 3)


def test_date_taken_given_by_the_editor_is_not_overwritten_by_exif(editor_client):
    data = bad_files.jpeg_with_exif(taken="2016:12:03 10:11:12")

    editor_client.post(reverse(ADD_URL), form_data(upload(data=data), date_taken="2021-09-30"))

    assert ImageCaption.objects.get().date_taken == date(2021, 9, 30)


def test_image_without_exif_date_keeps_an_empty_date_taken(editor_client):
    editor_client.post(reverse(ADD_URL), form_data(upload(data=bad_files.jpeg())))

    assert ImageCaption.objects.get().date_taken is None


def test_rotated_photo_is_recorded_upright_and_its_renditions_are_upright(db):
    # Stored 64 × 48 with a red top; orientation 6 says "turn 90° clockwise to view".
    data = bad_files.jpeg_with_exif(orientation=6, image=bad_files.top_stripe(64, 48))

    image = make_image(image=upload(data=data))

    assert (image.width, image.height) == (48, 64)
    for name in RENDITION_FIELDS:
        with Image.open(getattr(image, name).path) as rendition:
            rendition = rendition.convert("RGB")
            assert rendition.size == (48, 64), name
            red, _green, blue = rendition.getpixel((45, 32))  # the top is now on the right
            assert red > 200 and blue < 60, name
            red, _green, blue = rendition.getpixel((2, 32))
            assert blue > 200 and red < 60, name


def test_renditions_carry_no_exif_gps_or_xmp(db):
    data = bad_files.jpeg_with_exif(orientation=6, gps=True, xmp=True)
    with Image.open(Path(make_image(image=upload(data=data)).image.path)) as original:
        assert original.getexif().get_ifd(0x8825)  # the original does know where it was taken
    image = ImageCaption.objects.get()

    for name in RENDITION_FIELDS:
        with Image.open(getattr(image, name).path) as rendition:
            exif = rendition.getexif()
            assert len(exif) == 0, name
            assert 0x8825 not in exif and not exif.get_ifd(0x8825), name
            assert "exif" not in rendition.info and "xmp" not in rendition.info, name


# --- renditions -------------------------------------------------------------------------------


def test_renditions_have_their_widths_and_formats(db):
    image = make_image(image=upload(data=image_bytes(2000, 1000)))

    made = {}
    for name in RENDITION_FIELDS:
        with Image.open(getattr(image, name).path) as rendition:
            made[name] = (rendition.format, rendition.size)
    assert made == {
        "webp_320": ("WEBP", (320, 160)),
        "webp_640": ("WEBP", (640, 320)),
        "webp_1024": ("WEBP", (1024, 512)),
        "webp_1600": ("WEBP", (1600, 800)),
        "jpeg_640": ("JPEG", (640, 320)),
        "jpeg_1280": ("JPEG", (1280, 640)),
    }
    assert image.webp_640.name.endswith(".webp") and image.jpeg_640.name.endswith(".jpg")


def test_small_original_is_not_upscaled(db):
    image = make_image(image=upload(data=image_bytes(400, 300)))

    sizes = {}
    for name in RENDITION_FIELDS:
        with Image.open(getattr(image, name).path) as rendition:
            sizes[name] = rendition.size
    assert sizes == {
        "webp_320": (320, 240),
        "webp_640": (400, 300),
        "webp_1024": (400, 300),
        "webp_1600": (400, 300),
        "jpeg_640": (400, 300),
        "jpeg_1280": (400, 300),
    }


@pytest.mark.parametrize("camera_preview", [False, True], ids=["JPEG", "MPO"])
def test_large_jpeg_is_decoded_at_a_reduced_scale_for_small_renditions(camera_preview):
    photo = Image.new("RGB", (2000, 1000), (20, 60, 140))
    if camera_preview:
        data = bad_files.encode(photo, "MPO", save_all=True, append_images=[photo.resize((64, 32))])
    else:
        data = bad_files.encode(photo, "JPEG")

    with Image.open(io.BytesIO(data)) as original:
        assert original.format == ("MPO" if camera_preview else "JPEG")
        reduced = DecodeSmall(320).process(original)

        assert reduced.size == (1000, 500)  # DCT scaling: no side below the 320 asked for


def test_renditions_exist_as_soon_as_the_image_is_saved(db, media_root):
    image = make_image()

    assert files_under(media_root) == stored_files(image)
    assert len(files_under(media_root)) == 1 + len(RENDITION_FIELDS)


# --- replacing and deleting -------------------------------------------------------------------


def change_url(image):
    return reverse("admin:missions_imagecaption_change", args=[image.pk])


def test_replacing_the_file_in_the_admin_deletes_the_old_original_and_renditions(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    image = make_image(image=upload("first.jpg", data=bad_files.jpeg(64, 48)))
    old_files = stored_files(image)
    new_file = SimpleUploadedFile("second.png", bad_files.png(80, 60), "image/png")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change_url(image), form_data(new_file, slug=image.slug, date_taken="2016-12-03")
        )

    assert response.status_code == 302, image_errors(response)
    image = ImageCaption.objects.get(pk=image.pk)
    assert image.image.name.endswith(".png")
    assert (image.format, image.width, image.height) == ("PNG", 80, 60)
    assert files_under(media_root) == stored_files(image)
    assert not set(old_files) & set(files_under(media_root))
    with Image.open(image.webp_640.path) as rendition:
        assert rendition.size == (80, 60)


def test_replacing_with_a_bad_file_keeps_the_old_image_and_its_files(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    image = make_image()
    before = files_under(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change_url(image), form_data(upload(data=bad_files.html_page()), slug=image.slug)
        )

    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.content.decode()
    assert ImageCaption.objects.get().image.name == image.image.name
    assert files_under(media_root) == before


def test_deleting_in_the_admin_removes_the_original_and_renditions_only(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    doomed = make_image()
    kept = make_image()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:missions_imagecaption_delete", args=[doomed.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert list(ImageCaption.objects.all()) == [kept]
    assert files_under(media_root) == stored_files(kept)


def test_queryset_delete_removes_every_original_and_rendition(
    db, media_root, django_capture_on_commit_callbacks
):
    make_image()
    make_image()

    with django_capture_on_commit_callbacks(execute=True):
        ImageCaption.objects.all().delete()

    assert files_under(media_root) == []


def test_files_are_deleted_only_once_the_deletion_is_committed(
    db, media_root, django_capture_on_commit_callbacks
):
    image = make_image()
    before = files_under(media_root)

    with django_capture_on_commit_callbacks() as callbacks:
        image.delete()
        assert files_under(media_root) == before  # a rollback would still find them

    assert callbacks  # the file deletion (and the page cache's new version) wait for the commit
    for callback in callbacks:
        callback()
    assert files_under(media_root) == []


# --- editing the texts ------------------------------------------------------------------------


def test_changing_the_caption_neither_reads_nor_rewrites_the_image(
    editor_client, media_root, monkeypatch
):
    image = make_image()
    before = files_under(media_root)
    long_ago = (1_000_000_000, 1_000_000_000)
    for name in before:
        os.utime(Path(media_root) / name, long_ago)

    def judge_must_not_run(file):
        raise AssertionError("the original was read again")

    monkeypatch.setattr(images, "inspect_image", judge_must_not_run)
    response = editor_client.post(
        change_url(image),
        form_data(slug=image.slug, caption_en="A better caption.", date_taken="2016-12-03"),
    )

    assert response.status_code == 302, response.context and image_errors(response)
    changed = ImageCaption.objects.get()
    assert changed.caption_en == "A better caption."
    assert changed.image.name == image.image.name
    assert (changed.width, changed.height, changed.file_size) == (
        image.width,
        image.height,
        image.file_size,
    )
    assert files_under(media_root) == before
    for name in before:
        assert (Path(media_root) / name).stat().st_mtime == long_ago[1], name


def test_rendition_of_a_photo_with_a_colour_profile_is_converted_and_untagged(db):
    """The ToSRGB step runs on tagged photos; the rendition carries no profile of its own."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = Image.new("RGB", (64, 48), (200, 40, 40))
    buffer = io.BytesIO()
    original.save(buffer, "JPEG", icc_profile=srgb, quality=95)
    image = make_image(image=upload("tagged.jpg", buffer.getvalue()))
    with Image.open(image.webp_320.path) as rendition:
        assert "icc_profile" not in rendition.info
        red, green, blue = rendition.convert("RGB").getpixel((32, 24))
    assert red > 170 and green < 80 and blue < 80
