"""SQLite: image search answered by FTS5 tables of stemmed words (migration 0008).

``missions_imagecaption_words_en`` and ``missions_imagecaption_words_fr`` have a row per image
(rowid = the image's id) with two columns, ``title`` and ``text`` (caption and alt text), in that
language, each holding the text's terms as ``words.index_text`` writes them: folded, stop words
left out, stemmed by the language's Snowball stemmer. SQLite has no French stemmer of its own, so
the stemming is done in Python: every connection Django opens registers ``esa_index_text(language,
text)`` (``register_functions``), and the triggers on the image table call it, so that the index
stays current on every write, ``QuerySet.update()`` included. (A tool that writes images through
another connection, such as the ``sqlite3`` shell, fails with "no such function": the index cannot
be skipped by mistake.)

The tables keep their own copy of the terms (not ``content=`` the image table, whose texts are
not the terms); deleting a row needs only its id. Search terms are stemmed the same way, so
``"dragons"`` finds "Dragon" and ``éclair`` "eclairs".
"""

from django.db.models import F

from .words import LANGUAGES, index_text, phrase_terms

TABLE = "missions_imagecaption_words"  # + _en, _fr
TABLES = [f"{TABLE}_{code}" for code in LANGUAGES]
FUNCTION = "esa_index_text"
# Merge each index's segments into one: the smallest index to read, once it is all rewritten.
AFTER_REBUILD = [f"INSERT INTO {table}({table}) VALUES ('optimize')" for table in TABLES]


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
    selects, params = [], []
    for language, terms in readings.items():
        phrases = []
        for phrase in terms:
            phrases.append('"' + " ".join(phrase_terms(phrase, language)) + '"')
        query = " AND ".join(phrases)
        table = f"{TABLE}_{language}"
        selects.append(f"SELECT rowid FROM {table} WHERE {table} MATCH %s")
        params.append(f"title : ({query})" if title_only else query)
    return " UNION ALL ".join(selects), params


def index_sql():
    """The statements that index the images with ids between two parameters, as the triggers
    do (``rebuild()`` runs them over every image, a batch at a time)."""
    return [
        f"INSERT INTO {TABLE}_{code} (rowid, title, text) SELECT id, "
        f"{FUNCTION}('{code}', title_{code}), "
        f"{FUNCTION}('{code}', caption_{code} || ' ' || alt_{code}) "
        f"FROM missions_imagecaption WHERE id BETWEEN %s AND %s"
        for code in LANGUAGES
    ]
