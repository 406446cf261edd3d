"""SQLite: image search answered by an FTS5 table of stemmed words (migration 0008).

``missions_imagecaption_words`` has four columns per image (rowid = the image's id): ``title_en``,
``text_en`` (caption and alt text), ``title_fr``, ``text_fr``, each holding the text's terms as
``words.index_text`` writes them: folded, stop words left out, stemmed by the language's Snowball
stemmer. SQLite has no French stemmer of its own, so the stemming is done in Python: every
connection Django opens registers ``esa_index_text(language, text)`` (``register_functions``),
and the triggers on the image table call it, so that the index stays current on every write,
``QuerySet.update()`` included. (A tool that writes images through another connection, such as
the ``sqlite3`` shell, fails with "no such function": the index cannot be skipped by mistake.)

The table keeps its own copy of the terms (not ``content=`` the image table, whose texts are
not the terms); deleting a row needs only its id. Search terms are stemmed the same way, so
``"dragons"`` finds "Dragon" and ``éclair`` "eclairs".
"""

from django.db.models import F

from .words import LANGUAGES, index_text, term

TABLE = "missions_imagecaption_words"
FUNCTION = "esa_index_text"
# Merge the index's segments into one: the smallest index to read, once it is all rewritten.
AFTER_REBUILD = [f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')"]


def register_functions(sender, connection, **kwargs):
    """``connection_created`` receiver: the triggers' stemming function, on SQLite connections."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 2, index_text, deterministic=True)


def matched_column():
    """What is looked up in the matches: ``id + 0``, not ``id``.

    With ``id IN (matches)`` SQLite reads every match by its id, then sorts them all for the
    page: 70 ms for a word in a third of 100,000 images. ``id + 0`` cannot use the id, so the
    planner walks the gallery's order index and keeps the images found in the matches, stopping
    at a page: 11 ms for that word, 3 ms for a word in 84 images, 9 ms at worst (walking the
    whole index). (An empty result is never read: the counts say so first.)
    """
    return F("pk") + 0


def match_sql(readings, title_only=False):
    """SQL and parameters selecting the ids of the images whose texts in one language match
    every term of that language's reading (``{language: terms}``, see ``SearchQuery``); with
    ``title_only``, whose title does.

    The terms are stemmed here as the index was: letters and digits only, so each one quoted
    is a plain FTS5 token (``"near"``), never FTS5 syntax (``NEAR(``, ``col:``, ``-``, ``^``).
    """
    parts = []
    for language, terms in readings.items():
        phrases = []
        for phrase in terms:
            stems = [stem for stem in (term(word, language) for word in phrase) if stem]
            phrases.append('"' + " ".join(stems) + '"')
        columns = f"title_{language}" if title_only else f"title_{language} text_{language}"
        parts.append(f"({{{columns}}} : ({' AND '.join(phrases)}))")
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [" OR ".join(parts)]


def index_sql():
    """The statement that indexes the images with ids between two parameters, as the triggers
    do (``rebuild()`` runs it over every image, a batch at a time)."""
    columns = ", ".join(f"title_{code}, text_{code}" for code in LANGUAGES)
    values = ", ".join(
        f"{FUNCTION}('{code}', title_{code}), "
        f"{FUNCTION}('{code}', caption_{code} || ' ' || alt_{code})"
        for code in LANGUAGES
    )
    return (
        f"INSERT INTO {TABLE} (rowid, {columns}) SELECT id, {values} "
        f"FROM missions_imagecaption WHERE id BETWEEN %s AND %s"
    )
