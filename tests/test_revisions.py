"""The editors' day: every save of a public record keeps a version (who, when, what changed);
a version is compared with now, previewed as a public page, and restored."""

import re

import pytest
from django.urls import reverse

from missions.models import Agency, Astronaut, ImageCaption, Mission, Spacecraft, Video
from missions.scheduling import carry_out
from tests.factories import make_image, make_mission


def history_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[record.pk])


def version_url(record, version):
    meta = record._meta
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_simple_history",
        args=[record.pk, version.history_id],
    )


def change_form(image, **fields):
    data = {
        "slug": image.slug,
        "title_en": image.title_en,
        "title_fr": image.title_fr,
        "caption_en": image.caption_en,
        "caption_fr": image.caption_fr,
        "alt_en": image.alt_en,
        "alt_fr": image.alt_fr,
        "date_taken": "",
        "credit": image.credit,
        "licence": image.licence,
    }
    if image.is_published:
        data["is_published"] = "on"
    data.update(fields)
    return data


@pytest.mark.parametrize("model", [Mission, Astronaut, Spacecraft, ImageCaption, Video, Agency])
def test_every_public_model_keeps_versions(model):
    assert hasattr(model, "history")


def test_each_save_in_the_admin_keeps_a_version_with_who_and_when(editor_client, editor, db):
    image = make_image(caption_en="The first words.")
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    for caption in ("Second words.", "Third words, the best."):
        response = editor_client.post(url, change_form(image, caption_en=caption))
        assert response.status_code == 302
    versions = list(image.history.all())  # newest first
    assert [v.caption_en for v in versions] == [
        "Third words, the best.",
        "Second words.",
        "The first words.",
    ]
    assert [v.history_user for v in versions[:2]] == [editor, editor]
    assert versions[0].history_date > versions[1].history_date

    page = editor_client.get(history_url(image)).content.decode()
    assert "3 versions" in page
    assert page.count(f"<td>{editor.get_username()}</td>") == 2
    # What changed, as words taken out and put in.
    assert "<del>Second words.</del> &rarr; <ins>Third words, the best.</ins>" in page.replace(
        "&nbsp;", " "
    )


