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
from django.urls import reverse
from PIL import Image

from missions.demo import content, pictures, stories, videos
from missions.images import EXIF_DATETIME_ORIGINAL, EXIF_IFD
from missions.management.commands.load_demo import EDITOR_PASSWORD, EDITOR_USERNAME
from missions.models import (
    RENDITION_FIELDS,
    Agency,
    Agreement,
    Astronaut,
    CrewMember,
    Experiment,
    ImageCaption,
    Licence,
    Mission,
    MissionEvent,
    MissionFigure,
    Place,
    RelatedLink,
    Spacecraft,
    TimelapseSpeed,
    Video,
)
from tests.factories import upload

STORY_MODELS = (Agency, Place, Agreement, Experiment, MissionFigure, MissionEvent, RelatedLink)
DEMO_MODELS = (
    Spacecraft,
    Astronaut,
    Mission,
    CrewMember,
    ImageCaption,
    Video,
    TimelapseSpeed,
    *STORY_MODELS,
)
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
            for model in (
                Video,
                ImageCaption,
                Mission,
                Astronaut,
                Spacecraft,
                Experiment,
                Agreement,
                Place,
                Agency,
            ):
                model.objects.filter(is_demo=True).delete()
                model.history.all().delete()  # committed too: the demo's versions, and deletions
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
    assert undocking.photographer is None  # a drawing stands in for Thomas Pesquet's photo
    assert undocking.is_illustration
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
    assert (sunrise.date_taken, sunrise.credit) == (date(2016, 12, 3), content.DEMO_CREDIT)
    assert sunrise.licence == Licence.CC_BY_SA_3_IGO
    assert sunrise.photographer is None and sunrise.is_illustration


def test_soyuz_at_europes_spaceport_is_an_image_without_a_mission(demo):
    drawing = ImageCaption.objects.get(slug="soyuz-at-europes-spaceport")
    assert drawing.mission is None
    assert drawing.title_en == "Artist's drawing of Soyuz at Europe's Spaceport"
    assert drawing.title_fr == "Vue d'artiste du Soyuz en Guyane"
    assert list(drawing.spacecraft.values_list("slug", flat=True)) == ["soyuz-launcher"]


def test_every_demo_astronaut_has_a_public_drawn_portrait_marked_as_an_illustration(demo):
    assert Astronaut.objects.count() == len(content.ASTRONAUTS)
    for astronaut in Astronaut.objects.all():
        portrait = astronaut.public_portrait  # no page shows the grey placeholder
        assert portrait is not None, astronaut.slug
        assert portrait.slug == f"portrait-{astronaut.slug}"
        assert portrait.mission is None
        assert portrait.is_illustration and portrait.photographer is None
        assert portrait.credit == content.DEMO_CREDIT
        assert portrait.height > portrait.width  # a portrait, upright


def test_no_demo_image_claims_a_real_photographer_or_an_esa_licence(demo):
    for image in ImageCaption.objects.all():
        assert image.photographer is None, image.slug
        assert image.is_illustration, image.slug
        assert "illustration" in image.credit.lower(), image.slug
        assert "NASA" not in image.credit, image.slug
        assert image.licence != Licence.ESA_STANDARD, image.slug


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
    for model in (Spacecraft, Astronaut, Mission, ImageCaption, Video, *STORY_MODELS[:4]):
        assert model.objects.exists()
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    assert ImageCaption.objects.count() == len(content.IMAGES) + len(content.PORTRAITS)


def test_demo_images_are_real_jpegs_with_size_exif_date_and_renditions_recorded(demo):
    taken = {row["slug"]: row.get("date_taken") for row in content.IMAGES + content.PORTRAITS}
    for image in ImageCaption.objects.all():
        path = Path(image.image.path)
        assert path.is_relative_to(demo)
        with Image.open(path) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (image.width, image.height)
        assert (image.format, image.file_size) == ("JPEG", path.stat().st_size)
        assert image.file_size > 100_000  # a real picture, not a placeholder
        if taken[image.slug] is None:  # a drawn portrait was not taken on any day
            assert image.date_taken is None
        else:
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


# --- the stories of the seed pages -----------------------------------------------------------


