"""Videos: uploaded by an editor, processed in the background, public once ready and published."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from missions import video as video_module
from missions.models import TimelapseSpeed, Video
from missions.tasks import recover_stalled
from tests.factories import make_astronaut, make_mission, make_spacecraft, new_video
from tests.videos import make_video, uploaded

SUBTITLES_EN = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nThe capsule backs away.\n"
SUBTITLES_FR = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nLe vaisseau se désamarre.\n"


def files_under(root, folder="videos"):
    base = root / folder
    return sorted(p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def served_media(settings):
    settings.SERVE_MEDIA = True  # Django serves the media files, as on one machine


@pytest.fixture
def ready_video(db, jobs):
    return new_video(
        jobs,
        subtitles_en=SUBTITLES_EN,
        subtitles_fr=SUBTITLES_FR,
        mission=make_mission(name="Alpha", slug="alpha"),
    )


# --- the editor's upload --------------------------------------------------------------------


def admin_form(file=None, **fields):
    data = {
        "title_en": "Undocking",
        "title_fr": "Désamarrage",
        "credit_en": "ESA",
        "licence": "esa-standard",
        "footage_type": "timelapse",
        "audio": "none",
        "speeds-TOTAL_FORMS": "0",
        "speeds-INITIAL_FORMS": "0",
        "speeds-MIN_NUM_FORMS": "0",
        "speeds-MAX_NUM_FORMS": "1000",
    }
    if file is not None:
        data["file"] = file
    data.update(fields)
    return data


def test_an_uploaded_video_is_stored_and_queued_not_processed_in_the_request(
    editor_client, media_root, jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:missions_video_add"),
            admin_form(uploaded(make_video(seconds=2.0, size=(320, 240)))),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    video = Video.objects.get()
    assert (video.state, video.width, video.height) == ("waiting", 320, 240)
    assert video.duration == pytest.approx(2.0, abs=0.15)
    assert len(jobs.queued()) == 1
    assert [name.rpartition("/")[2] for name in files_under(media_root)] == ["original.mp4"]
    listing = editor_client.get(reverse("admin:missions_video_changelist")).content.decode()
    assert "waiting" in listing

    jobs.run()
    video.refresh_from_db()
    assert video.state == "ready" and video.progress == 100
    names = sorted(name.rpartition("/")[2] for name in files_under(media_root))
    # A 240-line film gets one rendition at its own height: never upscaled.
    assert names == ["240p.mp4", "original.mp4", "poster.jpg", "poster.webp"]
    page = editor_client.get(reverse("admin:missions_video_change", args=[video.pk]))
    assert "240p" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text, not a film\n" * 40, "not a video"),
        (make_video(seconds=1.0, audio=True)[:4000], "incomplete"),
    ],
    ids=["text", "truncated"],
)
def test_a_refused_upload_says_why_and_leaves_no_file(
    editor_client, media_root, jobs, data, message
):
    response = editor_client.post(reverse("admin:missions_video_add"), admin_form(uploaded(data)))
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not Video.objects.exists()
    assert not (media_root / "videos").exists() or files_under(media_root) == []
    assert jobs.queued() == []


def test_broken_subtitles_are_refused_with_their_line_number(editor_client, db):
    broken = "WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nBackwards.\n"
    response = editor_client.post(
        reverse("admin:missions_video_add"),
        admin_form(uploaded(make_video()), subtitles_fr=broken),
    )
    assert response.status_code == 200
    assert "Line 3" in response.content.decode()
    assert not Video.objects.exists()


def test_an_uploaded_subtitles_file_replaces_the_typed_text(
    editor_client, db, django_capture_on_commit_callbacks
):
    vtt = uploaded(SUBTITLES_FR.encode("utf-8-sig"), "fr.vtt", "text/vtt")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:missions_video_add"),
            admin_form(uploaded(make_video()), subtitles_fr="WEBVTT\n", subtitles_fr_file=vtt),
        )
    assert response.status_code == 302
    assert Video.objects.get().subtitles_fr == SUBTITLES_FR


def test_commentary_needs_its_language_and_timelapse_facts_need_a_timelapse(db):
    video = Video(
        file=uploaded(make_video()),
        title_en="Briefing",
        audio=Video.Audio.COMMENTARY,
        footage_type=Video.FootageType.BRIEFING,
        capture_interval="0.5",
    )
    with pytest.raises(Exception) as refused:
        video.full_clean()
    errors = refused.value.message_dict
    assert "commentary_language" in errors and "capture_interval" in errors


# --- the background job ---------------------------------------------------------------------


def test_a_failed_job_shows_the_reason_leaves_nothing_behind_and_can_be_retried(
    editor_client, media_root, jobs, monkeypatch, django_capture_on_commit_callbacks
):
    real = video_module.transcode

    def fails(source, targets, progress=None):
        real(source, targets, progress)  # the files are written, then something breaks
        raise video_module.VideoError("the encoder stopped")

    monkeypatch.setattr(video_module, "transcode", fails)
    video = new_video(jobs)
    assert video.state == "failed"
    assert "the encoder stopped" in video.failure
    assert [name.rpartition("/")[2] for name in files_under(media_root)] == ["original.mp4"]
    page = editor_client.get(reverse("admin:missions_video_change", args=[video.pk]))
    assert "the encoder stopped" in page.content.decode()

    monkeypatch.setattr(video_module, "transcode", real)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:missions_video_changelist"),
            {"action": "process_again", "_selected_action": [video.pk]},
        )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.state == "waiting" and video.failure == ""
    jobs.run()
    video.refresh_from_db()
    assert video.state == "ready"


def test_a_job_whose_worker_died_is_run_again_and_its_half_written_files_removed(
    db, media_root, jobs, settings, django_capture_on_commit_callbacks
):
    video = new_video(jobs, run=False)
    jobs.done.update(result.id for result in jobs.queued())  # the worker took it, then died
    half_written = f"{video.folder}/240p.mp4"
    (media_root / half_written).write_bytes(b"\x00" * 100)
    Video.objects.filter(pk=video.pk).update(
        state="processing",
        attempts=1,
        pending_files=[half_written],
        heartbeat_at=timezone.now() - timedelta(seconds=settings.TASK_STALLED_SECONDS + 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stalled() == 1
    jobs.run()
    video.refresh_from_db()
    assert (video.state, video.attempts, video.pending_files) == ("ready", 2, [])
    assert (media_root / half_written).stat().st_size > 100  # written anew, whole


def test_a_job_that_keeps_killing_its_worker_is_failed_after_three_attempts(
    db, jobs, settings, django_capture_on_commit_callbacks
):
    video = new_video(jobs, run=False)
    Video.objects.filter(pk=video.pk).update(
        state="processing",
        attempts=3,
        heartbeat_at=timezone.now() - timedelta(seconds=settings.TASK_STALLED_SECONDS + 1),
    )
    assert recover_stalled() == 0
    video.refresh_from_db()
    assert video.state == "failed" and "3 times" in video.failure


def test_a_running_job_is_not_taken_by_another_worker(db, jobs, django_capture_on_commit_callbacks):
    video = new_video(jobs, run=False)
    Video.objects.filter(pk=video.pk).update(state="processing", heartbeat_at=timezone.now())
    assert recover_stalled() == 0
    jobs.run()  # the queued job finds the video taken and leaves it alone
    video.refresh_from_db()
    assert video.state == "processing" and video.renditions == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_runs_the_database_queue(settings, media_root):
    """The real queue: a table of the database, read by ``manage.py worker``."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    video = new_video(None)
    assert Video.objects.get(pk=video.pk).state == "waiting"
    call_command("worker", batch=True, verbosity=0)
    assert Video.objects.get(pk=video.pk).state == "ready"


