"""Forms that keep work and versions, in a real browser: a form with a mistake keeps its file;
a change is previewed in a new tab before it is saved; an earlier version is restored."""

from playwright.sync_api import expect

from missions.models import ImageCaption
from tests.browser.helpers import expect_images_loaded, log_in, make_editor, photo_bytes
from tests.factories import make_image


def test_a_form_with_a_mistake_keeps_the_file_chosen(open_page, live_server, tmp_path, db):
    editor = make_editor()
    page = open_page()
    log_in(page, editor.username)
    photo = tmp_path / "soyuz-rollout.jpg"
    photo.write_bytes(photo_bytes(800, 533, seed=2))
    page.goto("/admin/missions/imagecaption/add/")
    page.set_input_files("#id_image", photo)
    page.fill("#id_title_en", "Soyuz rolled out")
    page.check("#id_is_published")  # published without a caption: refused
    page.click("input[name=_save]")

    error = page.locator(".field-caption_en .errorlist")
    expect(error).to_have_text(
        "Write the caption in English or in French (or both) before publishing."
    )
    expect(page.locator(".errorlist.nonfield")).to_have_count(0)
    expect(page.locator(".kept-upload")).to_contain_text(
        "Kept from your last try: soyuz-rollout.jpg"
    )
    expect_images_loaded(page.locator("img.kept-upload-look"))  # the kept picture, shown

    # No new file chosen: the browser sends the form, and the kept file is used.
    page.fill("#id_caption_en", "The Soyuz rocket rolled out to its launch pad.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    image = ImageCaption.objects.get(title_en="Soyuz rolled out")
    assert image.is_published and (image.width, image.height) == (800, 533)


def test_a_change_is_previewed_then_an_earlier_version_restored(open_page, live_server, db):
    image = make_image(
        title_en="Undocking",
        caption_en="Cargo Dragon undocks from the station.",
        slug="undocking",
    )
    editor = make_editor()
    page = open_page()
    log_in(page, editor.username)
    page.goto(f"/admin/missions/imagecaption/{image.pk}/change/")
    page.fill("#id_caption_en", "A caption typed in haste, with a mistkae.")

    # Previewed in a new tab: the public page with the change; nothing saved.
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Preview (English)").click()
    preview = opened.value
    expect(preview.locator(".draft-banner")).to_contain_text("Preview of your changes")
    expect(preview.locator("div.caption[lang=en]")).to_contain_text("with a mistkae")
    image.refresh_from_db()
    assert image.caption_en == "Cargo Dragon undocks from the station."
    preview.close()

    # Saved anyway; then the earlier version is found in the history and restored.
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(f"/admin/missions/imagecaption/{image.pk}/history/")
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("with a mistkae")
    rows.last.get_by_role("link", name="View or restore").click()
    expect(page.locator("#id_caption_en")).to_have_value("Cargo Dragon undocks from the station.")
    page.get_by_role("button", name="Restore this version").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    image.refresh_from_db()
    assert image.caption_en == "Cargo Dragon undocks from the station."
    assert image.history.count() == 3
