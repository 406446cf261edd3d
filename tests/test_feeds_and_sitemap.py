"""What robots and feed readers get: sitemap with both languages, robots.txt, Atom feeds."""

import pytest

from tests.factories import make_image, make_mission


@pytest.fixture
def content(db):
    mission = make_mission(slug="proxima")
    image = make_image(
        slug="sunrise",
        mission=mission,
        title_en="Flying into the sunrise",
        title_fr="Voler face au soleil",
        caption_en="Really cool.",
        caption_fr="Vraiment cool.",
    )
    make_mission(slug="secret", is_published=False)
    make_image(slug="draft", is_published=False)
    return image


def test_sitemap_lists_both_languages_with_hreflang_alternates(client, content):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/missions/proxima/</loc>" in xml
    assert "<loc>http://testserver/fr/missions/proxima/</loc>" in xml
    assert 'hreflang="fr" href="http://testserver/fr/images/sunrise/"' in xml
    assert 'hreflang="x-default"' in xml


def test_sitemap_leaves_drafts_out(client, content):
    xml = client.get("/sitemap.xml").content.decode()
    assert "secret" not in xml
    assert "/draft/" not in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_feed_is_in_the_language_of_its_url(client, content):
    english = client.get("/en/feed/").content.decode()
    french = client.get("/fr/flux/").content.decode()
    assert "<title>Flying into the sunrise</title>" in english
    assert "<title>Voler face au soleil</title>" in french
    assert "Vraiment cool." in french
    assert "http://www.w3.org/2005/Atom" in english


def test_feed_leaves_drafts_out(client, content):
    assert "/draft/" not in client.get("/en/feed/").content.decode()
