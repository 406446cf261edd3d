"""The focal point: set on the image form, kept in view wherever the site crops a picture."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from missions.models import ImageCaption, MissionEvent
from tests import test_admin
from tests.factories import make_astronaut, make_image, make_mission

POINT = 'style="object-position: 50% 20%"'


def get(client, name, **kwargs):
    with translation.override("en"):
        path = reverse(f"missions:{name}", kwargs=kwargs or None)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def img_tags(html, slug_part):
    """The ``<img>`` tags whose source names ``slug_part`` (renditions keep the file's name)."""
    return [tag for tag in re.findall(r"<img [^>]*>", html) if slug_part in tag]


@pytest.fixture
def portraits(db):
    focused = make_image(image=_upload("focused.jpg"), focal_x=0.5, focal_y=0.2)
    centred = make_image(image=_upload("centred.jpg"))
    return {
        "focused": make_astronaut(slug="focused", name="Anna Focus", portrait=focused),
        "centred": make_astronaut(slug="centred", name="Bruno Centre", portrait=centred),
    }


def _upload(name):
    from tests.factories import upload

    return upload(name)


def _portrait(html, image):
    """The portrait's ``<img>``: the one inside ``<picture class="portrait">`` for ``image``."""
    start = html.index('<picture class="portrait">')
    pictures = re.findall(r'<picture class="portrait">.*?</picture>', html[start:], re.S)
    url = image.rendition_url("webp_320").rsplit("/", 1)[-1]
    [found] = [p for p in pictures if url in p]
    return re.search(r"<img [^>]*>", found).group()


def test_astronaut_page_portrait_keeps_the_focal_point(client, portraits):
    focused, centred = portraits["focused"], portraits["centred"]
    html = get(client, "astronaut", slug=focused.slug)
    assert POINT in _portrait(html, focused.portrait)
    html = get(client, "astronaut", slug=centred.slug)
    assert "object-position" not in _portrait(html, centred.portrait)


def test_astronaut_list_portraits_keep_the_focal_point(client, portraits):
    html = get(client, "astronaut-list")
    assert POINT in _portrait(html, portraits["focused"].portrait)
    assert "object-position" not in _portrait(html, portraits["centred"].portrait)
    assert html.count("object-position") == 1


def test_gallery_cards_keep_the_focal_point(client, db):
    make_image(slug="focused", focal_x=0.5, focal_y=0.2)
    make_image(slug="centred")
    html = get(client, "gallery")
    cards = {
        slug: html[html.rindex('<li class="card">', 0, html.index(f"/{slug}/")) :]
        for slug in ("focused", "centred")
    }
    card = {slug: text[: text.index("</li>")] for slug, text in cards.items()}
    assert POINT in re.search(r"<img [^>]*>", card["focused"]).group()
    assert "object-position" not in card["centred"]


def test_a_point_in_thousandths_is_written_in_tenths_of_a_percent(client, db):
    make_image(slug="exact", focal_x=0.1234, focal_y=1)
    assert 'style="object-position: 12.3% 100%"' in get(client, "gallery")


def test_timeline_thumbnails_keep_the_focal_point(client, db):
    mission = make_mission(slug="alpha")
    event = MissionEvent.objects.create(
        mission=mission, date=date(2021, 4, 24), label_en="Docking", label_fr="Amarrage"
    )
    event.images.add(make_image(mission=mission, focal_x=0.5, focal_y=0.2))
    html = get(client, "mission", slug=mission.slug)
    timeline = html[html.index('class="timeline"') :]
    assert POINT in timeline


def test_the_image_page_is_not_cropped_and_ignores_the_point(client, db):
    image = make_image(slug="whole", focal_x=0.5, focal_y=0.2)
    assert "object-position" not in get(client, "image", slug=image.slug)


def test_the_gallery_makes_no_more_queries_for_focal_points(
    client, db, django_assert_max_num_queries
):
    """The point is among the card fields: no query per card, and the count does not grow.
    (Each page is made afresh, its cached copy forgotten; the facet counts are already made.)"""
    mission = make_mission(slug="proxima")
    counts = []
    for grow_by in (2, 25):
        for _ in range(grow_by):
            make_image(mission=mission)
        get(client, "gallery")  # the counts of the grown archive
        for focal in (None, 0.3):
            ImageCaption.objects.update(focal_x=focal, focal_y=focal)
            cache.clear()
            with django_assert_max_num_queries(6) as queries:
                html = get(client, "gallery")
            assert ("object-position" in html) == (focal is not None)
            counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_the_astronaut_list_makes_no_more_queries_for_focal_points(
    client, portraits, django_assert_max_num_queries
):
    counts = []
    for focal in (None, 0.3):
        ImageCaption.objects.update(focal_x=focal, focal_y=focal)
        cache.clear()
        with django_assert_max_num_queries(10) as cold:
            get(client, "astronaut-list")
        with django_assert_max_num_queries(10) as warm:
            get(client, "astronaut-list")
        counts.append((len(cold), len(warm)))
    assert counts[0] == counts[1]


# The image form


@pytest.fixture
def image_form(editor_client, db):
    image = make_image()
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    response = editor_client.get(url)
    data = test_admin._form_data(response)
    del data["image"]  # the file stays as it is
    return image, url, data, response.content.decode()


def test_the_image_form_shows_a_clickable_preview_and_number_fields(image_form):
    image, _url, _data, html = image_form
    assert 'class="focal-picker"' in html
    assert image.rendition_url("webp_640") in html
    assert re.search(r'<span class="focal-marker"[^>]* hidden>', html)  # no point yet
    for name in ("focal_x", "focal_y"):
        field = re.search(rf'<input [^>]*name="{name}"[^>]*>', html).group()
        assert 'type="number"' in field and 'min="0"' in field and 'max="1"' in field
    assert "/static/js/focal_point.js" in html
    assert "/static/css/admin_focal_point.css" in html


def test_the_image_form_saves_a_focal_point(editor_client, image_form):
    image, url, data, _html = image_form
    data.update(focal_x="0.5", focal_y="0.2")
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.5, 0.2)
    html = editor_client.get(url).content.decode()
    assert re.search(r'<span class="focal-marker"[^>]*style="left: 50\.0%; top: 20\.0%"', html)
    assert "hidden>" not in html[html.index('class="focal-marker"') :][:120]

    # Emptied again: the centre.
    data.update(focal_x="", focal_y="")
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (None, None)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"focal_x": "0.5"}, "focal_y", "Give both coordinates of the focal point"),
        ({"focal_y": "0.5"}, "focal_x", "Give both coordinates of the focal point"),
        ({"focal_x": "1.5", "focal_y": "0.5"}, "focal_x", "less than or equal to 1"),
        ({"focal_x": "0.5", "focal_y": "-0.1"}, "focal_y", "greater than or equal to 0"),
    ],
)
def test_the_image_form_refuses_half_a_point_or_one_outside_the_picture(
    editor_client, image_form, values, field, message
):
    image, url, data, _html = image_form
    data.update(values)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (None, None)


def test_the_add_form_asks_to_save_the_image_first(editor_client, db):
    html = editor_client.get(reverse("admin:missions_imagecaption_add")).content.decode()
    assert "Save the image first" in html
    assert 'name="focal_x"' in html
