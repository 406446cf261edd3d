"""The renditions command: fills in what is missing, regenerates on demand."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from missions.models import RENDITION_FIELDS, ImageCaption
from tests.factories import make_image


def run(*args):
    out = StringIO()
    call_command("renditions", *args, stdout=out)
    return out.getvalue()


def test_missing_renditions_are_made_again(db):
    image = make_image()
    lost = image.webp_640
    lost.storage.delete(lost.name)
    assert not lost.storage.exists(lost.name)
    output = run()
    assert lost.storage.exists(lost.name)
    assert "1 renditions written, 5 already there." in output
    assert "1/1" in output


def test_a_second_run_has_nothing_to_do(db):
    make_image()
    make_image()
    assert "0 renditions written, 12 already there." in run()


def test_force_regenerates_everything(db):
    make_image()
    assert "6 renditions written, 0 already there." in run("--force")


def test_a_missing_original_is_reported_and_the_others_are_still_done(db):
    lost = make_image(slug="lost")
    for field in ("image", *RENDITION_FIELDS):
        file = getattr(lost, field)
        file.storage.delete(file.name)
    kept = make_image(slug="kept")
    rendition = kept.webp_320
    rendition.storage.delete(rendition.name)
    errors = StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("renditions", stdout=StringIO(), stderr=errors)
    assert exit_status.value.code == 1
    assert rendition.storage.exists(rendition.name)  # the image after the lost one was done
    assert "1 originals are missing" in errors.getvalue()
    assert f"lost (id {lost.pk}): {lost.image.name}" in errors.getvalue()


def test_the_admin_says_an_original_is_missing_and_still_saves_the_texts(editor_client, media_root):
    image = make_image(slug="lost")
    shutil.rmtree(media_root)  # the original and its renditions
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    assert "Original missing: upload the file again" in editor_client.get(url).content.decode()
    texts = {
        "slug": "lost",
        "title_en": "Still here",
        "title_fr": "",
        "caption_en": "A caption edited while the file is lost.",
        "caption_fr": "",
        "alt_en": "",
        "alt_fr": "",
        "date_taken": "2016-12-03",
        "credit": "ESA",
        "licence": "esa-standard",
    }
    assert editor_client.post(url, texts).status_code == 302
    assert ImageCaption.objects.get(pk=image.pk).title_en == "Still here"
