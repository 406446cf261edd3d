"""The editors' day: the same file twice is refused, the same picture resized is flagged, and
nothing is published without a title and a caption (bulk uploads propose a title)."""

import hashlib
import io
import random
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageDraw

from missions.bilingual import shown_title
from missions.duplicates import default_title, title_from_file_name
from missions.images import difference_hash, hash_distance, inspect_image
from missions.models import ImageCaption, UploadBatch
from tests.factories import make_image, make_mission, upload
from tests.test_bulk_upload import post_upload

ADD_URL = reverse("admin:missions_imagecaption_add")
CHANGELIST_URL = reverse("admin:missions_imagecaption_changelist")


def change_url(image):
    return reverse("admin:missions_imagecaption_change", args=[image.pk])


def stored_files(root):
    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def photo(seed=1, size=(320, 240), image_format="JPEG", quality=90, exif=None):
    """A picture with shapes and shades (a flat colour would say nothing to a perceptual hash),
    drawn at 320 × 240 then resized to ``size``."""
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize((320, 240)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(300), rng.randrange(220)
        box = (x, y, x + rng.randrange(20, 120), y + rng.randrange(20, 100))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    if size != image.size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    options = {"quality": quality} if image_format == "JPEG" else {}
    if exif is not None:
        options["exif"] = exif
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def form_data(image, **fields):
    data = {
        "image": image,
        "slug": "",
        "title_en": "Sunrise",
        "title_fr": "",
        "caption_en": "Flying into the sunrise.",
        "caption_fr": "",
        "alt_en": "",
        "alt_fr": "",
        "date_taken": "",
        "credit": "ESA",
        "licence": "esa-standard",
    }
    data.update(fields)
    return data


def form_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


# --- the hashes ---------------------------------------------------------------------------------


def test_an_upload_records_the_hashes_of_the_stored_file(db):
    image = make_image(image=upload("cupola.jpg", photo()))
    stored = Path(image.image.path).read_bytes()
    assert image.content_hash == hashlib.sha256(stored).hexdigest()
    assert len(image.perceptual_hash) == 16
    int(image.perceptual_hash, 16)
    image.refresh_from_db()
    assert image.content_hash == hashlib.sha256(stored).hexdigest()


def test_the_perceptual_hash_is_of_the_upright_picture():
    """A photo stored sideways with an EXIF orientation hashes as the same picture upright."""
    upright = Image.open(io.BytesIO(photo()))
    sideways = upright.transpose(Image.Transpose.ROTATE_90)  # orientation 6 turns it back
    upright.load()
    assert hash_distance(difference_hash(upright), difference_hash(sideways, 6)) <= 6
    assert hash_distance(difference_hash(upright), difference_hash(sideways)) > 6


def test_the_same_picture_resized_and_re_encoded_is_near_another_picture_far():
    original = inspect_image(upload(data=photo())).perceptual_hash
    smaller = inspect_image(upload(data=photo(size=(160, 120), quality=60))).perceptual_hash
    as_png = inspect_image(upload(data=photo(image_format="PNG"))).perceptual_hash
    other = inspect_image(upload(data=photo(seed=2))).perceptual_hash
    assert hash_distance(original, smaller) <= 6
    assert hash_distance(original, as_png) <= 6
    assert hash_distance(original, other) > 6


def test_model_saves_are_not_checked_for_duplicates(db):
    """seed_archive and load_demo save through the model: the same file twice is their right."""
    data = photo()
    first = make_image(image=upload("a.jpg", data))
    second = make_image(image=upload("b.jpg", data))
    assert first.content_hash == second.content_hash
    assert ImageCaption.objects.count() == 2


# --- the single upload --------------------------------------------------------------------------


def test_a_file_already_in_the_archive_is_refused_with_a_link_to_it(editor_client, media_root):
    existing = make_image(image=upload("cupola.jpg", photo()), title_en="Cupola at dawn")
    before = stored_files(media_root)

    response = editor_client.post(ADD_URL, form_data(upload("copy.jpg", photo())))

    assert response.status_code == 200
    errors = form_errors(response, "image")
    assert len(errors) == 1
    assert errors[0] == (
        f'This file is already in the archive: <a href="{change_url(existing)}">Cupola at dawn</a>'
    )
    page = response.content.decode()
    assert f'<a href="{change_url(existing)}">Cupola at dawn</a>' in page  # a link, not text
    assert ImageCaption.objects.count() == 1
    assert stored_files(media_root) == before  # nothing written


def test_replacing_a_file_with_one_already_in_the_archive_is_refused(editor_client, media_root):
    existing = make_image(image=upload("cupola.jpg", photo()))
    other = make_image(image=upload("other.jpg", photo(seed=2)))
    before = stored_files(media_root)
    response = editor_client.post(
        change_url(other), form_data(upload("copy.jpg", photo()), title_en=other.title_en)
    )
    assert response.status_code == 200
    assert "This file is already in the archive" in form_errors(response, "image")[0]
    assert change_url(existing) in form_errors(response, "image")[0]
    assert stored_files(media_root) == before
    other.refresh_from_db()
    assert other.content_hash != existing.content_hash


def test_the_same_picture_resized_is_saved_with_a_warning(editor_client, media_root):
    existing = make_image(image=upload("cupola.jpg", photo()), title_en="Cupola at dawn")
    smaller = photo(size=(160, 120), quality=60)

    response = editor_client.post(
        ADD_URL, form_data(upload("smaller.jpg", smaller), title_en="Again"), follow=True
    )

    assert response.status_code == 200
    assert ImageCaption.objects.count() == 2
    messages = [str(message) for message in response.context["messages"]]
    assert any(
        message.startswith(f'Looks like <a href="{change_url(existing)}">Cupola at dawn</a>')
        for message in messages
    ), messages


def test_a_different_picture_gets_no_warning(editor_client, media_root):
    make_image(image=upload("cupola.jpg", photo()))
    response = editor_client.post(ADD_URL, form_data(upload("b.jpg", photo(seed=2))), follow=True)
    assert ImageCaption.objects.count() == 2
    assert not any("Looks like" in str(m) for m in response.context["messages"])


# --- the bulk upload ----------------------------------------------------------------------------


@pytest.fixture
def mission(db):
    return make_mission(name="Alpha", slug="alpha")


def run_bulk(editor_client, mission, jobs, capture, files):
    response = post_upload(editor_client, mission, capture, images=files)
    assert response.status_code == 302
    jobs.run()
    return editor_client.get(response["Location"]).content.decode()


def test_bulk_upload_reports_duplicates_and_stores_them_not(
    editor_client, mission, media_root, jobs, django_capture_on_commit_callbacks
):
    existing = make_image(image=upload("cupola.jpg", photo()), title_en="Cupola at dawn")
    files = [
        upload("again.jpg", photo()),  # already in the archive
        upload("new.jpg", photo(seed=2)),
        upload("new-again.jpg", photo(seed=2)),  # the same as the one before, in this batch
    ]
    page = run_bulk(editor_client, mission, jobs, django_capture_on_commit_callbacks, files)

    new = ImageCaption.objects.get(mission=mission)
    assert new.title_en == "New"
    assert ImageCaption.objects.count() == 2
    assert "1 image added as a draft" in page and "2 files refused" in page
    assert page.count("This file is already in the archive:") == 2
    assert f'<a href="{change_url(existing)}">Cupola at dawn</a>' in page
    assert f'<a href="{change_url(new)}">New</a>' in page
    batch = UploadBatch.objects.get()
    assert [entry.get("duplicate") for entry in batch.files] == [existing.pk, None, new.pk]
    originals = [
        f for f in stored_files(media_root) if f.startswith("images/") and "CACHE" not in f
    ]
    assert len(originals) == 2  # the existing one and the new one: no orphan
    assert [f for f in stored_files(media_root) if f.startswith("incoming/")] == []


def test_bulk_upload_flags_the_same_picture_resized(
    editor_client, mission, media_root, jobs, django_capture_on_commit_callbacks
):
    existing = make_image(image=upload("cupola.jpg", photo()), title_en="Cupola at dawn")
    files = [
        upload("smaller.jpg", photo(size=(160, 120), quality=60)),
        upload("other.jpg", photo(seed=2)),
    ]
    page = run_bulk(editor_client, mission, jobs, django_capture_on_commit_callbacks, files)

    assert ImageCaption.objects.filter(mission=mission).count() == 2  # both stored
    assert "2 images added as drafts" in page
    assert page.count("Looks like") == 1
    assert f'Looks like <a href="{change_url(existing)}">Cupola at dawn</a>' in page
    batch = UploadBatch.objects.get()
    assert [entry.get("similar") for entry in batch.files] == [[existing.pk], None]


def test_bulk_uploads_get_a_readable_default_title(
    editor_client, mission, jobs, django_capture_on_commit_callbacks
):
    exif = Image.Exif()
    exif[0x010E] = "Soyuz MS-22 on the pad"  # ImageDescription
    files = [
        upload("soyuz_launch-2.jpg", photo(seed=3)),
        upload("IMG_0042.jpg", photo(seed=4, exif=exif)),
    ]
    run_bulk(editor_client, mission, jobs, django_capture_on_commit_callbacks, files)
    titles = dict(ImageCaption.objects.values_list("slug", "title_en"))
    assert titles == {
        "soyuz-launch-2": "Soyuz launch 2",
        "soyuz-ms-22-on-the-pad": "Soyuz MS-22 on the pad",
    }
    assert set(ImageCaption.objects.values_list("title_fr", flat=True)) == {""}


def test_a_french_editors_bulk_upload_gets_french_titles(
    editor_client, mission, jobs, django_capture_on_commit_callbacks
):
    files = [upload("lancement_soyouz.jpg", photo())]
    post_upload(editor_client, mission, django_capture_on_commit_callbacks, images=files)
    UploadBatch.objects.update(language="fr")  # as the request of an editor reading French
    jobs.run()
    image = ImageCaption.objects.get()
    assert (image.title_en, image.title_fr) == ("", "Lancement soyouz")


def test_default_titles():
    assert title_from_file_name("soyuz_launch-2.jpg") == "Soyuz launch 2"
    assert title_from_file_name("  cupola..sunrise__final.JPEG") == "Cupola sunrise final"
    info = inspect_image(upload(data=photo()))
    assert default_title(info, "x.jpg") == "X"
    long = "a" * 300 + ".jpg"
    assert len(default_title(info, long)) == 200

    exif = Image.Exif()
    exif[0x9C9B] = "Aurora over Canada".encode("utf-16-le") + b"\x00\x00"  # XPTitle
    exif[0x010E] = "OLYMPUS DIGITAL CAMERA"
    assert inspect_image(upload(data=photo(exif=exif))).title == "Aurora over Canada"
    exif = Image.Exif()
    exif[0x010E] = "OLYMPUS DIGITAL CAMERA"  # a camera's name, not a title
    assert inspect_image(upload(data=photo(exif=exif))).title == ""


# --- publishing needs a title -------------------------------------------------------------------


def test_the_image_form_refuses_to_publish_without_a_title(editor_client, db):
    response = editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo()), title_en="", is_published="on")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["title_en"]
    assert "Write the title in English or in French (or both) before publishing." in errors
    assert not ImageCaption.objects.exists()
    # As a draft, it may wait for its title.
    response = editor_client.post(ADD_URL, form_data(upload("a.jpg", photo()), title_en=""))
    assert response.status_code == 302


