"""The gallery's stored counts (cells) follow every change, exactly as a full recount would."""

from datetime import date

import pytest
from django.urls import reverse

from missions.facets import Cells, archive, stored_cells
from missions.models import GalleryCell, ImageCaption
from tests.factories import make_astronaut, make_image, make_mission, make_spacecraft


def stored():
    rows = GalleryCell.objects.values_list(
        "mission_id", "photographer_id", "year", "spacecraft_id", "count"
    )
    return sorted(rows, key=str)


def recounted():
    cells = Cells.of(ImageCaption.objects.published())
    return sorted([(m, p, y, None, n) for m, p, y, n in cells.rows] + list(cells.shown), key=str)


def assert_current():
    assert stored() == recounted()


@pytest.fixture
def world(db):
    proxima, alpha = make_mission(slug="proxima"), make_mission(slug="alpha")
    thomas, claudie = make_astronaut(slug="thomas"), make_astronaut(slug="claudie")
    soyuz, dragon = make_spacecraft(slug="soyuz"), make_spacecraft(slug="dragon")
    sunrise = make_image(mission=proxima, photographer=thomas, date_taken=date(2016, 12, 3))
    glacier = make_image(mission=proxima, photographer=thomas, date_taken=date(2017, 2, 1))
    undock = make_image(mission=alpha, photographer=claudie, date_taken=date(2021, 9, 30))
    undock.spacecraft.add(dragon)
    pad = make_image(mission=None, photographer=None, date_taken=None)
    pad.spacecraft.add(soyuz)
    assert_current()
    return locals()


def test_new_published_image_is_counted(world):
    make_image(mission=world["alpha"], photographer=world["thomas"])
    assert_current()


def test_new_draft_changes_no_count(world, django_assert_num_queries):
    before = stored()
    make_image(mission=world["alpha"], is_published=False)
    assert stored() == before


@pytest.mark.parametrize(
    "change",
    [
        {"mission": "alpha"},
        {"mission": None},
        {"photographer": "claudie"},
        {"date_taken": date(1999, 1, 1)},
        {"date_taken": None},
        {"is_published": False},
    ],
)
def test_edited_image_moves_between_counts(world, change):
    image = world["sunrise"]
    for field, value in change.items():
        setattr(image, field, world.get(value, value) if isinstance(value, str) else value)
    image.save()
    assert_current()


def test_published_draft_is_counted(world):
    draft = make_image(mission=world["proxima"], is_published=False)
    draft.is_published = True
    draft.save()
    assert_current()


def test_deleted_image_is_no_longer_counted(world):
    world["glacier"].delete()
    assert_current()


def test_spacecraft_shown_added_removed_and_cleared_from_either_side(world):
    world["sunrise"].spacecraft.add(world["soyuz"])
    assert_current()
    world["soyuz"].images.add(world["glacier"])
    assert_current()
    world["sunrise"].spacecraft.remove(world["soyuz"])
    assert_current()
    world["soyuz"].images.clear()
    assert_current()
    world["undock"].spacecraft.clear()
    assert_current()


def test_unpublished_or_deleted_mission_takes_its_counts_along(world):
    world["proxima"].is_published = False
    world["proxima"].save()
    assert_current()
    world["proxima"].is_published = True
    world["proxima"].save()
    assert_current()
    world["alpha"].delete()  # its images stay, without a mission
    assert_current()


@pytest.mark.parametrize("action", ["unpublish", "publish"])
def test_bulk_actions_recount(editor_client, world, action):
    images = reverse("admin:missions_imagecaption_changelist")
    missions = reverse("admin:missions_mission_changelist")
    selected = [world["sunrise"].pk, world["undock"].pk]
    editor_client.post(images, {"action": action, "_selected_action": selected})
    assert_current()
    editor_client.post(missions, {"action": action, "_selected_action": [world["proxima"].pk]})
    assert_current()


def test_counts_are_rebuilt_when_the_table_is_empty(world):
    """A database filled without signals (a restore, a raw import) counts itself again."""
    GalleryCell.objects.all().delete()
    cells = stored_cells()
    assert sum(count for *_keys, count in cells.rows) == 4
    assert_current()


def test_mission_image_count_comes_from_the_cells(world):
    counts = archive()
    assert counts.images_of("mission", world["proxima"].pk) == 2
    assert counts.images_of("photographer", world["claudie"].pk) == 1
    assert counts.images_of("spacecraft", world["soyuz"].pk) == 1
