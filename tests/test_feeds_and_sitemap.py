"""What robots and feed readers get: sitemap with both languages, robots.txt, Atom feeds."""

import json
import re
from datetime import date
from xml.etree import ElementTree

import pytest

from tests.factories import make_image, make_mission, new_video
from tests.videos import make_video


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


# --- Google's image and video extensions ----------------------------------------------------

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "video": "http://www.google.com/schemas/sitemap-video/1.1",
}
ORIGIN = "http://testserver"


def sitemap_urls(client, path):
    """``{loc: <url> element}`` of a section page, read as XML with its namespaces."""
    root = ElementTree.fromstring(page_text(client, path).encode())
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}


def answers_anonymously(path):
    """A file a search engine is sent to: served to a visitor who is not logged in."""
    from django.test import Client

    response = Client().get(path)
    return response.status_code == 200 and not response.get("Location")


def json_ld(client, path):
    page = client.get(path).content.decode()
    return json.loads(re.search(r'<script type="application/ld\+json">(.+?)</script>', page)[1])


@pytest.fixture
def served_media(settings):
    settings.SERVE_MEDIA = True  # Django serves the media files, as on one machine


@pytest.fixture
def films(db, jobs, served_media):
    """A bilingual video released on a known date, in 720p and 1080p; and one written only in
    English, with no description."""
    bilingual = new_video(
        jobs,
        data=make_video(seconds=1.0, size=(1920, 1080)),
        slug="undocking",
        title_en="Undocking: Soyuz & <Progress>",
        title_fr="Désamarrage : Soyuz & « Progress »",
        description_en="The capsule leaves the station.\x0c",  # a form feed, pasted
        description_fr="Le vaisseau quitte la station.",
        released_on=date(2021, 10, 6),
    )
    english = new_video(
        jobs,
        data=make_video(seconds=0.5, size=(160, 120)),
        slug="docking",
        title_en="Docking",
        title_fr="",
        description_en="",
        description_fr="",
        released_on=None,
    )
    return bilingual, english


def test_image_entries_give_the_picture_the_page_describes_served_to_anyone(
    client, content, served_media
):
    make_image(slug="aurora", mission=None)
    urls = sitemap_urls(client, "/sitemap-images.xml")
    assert set(urls) == {
        f"{ORIGIN}/{language}/images/{slug}/"
        for language in ("en", "fr")
        for slug in ("sunrise", "aurora")
    }
    for loc, url in urls.items():
        pictures = url.findall("image:image/image:loc", NS)
        assert len(pictures) == 1, loc
        picture = pictures[0].text
        # The original the page offers and its JSON-LD calls contentUrl.
        assert picture == json_ld(client, loc.removeprefix(ORIGIN))["contentUrl"]
        assert answers_anonymously(picture.removeprefix(ORIGIN)), picture
    english = urls[f"{ORIGIN}/en/images/sunrise/"]
    assert english.findtext("image:image/image:loc", namespaces=NS) == ORIGIN + content.image.url


def test_video_entries_give_poster_film_length_and_date_in_the_language_of_the_url(client, films):
    bilingual, english_only = films
    urls = sitemap_urls(client, "/sitemap-videos.xml")
    assert len(urls) == 4
    video = {loc: url.find("video:video", NS) for loc, url in urls.items()}

    def field(loc, name):
        return video[f"{ORIGIN}{loc}"].findtext(f"video:{name}", namespaces=NS)

    # Escaped in the file, read back as written (without what XML cannot hold).
    assert field("/en/videos/undocking/", "title") == "Undocking: Soyuz & <Progress>"
    assert field("/en/videos/undocking/", "description") == "The capsule leaves the station."
    assert field("/fr/videos/undocking/", "title") == "Désamarrage : Soyuz & « Progress »"
    assert field("/fr/videos/undocking/", "description") == "Le vaisseau quitte la station."
    # Not written in French: the English title, which is the description too.
    assert field("/fr/videos/docking/", "title") == "Docking"
    assert field("/fr/videos/docking/", "description") == "Docking"

    largest = bilingual.mp4s[0]
    assert [mp4["height"] for mp4 in bilingual.mp4s] == [1080, 720]
    for language in ("en", "fr"):
        loc = f"/{language}/videos/undocking/"
        assert field(loc, "content_loc") == ORIGIN + largest["url"]
        assert field(loc, "thumbnail_loc") == ORIGIN + bilingual.poster_url("jpeg")
        assert field(loc, "duration") == str(round(bilingual.duration)) == "1"
        assert field(loc, "publication_date") == "2021-10-06"
    # No release date: the day it was put in the archive, as its page's uploadDate says.
    assert field("/en/videos/docking/", "publication_date") == f"{english_only.created_at:%Y-%m-%d}"
    for loc, element in video.items():
        for name in ("content_loc", "thumbnail_loc"):
            file = element.findtext(f"video:{name}", namespaces=NS)
            assert answers_anonymously(file.removeprefix(ORIGIN)), (loc, name)
        ld = json_ld(client, loc.removeprefix(ORIGIN))
        assert element.findtext("video:content_loc", namespaces=NS) == ld["contentUrl"]
        assert element.findtext("video:thumbnail_loc", namespaces=NS) == ld["thumbnailUrl"]


def test_sitemap_gives_no_picture_or_film_of_a_draft(client, db, jobs, served_media):
    public_image = make_image(slug="public-image")
    hidden_mission = make_mission(slug="hidden-mission", is_published=False)
    drafts = [
        make_image(slug="draft-image", is_published=False),
        make_image(slug="image-of-a-draft-mission", mission=hidden_mission),
    ]
    tiny = make_video(seconds=0.5, size=(160, 120))
    public_video = new_video(jobs, data=tiny, slug="public-video")
    draft_video = new_video(jobs, data=tiny, slug="draft-video", is_published=False)
    video_of_draft = new_video(jobs, data=tiny, slug="video-of-draft", mission=hidden_mission)
    unready = new_video(jobs, data=tiny, slug="unready-video", run=False)  # last: never run
    unready.refresh_from_db()
    assert unready.state == "waiting" and draft_video.state == "ready"
    files = [image.image.url for image in drafts]
    for video in (draft_video, video_of_draft):
        files += [mp4["url"] for mp4 in video.mp4s] + [video.poster_url("jpeg")]
    xml = "".join(sitemap_pages(client))
    assert public_image.image.url in xml and public_video.mp4s[0]["url"] in xml
    for slug in ("draft-image", "image-of-a-draft-mission", "hidden-mission"):
        assert slug not in xml
    for slug in ("unready-video", "draft-video", "video-of-draft"):
        assert slug not in xml
    for file in files:
        assert file not in xml
        assert not answers_anonymously(file)  # and none of them is served either
    assert unready.file.url not in xml


@pytest.mark.parametrize("count", [3, 12])
def test_image_and_video_sections_make_the_same_queries_however_many_items(
    client, db, jobs, served_media, count, django_assert_max_num_queries
):
    tiny = make_video(seconds=0.5, size=(160, 120))
    mission = make_mission(slug="many")
    for n in range(count):
        make_image(slug=f"shot-{n}", mission=mission if n % 2 else None)
        new_video(jobs, data=tiny, slug=f"film-{n}", mission=mission if n % 2 else None)
    for section, kind in (("images", "image"), ("videos", "video")):
        with django_assert_max_num_queries(3):  # the page count, the rows (images: the facets)
            urls = sitemap_urls(client, f"/sitemap-{section}.xml")
        assert len(urls) == 2 * count
        assert len([url for url in urls.values() if url.find(f"{kind}:{kind}", NS)]) == 2 * count
