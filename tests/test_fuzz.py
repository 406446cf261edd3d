"""No request from outside gives a server error: generated query strings and path segments.

Every public URL and every admin list (as an editor) is requested with query strings and path
segments drawn from a palette of hostile values (NUL, 20-digit numbers, years 0 and 10000,
impossible dates, markup, quotes, long strings, other scripts, path tricks), with a fixed seed so
that a failure can be replayed. Any answer from 500 up fails the test, with every such request
listed. The archive has content of each kind, drafts included, so filters have something to read.
"""

import random
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft

pytestmark = pytest.mark.django_db

SEED = 20261124
PUBLIC_REQUESTS = 1200  # random ones, besides every single filter value on the gallery
ADMIN_REQUESTS = 400  # random ones, besides every single filter value on two lists

VALUES = [
    "",
    "0",
    "-1",
    "1",
    "2016",
    "9999",
    "10000",
    "99999999999999999999",
    "1e9",
    "nan",
    "\x00",
    "%00",
    "a\x00b",
    "'",
    '"',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "//evil.example/",
    "é",
    "宇宙",
    "😀",
    "\u202e",
    " ",
    "a" * 3000,
    "proxima",
    "thomas-pesquet",
    "soyuz",
    "draft-mission",
    "newest",
    "oldest",
    "[]",
    "{}",
    "true",
    "null",
    "2016-02-30",
    "*",
    "earth*",
    "NEAR(a b)",
]
PUBLIC_KEYS = ["q", "mission", "photographer", "spacecraft", "year", "sort", "page", "p", "lang"]
ADMIN_KEYS = [
    "q",
    "o",
    "p",
    "e",
    "all",
    "is_published__exact",
    "mission__id__exact",
    "photographer__id__exact",
    "spacecraft__id__exact",
    "year",
    "licence__exact",
    "date_taken__year",
    "date_taken__month",
    "date_taken__day",
    "launch_date__year",
    "launch_date__month",
    "_to_field",
    "_popup",
    "kind__exact",
    "nationality__exact",
]
SEGMENTS = [
    "x",
    "proxima",
    "a" * 300,
    "%00",
    "..",
    "%2e%2e",
    "%2F",
    "é",
    "😀",
    "-",
    "_",
    "1",
    "draft-mission",
]


@pytest.fixture
def archive(db):
    proxima = make_mission(name="Proxima", slug="proxima")
    draft = make_mission(name="Draft", slug="draft-mission", is_published=False)
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet")
    soyuz = make_spacecraft(name="Soyuz", slug="soyuz")
    add_crew(proxima, thomas)
    proxima.spacecraft.add(soyuz)
    image = make_image(slug="sunrise", mission=proxima, photographer=thomas)
    image.spacecraft.add(soyuz)
    make_image(slug="draft-image", mission=draft, is_published=False)
    return image


def query(rng, keys):
    pairs = [(rng.choice(keys + ["zz"]), rng.choice(VALUES)) for _ in range(rng.randint(1, 4))]
    return urlencode(pairs)


def public_paths(image):
    paths = ["/sitemap.xml", "/robots.txt", "/media/" + image.image.name]
    for section in ("pages", "missions", "astronauts", "spacecraft", "images"):
        paths.append(f"/sitemap-{section}.xml")
    for language in ("en", "fr"):
        with translation.override(language):
            paths += [
                reverse(f"missions:{name}")
                for name in ("home", "mission-list", "astronaut-list", "spacecraft-list")
            ]
            paths += [reverse("missions:gallery"), reverse("missions:feed")]
            paths += [
                reverse(f"missions:{name}", args=["segment"]).replace("segment", "{}")
                for name in ("mission", "astronaut", "spacecraft", "image")
            ]
    return paths + ["/sitemap-{}.xml", "/media/{}", "/media/images/{}", "/{}/", "/en/{}/"]


def admin_paths():
    paths = ["/admin/", "/admin/autocomplete/"]
    for model in ("mission", "astronaut", "spacecraft", "imagecaption"):
        paths += [f"/admin/missions/{model}/", f"/admin/missions/{model}/{{}}/change/"]
    return paths + ["/admin/missions/mission/{}/bulk-upload/"]


def fill(rng, path):
    return path.replace("{}", quote(rng.choice(SEGMENTS), safe="%"), 1)


def failures(client, rng, paths, count, keys):
    failed = []
    for _ in range(count):
        path = fill(rng, rng.choice(paths))
        url = f"{path}?{query(rng, keys)}" if rng.random() < 0.85 else path
        response = client.get(url)
        if response.status_code >= 500:
            failed.append((response.status_code, url))
    return failed


def every_single_value(client, path, keys):
    """``path`` with each key given each value, one at a time: the failures."""
    failed = []
    for key in keys:
        for value in VALUES:
            url = f"{path}?{urlencode({key: value})}"
            response = client.get(url)
            if response.status_code >= 500:
                failed.append((response.status_code, url))
    return failed


def test_public_urls_never_answer_a_server_error(client, archive):
    client.raise_request_exception = False
    rng = random.Random(SEED)
    failed = failures(client, rng, public_paths(archive), PUBLIC_REQUESTS, PUBLIC_KEYS)
    failed += every_single_value(client, "/en/gallery/", PUBLIC_KEYS)
    assert failed == []


def test_admin_lists_never_answer_a_server_error(editor_client, archive):
    editor_client.raise_request_exception = False
    rng = random.Random(SEED + 1)
    keys = ADMIN_KEYS + ["app_label", "model_name", "field_name", "term"]
    failed = failures(editor_client, rng, admin_paths(), ADMIN_REQUESTS, keys)
    for model in ("imagecaption", "mission"):
        failed += every_single_value(editor_client, f"/admin/missions/{model}/", ADMIN_KEYS)
    # The autocomplete with a real field, so that its term reaches the database.
    for _ in range(200):
        term = rng.choice(VALUES)
        url = "/admin/autocomplete/?" + urlencode(
            {
                "app_label": "missions",
                "model_name": "imagecaption",
                "field_name": rng.choice(["mission", "photographer", "spacecraft"]),
                "term": term,
            }
        )
        response = editor_client.get(url)
        if response.status_code >= 500:
            failed.append((response.status_code, url))
    assert failed == []
