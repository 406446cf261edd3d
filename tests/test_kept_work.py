"""The editors' day: a form that comes back with an error keeps the chosen file (as a pending
upload, removed once used or abandoned) and shows each error once, at its field."""

import re
from datetime import timedelta
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from missions import pending_uploads
from missions.models import ImageCaption, PendingUpload, Video
from tests.factories import make_image, upload
from tests.test_duplicates import ADD_URL, change_url, form_data, photo, stored_files
from tests.test_videos import admin_form
from tests.videos import make_video, uploaded


def kept_token(response, field="image"):
    found = re.search(rf'name="{field}__kept" value="([^"]+)"', response.content.decode())
    assert found, "the form does not say it kept the file"
    return found.group(1)


def error_texts(html):
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)


def test_a_form_error_keeps_the_file_and_the_next_try_uses_it(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    data = form_data(upload("Cupola sunrise.jpg", photo()), caption_en="", is_published="on")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kept from your last try: Cupola sunrise.jpg" in page
    assert "Original missing" not in page  # nothing is missing: the file is not stored yet
    assert not ImageCaption.objects.exists()
    pending = PendingUpload.objects.get()
    assert pending.name == "Cupola sunrise.jpg" and pending.size == len(photo())
    assert [p.split("/")[0] for p in stored_files(media_root)] == ["pending"]
    # The file input is no longer required: the browser lets the form go without a new file.
    assert not re.search(r'<input type="file" name="image"[^>]*required', page)

    # Sent again without a file, with the caption written: saved with the kept file.
    again = form_data("", caption_en="The sun rises over the Cupola.", is_published="on")
    again["image__kept"] = kept_token(response)
    del again["image"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(ADD_URL, again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = ImageCaption.objects.get()
    assert image.is_published and image.width == 320
    with image.image.open("rb") as stored:
        assert stored.read() == photo()
    # The pending upload is gone, file and record: only the image and its renditions remain.
    assert not PendingUpload.objects.exists()
    assert not [p for p in stored_files(media_root) if p.startswith("pending/")]


def test_a_new_file_chosen_replaces_the_kept_one(editor_client, db):
    response = editor_client.post(
        ADD_URL, form_data(upload("first.jpg", photo(1)), caption_en="", is_published="on")
    )
    data = form_data(upload("second.jpg", photo(2)))
    data["image__kept"] = kept_token(response)
    assert editor_client.post(ADD_URL, data).status_code == 302
    with ImageCaption.objects.get().image.open("rb") as stored:
        assert stored.read() == photo(2)


def test_a_refused_file_is_not_kept(editor_client, media_root, db):
    response = editor_client.post(
        ADD_URL, form_data(upload("notes.jpg", b"not a picture at all" * 10))
    )
    assert response.status_code == 200
    assert "Kept from your last try" not in response.content.decode()
    assert not PendingUpload.objects.exists() and stored_files(media_root) == []


def test_a_kept_file_serves_only_the_editor_who_sent_it(
    editor_client, client, django_user_model, db
):
    response = editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo()), caption_en="", is_published="on")
    )
    token = kept_token(response)
    other = django_user_model.objects.create_superuser("other", "o@example.org", "pw")
    client.force_login(other)
    data = form_data("")
    del data["image"]
    data["image__kept"] = token
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors  # "This field is required."
    data["image__kept"] = token[:-2] + "xx"  # a forged token names nothing either
    assert "image" in editor_client.post(ADD_URL, data).context["adminform"].form.errors
    assert not ImageCaption.objects.exists()


def test_a_pending_file_is_never_served(editor_client, client, db):
    editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo()), caption_en="", is_published="on")
    )
    name = PendingUpload.objects.get().file.name
    assert client.get(f"/media/{name}").status_code == 404
    assert editor_client.get(f"/media/{name}").status_code == 404


def test_abandoned_pending_uploads_are_removed_by_the_worker(
    editor_client, media_root, settings, jobs, db
):
    from missions.tasks import queue_scheduled

    editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo(1)), caption_en="", is_published="on")
    )
    editor_client.post(
        ADD_URL, form_data(upload("b.jpg", photo(2)), caption_en="", is_published="on")
    )
    old, recent = PendingUpload.objects.order_by("pk")
    PendingUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=settings.PENDING_UPLOAD_HOURS + 1)
    )
    at_the_hour = timezone.now().replace(minute=0, second=5)
    assert queue_scheduled(at_the_hour)
    jobs.run()
    assert list(PendingUpload.objects.all()) == [recent]
    assert stored_files(media_root) == [recent.file.name]
    # A form still holding the removed one's token gets nothing (the file is chosen again).
    assert pending_uploads.find(pending_uploads.token_of(old), old.uploaded_by) is None
    assert pending_uploads.find(pending_uploads.token_of(recent), recent.uploaded_by) == recent