def test_clean_asks_for_a_title_and_a_caption(db):
    from django.core.exceptions import ValidationError

    image = ImageCaption(is_published=True, title_en=" ", caption_en="")
    with pytest.raises(ValidationError) as raised:
        image.clean()
    assert [error.code for error in raised.value.error_list] == ["no_title", "no_caption"]
    ImageCaption(is_published=True, title_fr="Titre", caption_fr="Légende").clean()


def test_bulk_publish_leaves_images_without_title_as_drafts_and_names_them(editor_client, db):
    ready = make_image(is_published=False)
    untitled = make_image(is_published=False, title_en="", title_fr="", slug="bulk-13-2")
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish", "_selected_action": [ready.pk, untitled.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 image stays a draft: a published image needs a title and a caption" in page
    caption = untitled.caption_en
    assert f'<a href="{change_url(untitled)}">{caption}</a>' in page
    assert "1 item published." in page
    assert list(ImageCaption.objects.filter(is_published=True)) == [ready]


def test_images_saved_without_a_title_show_their_captions_first_words(client, db):
    """Older images published without a title: never an empty title or the slug."""
    image = make_image(title_en="Kept", slug="bulk-13-2")
    caption = "The cupola at dawn, seen from the Japanese module during the flight of Proxima."
    ImageCaption.objects.filter(pk=image.pk).update(
        title_en="", title_fr="", caption_en=caption, caption_fr=""
    )
    image.refresh_from_db()
    assert shown_title(image) == "The cupola at dawn, seen from the Japanese…"

    gallery = client.get(reverse("missions:gallery")).content.decode()
    assert '<span class="card-title">The cupola at dawn, seen from the Japanese…</span>' in gallery
    feed = client.get(reverse("missions:feed")).content.decode()
    assert "<title>The cupola at dawn, seen from the Japanese…</title>" in feed
    page = client.get(image.get_absolute_url()).content.decode()
    assert "<h1>The cupola at dawn, seen from the Japanese…</h1>" in page
    assert "bulk-13-2</title>" not in feed and "<h1></h1>" not in page


