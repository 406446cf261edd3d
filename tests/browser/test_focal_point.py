"""An editor sets an image's focal point by clicking its preview on the image form."""

from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from missions.models import ImageCaption
from tests.browser.helpers import expect_images_loaded, log_in, make_editor, photo_bytes
from tests.factories import make_astronaut, make_image


def test_editor_clicks_the_preview_to_set_the_focal_point(open_page, live_server, db):
    editor = make_editor()
    image = make_image(
        image=SimpleUploadedFile("cupola.jpg", photo_bytes(1200, 800), "image/jpeg"),
        slug="cupola",
    )
    astronaut = make_astronaut(slug="thomas", portrait=image)
    page = open_page()
    log_in(page, editor.username)
    page.goto(f"/admin/missions/imagecaption/{image.pk}/change/")

    preview = page.locator(".focal-picker img")
    marker = page.locator(".focal-marker")
    expect_images_loaded(preview)
    expect(marker).to_be_hidden()  # no point yet: the centre
    box = preview.bounding_box()
    assert box["width"] == 400 and round(box["height"]) == 267

    preview.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(page.locator("#id_focal_x")).to_have_value("0.25")
    expect(page.locator("#id_focal_y")).to_have_value("0.75")
    expect(marker).to_be_visible()
    mark = marker.bounding_box()
    assert abs(mark["x"] + mark["width"] / 2 - (box["x"] + box["width"] * 0.25)) <= 2
    assert abs(mark["y"] + mark["height"] / 2 - (box["y"] + box["height"] * 0.75)) <= 2

    # Typed from the keyboard, the point moves the marker too.
    page.locator("#id_focal_x").fill("0.5")
    page.locator("#id_focal_y").fill("0.2")
    mark = marker.bounding_box()
    assert abs(mark["x"] + mark["width"] / 2 - (box["x"] + box["width"] * 0.5)) <= 2
    assert abs(mark["y"] + mark["height"] / 2 - (box["y"] + box["height"] * 0.2)) <= 2

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.5, 0.2)
    expect(page.locator(".focal-marker")).to_be_visible()  # shown again after the save

    # The astronaut's portrait, cropped by the page, keeps that point in view.
    page.goto(astronaut.get_absolute_url())
    portrait = page.locator("picture.portrait img")
    expect(portrait).to_have_css("object-position", "50% 20%")
    assert ImageCaption.objects.get(pk=image.pk).focal_y == 0.2
