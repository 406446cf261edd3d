"""What search engines and link previews read: schema.org JSON-LD on the pages of images,
videos, astronauts and missions, and complete Open Graph and Twitter tags."""

import json
import re

import pytest

from tests.factories import add_crew, make_astronaut, make_image, make_mission, new_video

pytestmark = pytest.mark.django_db


def json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


def meta(page, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page)
    return found and found.group(1)


def test_an_image_page_describes_a_licensable_image(client):
    thomas = make_astronaut(name="Thomas Pesquet")
    image = make_image(
        slug="sunrise",
        photographer=thomas,
        licence="cc-by-sa-3.0-igo",
        credit="ESA/NASA",
        caption_fr="Lever de soleil.",
        caption_en="",
    )
    page = client.get("/en/images/sunrise/").content.decode()
    data = json_ld(page)
    assert data["@type"] == "ImageObject"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/3.0/igo/"
    assert data["acquireLicensePage"].startswith("https://www.esa.int/")
    assert data["creditText"] == data["copyrightNotice"] == "ESA/NASA"
    assert data["creator"] == {"@type": "Person", "name": "Thomas Pesquet"}
    assert data["contentUrl"] == f"http://testserver{image.image.url}"
    assert data["thumbnailUrl"].startswith("http://testserver/media/renditions/")
    assert (data["caption"], data["inLanguage"]) == ("Lever de soleil.", "fr")  # the fallback
    assert meta(page, "og:image:width") == str(image.width)
    assert meta(page, "og:locale:alternate") == "fr_FR"
    assert meta(page, "twitter:image") == meta(page, "og:image")
    assert meta(page, "twitter:title") == image.title_en


def test_a_video_page_describes_the_video(client, jobs):
    video = new_video(jobs, slug="undocking")
    data = json_ld(client.get("/fr/videos/undocking/").content.decode())
    assert data["@type"] == "VideoObject"
    assert (data["name"], data["inLanguage"]) == ("Désamarrage", "fr")
    assert data["duration"] == "PT0M1S"
    assert data["uploadDate"] == "2021-10-06"
    assert data["contentUrl"] == f"http://testserver{video.mp4s[0]['url']}"
    assert data["thumbnailUrl"] == f"http://testserver{video.poster_url('jpeg')}"
    assert data["license"] and data["creditText"] == "ESA"


def test_an_astronaut_is_a_person_and_a_mission_an_event_with_its_published_crew(client):
    mission = make_mission(name="Proxima", slug="proxima", landing_date=None)
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet")
    add_crew(mission, thomas)
    add_crew(mission, make_astronaut(name="Secret Crew", is_published=False))
    person = json_ld(client.get("/en/astronauts/thomas-pesquet/").content.decode())
    assert person["@type"] == "Person" and person["nationality"]["name"] == "France"
    assert person["affiliation"] == {"@type": "Organization", "name": "ESA"}
    event = json_ld(client.get("/en/missions/proxima/").content.decode())
    assert event["@type"] == "Event" and event["startDate"] == "2016-11-17"
    assert [performer["name"] for performer in event["performer"]] == ["Thomas Pesquet"]


def test_the_home_page_has_a_picture_for_link_previews(client):
    make_image(slug="latest")
    page = client.get("/en/").content.decode()
    assert meta(page, "og:image").startswith("http://testserver/media/renditions/")
    assert meta(page, "twitter:card") == "summary_large_image"
