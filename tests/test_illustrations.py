"""Drawings and artists' views say so wherever they are shown: the image's page (next to its
credit), its card in the gallery, its feed entry and its JSON-LD. Photographs carry no mark."""

import json
import re

import pytest

from tests.factories import make_image

pytestmark = pytest.mark.django_db

MARK = '<span class="illustration-mark">'
DEMO_CREDIT = "ESA Archive demo (illustration)"


@pytest.fixture
def drawing():
    return make_image(
        slug="soyuz-in-guiana",
        title_en="Soyuz at Europe's Spaceport",
        title_fr="Soyuz en Guyane",
        is_illustration=True,
        credit=DEMO_CREDIT,
        licence="cc-by-sa-3.0-igo",
    )


@pytest.fixture
def photo():
    return make_image(slug="a-photo", title_en="A photo", title_fr="Une photo")


@pytest.mark.parametrize(("language", "word"), [("en", "Illustration"), ("fr", "Illustration")])
def test_the_image_page_marks_an_illustration_next_to_its_credit(client, drawing, language, word):
    page = client.get(f"/{language}/images/soyuz-in-guiana/").content.decode()
    assert f"<dd>{DEMO_CREDIT} {MARK}{word}</span></dd>" in page


def test_a_photo_page_has_no_illustration_mark(client, photo):
    assert MARK not in client.get("/en/images/a-photo/").content.decode()


def test_the_gallery_card_of_an_illustration_has_the_mark(client, drawing, photo):
    page = client.get("/en/gallery/").content.decode()
    cards = re.findall(r'<li class="card">.*?</li>', page, re.DOTALL)
    [drawn] = [card for card in cards if "soyuz-in-guiana" in card]
    [photographed] = [card for card in cards if "a-photo" in card]
    assert f"{MARK}Illustration</span>" in drawn
    assert MARK not in photographed


def test_the_feed_entry_of_an_illustration_says_so_in_its_title_and_category(
    client, drawing, photo
):
    feed = client.get("/en/feed/").content.decode()
    entries = re.findall(r"<entry[^>]*>.*?</entry>", feed, re.DOTALL)
    [drawn] = [entry for entry in entries if "soyuz-in-guiana" in entry]
    [photographed] = [entry for entry in entries if "a-photo" in entry]
    assert "<title>Soyuz at Europe's Spaceport (illustration)</title>" in drawn
    assert '<category term="illustration"/>' in drawn
    assert "illustration" not in photographed


def test_the_json_ld_of_an_illustration_gives_its_genre(client, drawing, photo):
    def json_ld(url):
        page = client.get(url).content.decode()
        [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        return json.loads(block)

    drawn = json_ld("/en/images/soyuz-in-guiana/")
    assert drawn["genre"] == "illustration"
    assert drawn["creator"] == {"@type": "Organization", "name": DEMO_CREDIT}
    assert "genre" not in json_ld("/en/images/a-photo/")


def test_a_drawn_portrait_and_a_timeline_image_are_marked(client, drawing, photo):
    from datetime import date

    from missions.models import MissionEvent
    from tests.factories import make_astronaut, make_mission

    make_astronaut(slug="drawn", portrait=drawing)
    make_astronaut(slug="photographed", portrait=photo)
    assert MARK in client.get("/en/astronauts/drawn/").content.decode()
    assert MARK not in client.get("/en/astronauts/photographed/").content.decode()
    assert client.get("/en/astronauts/").content.decode().count(MARK) == 1
    mission = make_mission(slug="told")
    event = MissionEvent.objects.create(
        mission=mission, kind="launch", date=date(2005, 1, 19), label_en="Launch"
    )
    event.images.add(drawing, photo)
    timeline = client.get("/en/missions/told/").content.decode().split('id="timeline-heading"')[1]
    assert timeline.count(MARK) == 1
