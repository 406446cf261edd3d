"""The caption desk: the texts of many draft images written on one page, saved row by row."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from missions.models import ImageCaption, UploadBatch
from tests.factories import image_bytes, make_astronaut, make_image, make_mission, upload

DESK = "admin:missions_imagecaption_caption_desk"
TEXTS = ["title_en", "caption_en", "alt_en", "title_fr", "caption_fr", "alt_fr"]


def desk_url(**params):
    url = reverse(DESK)
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in params.items())}" if params else url


def make_drafts(count, **fields):
    """Drafts as a bulk upload leaves them: a file, a slug, no texts."""
    drafts = []
    for n in range(count):
        values = dict.fromkeys(TEXTS, "")
        values.update(
            image=upload(f"draft-{n}.jpg", image_bytes(32, 24, color=(n * 9 % 255, 60, 140))),
            slug=f"draft-{n}",
            date_taken=None,
            is_published=False,
        )
        values.update(fields)
        drafts.append(make_image(**values))
    return drafts


def ids_of(images):
    return ",".join(str(image.pk) for image in images)


def posted(response):
    """The data the desk's form would send as shown (every row as it is)."""
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-{name}": formset.management_form[name].value()
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    }
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
    return data


def row_key(response, index, name):
    return response.context["formset"].forms[index].add_prefix(name)


@pytest.fixture
def mission(db):
    return make_mission(name="Proxima", slug="proxima")


def test_desk_saves_the_valid_rows_and_keeps_the_invalid_one_as_typed(editor_client, mission):
    thomas = make_astronaut(name="Thomas Pesquet")
    drafts = make_drafts(20)
    url = desk_url(ids=ids_of(drafts))
    page = editor_client.get(url)
    assert page.status_code == 200
    data = posted(page)
    for index in range(len(drafts)):
        data[row_key(page, index, "title_en")] = f"Sunrise {index}"
        data[row_key(page, index, "caption_en")] = f"The sun rises over the Pacific ({index})."
        data[row_key(page, index, "caption_fr")] = f"Le soleil se lève ({index})."
        data[row_key(page, index, "alt_fr")] = f"Un lever de soleil {index}"
        data[row_key(page, index, "mission")] = str(mission.pk)
        data[row_key(page, index, "photographer")] = str(thomas.pk)
        data[row_key(page, index, "date_taken")] = "2016-12-03"
    bad = 7
    data[row_key(page, bad, "title_en")] = "T" * 201  # over max_length
    data[row_key(page, bad, "caption_en")] = "Typed and kept."

    response = editor_client.post(url, data)

    assert response.status_code == 200
    text = response.content.decode()
    assert "19 saved, 1 to correct" in text
    saved = ImageCaption.objects.exclude(pk=drafts[bad].pk)
    assert saved.filter(caption_en__startswith="The sun rises", mission=mission).count() == 19
    assert all(not image.is_published for image in saved)
    first = ImageCaption.objects.get(pk=drafts[0].pk)
    assert (first.title_en, first.caption_fr, first.photographer) == (
        "Sunrise 0",
        "Le soleil se lève (0).",
        thomas,
    )
    assert str(first.date_taken) == "2016-12-03"
    # The invalid row is not saved at all, and comes back with what was typed and its error.
    untouched = ImageCaption.objects.get(pk=drafts[bad].pk)
    assert (untouched.title_en, untouched.caption_en, untouched.mission) == ("", "", None)
    form = response.context["formset"].forms[bad]
    assert list(form.errors) == ["title_en"]
    assert "Typed and kept." in text and "T" * 201 in text
    assert 'class="caption-desk-row errors"' in text
    field = re.search(r'<div class="caption-desk-field errors">(.*?)</div>', text, re.DOTALL).group(
        1
    )
    assert f'for="id_form-{bad}-title_en"' in field
    assert "at most 200 characters" in field
    # The error is where the cursor goes.
    assert re.search(rf'<input[^>]*name="form-{bad}-title_en"[^>]*autofocus', text)


def test_a_date_in_the_wrong_format_is_refused_at_its_field(editor_client, db):
    drafts = make_drafts(2)
    url = desk_url(ids=ids_of(drafts))
    page = editor_client.get(url)
    data = posted(page)
    data[row_key(page, 0, "caption_en")] = "Fine."
    data[row_key(page, 1, "caption_en")] = "Kept."
    data[row_key(page, 1, "date_taken")] = "3 décembre"
    response = editor_client.post(url, data)
    assert "1 saved, 1 to correct" in response.content.decode()
    assert list(response.context["formset"].forms[1].errors) == ["date_taken"]
    assert ImageCaption.objects.get(pk=drafts[0].pk).caption_en == "Fine."
    assert ImageCaption.objects.get(pk=drafts[1].pk).caption_en == ""


