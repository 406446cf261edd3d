"""Translation status for editors: the "translation" filter, the column of texts to translate,
the counts on the admin index and the marks in the change form (admin/translation_status.py)."""

import re

import pytest
from django.urls import reverse

from missions.admin.translation_status import GROUPS, missing, status_text
from missions.models import Agency, Experiment, ImageCaption, Mission, Place
from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft

IMAGES = reverse("admin:missions_imagecaption_changelist")


@pytest.fixture
def images(db):
    return {
        # English caption only: missing French.
        "caption_en_only": make_image(caption_fr=""),
        # English alt text only: missing French.
        "alt_en_only": make_image(alt_en="A capsule over the sea"),
        # French title only: missing English.
        "title_fr_only": make_image(title_en=""),
        # Both languages everywhere something is written (no alt text at all): complete.
        "complete": make_image(),
        # French caption missing and English title missing: both lists.
        "both": make_image(caption_fr="", title_en=""),
    }


def listed(client, value):
    response = client.get(IMAGES, {"translation": value})
    assert response.status_code == 200
    return {image.pk for image in response.context["cl"].result_list}


def pks(images, *names):
    return {images[name].pk for name in names}


def test_filter_lists_images_missing_french_english_or_complete(editor_client, images):
    assert listed(editor_client, "missing-fr") == pks(
        images, "caption_en_only", "alt_en_only", "both"
    )
    assert listed(editor_client, "missing-en") == pks(images, "title_fr_only", "both")
    assert listed(editor_client, "complete") == pks(images, "complete")


def test_filter_is_offered_with_its_three_choices(editor_client, images):
    page = editor_client.get(IMAGES).content.decode()
    assert "By translation" in page
    for value, label in [
        ("missing-fr", "missing French"),
        ("missing-en", "missing English"),
        ("complete", "complete"),
    ]:
        assert f'href="?translation={value}"' in page
        assert f">{label}</a>" in page


def test_a_pair_empty_in_both_languages_is_not_missing(db):
    image = make_image(alt_en="", alt_fr="")
    assert status_text(image) == ""
    assert not ImageCaption.objects.filter(missing(ImageCaption, "fr")).exists()


def test_column_names_the_missing_languages_and_texts(editor_client, images):
    assert status_text(images["caption_en_only"]) == "FR: caption"
    assert status_text(images["title_fr_only"]) == "EN: title"
    assert status_text(images["both"]) == "FR: caption · EN: title"
    two = make_image(caption_fr="", alt_en="Described")
    assert status_text(two) == "FR: caption, alt text"
    page = editor_client.get(IMAGES).content.decode()
    assert "Translation to write" in page
    assert '<td class="field-translation_status">FR: caption · EN: title</td>' in page
    assert '<td class="field-translation_status">—</td>' in page  # the complete one


def test_other_models_are_followed_too(editor_client, db):
    Agency.objects.create(short_name="CNES", slug="cnes", name_en="French space agency")
    Place.objects.create(
        name_fr="Centre spatial guyanais", slug="kourou", kind=Place.Kind.LAUNCH_SITE
    )
    make_mission(destination_en="International Space Station")
    assert Agency.objects.filter(missing(Agency, "fr")).count() == 1
    assert Place.objects.filter(missing(Place, "en")).count() == 1
    assert Mission.objects.filter(missing(Mission, "fr")).count() == 1
    assert Experiment.objects.filter(missing(Experiment, "fr")).count() == 0
    mission_list = reverse("admin:missions_mission_changelist")
    response = editor_client.get(mission_list, {"translation": "missing-fr"})
    assert response.context["cl"].result_count == 1
    assert "FR: destination" in response.content.decode()


@pytest.mark.parametrize("model", GROUPS, ids=lambda model: model._meta.model_name)
@pytest.mark.parametrize("value", ["missing-fr", "missing-en", "complete"])
def test_every_followed_list_takes_the_filter(editor_client, db, model, value):
    url = reverse(f"admin:missions_{model._meta.model_name}_changelist")
    response = editor_client.get(url, {"translation": value})
    assert response.status_code == 200
    assert "translation_status" in response.context["cl"].list_display


