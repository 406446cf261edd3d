"""A video in a real browser: the transcoded film plays, with the visitor's subtitles."""

import pytest
from playwright.sync_api import expect

from missions.models import Video
from tests.browser.helpers import url
from tests.factories import make_mission
from tests.videos import make_video, uploaded

SUBTITLES = {
    "en": "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nThe capsule backs away from the station.\n",
    "fr": "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nLe vaisseau s'éloigne de la station.\n",
}


@pytest.fixture
def film(db):
    """A published video with sound and subtitles in both languages, processed by the worker
    (jobs run as soon as they are queued in these tests)."""
    video = Video(
        file=uploaded(make_video(seconds=4.0, size=(640, 360), fps=25, audio=True)),
        title_en="Undocking",
        title_fr="Désamarrage",
        mission=make_mission(name="Alpha", slug="alpha"),
        subtitles_en=SUBTITLES["en"],
        subtitles_fr=SUBTITLES["fr"],
        is_published=True,
    )
    video.full_clean()
    video.save()
    video.refresh_from_db()
    assert video.state == "ready", video.failure
    return video


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
    assert cue == SUBTITLES[language].splitlines()[-1]
