"""``seed_archive``: a synthetic archive of N images sharing a handful of real files, and --reset.

The shared files are drawn smaller than the command's (``PICTURE_SCALE``) so that a seed takes
well under a second. The tests that only look at an archive share one, seeded once for the
module (``seeded``); each test runs in its own transaction, rolled back after it, so the tests
that seed or reset again leave it as it was (its files are in a folder of their own).
"""

import os
import random
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from missions.demo import synthetic
from missions.management.commands import seed_archive
from missions.models import (
    RENDITION_FIELDS,
    Astronaut,
    ContentVersion,
    CrewMember,
    GalleryCell,
    ImageCaption,
    Mission,
    Spacecraft,
)
from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft

N = 60  # three missions' worth: one per 20 images
SYNTHETIC = (ImageCaption, Mission, Astronaut, Spacecraft)
SMALL_PICTURES = 0.1
LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    monkeypatch.setattr(seed_archive, "PICTURE_SCALE", SMALL_PICTURES)


def seed(**options):
    out = StringIO()
    call_command("seed_archive", stdout=out, **options)
    return out.getvalue()


def files_under(folder):
    return {
        (Path(root) / name).relative_to(folder).as_posix()
        for root, _dirs, names in os.walk(folder)
        for name in names
    }


def rendition_files(image):
    return {image.renditions[field] for field in RENDITION_FIELDS}


def synthetic_counts():
    return {model.__name__: model.objects.filter(is_synthetic=True).count() for model in SYNTHETIC}


def version():
    return ContentVersion.objects.values_list("token", flat=True).first()


# --- what it makes ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed N images once for the module; remove them afterwards: (media folder, output)."""
    media = tmp_path_factory.mktemp("seeded-media")
    with (
        pytest.MonkeyPatch.context() as patch,
        override_settings(MEDIA_ROOT=media, CACHES=LOCAL_CACHE),
        django_db_blocker.unblock(),
    ):
        patch.setattr(seed_archive, "PICTURE_SCALE", SMALL_PICTURES)
        try:
            yield media, seed(images=N)
        finally:  # even after a failed seed: committed rows would leak into the next modules
            call_command("seed_archive", reset=True, verbosity=0)


@pytest.fixture
def archive(seeded, db, settings):
    """The module's seeded archive: its media folder, and what the command printed."""
    settings.MEDIA_ROOT = seeded[0]
    return seeded


def test_seeding_makes_n_published_images_over_an_archive_scaled_to_n(archive):
    assert synthetic_counts() == {
        "ImageCaption": N,
        "Mission": 3,
        "Astronaut": 9,
        "Spacecraft": 4,
    }
    assert ImageCaption.objects.published().count() == N
    assert set(Spacecraft.objects.values_list("kind", flat=True)) == set(Spacecraft.Kind)
    assert f"Synthetic archive: {N} published images" in archive[1]
    # The gallery's counts were recounted, though bulk_create sends no signal.
    counted = GalleryCell.objects.filter(spacecraft_id__isnull=True)
    assert sum(counted.values_list("count", flat=True)) == N


def test_the_full_size_archive_is_reached_at_the_default_thousand_images(db):
    seeder = seed_archive.Seeder(1000, random.Random(1), print)

    assert (seeder.mission_count, seeder.astronaut_count, seeder.spacecraft_count) == (50, 150, 20)


