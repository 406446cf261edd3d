"""A like in a real browser: with JavaScript, the count changes in place, without a reload."""

from playwright.sync_api import expect

from missions.models import ImageCaption
from tests.browser.helpers import url
from tests.factories import make_image, make_mission


def test_a_click_on_like_updates_the_count_in_place_once(open_page, live_server, db, settings):
    settings.PAGE_CACHE = True  # the page the visitor sees comes from the page cache
    make_image(slug="sunrise", mission=make_mission(slug="proxima"), title_en="Sunrise")
    page = open_page()
    page.goto(url("image", slug="sunrise"))
    page.goto(url("image", slug="sunrise"))  # the second answer is the cached page
    page.evaluate("window.notReloaded = true")
    like = page.locator(".like")
    expect(like.locator(".like-count")).to_have_text("0 likes")

    like.locator(".like-button").click()
    expect(like.locator(".like-message")).to_have_text("Thank you for liking")
    expect(like.locator(".like-count")).to_have_text("1 like")
    assert page.evaluate("window.notReloaded") is True
    assert ImageCaption.objects.get(slug="sunrise").like_count == 1

    page.reload()  # the cached page was forgotten: the new count shows
    expect(page.locator(".like .like-count")).to_have_text("1 like")
    page.locator(".like .like-button").click()
    expect(page.locator(".like .like-message")).to_have_text(
        "You have already liked this page, you can only like it once!"
    )
    assert ImageCaption.objects.get(slug="sunrise").like_count == 1