def test_a_version_restored_brings_back_the_texts_not_the_publication(
    editor_client, editor, django_capture_on_commit_callbacks, db
):
    image = make_image(is_published=False, caption_en="A good caption.", title_en="Good")
    first = image.history.get()
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    editor_client.post(
        url, change_form(image, caption_en="A caption spoilt by mistake.", is_published="on")
    )
    image.refresh_from_db()
    assert image.is_published and image.caption_en == "A caption spoilt by mistake."

    # The version's form shows its texts, and today's publication.
    response = editor_client.get(version_url(image, first))
    form = response.context["adminform"].form
    assert form.initial["caption_en"] == "A good caption."
    assert form.initial["is_published"] is True
    assert "Restore this version" in response.content.decode()

    data = change_form(image, caption_en="A good caption.", title_en="Good")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(version_url(image, first), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption_en == "A good caption." and image.is_published
    # The restore is a version of its own: nothing in between is lost.
    assert [v.caption_en for v in image.history.all()] == [
        "A good caption.",
        "A caption spoilt by mistake.",
        "A good caption.",
    ]
    # Visitors see the restored caption.
    public = editor_client.get(image.get_absolute_url()).content.decode()
    assert "A good caption." in public


def test_a_restore_keeps_the_current_file(editor_client, db):
    from tests.factories import upload
    from tests.test_duplicates import form_data, photo

    image = make_image(caption_en="Before.")
    first = image.history.get()
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    data = form_data(upload("new.jpg", photo(5)), slug=image.slug, caption_en="After.")
    assert editor_client.post(url, data).status_code == 302
    image.refresh_from_db()
    new_file = image.image.name
    data = change_form(image, caption_en="Before.")
    response = editor_client.post(version_url(image, first), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption_en == "Before." and image.image.name == new_file
    assert image.image.storage.exists(new_file)


def test_compare_marks_the_words_that_changed(editor_client, db):
    image = make_image(caption_en="The crew docked at the station on Friday.")
    first = image.history.get()
    image.caption_en = "The crew docked at the space station on Saturday."
    image.save()
    response = editor_client.get(
        reverse("admin:missions_imagecaption_compare", args=[image.pk, first.history_id])
    )
    page = response.content.decode()
    assert "<del>Friday.</del>" in page
    assert "<ins>space</ins>" in page and "<ins>Saturday.</ins>" in page
    assert len(response.context["rows"]) == 1  # only the caption differs

    same = image.history.first()
    response = editor_client.get(
        reverse("admin:missions_imagecaption_compare", args=[image.pk, same.history_id])
    )
    assert "This version is the same as the record now." in response.content.decode()


def test_an_editor_previews_a_version_and_visitors_never_see_it(editor_client, db):
    from django.test import Client

    mission = make_mission(summary_en="The old summary of the mission.")
    old = mission.history.get()
    mission.summary_en = "The new summary."
    mission.save()
    url = f"{mission.get_absolute_url()}?version={old.history_id}"

    page = editor_client.get(url).content.decode()
    assert "The old summary of the mission." in page and "The new summary." not in page
    assert "a preview for editors" in page

    french = editor_client.get(
        f"{reverse('missions:mission', kwargs={'slug': mission.slug}).replace('/en/', '/fr/')}"
        f"?version={old.history_id}"
    )
    assert french.status_code == 200

    public = Client().get(url).content.decode()  # a visitor
    assert "The new summary." in public and "The old summary" not in public
    assert editor_client.get(f"{mission.get_absolute_url()}?version=999999").status_code == 404
    assert editor_client.get(f"{mission.get_absolute_url()}?version=abc").status_code == 404


def test_another_records_version_is_not_shown(editor_client, db):
    mine, other = make_mission(), make_mission(summary_en="Someone else's words.")
    version = other.history.get()
    url = f"{mine.get_absolute_url()}?version={version.history_id}"
    assert editor_client.get(url).status_code == 404


def test_bulk_publish_and_the_schedule_keep_versions(editor_client, editor, db):
    from datetime import timedelta

    from django.utils import timezone

    by_hand = make_image(is_published=False)
    editor_client.post(
        reverse("admin:missions_imagecaption_changelist"),
        {"action": "publish", "_selected_action": [by_hand.pk]},
    )
    newest = by_hand.history.first()
    assert newest.is_published and newest.history_user == editor

    scheduled = make_image(is_published=False, publish_at=timezone.now() - timedelta(minutes=1))
    carry_out()
    newest = scheduled.history.first()
    assert newest.is_published and newest.history_user is None
    page = editor_client.get(history_url(scheduled)).content.decode()
    assert "the schedule" in page


def test_the_history_page_costs_the_same_queries_with_more_versions(
    editor_client, django_assert_max_num_queries, db
):
    image = make_image()

    def queries(count):
        while image.history.count() < count:
            image.caption_en = f"Caption number {image.history.count()}."
            image.save()
        with django_assert_max_num_queries(20) as captured:
            assert editor_client.get(history_url(image)).status_code == 200
        return len(captured)

    assert queries(3) == queries(30)


def test_versions_need_the_editors_permissions(client, django_user_model, db):
    from django.contrib.auth.models import Permission

    image = make_image(caption_en="Right.")
    first = image.history.get()
    image.caption_en = "Wrong."
    image.save()
    user = django_user_model.objects.create_user("visitor", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(history_url(image)).status_code == 403
    # Allowed to view images, not to change them: sees the versions, restores none.
    user.user_permissions.add(Permission.objects.get(codename="view_imagecaption"))
    assert client.get(history_url(image)).status_code == 200
    response = client.post(version_url(image, first), change_form(image, caption_en="Right."))
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.caption_en == "Wrong."
    nobody = django_user_model.objects.create_user("nobody", password="pw", is_staff=True)
    client.force_login(nobody)
    assert (
        client.get(f"{image.get_absolute_url()}?version={first.history_id}")
        .content.decode()
        .count("a preview for editors")
        == 0
    )


def test_the_french_history_page_is_in_french(editor_client, db):
    image = make_image()
    image.save()
    editor_client.cookies["django_language"] = "fr"
    page = editor_client.get(history_url(image), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert re.search(r"2 versions", page)
    assert "Comparer avec maintenant" in page


# --- a page previewed with the form's changes, before saving ------------------------------------


def preview_url(record, language="en"):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_preview", args=[record.pk, language])


def test_the_form_previews_the_public_page_with_unsaved_changes(editor_client, db):
    image = make_image(caption_en="The caption visitors read.", caption_fr="La légende publique.")
    form_page = editor_client.get(reverse("admin:missions_imagecaption_change", args=[image.pk]))
    assert f'formaction="{preview_url(image)}"' in form_page.content.decode()

    data = change_form(image, caption_en="A better caption, not saved.", caption_fr="Mieux.")
    response = editor_client.post(preview_url(image), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "A better caption, not saved." in page and "The caption visitors read." not in page
    assert "Preview of your changes, not saved yet" in page
    assert "no-cache" in response["Cache-Control"]
    french = editor_client.post(preview_url(image, "fr"), data).content.decode()
    assert "Mieux." in french and '<html lang="fr">' in french

    image.refresh_from_db()
    assert image.caption_en == "The caption visitors read."  # nothing saved
    assert image.history.count() == 1  # and no version


def test_a_mission_is_previewed_by_its_own_page(editor_client, db):
    mission = make_mission(summary_en="Old summary.")
    data = {
        "name": mission.name,
        "slug": mission.slug,
        "launch_date": "2016-11-17",
        "summary_en": "A new summary for the press release.",
        "summary_fr": mission.summary_fr,
        "is_published": "on",
    }
    page = editor_client.post(preview_url(mission), data).content.decode()
    assert "A new summary for the press release." in page
    assert Mission.objects.get(pk=mission.pk).summary_en == "Old summary."


def test_a_preview_of_a_form_with_mistakes_lists_them_and_saves_nothing(editor_client, db):
    image = make_image()
    data = change_form(image, title_en="", title_fr="")
    response = editor_client.post(preview_url(image), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The form has mistakes" in page
    assert "Write the title in English or in French (or both) before publishing." in page


def test_a_preview_needs_a_post_and_the_right_to_change(
    client, editor_client, django_user_model, db
):
    from django.contrib.auth.models import Permission

    image = make_image()
    assert editor_client.get(preview_url(image)).status_code == 405
    assert editor_client.post(preview_url(image, "de"), change_form(image)).status_code == 404
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_imagecaption"))
    client.force_login(viewer)
    assert client.post(preview_url(image), change_form(image)).status_code == 403  # (client is
    # the same test client as editor_client, now logged in as the viewer)


def test_records_older_than_versions_get_their_first_one_from_populate_history(db):
    """After upgrading, ``manage.py populate_history --auto`` (README) versions older records."""
    from django.core.management import call_command

    ImageCaption.objects.bulk_create(
        [ImageCaption(slug=f"old-{n}", caption_en=f"Old {n}.", image="old.jpg") for n in range(3)]
    )  # bulk_create keeps no version, as records from before versions have none
    assert not ImageCaption.history.exists()
    call_command("populate_history", auto=True, verbosity=0)
    assert sorted(ImageCaption.history.values_list("caption_en", flat=True)) == [
        "Old 0.",
        "Old 1.",
        "Old 2.",
    ]


def test_the_history_shows_the_changed_words_of_a_long_text_with_a_few_around_them(
    editor_client, db
):
    words = [f"word{n}" for n in range(60)]
    image = make_image(caption_en=" ".join(words))
    image.caption_en = " ".join([*words[:30], "inserted", *words[30:]])
    image.save()
    page = editor_client.get(history_url(image)).content.decode().replace("&nbsp;", " ")
    assert "word24 word25 word26 word27 word28 word29 <ins>inserted</ins> word30 word31" in page
    assert "word0 " not in page and "word59" not in page  # far from the change: cut to "…"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/missions/imagecaption/abc/history/",
        "/admin/missions/imagecaption/abc/history/1/",
        "/admin/missions/imagecaption/{pk}/history/abc/",
        "/admin/missions/imagecaption/{pk}/history/999999/",
        "/admin/missions/imagecaption/{pk}/history/999999/compare/",
        "/admin/missions/imagecaption/999999/history/1/compare/",
    ],
)
def test_addresses_of_versions_that_do_not_exist_are_404(editor_client, path, db):
    image = make_image()
    assert editor_client.get(path.format(pk=image.pk)).status_code == 404


def _records_with_pages(jobs):
    from missions.models import Place
    from tests.factories import make_astronaut, make_spacecraft, new_video

    return [
        (make_mission(summary_en="Stored words."), "summary_en"),
        (make_astronaut(biography_en="Stored words."), "biography_en"),
        (make_spacecraft(description_en="Stored words."), "description_en"),
        (make_image(caption_en="Stored words."), "caption_en"),
        (new_video(jobs, description_en="Stored words."), "description_en"),
        (
            Agency.objects.create(
                slug="esa", short_name="ESA", description_en="Stored words.", is_published=True
            ),
            "description_en",
        ),
        (
            Place.objects.create(
                slug="kourou", name_en="Kourou", description_en="Stored words.", is_published=True
            ),
            "description_en",
        ),
    ]


def test_every_public_page_is_previewed_with_a_forms_values(editor, jobs, rf):
    """Each kind of page, drawn by its own view, shows the values given, and saves nothing."""
    from missions.admin.page_preview import public_page

    for stored, field in _records_with_pages(jobs):
        request = rf.post("/admin/")
        request.user = editor
        request.session = {}
        values = type(stored).objects.get(pk=stored.pk)
        for name in (field, field.replace("_en", "_fr")):
            setattr(values, name, "Words typed in the form, not saved.")
        for language in ("en", "fr"):
            response = public_page(request, stored, values, language)
            page = response.content.decode()
            assert response.status_code == 200, type(stored).__name__
            assert "Words typed in the form, not saved." in page, (type(stored), language)
        stored.refresh_from_db()
        assert getattr(stored, field) == "Stored words."


def test_a_restore_that_moves_an_image_back_recounts_both_missions(editor_client, db):
    from missions.facets import archive, forget_archive

    first_mission, second_mission = make_mission(), make_mission()
    image = make_image(mission=first_mission)
    first = image.history.get()
    image.mission = second_mission
    image.save()
    data = change_form(image)
    data["mission"] = first_mission.pk
    assert editor_client.post(version_url(image, first), data).status_code == 302
    forget_archive()
    counts = archive()
    assert counts.images_of("mission", first_mission.pk) == 1
    assert counts.images_of("mission", second_mission.pk) == 0


def test_a_text_sent_back_with_other_line_endings_is_not_a_change(editor_client, db):
    """Browsers send a textarea's lines ended by CR LF: the history shows no change for it."""
    image = make_image(caption_en="First line.\nSecond line.", caption_fr="Une.")
    image.caption_en = "First line.\r\nSecond line."
    image.caption_fr = "Deux."
    image.save()
    page = editor_client.get(history_url(image)).content.decode()
    assert "Caption (French):" in page
    assert "Caption (English):" not in page
    compare = editor_client.get(
        reverse("admin:missions_imagecaption_compare", args=[image.pk, image.history.last().pk])
    )
    assert [str(row[0]) for row in compare.context["rows"]] == ["caption (French)"]
