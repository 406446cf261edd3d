"""SQLite: image search answered by an FTS5 table (created by migration 0005_image_search).

``missions_imagecaption_fts`` indexes the six text columns of ``missions_imagecaption``: it stores
only the index (``content=`` the image table, ``content_rowid=`` its ``id``) and triggers on the
image table keep it current. Its tokenizer, ``unicode61 remove_diacritics 2``, folds case and
accents in the text and in the query alike; the prefix indexes of 2, 3 and 4 characters make
``"astro"*`` a range read instead of a scan of the vocabulary.
"""

TABLE = "missions_imagecaption_fts"


def match_sql(words):
    """SQL and parameters selecting the ids of the images with a word beginning with each of
    ``words`` (all of them) in their texts.

    ``words`` come from ``search_words()``: letters and digits only, so each one quoted is a
    plain prefix token (``"near"*``), never FTS5 syntax (``NEAR(``, ``col:``, ``-``, ``^``).
    """
    query = " ".join(f'"{word}"*' for word in words)
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query]


def rebuild(connection):
    """Read every image again into the index (FTS5's ``rebuild`` command)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
