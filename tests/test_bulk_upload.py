"""Bulk upload: many files into one mission, each judged alone, every result reported."""

import pytest
from django.urls import reverse

from missions.models import ImageCaption
from tests.factories import image_bytes, make_astronaut, make_mission, upload


def media_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def mission(db):
    return make_mission(name="Alpha", slug="alpha")


def bulk_url(mission):
    return reverse("admin:missions_mission_bulk_upload", args=[mission.pk])


def test_mission_page_links_to_bulk_upload(editor_client, mission):
    page = editor_client.get(reverse("admin:missions_mission_change", args=[mission.pk]))
    assert bulk_url(mission) in page.content.decode()


def post_upload(client, mission, capture, **data):
    """The editor's request: it only stores the files and queues them (on commit)."""
    data.setdefault("credit", "ESA")
    data.setdefault("licence", "esa-standard")
    with capture(execute=True):
        return client.post(bulk_url(mission), data)


def test_bulk_upload_with_one_bad_file_among_good_ones(
    editor_client, mission, media_root, jobs, django_capture_on_commit_callbacks
):
    thomas = make_astronaut(name="Thomas Pesquet")
    files = [
        upload("cupola-1.jpg", image_bytes(80, 60)),
        upload("not-a-photo.jpg", b"<html><body>hello</body></html>", "image/jpeg"),
        upload("cupola-2.png", image_bytes(80, 60, "PNG"), "image/png"),
    ]
    response = post_upload(
        editor_client,
        mission,
        django_capture_on_commit_callbacks,
        images=files,
        photographer=thomas.pk,
        credit="ESA/NASA",
    )
    assert response.status_code == 302
    # The request judged nothing: the files wait for the worker, and the page says so.
    waiting = editor_client.get(response["Location"]).content.decode()
    assert "0 of 3 files handled" in waiting
    assert waiting.count("Waiting for the worker") == 3
    assert 'http-equiv="refresh"' in waiting
    assert not ImageCaption.objects.exists()

    assert jobs.run() == 1
    page = editor_client.get(response["Location"]).content.decode()
    assert "All 3 files handled" in page
    assert "2 images added as drafts" in page
    assert "1 file refused" in page
    assert "not-a-photo.jpg" in page
    assert "This file is not a JPEG, PNG or WebP image." in page
    assert 'http-equiv="refresh"' not in page

    images = ImageCaption.objects.order_by("slug")
    assert [i.slug for i in images] == ["cupola-1", "cupola-2"]
    assert all(i.mission == mission and not i.is_published for i in images)
    assert all(i.photographer == thomas and i.credit == "ESA/NASA" for i in images)
    originals = [f for f in media_files(media_root) if f.startswith("images/")]
    assert len(originals) == 2
    # The uploaded files are gone once handled, refused ones too.
    assert [f for f in media_files(media_root) if f.startswith("incoming/")] == []


def test_a_bulk_upload_taken_up_again_after_its_worker_died_saves_each_file_once(
    editor_client, mission, media_root, jobs, django_capture_on_commit_callbacks, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from missions import bulk_upload
    from missions.models import UploadBatch
    from missions.tasks import recover_stalled

    # Three different files (the same bytes twice would be a duplicate).
    files = [
        upload(f"photo-{n}.jpg", image_bytes(80, 60, color=(40 * n, 60, 140))) for n in range(3)
    ]
    post_upload(editor_client, mission, django_capture_on_commit_callbacks, images=files)
    batch = UploadBatch.objects.get()
    # A worker saves the first file, then dies: its batch stays "processing", unheard of.
    real = bulk_upload._ingest_one
    calls = []

    def dies_at_the_second(batch, entry):
        if calls:
            raise SystemExit("killed")
        calls.append(entry)
        return real(batch, entry)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk_upload, "_ingest_one", dies_at_the_second)
        with pytest.raises(SystemExit):
            jobs.run()
    assert ImageCaption.objects.count() == 1
    UploadBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=settings.TASK_STALLED_SECONDS + 1)
    )
    assert recover_stalled() == 1
    jobs.run()
    batch.refresh_from_db()
    assert batch.state == "done" and batch.added == 3 and batch.attempts == 2
    assert sorted(ImageCaption.objects.values_list("slug", flat=True)) == [
        "photo-0",
        "photo-1",
        "photo-2",
    ]
    assert [f for f in media_files(media_root) if f.startswith("incoming/")] == []


def test_bulk_upload_without_files_shows_the_form_error(editor_client, mission):
    response = editor_client.post(bulk_url(mission), {"credit": "ESA", "licence": "esa-standard"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ImageCaption.objects.exists()


def test_bulk_upload_needs_the_right_to_add_images(client, django_user_model, mission):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_mission"))
    client.force_login(user)
    assert client.get(bulk_url(mission)).status_code == 403


def test_bulk_upload_for_a_missing_mission_is_404(editor_client, db):
    assert editor_client.get("/admin/missions/mission/999/bulk-upload/").status_code == 404


def test_bulk_upload_needs_the_right_to_change_the_mission(client, django_user_model, mission):
    """Adding images to a mission changes it: the right to add images alone is not enough."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("adder", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_imagecaption"))
    client.force_login(user)
    files = {"images": [upload("cupola.jpg")], "credit": "ESA", "licence": "esa-standard"}
    assert client.get(bulk_url(mission)).status_code == 403
    assert client.post(bulk_url(mission), files).status_code == 403
    assert not ImageCaption.objects.exists()


def test_bulk_upload_writes_each_new_image_into_the_history(
    editor_client, editor, mission, jobs, django_capture_on_commit_callbacks
):
    from django.contrib.admin.models import ADDITION, LogEntry

    files = [upload("one.jpg"), upload("two.jpg", image_bytes(color=(200, 60, 20)))]
    post_upload(editor_client, mission, django_capture_on_commit_callbacks, images=files)
    jobs.run()
    entries = LogEntry.objects.filter(action_flag=ADDITION, user=editor)
    assert sorted(int(e.object_id) for e in entries) == sorted(
        ImageCaption.objects.values_list("pk", flat=True)
    )
    assert len(entries) == 2