# --- the backfill -------------------------------------------------------------------------------


def test_image_hashes_fills_in_older_images_once_per_file(db):
    first = make_image(image=upload("a.jpg", photo()))
    second = make_image(image=upload("b.jpg", photo(seed=2)))
    shared = make_image(image=upload("c.jpg", photo(seed=3)))
    # A synthetic image pointing at the same file (as seed_archive makes them).
    twin = ImageCaption.objects.create(
        image=shared.image.name, slug="twin", width=shared.width, height=shared.height
    )
    expected = {
        image.pk: (image.content_hash, image.perceptual_hash) for image in (first, second, shared)
    }
    expected[twin.pk] = expected[shared.pk]
    ImageCaption.objects.update(content_hash=None, perceptual_hash=None)

    out = io.StringIO()
    call_command("image_hashes", batch_size=2, stdout=out)

    assert {
        pk: (content, perceptual)
        for pk, content, perceptual in ImageCaption.objects.values_list(
            "pk", "content_hash", "perceptual_hash"
        )
    } == expected
    assert "2 of 4 images" in out.getvalue() and "4 of 4 images" in out.getvalue()
    assert "Hashes recorded for 4 images." in out.getvalue()
    # Again: nothing left to do.
    out = io.StringIO()
    call_command("image_hashes", stdout=out)
    assert "Hashes recorded for 0 images." in out.getvalue()


def test_image_hashes_lists_missing_files_and_goes_on(db):
    kept = make_image(image=upload("a.jpg", photo()))
    lost = make_image(image=upload("b.jpg", photo(seed=2)))
    Path(lost.image.path).unlink()
    ImageCaption.objects.update(content_hash=None, perceptual_hash=None)
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("image_hashes", stdout=io.StringIO(), stderr=err)
    assert f"id {lost.pk}: {lost.image.name}" in err.getvalue()
    kept.refresh_from_db()
    assert kept.content_hash is not None


def test_a_very_tall_images_renditions_have_the_sizes_of_their_files(db):
    """Renditions fit a box w wide and 10 w high: a 700 × 8000 image's WebP 320 is 280 wide."""
    image = make_image(image=upload("tall.jpg", photo(size=(700, 8000))))
    for name in image.renditions:
        with image.image.storage.open(image.renditions[name]) as file:
            assert Image.open(file).size == image.rendition_size(name), name