def test_index_shows_counts_linked_to_the_filtered_lists(editor_client, images):
    make_mission(summary_fr="")
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Translations to write" in page
    assert f'<a href="{IMAGES}?translation=missing-fr">3 missing French</a>' in page
    assert f'<a href="{IMAGES}?translation=missing-en">2 missing English</a>' in page
    missions = reverse("admin:missions_mission_changelist")
    assert f'<a href="{missions}?translation=missing-fr">1 missing French</a>' in page
    assert f'<a href="{missions}?translation=missing-en">0 missing English</a>' in page
    assert f'<a href="{reverse("admin:missions_video_changelist")}">Videos</a>' in page


def test_index_counts_cost_one_query_per_model(editor_client, django_assert_max_num_queries, db):
    def index_queries():
        with django_assert_max_num_queries(30) as captured:
            assert editor_client.get(reverse("admin:index")).status_code == 200
        return len(captured)

    for _ in range(2):
        make_image(caption_fr="")
    with_2 = index_queries()
    for _ in range(10):
        make_image(caption_fr="")
        make_mission(summary_en="")
    assert index_queries() == with_2


def field_tag(page, name):
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
    assert match, name
    return match.group(0)


def test_change_form_marks_the_empty_half_of_a_pair(editor_client, db):
    image = make_image(caption_fr="", title_en="")
    page = editor_client.get(
        reverse("admin:missions_imagecaption_change", args=[image.pk])
    ).content.decode()
    assert "translation-missing" in field_tag(page, "caption_fr")
    assert "translation-missing" in field_tag(page, "title_en")
    for written_or_both_empty in ("caption_en", "title_fr", "alt_en", "alt_fr"):
        assert "translation-missing" not in field_tag(page, written_or_both_empty)
    assert "Translation missing: the English text is written." in page
    assert "Translation missing: the French text is written." in page
    assert "css/admin_translation_status.css" in page


def test_change_form_keeps_a_fields_own_help_text_after_the_mark(editor_client, db):
    image = make_image(alt_fr="Une capsule")
    page = editor_client.get(
        reverse("admin:missions_imagecaption_change", args=[image.pk])
    ).content.decode()
    assert "translation-missing" in field_tag(page, "alt_en")
    assert "What the picture shows, for people who cannot see it." in page


def test_change_form_of_a_complete_record_has_no_mark(editor_client, db):
    astronaut = make_astronaut()
    page = editor_client.get(
        reverse("admin:missions_astronaut_change", args=[astronaut.pk])
    ).content.decode()
    assert "translation-missing" not in field_tag(page, "biography_fr")
    assert "Translation missing" not in page


def test_add_forms_still_open(editor_client, db):
    for name in ("imagecaption", "video", "agency", "place", "spacecraft"):
        assert editor_client.get(reverse(f"admin:missions_{name}_add")).status_code == 200


def _list_queries(client, django_assert_max_num_queries, mission, count, value):
    for _ in range(count - ImageCaption.objects.count()):
        make_image(mission=mission, photographer=mission.crew.first(), caption_fr="")
    with django_assert_max_num_queries(14) as captured:
        response = client.get(IMAGES, {"translation": value})
    assert response.context["cl"].result_count == count
    assert "FR: caption" in response.content.decode()
    return len(captured)


@pytest.mark.parametrize("value", ["missing-fr", ""])
def test_list_queries_do_not_grow_with_rows(
    editor_client, django_assert_max_num_queries, db, value
):
    """The column is worked out from each row's own fields: no query per row."""
    mission = make_mission()
    add_crew(mission, make_astronaut())
    mission.spacecraft.add(make_spacecraft())
    with_5 = _list_queries(editor_client, django_assert_max_num_queries, mission, 5, value)
    with_40 = _list_queries(editor_client, django_assert_max_num_queries, mission, 40, value)
    assert with_5 == with_40


def test_a_refused_form_marks_what_the_editor_sent(editor_client, db):
    """The marks follow the texts just typed, not the saved ones."""
    response = editor_client.post(
        reverse("admin:missions_agency_add"),
        {"short_name": "", "slug": "esa", "name_en": "European Space Agency", "name_fr": ""},
    )
    assert response.status_code == 200  # refused: no short name
    page = response.content.decode()
    assert "translation-missing" in field_tag(page, "name_fr")
    assert "translation-missing" not in field_tag(page, "description_fr")  # both empty
