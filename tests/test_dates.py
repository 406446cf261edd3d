"""Dates in each language's own format (British English, French) and the admin's date-times in
the site's time zone, said at the fields, with no "hours behind server time" note."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import django
import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import formats, translation

from missions.admin.archive import PublishableAdmin
from missions.models import ImageCaption
from tests.factories import make_image, make_mission

SEPT_30 = date(2021, 9, 30)


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "DATE_FORMAT": "30 September 2021",
                "DATETIME_FORMAT": "30 September 2021, 14:05",
                "SHORT_DATE_FORMAT": "30/09/2021",
                "SHORT_DATETIME_FORMAT": "30/09/2021 14:05",
                "TIME_FORMAT": "14:05",
                "MONTH_DAY_FORMAT": "30 September",
                "YEAR_MONTH_FORMAT": "September 2021",
            },
        ),
        (
            "fr",
            {
                "DATE_FORMAT": "30 septembre 2021",
                "DATETIME_FORMAT": "30 septembre 2021 14:05",
                "SHORT_DATE_FORMAT": "30/09/2021",
                "SHORT_DATETIME_FORMAT": "30/09/2021 14:05",
                "TIME_FORMAT": "14:05",
                "MONTH_DAY_FORMAT": "30 septembre",
                "YEAR_MONTH_FORMAT": "septembre 2021",
            },
        ),
    ],
)
def test_each_language_writes_dates_its_own_way(language, expected):
    moment = datetime(2021, 9, 30, 14, 5)
    with translation.override(language):
        written = {name: formats.date_format(moment, name) for name in expected}
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1  # Monday
        assert "%d/%m/%Y" in formats.get_format("DATE_INPUT_FORMATS")
        assert "%m/%d/%Y" not in formats.get_format("DATE_INPUT_FORMATS")
    assert written == expected


@pytest.fixture
def image(db):
    return make_image(
        slug="crew-dragon",
        mission=make_mission(name="Alpha", slug="alpha"),
        date_taken=SEPT_30,
    )


def test_image_page_shows_a_british_date_in_english_and_a_french_one_in_french(client, image):
    english = client.get(url("image", "en", slug=image.slug)).content.decode()
    assert '<time datetime="2021-09-30">30 September 2021</time>' in english
    assert "Sept. 30, 2021" not in english
    french = client.get(url("image", "fr", slug=image.slug)).content.decode()
    assert '<time datetime="2021-09-30">30 septembre 2021</time>' in french


def test_gallery_card_date_is_british(client, image):
    page = client.get(url("gallery", "en")).content.decode()
    assert '<time datetime="2021-09-30">30 September 2021</time>' in page
    assert "Sept." not in page


def test_machine_dates_stay_iso(client, image):
    """The image's structured data and the feed keep ISO / RFC 3339 dates in English too."""
    page = client.get(url("image", "en", slug=image.slug)).content.decode()
    assert '"dateCreated": "2021-09-30"' in page or '"dateCreated":"2021-09-30"' in page
    feed = client.get(url("feed", "en")).content.decode()
    assert re.search(r"<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", feed)
    assert "September" not in feed


def _change_page(client, image, language="en"):
    with translation.override(language):
        path = reverse("admin:missions_imagecaption_change", args=[image.pk])
    return client.get(path, headers={"accept-language": language})


def test_admin_body_has_no_utc_offset_for_the_timezone_note(editor_client, image):
    response = _change_page(editor_client, image)
    page = response.content.decode()
    assert "data-admin-utc-offset" not in page
    # Whatever date-time fields the image form shows (publish at, unpublish at) name the zone.
    form = response.context["adminform"].form
    for field in form.fields.values():
        if isinstance(field, forms.DateTimeField):
            assert str(field.label).endswith(" (Paris time)")
            assert str(field.label) in page
    # The offset is still given, under another name, for the "Now" shortcut's clock.
    assert re.search(r'data-site-utc-offset="\d+"', page)
    assert "js/admin_site_time.js" in page


def test_admin_base_template_is_djangos_but_for_the_offset():
    """Our copy of admin/base.html is Django's with the two documented changes: when Django's
    changes (an upgrade), this fails, and the copy is made again from the new one."""
    django_copy = (
        Path(django.__file__).parent / "contrib/admin/templates/admin/base.html"
    ).read_text()
    ours = (Path(settings.BASE_DIR) / "templates/admin/base.html").read_text()
    ours = re.sub(r"^\{% comment %\}.*?\{% endcomment %\}", "", ours, flags=re.S)
    ours = ours.replace('<script src="{% static "js/admin_site_time.js" %}" defer></script>\n', "")
    ours = ours.replace("data-site-utc-offset=", "data-admin-utc-offset=")
    assert ours == django_copy


def _editable_datetime_fields(model):
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.DateTimeField) and f.editable
    ]


PUBLISHABLE = [
    model
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, PublishableAdmin)
]


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize(
    ("language", "suffix"), [("en", "(Paris time)"), ("fr", "(heure de Paris)")]
)
def test_admin_datetime_fields_name_the_site_zone(editor, model, language, suffix):
    fields = _editable_datetime_fields(model)
    assert fields  # publish at, unpublish at
    request = RequestFactory().get("/")
    request.user = editor
    with translation.override(language):
        form = admin.site._registry[model].get_form(request, fields=fields)()
        labels = [str(form.fields[name].label) for name in fields]
    assert all(label.endswith(suffix) for label in labels), labels


def test_admin_datetime_fields_show_and_take_site_time(editor, image):
    """A time typed in the admin is the site's (14:05 in Paris in September is 12:05 UTC), and
    a stored one is shown in the site's zone; a plain date is a date, with no zone."""
    request = RequestFactory().get("/")
    request.user = editor
    model_admin = admin.site._registry[ImageCaption]
    with translation.override("en"):
        form_class = model_admin.get_form(request, image, fields=["date_taken", "publish_at"])
        form = form_class(
            data={
                "date_taken": "30/09/2021",
                "publish_at_0": "30/09/2021",
                "publish_at_1": "14:05",
            },
            instance=image,
        )
        assert form.is_valid(), form.errors
        assert str(form.fields["date_taken"].label) == "Date taken"
        assert form.cleaned_data["date_taken"] == SEPT_30
        assert form.cleaned_data["publish_at"] == datetime(2021, 9, 30, 12, 5, tzinfo=UTC)
        image.publish_at = datetime(2021, 9, 30, 12, 5, tzinfo=UTC)
        shown = str(form_class(instance=image)["publish_at"])
    assert 'value="2021-09-30"' in shown
    assert 'value="14:05:00"' in shown


def test_a_british_date_typed_in_the_admin_is_taken(editor_client, image):
    from tests.test_admin import _form_data

    response = _change_page(editor_client, image)
    data = _form_data(response)
    data.pop("image", None)
    data["date_taken"] = "01/10/2021"  # 1 October, not 10 January
    response = editor_client.post(response.wsgi_request.path, data)
    assert response.status_code == 302, response.context["errors"]
    image.refresh_from_db()
    assert image.date_taken == date(2021, 10, 1)


def test_an_american_date_is_refused_not_misread(editor_client, image):
    from tests.test_admin import _form_data

    response = _change_page(editor_client, image)
    data = _form_data(response)
    data.pop("image", None)
    data["date_taken"] = "09/30/2021"
    response = editor_client.post(response.wsgi_request.path, data)
    assert response.status_code == 200
    assert "date_taken" in response.context["adminform"].form.errors
