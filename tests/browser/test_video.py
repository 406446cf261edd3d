"""A video in a real browser: the transcoded film plays, with the visitor's subtitles."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import FILM_SUBTITLES, make_film, url
from tests.factories import make_mission


@pytest.fixture
def film(db):
    return make_film(make_mission(name="Alpha", slug="alpha"))


@pytest.mark.parametrize(
    ("locale", "language", "other"), [("fr-FR", "fr", "en"), ("en-GB", "en", "fr")]
)
def test_the_video_plays_with_the_visitors_subtitles_chosen(
    open_page, film, locale, language, other
):
    page = open_page(locale=locale)
    page.goto(url("gallery", language) + "?type=videos")
    card = page.locator(".card-video", has_text=getattr(film, f"title_{language}"))
    expect(card.locator(".play-badge")).to_contain_text("0:04")
    card.locator("a").click()
    expect(page.locator("h1")).to_have_text(getattr(film, f"title_{language}"))

    player = page.locator("video")
    expect(player).to_have_attribute("poster", film.poster_url("jpeg"))
    tracks = player.evaluate(
        "video => Array.from(video.textTracks, track => [track.language, track.mode])"
    )
    assert tracks == [[language, "showing"], [other, "disabled"]]

    player.click()  # the visitor presses play
    page.wait_for_function(
        "() => { const video = document.querySelector('video');"
        " return video.currentTime > 1 && !video.paused && video.error === null; }",
        timeout=15_000,
    )
    cue = player.evaluate("video => video.textTracks[0].activeCues[0].text")
    assert cue == FILM_SUBTITLES[language].splitlines()[-1]
