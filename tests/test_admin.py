"""The editors' admin: what an Editors-group member can open and do."""

from datetime import date

import pytest
from django.urls import reverse

from missions.models import Astronaut, ImageCaption, Mission, Spacecraft
from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft

MODELS = ["mission", "astronaut", "spacecraft", "imagecaption"]


@pytest.fixture
def content(db):
    mission = make_mission()
    astronaut = make_astronaut()
    add_crew(mission, astronaut)
    craft = make_spacecraft()
    mission.spacecraft.add(craft)
    image = make_image(mission=mission, photographer=astronaut)
    image.spacecraft.add(craft)
    return {"mission": mission, "astronaut": astronaut, "spacecraft": craft, "imagecaption": image}


@pytest.mark.parametrize("model", MODELS)
def test_editor_opens_changelist_add_and_change_pages(editor_client, content, model):
    for url in (
        reverse(f"admin:missions_{model}_changelist"),
        reverse(f"admin:missions_{model}_add"),
        reverse(f"admin:missions_{model}_change", args=[content[model].pk]),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url


def test_mission_change_page_shows_crew_and_images_inlines(editor_client, content):
    response = editor_client.get(
        reverse("admin:missions_mission_change", args=[content["mission"].pk])
    )
    page = response.content.decode()
    assert content["astronaut"].name in page
    assert "Images of this mission" in page
    assert content["imagecaption"].webp_320.url in page


def test_changelists_search_both_languages(editor_client, db):
    make_image(title_en="Sunrise", caption_fr="Voler face au soleil")
    url = reverse("admin:missions_imagecaption_changelist")
    assert editor_client.get(url, {"q": "soleil"}).context["cl"].result_count == 1
    assert editor_client.get(url, {"q": "sunrise"}).context["cl"].result_count == 1
    assert editor_client.get(url, {"q": "nothing-like-it"}).context["cl"].result_count == 0


@pytest.mark.parametrize("name", ["user", "group"])
def test_editor_cannot_open_users_or_groups(editor_client, name):
    assert editor_client.get(reverse(f"admin:auth_{name}_changelist")).status_code == 403


def test_bulk_publish_and_unpublish(editor_client, db):
    drafts = [make_image(is_published=False) for _ in range(3)]
    url = reverse("admin:missions_imagecaption_changelist")
    response = editor_client.post(
        url,
        {"action": "publish", "_selected_action": [d.pk for d in drafts[:2]]},
        follow=True,
    )
    assert "2 items published." in response.content.decode()
    assert ImageCaption.objects.filter(is_published=True).count() == 2
    editor_client.post(url, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert ImageCaption.objects.filter(is_published=True).count() == 1


@pytest.mark.parametrize("model", [Mission, Astronaut, Spacecraft])
def test_bulk_publish_exists_on_every_public_model(editor_client, db, model):
    url = reverse(f"admin:missions_{model._meta.model_name}_changelist")
    actions = editor_client.get(url).context["action_form"].fields["action"].choices
    assert {"publish", "unpublish"} <= {name for name, _label in actions}


def test_editor_adds_an_image_with_captions_in_both_languages(editor_client, db):
    from tests.factories import upload

    mission = make_mission()
    response = editor_client.post(
        reverse("admin:missions_imagecaption_add"),
        {
            "image": upload("Sunrise From Cupola.JPG"),
            "slug": "",
            "title_en": "Sunrise",
            "title_fr": "Lever de soleil",
            "caption_en": "Flying into the sunrise is really cool.",
            "caption_fr": "Voler face au soleil c’est vraiment cool.",
            "mission": mission.pk,
            "credit": "ESA/NASA",
            "licence": "cc-by-sa-3.0-igo",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = ImageCaption.objects.get()
    assert image.slug == "sunrise"
    assert image.image.name.endswith(".jpg") and "sunrise" not in image.image.name  # random
    assert image.caption_fr == "Voler face au soleil c’est vraiment cool."


def test_image_changelist_has_a_year_filter(editor_client, db):
    from datetime import date

    make_image(date_taken=date(2016, 12, 3))
    make_image(date_taken=date(2021, 9, 30))
    url = reverse("admin:missions_imagecaption_changelist")
    assert editor_client.get(url, {"year": "2021"}).context["cl"].result_count == 1


def _changelist_queries(client, django_assert_max_num_queries, mission, count):
    for _ in range(count - ImageCaption.objects.count()):
        make_image(mission=mission, photographer=mission.crew.first())
    url = reverse("admin:missions_imagecaption_changelist")
    with django_assert_max_num_queries(14) as captured:
        response = client.get(url)
    assert response.context["cl"].result_count == count
    return len(captured)


def test_image_changelist_queries_do_not_grow_with_images(
    editor_client, django_assert_max_num_queries, db
):
    """Thumbnails, mission and photographer columns must not cost a query per row (N+1)."""
    mission = make_mission()
    add_crew(mission, make_astronaut())
    with_5 = _changelist_queries(editor_client, django_assert_max_num_queries, mission, 5)
    with_50 = _changelist_queries(editor_client, django_assert_max_num_queries, mission, 50)
    assert with_5 == with_50


def test_bulk_publish_leaves_images_without_caption_as_drafts(editor_client, db):
    ready = make_image(is_published=False)
    waiting = make_image(is_published=False, caption_en="", caption_fr="")
    response = editor_client.post(
        reverse("admin:missions_imagecaption_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, waiting.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 image stays a draft: a published image needs a title and a caption" in page
    assert "1 item published." in page
    assert list(ImageCaption.objects.filter(is_published=True)) == [ready]


def test_bulk_publish_and_unpublish_are_in_each_items_history(editor_client, editor, db):
    from django.contrib.admin.models import CHANGE, LogEntry

    drafts = [make_image(is_published=False) for _ in range(3)]
    url = reverse("admin:missions_imagecaption_changelist")
    editor_client.post(url, {"action": "publish", "_selected_action": [d.pk for d in drafts]})
    editor_client.post(url, {"action": "unpublish", "_selected_action": [drafts[0].pk]})

    history = reverse("admin:missions_imagecaption_history", args=[drafts[0].pk])
    page = editor_client.get(history).content.decode()
    assert page.count("<strong>Published:</strong>") == 2
    versions = list(drafts[0].history.all())
    assert [(v.is_published, v.history_user) for v in versions] == [
        (False, editor),
        (True, editor),
        (False, None),
    ]
    entries = LogEntry.objects.filter(action_flag=CHANGE, user=editor)
    assert sorted(int(e.object_id) for e in entries) == sorted(
        [d.pk for d in drafts] + [drafts[0].pk]
    )


@pytest.mark.parametrize(
    "query",
    [
        "year=0",
        "year=10000",
        "year=abc",
        "date_taken__year=99999999999999999999",
        "date_taken__year=9999",
        "date_taken__year=2016&date_taken__month=13",
        "date_taken__year=2016&date_taken__month=2&date_taken__day=30",
        "licence__exact=%00",  # PostgreSQL refuses NUL
    ],
)
def test_impossible_filters_in_the_image_list_give_the_list_not_an_error(editor_client, db, query):
    make_image(date_taken=date(2016, 12, 3))
    url = reverse("admin:missions_imagecaption_changelist")
    response = editor_client.get(f"{url}?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
    assert editor_client.get(response["Location"]).status_code == 200


def test_a_nul_character_in_an_admin_search_is_ignored(editor_client, db):
    make_mission(name="Proxima")
    url = reverse("admin:missions_mission_changelist")
    assert "Proxima" in editor_client.get(url, {"q": "Prox\x00ima"}).content.decode()
    autocomplete = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "missions",
            "model_name": "imagecaption",
            "field_name": "mission",
            "term": "\x00Prox",
        },
    )
    assert autocomplete.status_code == 200
    assert [r["text"] for r in autocomplete.json()["results"]] == ["Proxima"]


# --- the stories: agencies, places, agreements, experiments, a mission's timeline -------------

STORY_MODELS = ["agency", "place", "agreement", "experiment"]


@pytest.fixture
def stories(db):
    from missions.models import Agency, Agreement, Experiment, Place

    esa = Agency.objects.create(short_name="ESA", name_en="European Space Agency", slug="esa")
    kourou = Place.objects.create(
        name_en="Europe's Spaceport", slug="europes-spaceport", kind=Place.Kind.LAUNCH_SITE
    )
    agreement = Agreement.objects.create(
        title_en="Soyuz at Europe's Spaceport", slug="soyuz", signed_on=date(2005, 1, 19)
    )
    agreement.parties.add(esa)
    experiment = Experiment.objects.create(
        name_en="Echo", slug="echo", field=Experiment.Field.HUMAN_RESEARCH, leading_agency=esa
    )
    return {"agency": esa, "place": kourou, "agreement": agreement, "experiment": experiment}


@pytest.mark.parametrize("model", STORY_MODELS)
def test_editor_opens_the_stories_changelist_add_and_change_pages(editor_client, stories, model):
    for url in (
        reverse(f"admin:missions_{model}_changelist"),
        reverse(f"admin:missions_{model}_add"),
        reverse(f"admin:missions_{model}_change", args=[stories[model].pk]),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url


def test_agency_form_puts_english_and_french_side_by_side(editor_client, db):
    page = editor_client.get(reverse("admin:missions_agency_add")).content.decode()
    assert "field-name_en" in page and "field-name_fr" in page
    assert page.index("field-name_en") < page.index("field-name_fr")
    assert 'class="form-row field-name_en field-name_fr"' in page  # one row, two fields


def test_editor_adds_an_agency_and_a_place(editor_client, db):
    from missions.models import Agency, Place

    response = editor_client.post(
        reverse("admin:missions_agency_add"),
        {
            "short_name": "CNES",
            "slug": "cnes",
            "name_en": "French space agency",
            "name_fr": "Centre national d'études spatiales",
            "country": "FR",
            "website": "https://cnes.fr",
            "description_en": "",
            "description_fr": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Agency.objects.get(slug="cnes").tr("name") == "French space agency"
    response = editor_client.post(
        reverse("admin:missions_place_add"),
        {
            "name_en": "Star City",
            "name_fr": "Cité des étoiles",
            "slug": "star-city",
            "kind": "training_centre",
            "country": "RU",
            "region_en": "Near Moscow",
            "region_fr": "Près de Moscou",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not Place.objects.get(slug="star-city").is_published  # a draft until published


def test_stories_changelists_search_and_filter(editor_client, stories):
    url = reverse("admin:missions_place_changelist")
    assert editor_client.get(url, {"q": "spaceport"}).context["cl"].result_count == 1
    training = editor_client.get(url, {"kind__exact": "training_centre"})
    assert training.context["cl"].result_count == 0
    url = reverse("admin:missions_agreement_changelist")
    assert editor_client.get(url, {"q": "ESA"}).context["cl"].result_count == 1


def _form_data(response):
    """What the browser would send back for the admin change page of ``response``, unchanged:
    the main form's values and every inline formset's (management form included)."""
    data = {}

    def put(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or name == "id" and not value:
                continue
            if value is True:
                value = "on"
            data[form.add_prefix(name)] = value

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            put(form)
    return data


def test_editor_adds_a_timeline_event_with_its_image_on_the_mission_page(editor_client, content):
    from missions.models import MissionEvent

    mission = content["mission"]
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    data = _form_data(editor_client.get(url))
    assert data["events-TOTAL_FORMS"] == 0
    data.update(
        {
            "events-TOTAL_FORMS": 1,
            "events-0-kind": "undocking",
            "events-0-date": "2021-09-30",
            "events-0-label_en": "Cargo Dragon CRS-23 undocks",
            "events-0-label_fr": "Désamarrage du Cargo Dragon CRS-23",
            "events-0-images": [content["imagecaption"].pk],
            "figures-TOTAL_FORMS": 1,
            "figures-0-value": 200,
            "figures-0-label_en": "experiments planned",
            "figures-0-position": 0,
            "links-TOTAL_FORMS": 1,
            "links-0-label_en": "Mission Alpha",
            "links-0-url": "https://www.esa.int/MissionAlpha",
            "links-0-position": 0,
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    event = MissionEvent.objects.get(mission=mission)
    assert (event.kind, event.date) == ("undocking", date(2021, 9, 30))
    assert list(event.images.all()) == [content["imagecaption"]]
    assert mission.figures.get().value == 200
    assert mission.links.get().url == "https://www.esa.int/MissionAlpha"


def test_mission_page_shows_the_story_inlines_and_the_new_links(editor_client, content):
    from missions.models import MissionEvent

    mission = content["mission"]
    event = MissionEvent.objects.create(
        mission=mission, kind="launch", date=date(2016, 11, 17), label_en="Launch from Baikonur"
    )
    event.images.add(content["imagecaption"])
    page = editor_client.get(reverse("admin:missions_mission_change", args=[mission.pk]))
    html = page.content.decode()
    for inline in ("figures-group", "events-group", "links-group", "crew_members-group"):
        assert f'id="{inline}"' in html, inline
    assert "Launch from Baikonur" in html
    # Images and videos of an event are chosen by autocomplete, not from a list of all of them.
    for field in ("images", "videos"):
        assert f'data-model-name="missionevent" data-field-name="{field}"' in html, field
    for field in ("launch_place", "training_place", "partners"):
        assert f'name="{field}"' in html, field


@pytest.mark.parametrize("model", ["astronaut", "spacecraft"])
def test_astronaut_and_spacecraft_pages_have_links_and_their_agency(editor_client, content, model):
    page = editor_client.get(reverse(f"admin:missions_{model}_change", args=[content[model].pk]))
    html = page.content.decode()
    assert 'id="links-group"' in html
    assert ('name="space_agency"' if model == "astronaut" else 'name="operated_by"') in html


def test_image_form_and_list_know_illustrations(editor_client, db):
    make_image(slug="drawn", is_illustration=True)
    make_image(slug="photo")
    page = editor_client.get(reverse("admin:missions_imagecaption_add")).content.decode()
    assert 'name="is_illustration"' in page
    url = reverse("admin:missions_imagecaption_changelist")
    assert editor_client.get(url, {"is_illustration__exact": "1"}).context["cl"].result_count == 1
