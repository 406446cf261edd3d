"""What robots and feed readers get: sitemap with both languages, robots.txt, Atom feeds."""

import re

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


def sitemap_pages(client):
    """The text of every page the sitemap index links to."""
    index = client.get("/sitemap.xml").content.decode()
    return [
        client.get(location.removeprefix("http://testserver")).content.decode()
        for location in re.findall(r"<loc>([^<]+)</loc>", index)
    ]


def test_sitemap_is_an_index_of_sections(client, content):
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "<loc>http://testserver/sitemap-images.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-missions.xml</loc>" in index


def test_sitemap_lists_both_languages_with_hreflang_alternates(client, content):
    xml = "".join(sitemap_pages(client))
    assert "<loc>http://testserver/en/missions/proxima/</loc>" in xml
    assert "<loc>http://testserver/fr/missions/proxima/</loc>" in xml
    assert 'hreflang="fr" href="http://testserver/fr/images/sunrise/"' in xml
    assert 'hreflang="x-default"' in xml


def test_sitemap_leaves_drafts_out(client, content):
    xml = "".join(sitemap_pages(client))
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


def test_sitemap_pages_split_a_large_section_without_losing_or_repeating_a_url(
    client, db, monkeypatch
):
    import missions.sitemaps

    monkeypatch.setattr(missions.sitemaps, "URLS_PER_PAGE", 4)  # two images per page
    for n in range(5):
        make_image(slug=f"shot-{n}")
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-images\.xml[^<]*)</loc>", index)
    assert pages == [
        "/sitemap-images.xml",
        "/sitemap-images.xml?p=2",
        "/sitemap-images.xml?p=3",
    ]
    listed = []
    for page in pages:
        listed += re.findall(
            r"<loc>http://testserver/en/images/([^/]+)/</loc>", page_text(client, page)
        )
    assert sorted(listed) == [f"shot-{n}" for n in range(5)]


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


@pytest.mark.parametrize(
    "path", ["/sitemap-nothing.xml", "/sitemap-images.xml?p=99", "/sitemap-images.xml?p=abc"]
)
def test_unknown_sitemap_pages_are_404(client, content, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("accept_language", ["fr-FR,fr;q=0.9", "en-GB,en;q=0.9"])
def test_every_sitemap_address_and_alternate_answers_in_either_browser_language(
    client, content, accept_language
):
    """x-default is the English page itself: an unprefixed address would send a French browser
    to a French path that does not exist (/gallery/ → /fr/gallery/)."""
    addresses = set()
    for page in sitemap_pages(client):
        addresses |= set(re.findall(r'(?:<loc>|href=")http://testserver([^<"]+)', page))
    assert len(addresses) > 10
    for path in sorted(addresses):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language, follow=True)
        assert response.status_code == 200, path
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/en/gallery/"/>'
        in "".join(sitemap_pages(client))
    )


def test_the_lists_and_the_gallery_have_the_date_of_the_last_change(client, content):
    from missions.caching import current_version

    pages = client.get("/sitemap-pages.xml").content.decode()
    entries = re.findall(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", pages)
    assert len(entries) == 10  # five pages, two languages
    changed = current_version().changed_at  # the archive's last visible change
    assert {lastmod for _loc, lastmod in entries} == {f"{changed:%Y-%m-%d}"}


def test_feed_entries_carry_their_picture_language_rights_and_a_permanent_id(client, content):
    only_french = make_image(slug="glacier", caption_en="", caption_fr="La banquise se disloque.")
    feed = client.get("/en/feed/").content.decode()
    entries = {
        re.search(r"images/([a-z-]+)/", entry).group(1): entry
        for entry in re.findall(r"<entry[^>]*>.*?</entry>", feed, re.DOTALL)
    }
    sunrise = entries["sunrise"]
    assert f'href="http://testserver{content.image.url}" length="{content.file_size}"' in sunrise
    assert 'rel="enclosure"' in sunrise and 'type="image/jpeg"' in sunrise
    assert '&lt;img src="http://testserver/media/renditions/' in sunrise  # in the summary
    assert "<rights>ESA — ESA Standard Licence</rights>" in sunrise
    assert f"<id>tag:esa-archive.esa.int,{content.created_at:%Y-%m-%d}:image/{content.pk}</id>" in (
        sunrise
    )
    assert "xml:lang" not in sunrise.split(">")[0]
    assert entries["glacier"].startswith('<entry xml:lang="fr">')  # the French fallback, marked
    assert "La banquise se disloque." in entries["glacier"]
    # The same id, whatever host the feed is read from.
    other_host = client.get("/en/feed/", HTTP_HOST="127.0.0.1").content.decode()
    assert f"image/{only_french.pk}</id>" in other_host
    assert "127.0.0.1" not in re.search(r"<id>tag:[^<]+</id>", other_host).group(0)


def test_the_feed_answers_304_until_something_changes(client, content):
    first = client.get("/en/feed/")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/en/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    make_image(slug="new-one")
    changed = client.get("/en/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and b"new-one" in changed.content
