"""The public gallery: filters alone and combined, facet counts, bad input, pagination."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from missions.models import ImageCaption
from tests.factories import make_astronaut, make_image, make_mission, make_spacecraft


def gallery(client, language="en", **params):
    with translation.override(language):
        path = reverse("missions:gallery")
    return client.get(path, params)


def slugs(response):
    return [image.slug for image in response.context["object_list"]]


def facet(response, name):
    return {
        c.value: c.count for f in response.context["facets"] if f.name == name for c in f.choices
    }


@pytest.fixture
def archive(db):
    proxima = make_mission(name="Proxima", slug="proxima")
    alpha = make_mission(name="Alpha", slug="alpha")
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas")
    claudie = make_astronaut(name="Claudie Haigneré", slug="claudie")
    dragon = make_spacecraft(name="Cargo Dragon", slug="cargo-dragon")
    soyuz = make_spacecraft(name="Soyuz", slug="soyuz")
    make_image(
        slug="p-sunrise",
        mission=proxima,
        photographer=thomas,
        date_taken=date(2016, 12, 3),
        title_en="Sunrise",
        caption_fr="Voler face au soleil",
    )
    make_image(
        slug="p-glacier",
        mission=proxima,
        photographer=thomas,
        date_taken=date(2017, 2, 1),
        title_en="Glacier",
        caption_en="Melting ice",
        caption_fr="Glace qui fond",
    )
    undocking = make_image(
        slug="a-undock",
        mission=alpha,
        photographer=thomas,
        date_taken=date(2021, 9, 30),
        title_en="Undocking",
        caption_en="Cargo Dragon CRS-23 undocking",
    )
    undocking.spacecraft.add(dragon)
    pad = make_image(
        slug="soyuz-pad",
        mission=None,
        photographer=claudie,
        date_taken=date(2001, 10, 21),
        title_en="Soyuz on the pad",
    )
    pad.spacecraft.add(soyuz)
    make_image(slug="draft", mission=alpha, photographer=thomas, is_published=False)
    return locals()


def test_gallery_shows_published_images_newest_first(client, archive):
    assert slugs(gallery(client)) == ["a-undock", "p-glacier", "p-sunrise", "soyuz-pad"]


def test_gallery_filtered_by_mission_shows_only_its_images(client, archive):
    assert slugs(gallery(client, mission="proxima")) == ["p-glacier", "p-sunrise"]


def test_gallery_filtered_by_photographer(client, archive):
    assert slugs(gallery(client, photographer="claudie")) == ["soyuz-pad"]


def test_gallery_filtered_by_spacecraft_shown(client, archive):
    assert slugs(gallery(client, spacecraft="cargo-dragon")) == ["a-undock"]


def test_gallery_filtered_by_year(client, archive):
    assert slugs(gallery(client, year="2017")) == ["p-glacier"]


def test_gallery_search_covers_both_languages(client, archive):
    assert slugs(gallery(client, q="soleil")) == ["p-sunrise"]
    assert slugs(gallery(client, q="melting")) == ["p-glacier"]
    assert slugs(gallery(client, q="crs-23 dragon")) == ["a-undock"]


def test_filters_combine(client, archive):
    assert slugs(gallery(client, mission="proxima", year="2016")) == ["p-sunrise"]
    assert slugs(gallery(client, photographer="thomas", q="glace")) == ["p-glacier"]
    assert slugs(gallery(client, mission="alpha", year="2016")) == []


def test_sort_oldest_first(client, archive):
    assert slugs(gallery(client, sort="oldest"))[0] == "soyuz-pad"


def test_facets_count_what_each_choice_would_give(client, archive):
    response = gallery(client)
    assert facet(response, "mission") == {"alpha": 1, "proxima": 2}
    assert facet(response, "photographer") == {"thomas": 3, "claudie": 1}
    assert facet(response, "spacecraft") == {"cargo-dragon": 1, "soyuz": 1}
    assert facet(response, "year") == {"2021": 1, "2017": 1, "2016": 1, "2001": 1}


def test_facets_keep_the_other_filters(client, archive):
    response = gallery(client, year="2016")
    assert facet(response, "mission") == {"proxima": 1}
    assert facet(response, "year") == {"2021": 1, "2017": 1, "2016": 1, "2001": 1}


def test_facets_offer_only_what_has_published_images(client, archive):
    make_mission(name="Empty", slug="empty")
    make_image(slug="hidden", mission=make_mission(slug="secret", is_published=False))
    missions = facet(gallery(client), "mission")
    assert "empty" not in missions
    assert "secret" not in missions


def test_selected_choice_is_marked_in_the_form(client, archive):
    page = gallery(client, mission="proxima").content.decode()
    assert '<option value="proxima" selected>Proxima (2)</option>' in page


@pytest.mark.parametrize(
    "params,message",
    [
        ({"mission": "no-such-mission"}, "There is no mission “no-such-mission” with images."),
        ({"mission": "999"}, "There is no mission “999” with images."),
        ({"year": "abc"}, "A year is written with digits, like 2021."),
        ({"photographer": "nobody"}, "There is no photographer “nobody” with images."),
        ({"sort": "sideways"}, "Select a valid choice."),
    ],
)
def test_invalid_parameters_give_a_normal_page_with_the_error(client, archive, params, message):
    response = gallery(client, **params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(slugs(response)) == 4


def test_a_bad_filter_does_not_drop_the_good_ones(client, archive):
    response = gallery(client, mission="proxima", year="abc")
    assert slugs(response) == ["p-glacier", "p-sunrise"]


def test_unknown_parameters_are_ignored(client, archive):
    response = gallery(client, colour="blue")
    assert response.status_code == 200
    assert len(slugs(response)) == 4


def test_draft_mission_slug_is_refused_like_an_unknown_one(client, archive):
    make_image(slug="hidden", mission=make_mission(slug="secret", is_published=False))
    response = gallery(client, mission="secret")
    assert "There is no mission “secret” with images." in response.content.decode()
    assert "hidden" not in slugs(response)


def _fill(count):
    mission = make_mission(slug="big")
    for n in range(count):
        make_image(slug=f"big-{n:03}", mission=mission, date_taken=date(2020, 1, 1 + n % 28))
    return mission


def test_pagination_keeps_filters_in_page_links(client, db):
    _fill(30)
    response = gallery(client, mission="big", sort="oldest")
    assert len(slugs(response)) == 24
    page = response.content.decode()
    assert 'href="?mission=big&amp;sort=oldest&amp;page=2"' in page
    second = gallery(client, mission="big", sort="oldest", page="2")
    assert len(slugs(second)) == 6
    # Back to the first page: the filters without a page number (no ?page=1 duplicate).
    assert 'rel="prev" href="?mission=big&amp;sort=oldest"' in second.content.decode()


@pytest.mark.parametrize("number", ["9999", "abc", "0", "-1"])
def test_impossible_page_numbers_show_a_page_and_say_so(client, db, number):
    _fill(30)
    response = gallery(client, page=number)
    assert response.status_code == 200
    assert f"There is no page “{number}”" in response.content.decode()
    assert len(slugs(response)) in (24, 6)


def test_gallery_in_french_shows_french_titles_and_labels(client, archive):
    ImageCaption.objects.filter(slug="p-sunrise").update(title_fr="Lever de soleil")
    page = gallery(client, "fr").content.decode()
    assert "Lever de soleil" in page
    assert "Photographe" in page


def test_filtered_gallery_is_a_shareable_link(client, archive):
    first = slugs(gallery(client, mission="proxima", year="2017"))
    assert first == slugs(client.get("/en/gallery/?mission=proxima&year=2017"))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_undated_images_come_last_whatever_the_order(client, archive, sort):
    make_image(slug="undated", date_taken=None)
    assert slugs(gallery(client, sort=sort))[-1] == "undated"


def _grow(archive, count):
    """More images over more missions, photographers, years and spacecraft."""
    for n in range(count):
        mission = make_mission(slug=f"grown-{count}-{n}")
        image = make_image(
            mission=mission if n % 2 else archive["proxima"],
            photographer=make_astronaut(slug=f"grown-{count}-{n}"),
            date_taken=date(1990 + n, 1, 1),
        )
        image.spacecraft.add(make_spacecraft(slug=f"grown-{count}-{n}"))


GALLERY_LINKS = [
    {},
    {"mission": "proxima"},
    {"photographer": "thomas", "year": "2017"},
    {"spacecraft": "cargo-dragon", "sort": "oldest"},
    {"mission": "proxima", "photographer": "thomas", "spacecraft": "soyuz", "year": "2016"},
    {"mission": "nope", "year": "abc", "page": "2"},
]


@pytest.mark.parametrize("params", GALLERY_LINKS)
def test_gallery_queries_stay_few_and_do_not_grow_with_the_archive(
    client, archive, django_assert_max_num_queries, params
):
    """Counts come from the archive's cells: no query counts rows, and none is made per card,
    per facet or per choice. At most 6 even right after a change (cells made afresh)."""
    from django.core.cache import cache

    sizes = []
    for grow_by in (0, 25):
        _grow(archive, grow_by)
        cache.clear()
        with django_assert_max_num_queries(6) as cold:
            gallery(client, **params)
        with django_assert_max_num_queries(6) as warm:
            gallery(client, **params)
        sizes.append((len(cold), len(warm)))
    assert sizes[0] == sizes[1]


def card(page, slug):
    """The HTML of the card that links to image ``slug``."""
    start = page.index(f"/{slug}/")
    return page[page.rindex('<li class="card">', 0, start) : page.index("</li>", start)]


def test_a_card_shows_title_mission_and_date_in_the_visitors_language(client, archive):
    ImageCaption.objects.filter(slug="p-glacier").update(title_fr="Glacier qui vêle")
    ImageCaption.objects.filter(slug="p-sunrise").update(title_fr="")
    french = gallery(client, "fr").content.decode()
    assert "Glacier qui vêle" in card(french, "p-glacier")
    assert 'Proxima · <time datetime="2017-02-01">1 février 2017</time>' in card(
        french, "p-glacier"
    )
    # No French title: the English one is shown, marked as English for screen readers.
    assert '<span class="card-title" lang="en">Sunrise</span>' in card(french, "p-sunrise")
    english = gallery(client, "en").content.decode()
    assert '<time datetime="2017-02-01">1 February 2017</time>' in card(english, "p-glacier")
    assert '<span class="card-title">Glacier</span>' in card(english, "p-glacier")
