"""Absolute links name our own site, whatever the request's path or host says."""

import re
from urllib.parse import urlsplit

import pytest

from tests.factories import make_image

LINKS = re.compile(r'(?:href|content)="([^"]*)"')


def absolute_links(page):
    return {link for link in LINKS.findall(page) if "//" in link}


def links_of(response):
    return absolute_links(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["//evil.example/en/", "//evil.example/fr/galerie/", "///evil.example/en/"]
)
def test_a_path_that_looks_like_another_host_stays_on_our_site(client, path):
    response = client.get("/", PATH_INFO=path)  # the raw path, as a server passes it on
    page = response.content.decode()
    assert 'href="//' not in page  # no scheme-relative link to another host either
    hosts = {urlsplit(link).netloc for link in absolute_links(page)}
    assert hosts == {"testserver"}


@pytest.mark.django_db
def test_site_url_is_used_for_canonical_alternates_and_og(client, settings):
    settings.SITE_URL = "https://archive.example.org"
    make_image(slug="sunrise")
    page = client.get("/en/images/sunrise/", HTTP_HOST="localhost").content.decode()
    assert '<link rel="canonical" href="https://archive.example.org/en/images/sunrise/">' in page
    assert 'hreflang="fr" href="https://archive.example.org/fr/images/sunrise/"' in page
    assert 'property="og:image" content="https://archive.example.org/media/renditions/' in page
    assert "localhost" not in "".join(absolute_links(page))


@pytest.mark.django_db
def test_sitemap_uses_site_url(client, settings):
    settings.SITE_URL = "https://archive.example.org"
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://archive.example.org/sitemap-" in index


def test_a_page_of_a_series_is_its_own_canonical_and_filtered_views_are_noindex(client, db):
    from tests.factories import make_image

    for number in range(30):
        make_image(slug=f"image-{number}")
    second = client.get("/en/gallery/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/gallery/?page=2">' in second
    assert '<meta property="og:url" content="http://testserver/en/gallery/?page=2">' in second
    assert 'hreflang="fr" href="http://testserver/fr/galerie/?page=2"' in second
    assert 'rel="prev" href="?"' in second  # page 1 is the gallery itself, not ?page=1
    assert 'name="robots"' not in second
    filtered = client.get("/en/gallery/?year=2016&mission=&page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/gallery/?year=2016">' in filtered
    assert 'hreflang="fr" href="http://testserver/fr/galerie/?year=2016"' in filtered
    assert '<meta name="robots" content="noindex,follow">' in filtered
    search = client.get("/en/search/?q=moon").content.decode()
    assert search.count('name="robots"') == 1 and 'content="noindex"' in search