def test_every_record_is_synthetic_published_valid_and_linked_within_its_mission(archive):
    for model in SYNTHETIC:
        for record in model.objects.all():
            assert record.is_synthetic and record.is_published and not record.is_demo
            assert record.slug.startswith("syn-")
            record.clean_fields()  # lengths, choices, slugs: what SQLite would not refuse
            record.clean()
    for mission in Mission.objects.all():
        assert 3 <= mission.crew_members.count() <= 6
        assert 1 <= mission.spacecraft.count() <= 3
        assert mission.landing_date is None or mission.landing_date >= mission.launch_date
        assert mission.summary_en and mission.summary_fr
    for image in ImageCaption.objects.select_related("mission", "photographer"):
        shown = set(image.spacecraft.all())
        assert len(shown) <= 2
        if image.mission is None:
            assert image.photographer is None and not shown
            continue
        assert image.photographer is None or image.photographer in image.mission.crew.all()
        assert shown <= set(image.mission.spacecraft.all())
        if image.date_taken:  # in flight, or on the ground up to a year before launch
            assert image.date_taken >= image.mission.launch_date - timedelta(days=365)
    assert ImageCaption.objects.filter(photographer__isnull=False).count() > N / 2


def test_every_image_has_a_caption_and_most_have_both_languages(archive):
    images = list(ImageCaption.objects.all())

    assert all(image.has_caption for image in images)
    both = [image for image in images if image.caption_en and image.caption_fr]
    assert len(both) > 0.8 * len(images)
    assert all(
        image.title_en and image.title_fr and image.alt_en and image.alt_fr for image in both
    )


def test_the_images_share_a_handful_of_real_files_and_their_renditions(archive):
    images = list(ImageCaption.objects.all())
    originals = {image.image.name for image in images}

    assert 2 <= len(originals) <= len(seed_archive.FILES)
    renditions = set().union(*(rendition_files(image) for image in images))
    assert files_under(archive[0]) == originals | renditions
    assert len(renditions) == len(RENDITION_FIELDS) * len(originals)
    for name in originals:
        sharing = [image for image in images if image.image.name == name]
        first = sharing[0]
        assert all(
            (image.width, image.height, image.format, image.file_size, image.renditions)
            == (first.width, first.height, first.format, first.file_size, first.renditions)
            for image in sharing
        )
    assert any(image.height > image.width for image in images)  # an upright file too


def test_some_astronauts_have_their_portrait_among_the_images(archive):
    with_portrait = Astronaut.objects.filter(portrait__isnull=False).select_related("portrait")

    assert with_portrait.count() == N // seed_archive.PORTRAIT_EVERY
    for astronaut in with_portrait:
        assert astronaut.portrait.is_synthetic
        assert astronaut.name in astronaut.portrait.title_en


def test_the_gallery_an_image_page_and_a_mission_page_show_seeded_records(archive, client):
    image = ImageCaption.objects.exclude(title_en="").filter(mission__isnull=False).earliest("slug")

    with translation.override("en"):
        gallery = client.get(reverse("missions:gallery"))
        page = client.get(image.get_absolute_url())
        mission = client.get(image.mission.get_absolute_url())

    assert gallery.status_code == page.status_code == mission.status_code == 200
    assert escape(image.title_en) in page.content.decode()
    assert image.mission.name in mission.content.decode()


# --- running it again, and --reset ------------------------------------------------------------


def test_running_it_twice_gives_the_same_archive(db, media_root):
    def snapshot():
        return (
            sorted(
                ImageCaption.objects.values_list("slug", "title_en", "caption_fr", "date_taken")
            ),
            sorted(Mission.objects.values_list("name", "launch_date", "landing_date")),
            sorted(Astronaut.objects.values_list("name", "biography_en")),
            CrewMember.objects.count(),
            len(files_under(media_root)),
        )

    seed(images=N)
    first = snapshot()
    out = seed(images=N)

    assert snapshot() == first
    assert f"Removed the synthetic archive: {N} images" in out


def planned_missions(seed=1):
    return [
        plan.mission for plan in seed_archive.Seeder(N, random.Random(seed), print).make_missions()
    ]


def test_another_seed_gives_other_missions(db):
    def names(seed):
        return [mission.name for mission in planned_missions(seed)]

    assert names(1) == names(1)
    assert names(1) != names(2)


def test_slugs_of_records_that_stay_are_never_reused(db):
    taken = planned_missions()[0].slug
    make_mission(slug=taken)

    assert taken not in {mission.slug for mission in planned_missions()}