# --- what visitors see ----------------------------------------------------------------------


def test_visitors_see_a_video_only_once_it_is_published_and_ready(
    editor_client, db, jobs, django_capture_on_commit_callbacks
):
    draft = new_video(jobs, title_en="Draft", is_published=False)
    hidden_mission = make_mission(is_published=False)
    of_a_draft_mission = new_video(jobs, title_en="Secret", mission=hidden_mission)
    waiting = new_video(jobs, run=False, title_en="Waiting")  # last: its job is never run
    client = Client()  # a visitor
    for video in (waiting, draft, of_a_draft_mission):
        assert client.get(video.get_absolute_url()).status_code == 404
        for name in (video.file.name, *(mp4["name"] for mp4 in video.renditions.get("mp4", []))):
            assert client.get(f"/media/{name}").status_code == 404
    preview = editor_client.get(waiting.get_absolute_url()).content.decode()
    assert "Not processed yet" in preview
    gallery = client.get(reverse("missions:gallery") + "?type=videos").content.decode()
    assert "0 videos" in gallery


def test_the_original_file_is_never_public(client, ready_video):
    assert client.get(f"/media/{ready_video.file.name}").status_code == 404
    mp4 = ready_video.renditions["mp4"][0]["name"]
    assert client.get(f"/media/{mp4}").status_code == 200


