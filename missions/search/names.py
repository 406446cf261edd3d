"""Which images a search term finds by name: their mission's, photographer's or spacecraft's.

The three tables are small (hundreds of rows, against hundreds of thousands of images), so their
published names are read once per content version (``NAMES``) and matched here, in Python, with
the analysis of ``words.py``, and the images are then selected by id: a term that names
something becomes ``images in its texts, or of these missions / photographers / spacecraft``.
Only published names count: a draft astronaut's name must not find the photographs they took.
"""

from ..caching import VersionMemo
from ..models import Astronaut, ImageCaption, Mission, Spacecraft
from .words import LANGUAGES, term, words_of


def images_named(using, terms):
    """``{phrase: (sql, params) selecting the ids of the images it names, or None}``."""
    names, index = NAMES.get(using)
    found = {}
    for phrase in terms:
        if len(phrase) == 1:
            named = set().union(*(index.get(key, ()) for key in _keys(phrase[0])))
        else:
            named = {(column, pk) for column, pk, words in names if _contains(words, phrase)}
        ids = {"mission_id": [], "photographer_id": [], "spacecraft_id": []}
        for column, pk in sorted(named):
            ids[column].append(pk)
        found[phrase] = _images_sql(ids) if named else None
    return found


def _keys(word):
    """What a folded word is found by: itself, and its stem in each language."""
    keys = {("", word)}
    for language in LANGUAGES:
        stem = term(word, language)
        if stem is not None:
            keys.add((language, stem))
    return keys


def _contains(words, phrase):
    """Whether the folded words of a name have ``phrase``'s words one after the other, each
    itself or with the same stem in either language ("dragons" finds "Dragon")."""
    size = len(phrase)
    return any(
        all(_keys(words[start + n]) & _keys(phrase[n]) for n in range(size))
        for start in range(len(words) - size + 1)
    )


def _names(using):
    """The published names, ``[(column of the image table, id, folded words)]``, and an index
    of their words, ``{key: {(column, id)}}`` (see :func:`_keys`)."""
    names, index = [], {}
    for model, column, fields in (
        (Mission, "mission_id", ("name",)),
        (Astronaut, "photographer_id", ("name",)),
        (Spacecraft, "spacecraft_id", ("name", "name_fr")),
    ):
        for pk, *texts in model.objects.using(using).published().values_list("pk", *fields):
            for text in filter(None, texts):
                words = words_of(text)
                names.append((column, pk, words))
                for word in words:
                    for key in _keys(word):
                        index.setdefault(key, set()).add((column, pk))
    return names, index


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


NAMES = VersionMemo(_names)