def test_all_valid_redirects_back_with_a_message_and_logs_each_change(editor_client, db):
    from django.contrib.admin.models import LogEntry

    drafts = make_drafts(3)
    url = desk_url(ids=ids_of(drafts))
    page = editor_client.get(url)
    data = posted(page)
    data[row_key(page, 0, "caption_en")] = "One."
    data[row_key(page, 2, "caption_fr")] = "Trois."
    response = editor_client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert [str(m) for m in response.context["messages"]] == ["2 images saved."]
    assert LogEntry.objects.count() == 2  # the unchanged row is not saved again


def test_the_page_is_a_labelled_table_with_the_first_field_focused(editor_client, mission):
    drafts = make_drafts(2)
    text = editor_client.get(desk_url(ids=ids_of(drafts))).content.decode()
    assert "<table" in text and "<textarea" in text
    # Every input has a label naming the image and the field.
    for index, image in enumerate(drafts):
        for name in ["title_en", "caption_en", "alt_en", "title_fr", "caption_fr", "alt_fr"]:
            label = re.search(rf'<label for="id_form-{index}-{name}">(.*?)</label>', text).group(1)
            assert image.slug in label
    assert re.search(r'<input[^>]*name="form-0-title_en"[^>]*autofocus', text)
    assert text.count("autofocus") == 1
    # The order of the fields in the page is the order of the Tab key: row by row.
    order = re.findall(r'name="form-(\d+)-(title_en|caption_en|alt_fr|date_taken)"', text)
    assert order == [
        ("0", "title_en"),
        ("0", "caption_en"),
        ("0", "alt_fr"),
        ("0", "date_taken"),
        ("1", "title_en"),
        ("1", "caption_en"),
        ("1", "alt_fr"),
        ("1", "date_taken"),
    ]


def test_the_desk_is_never_cached_and_needs_csrf(editor, db):
    from django.test import Client

    drafts = make_drafts(1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = desk_url(ids=ids_of(drafts))
    response = client.get(url)
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    data = posted(response)
    data["form-0-caption_en"] = "Without a token."
    assert client.post(url, data).status_code == 403
    assert ImageCaption.objects.get().caption_en == ""


def test_an_editor_without_the_right_to_change_images_is_refused(client, django_user_model, db):
    drafts = make_drafts(1)
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_imagecaption"))
    client.force_login(user)
    url = desk_url(ids=ids_of(drafts))
    assert client.get(url).status_code == 403
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(drafts[0].pk),
        "form-0-caption_en": "Not allowed.",
    }
    assert client.post(url, data).status_code == 403
    assert ImageCaption.objects.get().caption_en == ""
    # Nor does the image list offer the desk to that user.
    page = client.get(reverse("admin:missions_imagecaption_changelist")).content.decode()
    assert reverse(DESK) not in page


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse(DESK))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_published_images_are_left_out_and_cannot_be_posted(editor_client, db):
    draft = make_drafts(1)[0]
    published = make_image(slug="public-one")
    page = editor_client.get(desk_url(ids=ids_of([draft, published])))
    assert [form.instance for form in page.context["formset"].forms] == [draft]
    data = posted(page)
    data["form-0-id"] = str(published.pk)
    data["form-0-caption_en"] = ""
    response = editor_client.post(desk_url(ids=ids_of([draft, published])), data)
    assert "0 saved, 1 to correct" in response.content.decode()
    assert "no longer a draft you may change here" in response.content.decode()
    assert ImageCaption.objects.get(pk=published.pk).caption_en != ""


def test_needs_a_caption_filter_link_and_default_selection(editor_client, db):
    waiting = make_drafts(2)
    make_image(slug="captioned-draft", is_published=False)  # a draft with its caption
    make_image(slug="public-one")
    changelist = reverse("admin:missions_imagecaption_changelist")
    listed = editor_client.get(changelist, {"caption": "needed"})
    assert {image.pk for image in listed.context["cl"].result_list} == {i.pk for i in waiting}
    assert "needs a caption" in listed.content.decode()
    assert reverse(DESK) in editor_client.get(changelist).content.decode()
    desk = editor_client.get(reverse(DESK))
    shown = [form.instance.pk for form in desk.context["formset"].forms]
    assert sorted(shown) == sorted(i.pk for i in waiting)
    assert "Drafts that need a caption" in desk.content.decode()


def test_the_list_action_opens_the_desk_with_the_selected_images(editor_client, db):
    drafts = make_drafts(2)
    response = editor_client.post(
        reverse("admin:missions_imagecaption_changelist"),
        {"action": "write_captions", "_selected_action": [d.pk for d in drafts]},
    )
    assert response.status_code == 302
    shown = editor_client.get(response["Location"]).context["formset"].forms
    assert sorted(form.instance.pk for form in shown) == sorted(d.pk for d in drafts)


