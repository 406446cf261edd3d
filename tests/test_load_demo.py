"""The demo archive: ``load_demo`` adds the seed pages' content once and never overwrites an edit.

Drawing the demo pictures and their renditions takes seconds, so the demo is loaded once for this
module (``demo_media``); each test then runs in its own transaction, rolled back after it, and
may run the command again on top (which only looks, since everything is already there).
"""

import os
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings
from PIL import Image

from missions.demo import content, pictures, videos
from missions.images import EXIF_DATETIME_ORIGINAL, EXIF_IFD
from missions.management.commands.load_demo import EDITOR_PASSWORD, EDITOR_USERNAME
from missions.models import (
    RENDITION_FIELDS,
    Astronaut,
    CrewMember,
    ImageCaption,
    Licence,
    Mission,
    Spacecraft,
    TimelapseSpeed,
    Video,
)

DEMO_MODELS = (Spacecraft, Astronaut, Mission, CrewMember, ImageCaption, Video, TimelapseSpeed)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as in conftest: fast logins


def log_in(client, username, password):
    """Log in through the admin's form, as a person does; whether it worked."""
    client.post("/admin/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


@pytest.fixture(scope="module")
def demo_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for the module into a temporary media folder; remove it afterwards."""
    media = tmp_path_factory.mktemp("demo-media")
    try:
        # The videos' jobs run as soon as they are queued: the worker's part, done at once.
        with (
            override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=MD5, TASKS=IMMEDIATE),
            django_db_blocker.unblock(),
        ):
            call_command("load_demo", "--editor", verbosity=0)
        yield media
    finally:  # even after a failed load: committed rows would leak into the next modules
        # Files go with their images: MEDIA_ROOT must point at the temporary folder, not media/.
        with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
            for model in (Video, ImageCaption, Mission, Astronaut, Spacecraft):
                model.objects.filter(is_demo=True).delete()
            get_user_model().objects.filter(username=EDITOR_USERNAME).delete()


@pytest.fixture
def demo(demo_media, db, settings):
    settings.MEDIA_ROOT = demo_media
    return demo_media


def counts():
    return {model.__name__: model.objects.count() for model in (*DEMO_MODELS, get_user_model())}


def files_under(folder):
    return {
        (Path(root) / name).relative_to(folder): (Path(root) / name).stat().st_size
        for root, _dirs, names in os.walk(folder)
        for name in names
    }


def exif_date(path):
    with Image.open(path) as picture:
        raw = picture.getexif().get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL]
    return datetime.strptime(raw, "%Y:%m:%d %H:%M:%S").date()


# --- what the demo contains -------------------------------------------------------------------


def test_andromede_has_claudie_haignere_as_flight_engineer_launched_from_baikonur_on_soyuz(demo):
    andromede = Mission.objects.get(slug="andromede")
    assert andromede.name == "Andromède"
    assert andromede.launch_date == date(2001, 10, 21)
    assert andromede.landing_date == date(2001, 10, 31)
    assert "Baikonur" in andromede.launch_site_en
    assert "Baïkonour" in andromede.launch_site_fr
    roles = {member.astronaut.name: member.role for member in andromede.crew_members.all()}
    assert roles == {
        "Viktor Afanasyev": CrewMember.Role.COMMANDER,
        "Claudie Haigneré": CrewMember.Role.FLIGHT_ENGINEER,
        "Konstantin Kozeyev": CrewMember.Role.FLIGHT_ENGINEER,
    }
    soyuz = andromede.spacecraft.get(kind=Spacecraft.Kind.LAUNCHER)
    assert (soyuz.name, soyuz.stages, soyuz.height_m) == ("Soyuz", 3, 45)
    assert "19 January 2005" in soyuz.description_en
    assert "Rosaviakosmos" in andromede.summary_en
    assert "Star City" in andromede.summary_en


def test_proxima_and_alpha_are_the_featured_missions_with_their_crews(demo):
    assert set(Mission.objects.filter(is_featured=True).values_list("slug", flat=True)) == {
        "proxima",
        "alpha",
    }
    alpha = Mission.objects.get(slug="alpha")
    assert "Kennedy" in alpha.launch_site_en
    assert alpha.crew_members.get(astronaut__slug="thomas-pesquet").role == (
        CrewMember.Role.MISSION_SPECIALIST
    )
    assert alpha.crew_members.get(role=CrewMember.Role.PILOT).astronaut.name == "Megan McArthur"
    assert Mission.objects.get(slug="proxima").crew.count() == 3


def test_alpha_has_the_cargo_dragon_crs_23_undocking_image_of_30_september_2021(demo):
    undocking = ImageCaption.objects.get(slug="cargo-dragon-crs-23-undocking")
    assert undocking.mission.slug == "alpha"
    assert undocking.photographer.name == "Thomas Pesquet"
    assert undocking.date_taken == date(2021, 9, 30)
    assert set(undocking.spacecraft.values_list("slug", flat=True)) == {
        "cargo-dragon",
        "crew-dragon",
    }
    assert "seen from the windows of its cousin Crew Dragon" in undocking.caption_en
    assert "depuis les hublots de son cousin Crew Dragon" in undocking.caption_fr


def test_the_proxima_sunrise_image_has_the_seed_captions_character_for_character(demo):
    sunrise = ImageCaption.objects.get(slug="proxima-sunrise-from-the-cupola")
    assert sunrise.caption_fr == (
        "« Voler face au soleil c’est vraiment cool. Quand les rayons atteignent les vitres de "
        "la Cupola, on sent tout de suite la chaleur. »"
    )
    assert sunrise.caption_en == (
        '"Flying into the sunrise is really cool. When the sun hits the Cupola windows, you can '
        'immediately feel its heat warming up the station."'
    )
    assert (sunrise.date_taken, sunrise.credit) == (date(2016, 12, 3), "ESA/NASA")
    assert sunrise.licence == Licence.CC_BY_SA_3_IGO
    assert sunrise.photographer.slug == "thomas-pesquet"


def test_soyuz_at_europes_spaceport_is_an_image_without_a_mission(demo):
    drawing = ImageCaption.objects.get(slug="soyuz-at-europes-spaceport")
    assert drawing.mission is None
    assert drawing.title_en == "Artist's drawing of Soyuz at Europe's Spaceport"
    assert drawing.title_fr == "Vue d'artiste du Soyuz en Guyane"
    assert list(drawing.spacecraft.values_list("slug", flat=True)) == ["soyuz-launcher"]


def test_the_two_astronauts_of_the_seed_pages_have_a_published_drawn_portrait(demo):
    for slug in ("claudie-haignere", "thomas-pesquet"):
        astronaut = Astronaut.objects.get(slug=slug)
        assert astronaut.portrait.slug == f"portrait-{slug}"
        assert astronaut.portrait.is_published
        assert astronaut.portrait.mission is None
        assert astronaut.portrait.credit == "ESA (demo illustration)"
        assert astronaut.portrait.height > astronaut.portrait.width  # a portrait, upright


def test_one_demo_image_is_a_draft_left_out_of_the_published_images(demo):
    drafts = ImageCaption.objects.filter(is_published=False)
    assert list(drafts.values_list("slug", flat=True)) == ["alpha-aurora-over-the-night-side"]
    assert not ImageCaption.objects.published().filter(pk__in=drafts).exists()
    assert ImageCaption.objects.published().count() == ImageCaption.objects.count() - 1


def test_some_demo_captions_are_in_one_language_only_to_show_the_fallback(demo):
    french_only = ImageCaption.objects.filter(caption_en="").exclude(caption_fr="")
    english_only = ImageCaption.objects.filter(caption_fr="").exclude(caption_en="")
    assert french_only.exists()
    assert english_only.exists()


def test_every_record_the_demo_creates_is_marked_as_demo_content(demo):
    for model in (Spacecraft, Astronaut, Mission, ImageCaption, Video):
        assert model.objects.exists()
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    assert ImageCaption.objects.count() == len(content.IMAGES) + len(content.PORTRAITS)


def test_demo_images_are_real_jpegs_with_size_exif_date_and_renditions_recorded(demo):
    taken = {row["slug"]: row["date_taken"] for row in content.IMAGES + content.PORTRAITS}
    for image in ImageCaption.objects.all():
        path = Path(image.image.path)
        assert path.is_relative_to(demo)
        with Image.open(path) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (image.width, image.height)
        assert (image.format, image.file_size) == ("JPEG", path.stat().st_size)
        assert image.file_size > 100_000  # a real picture, not a placeholder
        assert image.date_taken == exif_date(path) == taken[image.slug]
        for name in RENDITION_FIELDS:
            assert Path(getattr(image, name).path).is_file(), f"{image.slug} {name}"


def test_the_seed_videos_are_processed_published_and_subtitled_in_both_languages(demo, client):
    a_roll, b_roll, timelapse = (Video.objects.get(slug=row["slug"]) for row in videos.VIDEOS)
    for video in (a_roll, b_roll, timelapse):
        assert video.state == "ready" and video.is_public, video.failure
        assert (video.width, video.height) == (1280, 720)
        assert [mp4["height"] for mp4 in video.mp4s] == [720]  # no upscaling to 1080p
        assert client.get(video.get_absolute_url()).status_code == 200
    andromede = Mission.objects.get(slug="andromede")
    assert a_roll.mission == b_roll.mission == andromede
    assert (a_roll.footage_type, a_roll.audio, a_roll.commentary_language) == (
        "a-roll",
        "split",
        "en",
    )
    assert (b_roll.footage_type, b_roll.audio, b_roll.has_audio) == (
        "b-roll",
        "international",
        True,
    )
    assert "three-stage Soyuz launcher" in a_roll.description_en
    assert a_roll.subtitles_en.startswith("WEBVTT") and a_roll.subtitles_fr.startswith("WEBVTT")
    assert timelapse.mission.slug == "alpha" and not timelapse.has_audio
    assert timelapse.speed_up == 12.5
    assert [(s.starts_at, s.speed_up) for s in timelapse.speeds.all()] == [(0, 12), (2.5, 6)]
    assert "Cargo Dragon" in timelapse.title_en and "Cargo Dragon" in timelapse.title_fr


def test_the_same_seed_draws_the_same_picture():
    first = pictures.jpeg("cupola_sunrise", 1, date(2016, 12, 3))
    assert first == pictures.jpeg("cupola_sunrise", 1, date(2016, 12, 3))
    assert first != pictures.jpeg("cupola_sunrise", 2, date(2016, 12, 3))


# --- the demo editor --------------------------------------------------------------------------


def test_the_demo_editor_is_staff_in_editors_not_superuser_and_can_log_in(demo, client):
    editor = get_user_model().objects.get(username=EDITOR_USERNAME)
    assert editor.is_staff
    assert not editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert log_in(client, EDITOR_USERNAME, EDITOR_PASSWORD)
    assert client.get("/admin/missions/mission/").status_code == 200


def test_an_existing_editor_account_gets_back_into_the_admin_but_keeps_its_password(demo, client):
    editor = get_user_model().objects.get(username=EDITOR_USERNAME)
    editor.set_password("changed by its owner")
    editor.is_staff = False
    editor.save()
    editor.groups.clear()
    call_command("load_demo", "--editor", verbosity=0)
    editor.refresh_from_db()
    assert editor.is_staff
    assert editor.groups.filter(name="Editors").exists()
    assert not log_in(client, EDITOR_USERNAME, EDITOR_PASSWORD)
    assert log_in(client, EDITOR_USERNAME, "changed by its owner")


# --- running it again -------------------------------------------------------------------------


def test_running_load_demo_again_leaves_the_same_rows_and_files(demo):
    before_counts, before_files = counts(), files_under(demo)
    output = StringIO()
    call_command("load_demo", "--editor", stdout=output)
    assert counts() == before_counts
    assert files_under(demo) == before_files
    total = len(content.SPACECRAFT + content.ASTRONAUTS + content.MISSIONS)
    total += len(content.IMAGES + content.PORTRAITS) + len(videos.VIDEOS)
    total += 1  # and the editor login
    assert (
        output.getvalue()
        .strip()
        .endswith(
            f"Demo content: 0 created, {total} already there. "
            f"Editor login: {EDITOR_USERNAME} / {EDITOR_PASSWORD}"
        )
    )


def test_load_demo_does_not_overwrite_what_an_editor_changed(demo):
    Mission.objects.filter(slug="andromede").update(summary_en="Rewritten by an editor.")
    image = ImageCaption.objects.get(slug="proxima-rivers-of-ice")
    image.is_published = False
    image.save()
    image.spacecraft.add(Spacecraft.objects.get(slug="iss"))
    CrewMember.objects.filter(mission__slug="alpha", role=CrewMember.Role.PILOT).delete()
    call_command("load_demo", verbosity=0)
    assert Mission.objects.get(slug="andromede").summary_en == "Rewritten by an editor."
    image.refresh_from_db()
    assert not image.is_published
    assert list(image.spacecraft.values_list("slug", flat=True)) == ["iss"]
    assert not CrewMember.objects.filter(mission__slug="alpha", role="pilot").exists()


def test_load_demo_is_silent_at_verbosity_zero(demo):
    output = StringIO()
    call_command("load_demo", verbosity=0, stdout=output)
    assert output.getvalue() == ""


def test_a_demo_record_that_cannot_be_created_is_named_in_the_error(demo, monkeypatch):
    broken = {"slug": "broken-craft", "name": "Broken", "kind": "submarine"}
    monkeypatch.setattr(content, "SPACECRAFT", [*content.SPACECRAFT, broken])
    with pytest.raises(CommandError, match="spacecraft 'broken-craft'"):
        call_command("load_demo", verbosity=0)
    assert not Spacecraft.objects.filter(slug="broken-craft").exists()


def test_load_demo_needs_the_editors_group_from_the_migrations(demo):
    Group.objects.filter(name="Editors").delete()
    with pytest.raises(CommandError, match="Editors"):
        call_command("load_demo", "--editor", verbosity=0)


def test_the_demo_editor_is_created_only_with_debug_on_or_when_asked(demo, settings):
    users = get_user_model().objects
    users.filter(username=EDITOR_USERNAME).delete()
    settings.DEBUG = False  # a production site that loads the demo content
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert not users.filter(username=EDITOR_USERNAME).exists()
    assert EDITOR_PASSWORD not in output.getvalue()
    assert "--editor creates it" in output.getvalue()

    settings.DEBUG = True  # `make run`
    call_command("load_demo", verbosity=0)
    assert users.filter(username=EDITOR_USERNAME, is_staff=True).exists()
