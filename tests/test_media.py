"""Uploaded files served by Django (development, SERVE_MEDIA): only those visitors may see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from missions.media import serve_media
from missions.models import RENDITION_FIELDS
from tests.factories import make_image, make_mission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def served_by_django(settings):
    settings.SERVE_MEDIA = True


def fetch(rf, user, name):
    request = rf.get(f"/media/{name}")
    request.user = user
    return serve_media(request, name)


def files_of(image):
    return [image.image.name, *(getattr(image, field).name for field in RENDITION_FIELDS)]


def test_a_public_images_files_are_served_and_kept_a_day(rf):
    image = make_image()
    for name in files_of(image):
        response = fetch(rf, AnonymousUser(), name)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == image.image.storage.open(name).read()
        assert response["Cache-Control"] == "public, max-age=86400"
        assert "Last-Modified" in response


@pytest.mark.parametrize("kind", ["draft image", "image of a draft mission"])
def test_a_drafts_files_are_a_404_for_visitors_and_private_for_editors(rf, editor, kind):
    if kind == "draft image":
        image = make_image(is_published=False)
    else:
        image = make_image(mission=make_mission(is_published=False))
    for name in files_of(image):
        with pytest.raises(Http404):
            fetch(rf, AnonymousUser(), name)
        response = fetch(rf, editor, name)  # the admin's preview shows it
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "name",
    ["stray.txt", "images/2026/11/unknown.jpg", "../esa_archive/settings.py", "a" * 300 + ".jpg"],
)
def test_anything_else_is_a_404_not_an_error(client, name, media_root):
    served = make_image().image
    (media_root / "stray.txt").write_text("not an image's file")
    assert client.get(served.url).status_code == 200  # the site does serve media here
    assert client.get(f"/media/{name}").status_code == 404


def test_without_serve_media_django_serves_no_file(client, settings):
    served = make_image().image
    settings.SERVE_MEDIA = False
    assert client.get(served.url).status_code == 404


def test_media_are_not_gzipped_again_nor_varied_by_language_but_pages_are_compressed(
    client, editor
):
    image = make_image()
    rendition = image.renditions["webp_320"]
    response = client.get(f"/media/{rendition}", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response  # a WebP only grows when gzipped
    vary = response.get("Vary", "").lower()
    assert "accept-language" not in vary and "cookie" not in vary  # one copy for everyone
    page = client.get("/en/gallery/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip" and "Accept-Language" not in page.get("Vary", "")
    client.force_login(editor)
    draft = make_image(is_published=False)
    preview = client.get(f"/media/{draft.image.name}")
    assert "private" in preview["Cache-Control"]  # an editor's copy is kept by no shared cache
