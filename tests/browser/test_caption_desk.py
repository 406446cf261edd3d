"""The caption desk in a real browser: an editor captions three drafts with the keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from missions.models import ImageCaption
from tests.browser.helpers import log_in, make_editor, photo_upload
from tests.factories import make_image, make_mission


@pytest.fixture
def drafts(db):
    mission = make_mission(name="Proxima", slug="proxima")
    return [
        make_image(
            image=photo_upload(f"upload-{n}.jpg", seed=n, width=600, height=400),
            slug=f"upload-{n}",
            **dict.fromkeys(
                ["title_en", "title_fr", "caption_en", "caption_fr", "alt_en", "alt_fr"], ""
            ),
            mission=mission,
            is_published=False,
        )
        for n in range(3)
    ]


def test_an_editor_captions_three_drafts_with_the_keyboard(open_page, drafts):
    editor = make_editor()
    page = open_page()
    log_in(page, editor.username)
    ids = ",".join(str(d.pk) for d in drafts)
    page.goto(f"{reverse('admin:missions_imagecaption_caption_desk')}?ids={ids}")
    expect(page.locator("table.caption-desk-table tbody tr")).to_have_count(3)
    # Every input is labelled with its image and its field.
    expect(page.get_by_label("upload-1: Caption (English)")).to_be_visible()

    first = page.locator("#id_form-0-title_en")
    expect(first).to_be_focused()
    for n in range(3):
        # Title, caption, alt text in English, then in French, by Tab alone.
        expect(page.locator(f"#id_form-{n}-title_en")).to_be_focused()
        for text in (
            f"Sunrise {n}",
            f"The sun rises over the Pacific ({n}).",
            f"A sunrise seen from orbit {n}",
            f"Lever de soleil {n}",
            f"Le soleil se lève sur le Pacifique ({n}).",
            f"Un lever de soleil vu de l'orbite {n}",
        ):
            page.keyboard.type(text)
            page.keyboard.press("Tab")
        # Mission (kept), photographer (kept), date taken: typed, then on to the next row.
        expect(page.locator(f"#id_form-{n}-mission")).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(page.locator(f"#id_form-{n}-date_taken")).to_be_focused()
        page.keyboard.type("2016-12-0" + str(n + 1))
        if n < 2:
            page.keyboard.press("Tab")  # the next image's link to its own page
            page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("input[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist .success")).to_have_text("3 images saved.")
    expect(page).to_have_url(re.compile(r"caption-desk/\?ids="))
    for n, draft in enumerate(drafts):
        image = ImageCaption.objects.get(pk=draft.pk)
        assert image.title_en == f"Sunrise {n}"
        assert image.caption_en == f"The sun rises over the Pacific ({n})."
        assert image.caption_fr == f"Le soleil se lève sur le Pacifique ({n})."
        assert image.alt_fr == f"Un lever de soleil vu de l'orbite {n}"
        assert str(image.date_taken) == f"2016-12-0{n + 1}"
        assert image.mission.slug == "proxima" and not image.is_published