def test_the_agencies_and_places_of_the_seed_pages_are_linked_to_astronauts_craft_missions(demo):
    assert set(Agency.objects.values_list("slug", flat=True)) == {
        "esa",
        "cnes",
        "roscosmos",
        "nasa",
        "spacex",
        "jaxa",
    }
    russian = Agency.objects.get(slug="roscosmos")
    assert russian.name_en and russian.name_fr
    assert "Rosaviakosmos" in russian.description_en and "Rosaviakosmos" in russian.description_fr
    kourou = Place.objects.get(slug="europes-spaceport")
    assert (kourou.country, kourou.region_en, kourou.region_fr) == ("FR", "French Guiana", "Guyane")
    assert Place.objects.get(slug="baikonur-cosmodrome").country == "KZ"
    assert Place.objects.get(slug="star-city").kind == Place.Kind.TRAINING_CENTRE
    for astronaut in Astronaut.objects.all():
        assert astronaut.space_agency is not None, astronaut.slug
        assert astronaut.agency == astronaut.space_agency.short_name
    assert Astronaut.objects.get(slug="akihiko-hoshide").space_agency.slug == "jaxa"
    assert Spacecraft.objects.get(slug="crew-dragon").operated_by.slug == "spacex"
    assert Spacecraft.objects.get(slug="cargo-dragon").operator == "SpaceX"
    assert Spacecraft.objects.get(slug="soyuz-spacecraft").operated_by == russian
    andromede = Mission.objects.get(slug="andromede")
    assert andromede.launch_place.slug == "baikonur-cosmodrome"
    assert andromede.training_place.slug == "star-city"
    assert set(andromede.partners.values_list("slug", flat=True)) == {"cnes", "roscosmos"}
    alpha = Mission.objects.get(slug="alpha")
    assert alpha.launch_place.slug == "kennedy-space-center"
    assert alpha.launch_site_en == "Kennedy Space Center"
    assert alpha.launch_site_fr == "Centre spatial Kennedy"


def test_the_soyuz_agreement_of_19_january_2005_binds_esa_and_the_russian_agency(demo):
    agreement = Agreement.objects.get()
    assert agreement.signed_on == date(2005, 1, 19)
    assert set(agreement.parties.values_list("slug", flat=True)) == {"esa", "roscosmos"}
    assert agreement.place.slug == "europes-spaceport"
    assert agreement.title_en and agreement.title_fr and agreement.summary_fr


def test_alpha_has_its_three_figures_in_both_languages(demo):
    figures = list(Mission.objects.get(slug="alpha").figures.all())
    assert [figure.value for figure in figures] == [200, 40, 12]
    assert all(figure.label_en and figure.label_fr for figure in figures)
    assert "CNES" in figures[2].label_en and "CNES" in figures[2].label_fr


def test_the_timelines_are_in_order_and_the_crs_23_undocking_shows_its_image_and_video(demo):
    def timeline(slug):
        return [(e.kind, e.date) for e in Mission.objects.get(slug=slug).events.all()]

    assert timeline("alpha") == [
        ("launch", date(2021, 4, 23)),
        ("docking", date(2021, 4, 24)),
        ("undocking", date(2021, 9, 30)),
        ("landing", date(2021, 11, 9)),
    ]
    assert timeline("andromede") == [
        ("launch", date(2001, 10, 21)),
        ("docking", date(2001, 10, 23)),
        ("landing", date(2001, 10, 31)),
    ]
    assert timeline("proxima") == [("launch", date(2016, 11, 17)), ("landing", date(2017, 6, 2))]
    for mission in Mission.objects.all():  # the timeline agrees with the mission's own dates
        events = list(mission.events.all())
        assert (events[0].date, events[-1].date) == (mission.launch_date, mission.landing_date)
        assert all(event.label_en and event.label_fr for event in events)
    undocking = MissionEvent.objects.get(mission__slug="alpha", kind="undocking")
    assert list(undocking.images.values_list("slug", flat=True)) == [
        "cargo-dragon-crs-23-undocking"
    ]
    assert list(undocking.videos.values_list("slug", flat=True)) == [
        "cargo-dragon-crs-23-undocking-timelapse"
    ]


def test_alpha_links_to_read_more_are_the_seed_pages_in_https(demo):
    links = list(Mission.objects.get(slug="alpha").links.all())
    assert [link.url for link in links] == [
        "https://www.esa.int/MissionAlpha",
        "https://www.esa.int/AlphaBrochure",
        "https://thomaspesquet.esa.int",
        "https://twitter.com/esaspaceflight",
    ]
    assert all(link.label_en and link.label_fr for link in links)


