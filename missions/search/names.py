"""Which images a search term finds by name: their mission's, photographer's or spacecraft's.

The three tables are small (hundreds of rows, against hundreds of thousands of images), so their
published names are read and matched here, in Python, with the analysis of ``words.py``, and the
images are then selected by id: a term that names something becomes ``images in its texts,
or of these missions / photographers / spacecraft``. Only published names count: a draft
astronaut's name must not find the photographs they took.
"""

from ..models import Astronaut, ImageCaption, Mission, Spacecraft
from .words import LANGUAGES, term, words_of


def images_named(using, terms):
    """``{phrase: (sql, params) selecting the ids of the images it names, or None}``."""
    names = list(_published_names(using))
    found = {}
    for phrase in terms:
        ids = {"mission_id": [], "photographer_id": [], "spacecraft_id": []}
        for column, pk, words in names:
            if pk not in ids[column] and _contains(words, phrase):
                ids[column].append(pk)
        found[phrase] = _images_sql(ids) if any(ids.values()) else None
    return found


def same_word(name_word, word):
    """Whether a folded word of a name is found by a folded search word: itself, or the same
    stem in either language ("dragons" finds "Dragon")."""
    if name_word == word:
        return True
    for language in LANGUAGES:
        stem = term(word, language)
        if stem is not None and stem == term(name_word, language):
            return True
    return False


def _contains(words, phrase):
    """Whether the folded words of a name have ``phrase``'s words one after the other."""
    size = len(phrase)
    return any(
        all(same_word(words[start + n], phrase[n]) for n in range(size))
        for start in range(len(words) - size + 1)
    )


def _published_names(using):
    """``(column of the image table, id, folded words)`` of every published name."""
    for model, column, fields in (
        (Mission, "mission_id", ("name",)),
        (Astronaut, "photographer_id", ("name",)),
        (Spacecraft, "spacecraft_id", ("name", "name_fr")),
    ):
        for pk, *texts in model.objects.using(using).published().values_list("pk", *fields):
            for text in texts:
                if text:
                    yield column, pk, words_of(text)


def _images_sql(ids):
    table = ImageCaption._meta.db_table
    selects, params = [], []
    own = [(column, pks) for column, pks in ids.items() if pks and column != "spacecraft_id"]
    if own:
        conditions = [f"{column} IN ({', '.join(['%s'] * len(pks))})" for column, pks in own]
        selects.append(f"SELECT id FROM {table} WHERE {' OR '.join(conditions)}")
        params.extend(pk for _column, pks in own for pk in pks)
    if ids["spacecraft_id"]:
        shown = ImageCaption.spacecraft.through._meta.db_table
        marks = ", ".join(["%s"] * len(ids["spacecraft_id"]))
        selects.append(f"SELECT imagecaption_id FROM {shown} WHERE spacecraft_id IN ({marks})")
        params.extend(ids["spacecraft_id"])
    return " UNION ALL ".join(selects), params
