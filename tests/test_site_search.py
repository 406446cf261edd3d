"""The header's search (missions/search/site.py) and the French forms of names."""

import pytest
from django.urls import reverse
from django.utils import translation

from missions.models import ImageCaption
from tests.factories import make_astronaut, make_image, make_mission, make_spacecraft

pytestmark = pytest.mark.django_db


def french(name, **kwargs):
    with translation.override("fr"):
        return reverse(name, **kwargs)


def results(page):
    """``{group heading: [names]}`` and the images, as a visitor reads them."""
    groups = {str(label): [hit.name for hit in hits] for label, hits in page.context["groups"]}
    return groups, [image.slug for image in page.context["images"]]


@pytest.fixture
def archive():
    iss = make_spacecraft(
        name="International Space Station",
        name_fr="Station spatiale internationale",
        slug="iss",
        operator="NASA, Roscosmos, ESA",
        description_en="Crews have lived aboard since 2000.",
        description_fr="Des équipages y vivent depuis 2000.",
    )
    soyuz = make_spacecraft(
        name="Soyuz",
        slug="soyuz",
        operator="Roscosmos; Arianespace at Europe's Spaceport",
        operator_fr="Roscosmos ; Arianespace au Centre spatial guyanais",
    )
    alpha = make_mission(
        name="Alpha",
        slug="alpha",
        summary_en="Thomas Pesquet's second flight to the space station.",
        summary_fr="Le deuxième vol de Thomas Pesquet vers la station spatiale.",
        destination_en="International Space Station",
        destination_fr="Station spatiale internationale",
    )
    alpha.spacecraft.add(iss)
    make_astronaut(
        name="Thomas Pesquet",
        slug="thomas-pesquet",
        biography_en="A French engineer and pilot who flew to the station twice.",
        biography_fr="Ingénieur et pilote français, il a volé deux fois vers la station.",
    )
    make_astronaut(name="Secret Recruit", slug="secret", is_published=False, biography_en="station")
    make_mission(name="Draft Station Mission", slug="draft", is_published=False)
    picture = make_image(slug="cupola", caption_en="The station's Cupola", mission=alpha)
    picture.spacecraft.add(soyuz)
    return iss, soyuz, alpha


def test_the_header_searches_missions_astronauts_spacecraft_and_images_grouped(client, archive):
    page = client.get(reverse("missions:search"), {"q": "stations"})

    groups, images = results(page)
    assert groups == {
        "Missions": ["Alpha"],
        "Astronauts": ["Thomas Pesquet"],
        "Spacecraft": ["International Space Station"],
    }
    assert images == ["cupola"]
    assert page.context["image_count"] == 1
    html = page.content.decode()
    assert "flew to the <mark>station</mark> twice" in html
    assert 'action="/en/search/"' in client.get(reverse("missions:home")).content.decode()


def test_a_name_match_comes_first_and_drafts_are_never_found(client, archive):
    make_spacecraft(name="Station Keeper", slug="keeper", description_en="Not a space station.")

    page = client.get(reverse("missions:search"), {"q": "station"})

    groups, _images = results(page)
    assert groups["Spacecraft"] == ["International Space Station", "Station Keeper"]
    html = page.content.decode()
    assert "Secret Recruit" not in html and "Draft Station Mission" not in html


def test_french_pages_search_and_show_the_french_forms(client, archive):
    page = client.get(french("missions:search"), {"q": "station spatiale"})

    groups, _images = results(page)
    assert groups == {
        "Missions": ["Alpha"],
        "Engins spatiaux": ["Station spatiale internationale"],
    }
    assert "vol de Thomas Pesquet vers la <mark>station</mark> <mark>spatiale</mark>" in (
        page.content.decode()
    )


def test_english_words_on_a_french_page_find_english_texts_marked_as_english(client, archive):
    page = client.get(french("missions:search"), {"q": "engineer"})

    groups, _images = results(page)
    assert groups == {"Astronautes": ["Thomas Pesquet"]}
    assert '<p lang="en">A French <mark>engineer</mark>' in page.content.decode()


@pytest.mark.parametrize("text", ["", "!!!", "the", "x" * 10_000, '"unbalanced', "\x00"])
def test_bad_queries_give_a_calm_page(client, archive, text):
    page = client.get(reverse("missions:search"), {"q": text})

    assert page.status_code == 200


def test_the_site_search_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    def grow(count):
        start = ImageCaption.objects.count()
        for n in range(count):
            mission = make_mission(name=f"Orbit {start + n}", slug=f"orbit-{start + n}")
            make_astronaut(biography_en="Orbit", slug=f"person-{start + n}")
            make_image(caption_en="Orbit", mission=mission, slug=f"orbit-image-{start + n}")

    grow(2)
    client.get(reverse("missions:search"), {"q": "orbit"})  # records read once per version
    # The version, the names of the image search, its counts (cached), and the first images:
    # the title matches, the count of them, the others, the rows.
    with django_assert_max_num_queries(7):
        client.get(reverse("missions:search"), {"q": "orbit"})
    grow(10)
    client.get(reverse("missions:search"), {"q": "orbit"})
    with django_assert_max_num_queries(7):
        page = client.get(reverse("missions:search"), {"q": "orbit"})
    assert len(results(page)[0]["Missions"]) == 12


def test_spacecraft_pages_and_facets_use_the_french_forms(client, archive):
    iss, soyuz, _alpha = archive

    detail = client.get(french("missions:spacecraft", kwargs={"slug": "soyuz"})).content.decode()
    listing = client.get(french("missions:spacecraft-list")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("missions:spacecraft-list")).content.decode()
    gallery = client.get(french("missions:gallery")).content.decode()

    assert "Roscosmos ; Arianespace au Centre spatial guyanais" in detail
    assert "Station spatiale internationale" in listing
    assert "International Space Station" not in listing
    assert "International Space Station" in english
    assert "Soyuz" in gallery  # a name left empty in French is the same name
    mission = client.get(french("missions:mission", kwargs={"slug": "alpha"})).content.decode()
    assert mission.count("Station spatiale internationale") >= 2  # destination and spacecraft
