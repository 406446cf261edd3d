"""Drafts never reach visitors: a crawl of every public page, feed and sitemap finds none.

A published archive is linked to drafts of every kind, in every way an editor can link them
(a draft mission with published images, a draft image in a published mission, a draft
astronaut as photographer and crew member, a draft spacecraft shown and flown, a draft image
as a published astronaut's portrait). Then every page a visitor can reach from the home pages,
the feed and the sitemap, in both languages, is read, with every file it links to: no page
names a draft, links to one, or shows one of its files, and no draft's file can be fetched.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from missions.models import RENDITION_FIELDS
from missions.models.videos import rendition_files
from tests.factories import (
    add_crew,
    make_astronaut,
    make_image,
    make_mission,
    make_spacecraft,
    new_video,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src|content)="([^"]+)"|<loc>([^<]+)</loc>|srcset="([^"]+)"')
MAX_PAGES = 600


@pytest.fixture
def archive_with_drafts(settings, jobs):
    settings.SERVE_MEDIA = True
    proxima = make_mission(name="Proxima", slug="proxima")
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet")
    soyuz = make_spacecraft(name="Soyuz", slug="soyuz")
    add_crew(proxima, thomas)
    proxima.spacecraft.add(soyuz)
    make_image(slug="sunrise", mission=proxima, photographer=thomas, title_en="Sunrise")

    secret_mission = make_mission(
        name="Zorbulon Mission", slug="zorbulon-mission", is_published=False
    )
    secret_astronaut = make_astronaut(name="Quillon Vext", slug="quillon-vext", is_published=False)
    secret_craft = make_spacecraft(name="Draxcraft", slug="draxcraft", is_published=False)
    drafts = [
        make_image(slug="of-a-draft-mission", title_en="Pelvarine", mission=secret_mission),
        make_image(
            slug="draft-in-proxima", title_en="Murnwick", mission=proxima, is_published=False
        ),
        make_image(slug="draft-portrait", title_en="Ossiver", mission=None, is_published=False),
    ]
    thomas.portrait = drafts[2]
    thomas.save()
    by_draft_photographer = make_image(
        slug="by-a-draft-photographer", mission=proxima, photographer=secret_astronaut
    )
    by_draft_photographer.spacecraft.add(secret_craft)
    add_crew(proxima, secret_astronaut)
    proxima.spacecraft.add(secret_craft)
    add_crew(secret_mission, thomas)

    # Videos: one public (showing a draft astronaut and a draft spacecraft too), a draft, one
    # of a draft mission, and a published one still waiting for the worker.
    public_video = new_video(jobs, slug="public-film", mission=proxima, title_en="Film")
    public_video.astronauts.add(thomas, secret_astronaut)
    public_video.spacecraft.add(soyuz, secret_craft)
    hidden_videos = [
        new_video(jobs, slug="draft-film", title_en="Vexorian", is_published=False),
        new_video(jobs, slug="film-of-a-draft-mission", title_en="Tumbrel", mission=secret_mission),
        new_video(
            jobs,
            run=False,
            slug="waiting-film",
            title_en="Krallowen",
            subtitles_fr="WEBVTT\n\n00:00.000 --> 00:01.000\nGrommelin\n",
        ),
    ]

    words = ["Zorbulon", "zorbulon-mission", "Quillon", "quillon-vext", "Draxcraft", "draxcraft"]
    for image in drafts:
        words += [image.slug, image.title_en, image.title_fr]
        words += [image.image.name, *(getattr(image, field).name for field in RENDITION_FIELDS)]
    for video in hidden_videos:
        words += [video.slug, video.title_en, video.file.name, *rendition_files(video.renditions)]
    words += ["Grommelin", public_video.file.name]  # an original is never public
    return words


def linked(page, base):
    """The site's own URLs that ``page`` (at ``base``) links to: pages and files."""
    found = set()
    for href, loc, srcset in LINK.findall(page):
        candidates = [href or loc] if not srcset else [p.split()[0] for p in srcset.split(",")]
        for url in candidates:
            if not url.startswith(("/", "http")):
                continue  # a meta tag's text, a fragment, a mailto: link
            parts = urlsplit(urljoin(base, url.replace("&amp;", "&")))
            if parts.netloc in ("", "testserver") and parts.path.startswith("/"):
                found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_a_crawl_of_the_public_site_finds_no_draft(client, archive_with_drafts):
    secrets = archive_with_drafts
    queue = deque(["/en/", "/fr/", "/sitemap.xml", "/en/feed/", "/fr/flux/", "/robots.txt"])
    seen, pages = set(queue), 0
    found_on = {}
    while queue and pages < MAX_PAGES:
        path = queue.popleft()
        if path.startswith("/admin/"):
            continue
        response = client.get(path)
        pages += 1
        assert response.status_code in (200, 301, 302, 404), (path, found_on.get(path))
        if response.status_code in (301, 302):  # x-default links: the visitor's language
            location = response["Location"]
            if location not in seen:
                seen.add(location)
                queue.append(location)
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if path.startswith("/media/"):
            assert response.status_code == 200, f"{path} is linked but not served"
            continue
        text = body.decode()
        leaked = [word for word in secrets if word and word in text]
        assert not leaked, f"{path} shows {leaked}"
        for url in linked(text, path) - seen:
            seen.add(url)
            found_on[url] = path
            queue.append(url)
    assert pages > 40, pages  # the crawl reached the site, not just its home page
    assert queue == deque(), f"more than {MAX_PAGES} pages: raise MAX_PAGES"


def test_no_draft_is_found_by_search_filters_or_its_own_address(client, archive_with_drafts):
    for words in ("Zorbulon", "Quillon Vext", "Draxcraft", "Pelvarine", "Murnwick", "Ossiver"):
        assert client.get("/en/gallery/", {"q": words}).context["paginator"].count == 0, words
    for name, slug in (
        ("mission", "zorbulon-mission"),
        ("photographer", "quillon-vext"),
        ("spacecraft", "draxcraft"),
    ):
        response = client.get("/en/gallery/", {name: slug})
        assert [f.name for f in response.context["facets"]]  # the page itself works
        assert slug not in {c.value for f in response.context["facets"] for c in f.choices}
    for path in (
        "/en/missions/zorbulon-mission/",
        "/en/astronauts/quillon-vext/",
        "/en/spacecraft/draxcraft/",
        "/en/images/of-a-draft-mission/",
        "/en/images/draft-in-proxima/",
        "/en/images/draft-portrait/",
        "/en/videos/draft-film/",
        "/en/videos/film-of-a-draft-mission/",
        "/en/videos/waiting-film/",
        "/fr/videos/waiting-film/sous-titres-fr.vtt",
    ):
        assert client.get(path).status_code == 404, path
    for words in ("Vexorian", "Tumbrel", "Krallowen", "Grommelin"):
        assert "videos/" not in client.get("/en/search/", {"q": words}).content.decode(), words
        assert (
            client.get("/en/gallery/", {"q": words, "type": "videos"}).context["paginator"].count
            == 0
        ), words
    for name in archive_with_drafts:
        if name.startswith(("images/", "renditions/", "videos/")):
            assert client.get(f"/media/{name}").status_code == 404, name