def test_a_player_can_ask_for_a_range_of_the_film(client, ready_video, media_root):
    name = ready_video.renditions["mp4"][0]["name"]
    whole = (media_root / name).read_bytes()
    response = client.get(f"/media/{name}", HTTP_RANGE="bytes=100-299")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-299/{len(whole)}"
    assert b"".join(response.streaming_content) == whole[100:300]
    past = client.get(f"/media/{name}", HTTP_RANGE=f"bytes={len(whole) + 10}-")
    assert past.status_code == 416


def test_the_player_offers_poster_renditions_and_the_visitors_subtitles_first(client, ready_video):
    page = client.get(f"/fr/videos/{ready_video.slug}/").content.decode()
    assert f'poster="{ready_video.poster_url("jpeg")}"' in page
    assert f'<source src="{ready_video.mp4s[0]["url"]}" type="video/mp4">' in page
    tracks = [line for line in page.splitlines() if "<track" in line]
    assert 'srclang="fr"' in tracks[0] and "default" in tracks[0]
    assert 'srclang="en"' in tracks[1] and "default" not in tracks[1]
    assert f'download="{ready_video.slug}-240p.mp4"' in page
    assert '<span lang="en">English</span>' in page  # the other language's name, marked
    english = client.get(f"/en/videos/{ready_video.slug}/").content.decode()
    assert 'srclang="en" label="English" default' in english
    with translation.override("fr"):
        french = reverse("missions:video-subtitles", args=[ready_video.slug, "fr"])
    assert f'src="{french}"' in tracks[0]
    subtitles = client.get(french)
    assert subtitles["Content-Type"].startswith("text/vtt")
    assert "Le vaisseau se désamarre." in subtitles.content.decode()


def test_a_timelapse_page_gives_its_capture_facts_and_speeds(
    client, db, jobs, django_capture_on_commit_callbacks
):
    video = new_video(
        jobs,
        footage_type=Video.FootageType.TIMELAPSE,
        capture_interval="0.5",
        playback_rate="25",
    )
    TimelapseSpeed.objects.create(video=video, starts_at=0, speed_up=12, note_en="to undocking")
    TimelapseSpeed.objects.create(video=video, starts_at="2.5", speed_up=6)
    page = client.get(f"/en/videos/{video.slug}/").content.decode()
    assert "one every 0.5 s" in page
    assert "25 pictures a second" in page
    assert "12.5 times real time" in page
    assert "From 2.5 s: 6 times real speed" in page
    french = client.get(f"/fr/videos/{video.slug}/").content.decode()
    assert '<span lang="en">to undocking</span>' in french  # the note had no French


def test_the_gallery_has_a_media_type_facet(client, ready_video, db):
    from tests.factories import make_image

    make_image(title_en="A photo")
    every = client.get(reverse("missions:gallery")).content.decode()
    assert "Images and videos (2)" in every
    assert "Images (1)" in every and "Videos (1)" in every
    assert 'class="play-badge"' in every and "0:01" in every  # the strip on the first page
    videos = client.get(reverse("missions:gallery") + "?type=videos").content.decode()
    assert "1 video" in videos and "A photo" not in videos and "Undocking" in videos
    images = client.get(reverse("missions:gallery") + "?type=images").content.decode()
    assert "play-badge" not in images and "A photo" in images
    wrong = client.get(reverse("missions:gallery") + "?type=films")
    assert wrong.status_code == 200
    assert "Choose images or videos." in wrong.content.decode()


def test_videos_are_found_by_the_words_of_their_subtitles(client, ready_video):
    found = client.get("/fr/galerie/?type=videos&q=désamarre").content.decode()
    assert "1 vid" in found and ready_video.get_absolute_url().replace("/en/", "/fr/") in found
    none = client.get("/fr/galerie/?type=videos&q=banquise").content.decode()
    assert ready_video.slug not in none
    site = client.get("/en/search/?q=capsule").content.decode()
    assert f"/en/videos/{ready_video.slug}/" in site


