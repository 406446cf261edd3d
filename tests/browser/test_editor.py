"""An editor's work in the real admin: a mission with its crew, an image, publishing, previews."""

import re

import pytest
from playwright.sync_api import expect

from missions.models import CrewMember, ImageCaption, Mission
from tests.browser.helpers import (
    expect_images_loaded,
    log_in,
    make_editor,
    photo_bytes,
    pick_autocomplete,
    url,
)
from tests.factories import make_astronaut, make_image, make_mission


@pytest.fixture
def editor_page(open_page, db):
    """A logged-in member of the Editors group, in an English browser."""
    user = make_editor()
    page = open_page()
    log_in(page, user.username)
    return page


def test_editor_creates_a_mission_with_crew_uploads_a_captioned_image_publishes_and_views_it(
    open_page, live_server, tmp_path, db
):
    editor = make_editor()
    make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet")
    make_astronaut(name="Samantha Cristoforetti", slug="samantha-cristoforetti")
    page = open_page()

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    log_in(page, editor.username)

    # The mission, with its crew in the inline (astronauts chosen with the autocomplete widget).
    page.goto("/admin/missions/mission/add/")
    page.locator("#id_name").press_sequentially("Alpha")
    expect(page.locator("#id_slug")).to_have_value("alpha")  # prepopulated as the editor types
    page.fill("#id_launch_date", "2021-04-23")
    page.fill("#id_landing_date", "2021-11-09")
    page.fill("#id_launch_site_en", "Kennedy Space Center")
    page.fill("#id_launch_site_fr", "Centre spatial Kennedy")
    page.fill("#id_summary_en", "Thomas Pesquet's second mission.")
    page.fill("#id_summary_fr", "La deuxième mission de Thomas Pesquet.")
    page.check("#id_is_published")
    crew = page.locator("#crew_members-group")
    for number, (typed, name, role) in enumerate(
        [
            ("pesq", "Thomas Pesquet", "commander"),
            ("crist", "Samantha Cristoforetti", "flight_engineer"),
        ]
    ):
        crew.locator(".add-row a").click()
        row = crew.locator("tr.form-row.dynamic-crew_members").nth(number)
        pick_autocomplete(page, row.locator("select[name$='-astronaut']"), typed, name)
        row.locator("select[name$='-role']").select_option(role)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("Alpha")

    mission = Mission.objects.get(slug="alpha")
    assert mission.is_published
    crew_members = CrewMember.objects.filter(mission=mission).select_related("astronaut")
    assert sorted((member.astronaut.name, member.role) for member in crew_members) == [
        ("Samantha Cristoforetti", "flight_engineer"),
        ("Thomas Pesquet", "commander"),
    ]

    # An image for it, through the image form's file input, captioned in both languages.
    photo = tmp_path / "pesquet-cupola.jpg"
    photo.write_bytes(photo_bytes(1600, 1067, seed=3))
    page.goto("/admin/missions/imagecaption/add/")
    page.set_input_files("#id_image", photo)
    page.locator("#id_title_en").press_sequentially("Thomas in the Cupola")
    expect(page.locator("#id_slug")).to_have_value("thomas-in-the-cupola")
    page.fill("#id_title_fr", "Thomas dans la Cupola")
    page.fill("#id_caption_en", "Thomas Pesquet looks down at Earth from the Cupola.")
    page.fill("#id_caption_fr", "Thomas Pesquet regarde la Terre depuis la Cupola.")
    page.fill("#id_alt_en", "An astronaut at the Cupola's windows, Earth below")
    page.fill("#id_alt_fr", "Un astronaute aux hublots de la Cupola, la Terre en dessous")
    pick_autocomplete(page, page.locator("#id_mission"), "alp", "Alpha")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    image = ImageCaption.objects.get(slug="thomas-in-the-cupola")
    assert (image.mission, image.width, image.height) == (mission, 1600, 1067)
    assert not image.is_published

    # Published with the change list's bulk action, as the README tells editors to.
    page.goto("/admin/missions/imagecaption/")
    page.locator("tr", has_text="Thomas in the Cupola").locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_contain_text("1 item published")
    image.refresh_from_db()
    assert image.is_published

    # "View on site" opens the public page, as any visitor now sees it.
    page.goto(f"/admin/missions/imagecaption/{image.pk}/change/")
    page.click("a.viewsitelink")
    expect(page).to_have_url(f"{live_server.url}{url('image', 'en', slug=image.slug)}")
    expect(page.locator("h1")).to_have_text("Thomas in the Cupola")
    expect(page.locator("div.caption[lang=en]")).to_contain_text("looks down at Earth")
    expect(page.locator("div.caption[lang=fr]")).to_contain_text("regarde la Terre")
    expect(page.locator(".draft-banner")).to_have_count(0)
    hero = page.locator(".hero-image img")
    expect(hero).to_have_attribute("alt", "An astronaut at the Cupola's windows, Earth below")
    expect_images_loaded(hero)

    visitor = open_page()
    response = visitor.goto(url("image", "en", slug=image.slug))
    assert response.status == 200