def test_the_upload_report_offers_the_desk_for_its_images(editor_client, mission):
    drafts = make_drafts(3, mission=mission)
    files = [{"name": f"{d.slug}.jpg", "image": d.pk} for d in reversed(drafts)]
    files.append({"name": "broken.jpg", "errors": ["Not an image."]})
    batch = UploadBatch.objects.create(mission=mission, files=files, state="done")
    report = editor_client.get(
        reverse("admin:missions_mission_bulk_upload_batch", args=[mission.pk, batch.pk])
    ).content.decode()
    link = desk_url(batch=batch.pk)
    assert f'href="{link}"' in report and "Write their captions" in report
    desk = editor_client.get(link)
    # In upload order.
    assert [f.instance.pk for f in desk.context["formset"].forms] == [
        d.pk for d in reversed(drafts)
    ]
    assert editor_client.get(desk_url(batch=batch.pk + 1)).status_code == 404


def test_a_batch_still_waiting_offers_no_desk_yet(editor_client, mission):
    batch = UploadBatch.objects.create(mission=mission, files=[{"name": "a.jpg", "staged": "x"}])
    report = editor_client.get(
        reverse("admin:missions_mission_bulk_upload_batch", args=[mission.pk, batch.pk])
    ).content.decode()
    assert "Write their captions" not in report


def test_at_most_fifty_rows_a_page(editor_client, db, settings):
    from missions.admin import caption_desk

    drafts = make_drafts(3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(caption_desk, "PER_PAGE", 2)
        page = editor_client.get(desk_url(ids=ids_of(drafts)))
        assert len(page.context["formset"].forms) == 2
        second = editor_client.get(desk_url(ids=ids_of(drafts), page=2))
        assert [f.instance for f in second.context["formset"].forms] == [drafts[2]]
    assert caption_desk.PER_PAGE == 50


def fill_desk(count):
    """``count`` drafts, each with a mission and a photographer (among three of each)."""
    missions = [make_mission() for _ in range(3)]
    people = [make_astronaut() for _ in range(3)]
    for n, draft in enumerate(make_drafts(count)):
        ImageCaption.objects.filter(pk=draft.pk).update(
            mission=missions[n % 3], photographer=people[n % 3]
        )


QUERIES = 9  # session, user, permissions, missions, astronauts, the page's count and rows…


@pytest.mark.parametrize("count", [5, 20])
def test_the_desk_costs_a_bounded_number_of_queries(
    editor_client, db, count, django_assert_max_num_queries
):
    fill_desk(count)
    with django_assert_max_num_queries(QUERIES):
        response = editor_client.get(reverse(DESK))
    assert len(response.context["formset"].forms) == count
    assert response.content.decode().count("<textarea") == 2 * count


def test_the_same_queries_for_5_and_20_rows(editor_client, db):
    counts = []
    for count in (5, 20):
        ImageCaption.objects.all().delete()
        fill_desk(count)
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(reverse(DESK))
        assert len(response.context["formset"].forms) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "query", ["ids=²", "ids=99999999999999999999999", "ids=1,²,3", "batch=²", "batch=9" * 30]
)
def test_ids_that_are_not_record_ids_name_nothing(editor_client, query, db):
    response = editor_client.get(f"{reverse(DESK)}?{query}")
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert list(response.context["formset"].forms) == []


def test_a_posted_row_without_an_image_creates_nothing(editor_client, db):
    drafts = make_drafts(1)
    data = posted(editor_client.get(desk_url(ids=ids_of(drafts))))
    data["form-0-id"] = ""  # a row naming no image (or one added by raising TOTAL_FORMS)
    data["form-0-title_en"] = "A new image?"
    editor_client.post(desk_url(ids=ids_of(drafts)), data)
    data["form-0-id"] = "²"
    editor_client.post(desk_url(ids=ids_of(drafts)), data)
    assert ImageCaption.objects.count() == 1
    assert not ImageCaption.objects.filter(title_en="A new image?").exists()


def test_a_selection_larger_than_a_page_reaches_the_desk_whole(editor_client, db):
    drafts = make_drafts(53)
    response = editor_client.post(
        reverse("admin:missions_imagecaption_changelist"),
        {"action": "write_captions", "_selected_action": [d.pk for d in drafts]},
    )
    ids = response["Location"].split("ids=")[1].split(",")
    assert sorted(map(int, ids)) == sorted(d.pk for d in drafts)  # the desk pages them


def test_an_uploads_desk_says_its_time_in_the_sites_zone(editor_client, mission, settings):
    from datetime import UTC, datetime

    drafts = make_drafts(1, mission=mission)
    batch = UploadBatch.objects.create(
        mission=mission, files=[{"name": "a.jpg", "image": drafts[0].pk}], state="done"
    )
    UploadBatch.objects.filter(pk=batch.pk).update(
        created_at=datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    )
    page = editor_client.get(desk_url(batch=batch.pk)).content.decode()
    assert "1 Jul 2026 10:30" in page  # Paris, summer time