def test_mission_astronaut_and_spacecraft_pages_list_their_videos(
    client, db, jobs, django_capture_on_commit_callbacks
):
    mission, astronaut, craft = make_mission(), make_astronaut(), make_spacecraft()
    video = new_video(jobs, mission=mission)
    video.astronauts.add(astronaut)
    video.spacecraft.add(craft)
    for record in (mission, astronaut, craft):
        page = client.get(record.get_absolute_url()).content.decode()
        assert video.get_absolute_url() in page, record


def test_public_videos_are_in_the_sitemap_and_the_feed(
    client, ready_video, db, jobs, django_capture_on_commit_callbacks
):
    draft = new_video(jobs, title_en="Draft", is_published=False)
    sitemap = client.get("/sitemap-videos.xml").content.decode()
    assert f"/en/videos/{ready_video.slug}/" in sitemap
    assert "<video:title>Undocking</video:title>" in sitemap
    assert "<video:title>Désamarrage</video:title>" in sitemap
    assert f"{ready_video.mp4s[0]['url']}</video:content_loc>" in sitemap
    assert draft.slug not in sitemap
    feed = client.get("/en/feed/").content.decode()
    assert f"/en/videos/{ready_video.slug}/" in feed
    assert 'rel="enclosure"' in feed and "video/mp4" in feed
    assert draft.slug not in feed


@pytest.mark.parametrize("count", [1, 6])
def test_pages_with_videos_make_the_same_queries_however_many_videos(
    client, db, jobs, count, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Cards come from the memo of public videos; a video page prefetches what it shows."""
    mission, astronaut = make_mission(slug="m"), make_astronaut()
    data = make_video(seconds=0.5, size=(160, 120))
    videos = [new_video(jobs, data=data, mission=mission) for _ in range(count)]
    for video in videos:
        video.astronauts.add(astronaut)
    client.get(reverse("missions:gallery"))  # the memo, read once per content version
    with django_assert_max_num_queries(12):
        client.get(reverse("missions:gallery") + "?type=videos")
    with django_assert_max_num_queries(12):
        client.get(mission.get_absolute_url())
    with django_assert_max_num_queries(8):
        client.get(videos[-1].get_absolute_url())


def test_deleting_a_video_removes_all_its_files(db, media_root, jobs, ready_video):
    assert len(files_under(media_root)) == 4
    with jobs.capture(execute=True):
        ready_video.delete()
    assert files_under(media_root) == []


def test_a_new_file_replaces_the_old_renditions_and_is_processed_again(
    db, media_root, jobs, ready_video
):
    old = set(files_under(media_root))
    ready_video.file = uploaded(make_video(seconds=1.0, size=(160, 120)))
    ready_video.full_clean()
    with jobs.capture(execute=True):
        ready_video.save()
    ready_video.refresh_from_db()
    assert ready_video.state == "waiting" and ready_video.renditions == {}
    assert old.isdisjoint(files_under(media_root))  # nothing of the old film is left
    jobs.run()
    ready_video.refresh_from_db()
    assert ready_video.state == "ready" and ready_video.mp4s[0]["height"] == 120


def test_timelapse_speeds_on_a_film_that_is_no_timelapse_are_refused(editor_client, db):
    speeds = {
        "speeds-TOTAL_FORMS": "1",
        "speeds-0-starts_at": "0",
        "speeds-0-speed_up": "12",
    }
    response = editor_client.post(
        reverse("admin:missions_video_add"),
        admin_form(uploaded(make_video()), footage_type="interview", **speeds),
    )
    assert response.status_code == 200
    assert "Only a timelapse changes speed" in response.content.decode()
    assert not Video.objects.exists()


def test_publishing_in_bulk_leaves_a_video_without_a_title_a_draft(editor_client, jobs):
    titled = new_video(jobs, is_published=False)
    untitled = new_video(jobs, is_published=False, title_en="", title_fr="")
    response = editor_client.post(
        reverse("admin:missions_video_changelist"),
        {"action": "publish", "_selected_action": [titled.pk, untitled.pk]},
        follow=True,
    )
    assert "1 video has no title yet and stays a draft." in response.content.decode()
    assert list(Video.objects.filter(is_published=True)) == [titled]