def test_bulk_upload_adds_good_files_as_drafts_and_refuses_a_bad_one(editor_page, tmp_path):
    mission = make_mission(name="Proxima", slug="proxima")
    page = editor_page
    page.goto(f"/admin/missions/mission/{mission.pk}/change/")
    page.get_by_role("link", name="Upload images").click()
    expect(page).to_have_url(re.compile(rf"/admin/missions/mission/{mission.pk}/bulk-upload/$"))

    page.set_input_files(
        "#id_images",
        [
            {"name": "sunrise.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes(640, 427)},
            {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"Just some notes.\n" * 20},
            {
                "name": "glacier.png",
                "mimeType": "image/png",
                "buffer": photo_bytes(640, 427, seed=2, image_format="PNG"),
            },
        ],
    )
    page.fill("#id_credit", "ESA/NASA")
    page.click("input[type=submit][value=Upload]")

    rows = page.locator("table.bulk-results tbody tr")
    expect(rows).to_have_count(3)
    for name in ("sunrise.jpg", "glacier.png"):
        expect(rows.filter(has_text=name)).to_contain_text("Added as a draft")
    refused = rows.filter(has_text="notes.jpg")
    expect(refused).to_contain_text("Refused:")
    expect(refused).not_to_contain_text("Added as a draft")
    expect(page.locator(".bulk-progress")).to_contain_text("2 images added as drafts")
    expect(page.locator(".bulk-progress")).to_contain_text("1 file refused")

    images = ImageCaption.objects.filter(mission=mission)
    assert sorted(image.slug for image in images) == ["glacier", "sunrise"]
    assert all(not image.is_published and image.credit == "ESA/NASA" for image in images)

    # Each "added" line leads to the new draft's form, where its caption is written.
    rows.filter(has_text="sunrise.jpg").locator("a").click()
    expect(page.locator("#id_slug")).to_have_value("sunrise")


def test_a_draft_image_is_404_for_visitors_and_a_preview_with_a_banner_for_editors(
    editor_page, open_page
):
    mission = make_mission(name="Proxima", slug="proxima")
    draft = make_image(mission=mission, slug="not-yet", title_en="Not yet", is_published=False)
    path = url("image", "en", slug=draft.slug)

    visitor = open_page()
    response = visitor.goto(path)
    assert response.status == 404
    expect(visitor.locator(".error-page h1")).to_be_visible()
    expect(visitor.locator("body")).not_to_contain_text("Not yet")

    response = editor_page.goto(path)
    assert response.status == 200
    expect(editor_page.locator(".draft-banner")).to_be_visible()
    expect(editor_page.locator("h1")).to_have_text("Not yet")

    # The same preview is what "View on site" opens from the draft's admin form.
    editor_page.goto(f"/admin/missions/imagecaption/{draft.pk}/change/")
    editor_page.click("a.viewsitelink")
    expect(editor_page).to_have_url(re.compile(rf"{re.escape(path)}$"))
    expect(editor_page.locator(".draft-banner")).to_be_visible()
