"""Media on S3-compatible object storage (SeaweedFS here): originals, renditions and videos are
private objects; visitors reach a public file through the site's /media/ gate, which redirects
to a short-lived signed URL, and never reach a draft's file."""

import itertools
import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from missions.models import RENDITION_FIELDS
from tests.factories import make_image, make_mission, new_video
from tests.servers import SeaweedFS

BUCKETS = itertools.count(1)


@pytest.fixture(scope="module")
def seaweed(tmp_path_factory):
    server = SeaweedFS(tmp_path_factory.mktemp("seaweed"))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def bucket(seaweed, settings):
    """A new bucket, and the site's media in it (as S3_BUCKET and friends configure it)."""
    name = f"media-{next(BUCKETS)}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "missions.storage.MediaStorage", "OPTIONS": seaweed.bucket(name)},
    }
    settings.SERVE_MEDIA = True
    return name


def fetch(url):
    """(status, bytes) of a plain GET, as a browser without our cookies makes it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_an_image_and_its_renditions_are_private_objects_reached_through_the_gate(
    seaweed, bucket, db
):
    image = make_image(slug="cupola", mission=make_mission())
    names = [image.image.name, *(image.renditions[field] for field in RENDITION_FIELDS)]
    assert seaweed.keys(bucket) == sorted(names)

    page = Client().get(image.get_absolute_url()).content.decode()
    # The page links to the site's gate, not to the storage.
    shown = [name for name in names if f'srcset="/media/{name} ' in page]
    assert shown and seaweed.endpoint not in page
    rendition = shown[0]
    response = Client().get(f"/media/{rendition}")
    assert response.status_code == 302
    assert "public" in response["Cache-Control"]
    status, data = fetch(response["Location"])
    assert status == 200
    with default_storage.open(rendition) as stored:
        assert data == stored.read()
    assert fetch(f"{seaweed.endpoint}/{bucket}/{rendition}")[0] == 403  # unsigned: refused


def test_a_drafts_files_go_to_editors_only(seaweed, bucket, db, editor):
    draft = make_image(slug="secret", is_published=False)
    visitor = Client()
    assert visitor.get(f"/media/{draft.image.name}").status_code == 404
    editor_client = Client()
    editor_client.force_login(editor)
    preview = editor_client.get(f"/media/{draft.image.name}")
    assert preview.status_code == 302
    assert "private" in preview["Cache-Control"]
    assert fetch(preview["Location"])[0] == 200


def test_a_video_is_processed_from_and_into_the_object_storage(seaweed, bucket, db, jobs):
    video = new_video(jobs)
    assert video.state == "ready", video.failure
    folder = video.folder
    assert seaweed.keys(bucket) == [
        f"{folder}/240p.mp4",
        f"{folder}/original.mp4",
        f"{folder}/poster.jpg",
        f"{folder}/poster.webp",
    ]
    response = Client().get(f"/media/{folder}/240p.mp4")
    assert response.status_code == 302
    assert fetch(response["Location"])[0] == 200
    assert Client().get(f"/media/{folder}/original.mp4").status_code == 404


def test_deleting_an_image_removes_its_objects(
    seaweed, bucket, db, django_capture_on_commit_callbacks
):
    image = make_image(slug="gone")
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert seaweed.keys(bucket) == []


def test_restore_into_object_storage_is_refused_with_the_way_round(bucket, db, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="restore with local media"):
        call_command("restore", str(tmp_path / "archive.tar"))


def test_signed_urls_name_the_storage_as_browsers_reach_it(seaweed, bucket, db, settings):
    """Servers write to the storage at one address; browsers get signed URLs for another."""
    settings.S3_PUBLIC_URL = seaweed.endpoint.replace("127.0.0.1", "localhost")
    image = make_image(slug="outside")
    response = Client().get(f"/media/{image.image.name}")
    assert response["Location"].startswith(settings.S3_PUBLIC_URL + "/")
    assert fetch(response["Location"])[0] == 200  # signed for that host
