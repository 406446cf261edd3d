"""Rules the data must obey, enforced by model validation and by the database itself."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from missions.models import CrewMember, ImageCaption, Mission
from tests.factories import add_crew, make_astronaut, make_image, make_mission, upload


def test_mission_landing_before_launch_is_refused_by_validation(db):
    mission = Mission(name="Backwards", slug="backwards", launch_date=date(2001, 10, 21))
    mission.landing_date = date(2001, 10, 20)
    with pytest.raises(ValidationError) as error:
        mission.full_clean()
    assert error.value.message_dict["landing_date"] == ["A mission cannot land before it launches."]


def test_mission_landing_before_launch_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        Mission.objects.create(
            name="Backwards",
            slug="backwards",
            launch_date=date(2001, 10, 21),
            landing_date=date(2001, 10, 20),
        )


def test_mission_landing_on_launch_day_is_accepted(db):
    mission = make_mission(launch_date=date(2001, 10, 21), landing_date=date(2001, 10, 21))
    assert mission.duration_days == 0


def test_published_image_without_any_caption_is_refused_with_a_clear_message(db):
    image = ImageCaption(image=upload(), slug="silent", title_en="Silent", is_published=True)
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert (
        "Write the caption in English or in French (or both) before publishing."
        in error.value.messages
    )


def test_published_image_without_any_caption_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        ImageCaption.objects.create(
            image="images/x.jpg", slug="x", caption_en="", caption_fr="", is_published=True
        )


def test_draft_image_may_wait_for_its_caption(db):
    image = make_image(caption_en="", caption_fr="", is_published=False)
    assert not image.has_caption


def test_image_with_only_a_french_caption_is_accepted(db):
    image = make_image(caption_en="", caption_fr="Lever de soleil")
    assert image.caption_fr == "Lever de soleil"


def test_slugs_are_unique(db):
    make_mission(slug="alpha")
    with pytest.raises(IntegrityError):
        make_mission(slug="alpha")


def test_an_astronaut_is_in_a_crew_once(db):
    mission, astronaut = make_mission(), make_astronaut()
    add_crew(mission, astronaut)
    with pytest.raises(IntegrityError):
        add_crew(mission, astronaut, CrewMember.Role.COMMANDER)


def test_image_records_pixel_size_format_and_file_size_on_save(db):
    image = make_image()
    image.refresh_from_db()
    assert (image.width, image.height, image.format) == (64, 48, "JPEG")
    assert image.file_size == image.image.size > 0


def test_image_without_slug_gets_one_from_its_title(db):
    first = make_image(slug="", title_en="Sunrise over the Pacific")
    second = make_image(slug="", title_en="Sunrise over the Pacific")
    assert (first.slug, second.slug) == ("sunrise-over-the-pacific", "sunrise-over-the-pacific-2")


def test_managers_hide_drafts(db):
    published, draft = make_mission(), make_mission(is_published=False)
    assert list(Mission.objects.published()) == [published]
    assert draft not in Mission.objects.published()


def test_published_image_of_a_draft_mission_stays_hidden(db):
    visible = make_image(mission=make_mission())
    hidden = make_image(mission=make_mission(is_published=False))
    draft = make_image(is_published=False)
    orphan = make_image(mission=None)
    assert set(ImageCaption.objects.published()) == {visible, orphan}
    assert hidden not in ImageCaption.objects.published()
    assert draft not in ImageCaption.objects.published()


def test_licence_links_to_its_deed(db):
    image = make_image(licence="cc-by-sa-3.0-igo")
    assert image.licence_url == "https://creativecommons.org/licenses/by-sa/3.0/igo/"
    assert image.get_licence_display() == "CC BY-SA 3.0 IGO"