def test_the_experiments_have_a_leading_agency_and_a_mission(demo):
    for experiment in Experiment.objects.all():
        assert experiment.leading_agency is not None
        assert experiment.missions.exists()
        assert experiment.description_en and experiment.description_fr


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
    total += len(stories.AGENCIES + stories.PLACES + stories.AGREEMENTS + stories.EXPERIMENTS)
    for rows in (stories.FIGURES, stories.EVENTS, stories.LINKS):
        total += sum(len(mission_rows) for mission_rows in rows.values())
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


def test_a_database_of_the_previous_demo_gets_the_stories_and_honest_images(demo):
    """What the previous version left: no stories, no links to them, fewer portraits, and the
    drawn pictures presented as photographs by Thomas Pesquet under ESA's credit."""
    thomas = Astronaut.objects.get(slug="thomas-pesquet")
    for model in (Agreement, Experiment, Agency, Place):
        model.objects.all().delete()  # the links to them go with them (SET_NULL)
    for model in (MissionFigure, MissionEvent, RelatedLink):
        model.objects.all().delete()
    Mission.partners.through.objects.all().delete()
    ImageCaption.objects.filter(slug="portrait-peggy-whitson").delete()
    ImageCaption.objects.update(
        is_illustration=False, photographer=thomas, credit="ESA/NASA", licence="esa-standard"
    )
    Video.objects.update(credit_en="ESA", credit_fr="ESA", licence="esa-standard")
    # An image whose drawing an editor replaced by a real file: theirs to credit.
    replaced = ImageCaption.objects.get(slug="proxima-rivers-of-ice")
    replaced.image = upload("real-photo.jpg")
    replaced.save()

    output = StringIO()
    call_command("load_demo", stdout=output)

    assert Agency.objects.count() == len(stories.AGENCIES)
    assert Astronaut.objects.get(slug="peggy-whitson").space_agency.slug == "nasa"
    assert Astronaut.objects.get(slug="peggy-whitson").public_portrait is not None
    assert Mission.objects.get(slug="andromede").training_place.slug == "star-city"
    assert Mission.objects.get(slug="andromede").partners.count() == 2
    assert Mission.objects.get(slug="alpha").figures.count() == 3
    assert MissionEvent.objects.get(kind="undocking").videos.exists()
    for image in ImageCaption.objects.exclude(pk=replaced.pk):
        assert image.is_illustration and image.photographer is None, image.slug
        assert image.credit == content.DEMO_CREDIT, image.slug
    replaced.refresh_from_db()
    assert (replaced.is_illustration, replaced.photographer, replaced.credit) == (
        False,
        thomas,
        "ESA/NASA",
    )
    for video in Video.objects.all():
        assert "demo" in video.credit_en and "Démo" in video.credit_fr, video.slug
        assert video.licence == Licence.CC_BY_SA_3_IGO
    assert "updated." in output.getvalue()

    before = counts()
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert counts() == before
    assert "updated" not in again.getvalue()


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


def test_demo_records_from_before_versions_get_a_first_version(demo):
    """A demo database from an older release has no versions: ``load_demo`` gives each demo
    record one, so that its history starts there (``make run`` on an existing database)."""
    assert ImageCaption.history.filter(slug="proxima-sunrise-from-the-cupola").exists()
    for model in DEMO_MODELS:
        if hasattr(model, "history"):
            model.history.all().delete()
    call_command("load_demo", verbosity=0)
    for model in DEMO_MODELS:
        if hasattr(model, "history"):
            versioned = set(model.history.values_list("id", flat=True))
            assert versioned == set(model.objects.filter(is_demo=True).values_list("pk", flat=True))


def test_links_an_editor_emptied_stay_empty_when_the_demo_is_loaded_again(demo, editor_client):
    """``make run`` runs ``load_demo`` each time: an editor's choices stay, emptied links too."""
    thomas = Astronaut.objects.get(slug="thomas-pesquet")
    url = reverse("admin:missions_astronaut_change", args=[thomas.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        portrait="", space_agency="", agency="Freelance", slug=thomas.slug, is_published="on"
    )
    data.update(dict.fromkeys(("links-TOTAL_FORMS", "links-INITIAL_FORMS"), 0))
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    call_command("load_demo", verbosity=0)
    thomas.refresh_from_db()
    assert (thomas.portrait_id, thomas.space_agency_id, thomas.agency) == (None, None, "Freelance")
