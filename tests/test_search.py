"""Image text search (missions/search/): what a word finds, on whichever database runs the suite.

CI runs this file on SQLite (FTS5 table) and on PostgreSQL (tsvector table, GIN index); every
test but the ones about one database's index holds on both.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F

from missions.models import ImageCaption
from missions.search import filter_images, rebuild, search_words
from tests.factories import make_astronaut, make_image, make_mission

pytestmark = pytest.mark.django_db

only_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's GIN index"
)

BLANK_TEXTS = {
    "title_en": "",
    "title_fr": "",
    "caption_en": "Filler",
    "caption_fr": "Remplissage",
    "alt_en": "",
    "alt_fr": "",
}


def found(text, queryset=None):
    queryset = ImageCaption.objects.all() if queryset is None else queryset
    return set(filter_images(queryset, text).values_list("slug", flat=True))


def image(slug, **fields):
    return make_image(slug=slug, **{**BLANK_TEXTS, **fields})


@pytest.mark.parametrize(
    "column", ["title_en", "title_fr", "caption_en", "caption_fr", "alt_en", "alt_fr"]
)
def test_a_word_is_found_in_each_of_the_six_texts(column):
    image("match", **{column: "The Cupola at dawn"})
    image("other")

    assert found("cupola") == {"match"}


def test_case_does_not_count():
    image("match", caption_en="Aurora over CANADA")

    assert found("canada") == found("Canada") == found("AURORA") == {"match"}


@pytest.mark.parametrize("text", ["été", "ete", "ÉTÉ", "Ete", "e\u0301te\u0301"])
def test_a_french_word_is_found_with_or_without_its_accents(text):
    image("match", caption_fr="L'été à Kourou")
    image("other", caption_fr="Une tête")

    assert found(text) == {"match"}


def test_text_stored_with_decomposed_accents_is_found_without_them():
    image("match", caption_fr="Le pas de tir de Baïkonour, l'e\u0301te\u0301")

    assert found("ete baikonour") == {"match"}


def test_letters_of_their_own_are_not_folded_into_another():
    image("match", caption_fr="Ørsted, un satellite danois")

    assert found("ørsted") == {"match"}
    assert found("orsted") == set()


def test_a_word_finds_the_words_it_begins():
    image("match", caption_en="An astronaut floats in the Cupola")

    assert found("astro") == found("astronaut") == {"match"}
    assert found("naut") == set()
    assert found("astronauts") == set()


def test_every_word_must_be_found_each_in_any_text():
    image("both", title_en="Sunrise", caption_fr="Le soleil se lève sur la Terre")
    image("one", title_en="Sunrise", caption_fr="La Lune")

    assert found("sunrise terre") == {"both"}
    assert found("sunrise") == {"both", "one"}
    assert found("sunrise mars") == set()


def test_the_name_of_the_mission_finds_its_images():
    proxima = make_mission(name="Proxima", slug="proxima")
    image("match", mission=proxima)
    image("other")

    assert found("proxima") == found("prox") == {"match"}


def test_the_name_of_the_photographer_finds_the_pictures_taken():
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas")
    jean_loup = make_astronaut(name="Jean-Loup Chrétien", slug="jean-loup")
    image("thomas", photographer=thomas)
    image("jean-loup", photographer=jean_loup)

    assert found("pesquet") == found("Thomas") == {"thomas"}
    assert found("chretien") == found("loup") == {"jean-loup"}


def test_a_name_counts_for_its_word_only_and_other_words_still_apply():
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas")
    image("thomas-earth", photographer=thomas, caption_en="Earth at night")
    image("thomas-moon", photographer=thomas, caption_en="The Moon")
    image("earth", caption_en="Earth at night")

    assert found("pesquet earth") == {"thomas-earth"}
    assert found("earth") == {"thomas-earth", "earth"}


def test_a_draft_name_finds_nothing():
    draft = make_mission(name="Horizons", slug="horizons", is_published=False)
    image("in-draft-mission", mission=draft)
    hidden = make_astronaut(name="Secret Recruit", slug="secret-recruit", is_published=False)
    image("by-draft-photographer", photographer=hidden)

    assert found("horizons") == set()
    assert found("recruit") == set()


def test_an_image_saved_with_a_new_caption_is_found_by_its_new_words_only():
    saved = image("match", caption_en="A hurricane over the Atlantic")
    saved.caption_en = "A volcano in Iceland"
    saved.save()

    assert found("volcano") == {"match"}
    assert found("hurricane") == set()


def test_an_update_of_many_images_is_searched_at_once():
    image("match", caption_en="Old words")
    ImageCaption.objects.filter(slug="match").update(alt_en="Glacier in Greenland")

    assert found("greenland") == {"match"}


def test_a_deleted_image_is_no_longer_found():
    image("kept", caption_en="Moon and Earth")
    image("deleted", caption_en="Moon and Earth").delete()

    assert found("moon") == {"kept"}


@pytest.mark.parametrize(
    "text",
    [
        '"moon',
        'moon"',
        "moon*",
        "*moon",
        "-moon",
        "^moon",
        "moon)",
        "'moon'",
        "moon\\",
        "moon:*",
        "!moon | moon & moon",
        "moon\x00",
        "moon 🚀",
        "moon_",
    ],
)
def test_search_syntax_of_either_database_is_only_punctuation(text):
    image("moon", caption_en="The Moon")
    image("other")

    assert found(text) == {"moon"}


@pytest.mark.parametrize(
    "text, words",
    [
        ("AND", "and"),
        ("moon OR", "moon or"),
        ("NOT moon", "not moon"),
        ("NEAR(moon", "near moon"),
        ("NEAR(moon near, 2)", "near moon 2"),
        ("caption_en:moon", "caption en moon"),
        ("{title_en}: moon", "title en moon"),
    ],
)
def test_operators_and_column_names_are_searched_as_the_words_they_contain(text, words):
    image("all", caption_en="Andromeda, the Moon, near Orion, 2 caption entries, a title, not")
    image("moon", caption_en="The Moon")

    assert found(text) == found(words) == {"all"}


@pytest.mark.parametrize(
    "text",
    ["", "   ", '"', "*", "-", "^", "()", ":", "\x00", "🚀🌍", "!!! ??? ...", "'", "\\", "_"],
)
def test_a_text_without_any_word_leaves_the_images_as_they_were(text):
    image("one")
    images = ImageCaption.objects.all()

    assert filter_images(images, text) is images


def test_a_very_long_text_is_searched_by_its_first_words():
    image("match", caption_en="Moon and Earth")
    first_words = "moon earth " + "x" * 10_000

    assert found(first_words) == set()  # the third word, cut to a prefix, is not in the caption
    assert found("moon earth " + "🚀" * 10_000) == {"match"}
    assert found("m" * 10_000) == set()


def test_at_most_eight_words_are_searched():
    image("match", caption_en="one two three four five six seven eight")

    assert found("one two three four five six seven eight nine") == {"match"}
    assert search_words("a b c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"]


def test_words_are_letters_and_digits_of_any_script():
    assert search_words("Soyuz MS-21: l'été, 3.5 km!") == [
        "Soyuz",
        "MS",
        "21",
        "l",
        "été",
        "3",
        "5",
        "km",
    ]
    assert search_words("Москва 東京 moon_walk") == ["Москва", "東京", "moon", "walk"]
    assert search_words("Moon moon MOON") == ["Moon"]


def test_words_joined_by_punctuation_are_found_one_by_one():
    image("match", caption_en="Cargo Dragon CRS-23 (www.esa.int), 3.5 km, mission_control")

    assert found("crs 23") == found("esa") == found("5 km") == found("control") == {"match"}
    assert found("crs-23") == found("www.esa.int") == found("3.5") == {"match"}


def test_numbers_are_words_too():
    image("match", caption_en="Expedition 42 crew")
    image("other", caption_en="Expedition 7 crew")

    assert found("42") == {"match"}
    assert found("expedition 4") == set()  # one digit: that number, not every number it begins
    assert found("expedition 42") == {"match"}


def test_a_single_letter_or_digit_finds_only_that_word():
    image("plan-b", caption_en="Plan B for the Expedition 4 crew")
    image("baikonur", caption_en="Baikonur, before Expedition 42")

    assert found("b") == found("B") == {"plan-b"}
    assert found("4") == {"plan-b"}
    assert found("ba") == {"baikonur"}  # two letters are a prefix again
    assert found("4 b") == {"plan-b"}


def test_the_query_set_keeps_its_order_and_what_it_fetches():
    mission = make_mission(name="Alpha", slug="alpha")
    image("old", caption_en="Earth", date_taken=date(2001, 1, 1), mission=mission)
    image("undated", caption_en="Earth", date_taken=None)
    image("new", caption_en="Earth", date_taken=date(2021, 1, 1))
    image("moon", caption_en="Moon", date_taken=date(2022, 1, 1))
    newest_first = (
        ImageCaption.objects.published()
        .for_cards()
        .order_by(F("date_taken").desc(nulls_last=True), "-id")
    )

    searched = filter_images(newest_first, "earth")

    assert [i.slug for i in searched] == ["new", "old", "undated"]
    assert searched.query.select_related == newest_first.query.select_related == {"mission": {}}
    assert searched.query.deferred_loading == newest_first.query.deferred_loading
    assert [i.slug for i in filter_images(newest_first.reverse(), "earth")] == [
        "undated",
        "old",
        "new",
    ]


def test_search_narrows_an_already_filtered_query_set():
    proxima = make_mission(name="Proxima", slug="proxima")
    image("proxima-earth", caption_en="Earth", mission=proxima)
    image("earth", caption_en="Earth")
    image("draft-earth", caption_en="Earth", is_published=False)

    assert found("earth", ImageCaption.objects.published().filter(mission=proxima)) == {
        "proxima-earth"
    }


@only_sqlite
def test_sqlite_answers_from_the_fts5_index():
    plan = filter_images(ImageCaption.objects.all(), "earth").explain()

    assert "missions_imagecaption_fts VIRTUAL TABLE INDEX" in plan


@only_postgresql
def test_postgresql_answers_from_the_gin_index():
    images = filter_images(ImageCaption.objects.all(), "earth night")
    with connection.cursor() as cursor:
        # With a few rows, reading the whole table is cheapest: forbid it, so the plan shows
        # whether the index can answer the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = images.explain()

    assert "Bitmap Index Scan on missions_imagecaption_search_idx" in plan


@only_sqlite
def test_the_fts5_index_stays_consistent_with_the_images():
    kept = image("kept", caption_en="Moon")
    image("gone", caption_en="Moon").delete()
    kept.title_fr = "La Lune"
    kept.save()
    ImageCaption.objects.filter(pk=kept.pk).update(alt_en="Moon", renditions={})
    with connection.cursor() as cursor:
        # Raises if the index does not hold exactly the words of the rows.
        cursor.execute(
            "INSERT INTO missions_imagecaption_fts(missions_imagecaption_fts, rank)"
            " VALUES ('integrity-check', 1)"
        )


@only_postgresql
def test_the_postgresql_index_table_stays_consistent_with_the_images():
    kept = image("kept", caption_en="Moon")
    image("gone", caption_en="Moon").delete()
    kept.title_fr = "La Lune"
    kept.save()
    ImageCaption.objects.filter(pk=kept.pk).update(alt_en="Moon", renditions={})
    stored = "SELECT image_id, document FROM missions_imagecaption_search"
    expected = (
        "SELECT id, missions_imagecaption_search_document("
        "title_en, title_fr, caption_en, caption_fr, alt_en, alt_fr) FROM missions_imagecaption"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"({stored} EXCEPT {expected}) UNION ALL ({expected} EXCEPT {stored})")
        assert cursor.fetchall() == []


def test_rebuild_leaves_the_index_answering_as_before():
    image("match", caption_en="Moon")

    rebuild()

    assert found("moon") == {"match"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flushing_the_database_empties_the_index():
    image("before", caption_en="Moon")

    call_command("flush", interactive=False, verbosity=0)
    image("after", caption_en="Sun")  # takes the first id again: the old words must be gone

    assert found("moon") == set()
    assert found("sun") == {"after"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_indexes_existing_images_and_can_be_reversed():
    image("existing", caption_en="Moon")

    call_command("migrate", "missions", "0004", verbosity=0)
    call_command("migrate", "missions", verbosity=0)

    assert found("moon") == {"existing"}