def test_reset_removes_the_synthetic_archive_and_leaves_editors_and_demo_records(db, media_root):
    mission = make_mission(slug="proxima")
    astronaut = make_astronaut(slug="thomas")
    spacecraft = make_spacecraft(slug="soyuz")
    editors = make_image(mission=mission, slug="sunrise")
    demo = make_image(slug="demo-aurora", is_demo=True)
    kept_files = files_under(media_root)
    seed(images=N)
    synthetic_image = ImageCaption.objects.filter(is_synthetic=True).first()
    synthetic_astronaut = Astronaut.objects.filter(is_synthetic=True).first()
    synthetic_mission = Mission.objects.filter(is_synthetic=True).first()
    astronaut.portrait = synthetic_image
    astronaut.save()
    add_crew(mission, synthetic_astronaut)
    mission.spacecraft.add(Spacecraft.objects.filter(is_synthetic=True).first())
    editors.photographer = synthetic_astronaut
    editors.save()
    demo.mission = synthetic_mission
    demo.save()
    before = version()

    out = seed(reset=True)

    assert synthetic_counts() == dict.fromkeys(synthetic_counts(), 0)
    assert f"Removed the synthetic archive: {N} images, 3 missions" in out
    assert set(ImageCaption.objects.values_list("slug", flat=True)) == {"sunrise", "demo-aurora"}
    assert {*Mission.objects.all(), *Astronaut.objects.all(), *Spacecraft.objects.all()} == {
        mission,
        astronaut,
        spacecraft,
    }
    astronaut.refresh_from_db()
    editors.refresh_from_db()
    demo.refresh_from_db()
    assert astronaut.portrait is None
    assert editors.photographer is None and editors.mission == mission
    assert demo.mission is None
    assert not mission.crew_members.exists() and not mission.spacecraft.exists()
    assert files_under(media_root) == kept_files
    assert version() != before


def test_reset_with_nothing_left_to_remove_says_so_and_changes_nothing(db):
    make_image(slug="sunrise")
    seed(reset=True)  # the module's archive, if it is there
    before = version()

    out = seed(reset=True)

    assert "There is no synthetic archive to remove" in out
    assert list(ImageCaption.objects.values_list("slug", flat=True)) == ["sunrise"]
    assert version() == before


def test_reset_takes_no_image_count(db):
    with pytest.raises(CommandError, match="--reset"):
        seed(reset=True, images=10)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (seed_archive.facets, "recount"),  # in the first image's save, its file just stored
        (seed_archive, "archive_changed"),  # at the very end, every file stored
    ],
)
def test_a_seed_that_fails_leaves_no_rows_and_no_files(db, media_root, monkeypatch, module, name):
    def broken(*args):
        raise RuntimeError("disk full")

    seed(reset=True)  # the module's archive, if it is there
    monkeypatch.setattr(module, name, broken)

    with pytest.raises(RuntimeError):
        seed(images=N)

    assert synthetic_counts() == dict.fromkeys(synthetic_counts(), 0)
    assert files_under(media_root) == set()


# --- the words --------------------------------------------------------------------------------


def test_common_words_are_picked_far_more_often_than_rare_ones():
    rng = random.Random(1)
    picks = [synthetic.PLACES.pick(rng) for _ in range(20_000)]

    assert picks.count(synthetic.PLACES.items[0]) > 20 * max(
        picks.count(synthetic.PLACES.items[-1]), 1
    )


def test_french_noun_phrases_contract_after_de():
    assert [synthetic.de(phrase) for phrase in ("le Caire", "les Alpes", "la Corse")] == [
        "du Caire",
        "des Alpes",
        "de la Corse",
    ]
    assert synthetic.de("l'Italie") == "de l'Italie"
    assert synthetic.de("Anperon") == "d'Anperon"
    assert synthetic.de("Paris") == "de Paris"