def test_errors_are_shown_once_each_at_their_field(editor_client, db):
    data = form_data(upload("a.jpg", photo()), title_en="", caption_en="", is_published="on")
    response = editor_client.post(ADD_URL, data)
    form = response.context["adminform"].form
    assert form.non_field_errors() == []
    assert form.errors["title_en"] == [
        "Write the title in English or in French (or both) before publishing."
    ]
    assert form.errors["caption_en"] == [
        "Write the caption in English or in French (or both) before publishing."
    ]
    lists = error_texts(response.content.decode())
    assert len(lists) == 2  # one at each field, none at the top
    assert "Please correct the errors below." in response.content.decode()


def test_a_failed_change_keeps_the_new_file_and_the_old_preview(editor_client, db):
    image = make_image(is_published=False, caption_en="", caption_fr="")
    data = form_data(upload("better.jpg", photo(3)), slug=image.slug, is_published="on")
    data["caption_en"] = ""
    response = editor_client.post(change_url(image), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kept from your last try: better.jpg" in page
    assert "Original missing" not in page and "present" in page  # the stored file is there
    # No broken preview: the new file has no renditions yet, so none is shown for it.
    for src in re.findall(r'<img src="(/media/[^"]+)"', page):
        assert editor_client.get(src).status_code == 200, src
    data = form_data("", slug=image.slug, caption_en="Better.")
    data["image__kept"] = kept_token(response)
    del data["image"]
    assert editor_client.post(change_url(image), data).status_code == 302
    image.refresh_from_db()
    with image.image.open("rb") as stored:
        assert stored.read() == photo(3)


def test_the_video_form_keeps_its_file_too(
    editor_client, media_root, django_capture_on_commit_callbacks, jobs
):
    film = make_video(seconds=1.0, size=(320, 240))
    response = editor_client.post(
        reverse("admin:missions_video_add"),
        admin_form(uploaded(film), audio="commentary", is_published="on"),
    )
    assert response.status_code == 200
    assert "Say in which language the commentary is." in response.content.decode()
    data = admin_form(audio="commentary", commentary_language="fr")
    data["file__kept"] = kept_token(response, "file")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:missions_video_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    video = Video.objects.get()
    assert video.width == 320 and Path(video.file.name).name == "original.mp4"
    assert not PendingUpload.objects.exists()
    assert not [p for p in stored_files(media_root) if p.startswith("pending/")]


def test_the_kept_picture_is_shown_to_its_editor_only(editor_client, client, django_user_model, db):
    response = editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo()), caption_en="", is_published="on")
    )
    look = re.search(r'<img class="kept-upload-look" src="([^"]+)"', response.content.decode())
    assert look, "the form shows no look at the kept picture"
    shown = editor_client.get(look.group(1))
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert b"".join(shown.streaming_content) == photo()
    assert "no-store" in shown["Cache-Control"] and "private" in shown["Cache-Control"]

    other = django_user_model.objects.create_superuser("other", "o@example.org", "pw")
    client.force_login(other)  # the same test client, now another editor
    assert client.get(look.group(1)).status_code == 404
    client.logout()
    assert client.get(look.group(1)).status_code == 302  # to the login page


def test_a_file_that_cannot_be_kept_leaves_the_form_as_it_was(editor_client, monkeypatch, db):
    """Storage full when keeping the file: the form comes back with its error, as before."""

    def full(upload, user):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pending_uploads, "keep", full)
    response = editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo()), caption_en="", is_published="on")
    )
    assert response.status_code == 200
    assert "caption_en" in response.context["adminform"].form.errors
    assert "Kept from your last try" not in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_a_kept_file_gone_from_storage_asks_for_the_file_again(editor_client, db):
    response = editor_client.post(
        ADD_URL, form_data(upload("a.jpg", photo()), caption_en="", is_published="on")
    )
    pending = PendingUpload.objects.get()
    pending.file.storage.delete(pending.file.name)
    data = form_data("", caption_en="Now with a caption.")
    del data["image"]
    data["image__kept"] = kept_token(response)
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == ["This field is required."]
