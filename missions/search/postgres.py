"""PostgreSQL: image search answered by a GIN index on stored words (migration 0005_image_search).

``missions_imagecaption_search`` holds one row per image, ``(image_id, document)``: the words of
its title, caption and alt text in both languages as a ``tsvector``, with a GIN index. A trigger
on the image table writes it in the same statement as the image (and empties it on TRUNCATE).
The ``simple`` configuration lower-cases words and keeps them all (no stemming, no stop words).
Accents are folded without the ``unaccent`` extension: ``normalize(…, NFD)`` splits an accented
letter into its letter and combining accents, and ``regexp_replace()`` deletes those. That folds
é, ç, ş, ñ… as SQLite's ``remove_diacritics 2`` does, and also the accents of other scripts
(Greek ά, Cyrillic й) that SQLite keeps. Everything but letters and digits becomes a space before
PostgreSQL's parser sees the text, so words split as ``search_words()`` splits them (the parser
alone keeps "www.esa.int" whole and reads "CRS-23" as "crs" and "-23").

Why stored words and not a GIN index on the ``to_tsvector(…)`` expression: for the first page of
a common word, PostgreSQL walks the gallery order and checks each image until it has 24. With an
expression index, checking means computing ``to_tsvector`` for that row (~0.3 ms: the planner
counts it as nearly free), and a word on 1–3 % of 100,000 images took 0.4–1.1 s. Reading the
stored words costs a few microseconds.
"""

import re
import unicodedata

from django.db import transaction
from django.db.models import F

from .words import is_prefix

TABLE = "missions_imagecaption_search"


def matched_column():
    """What is looked up in the matches: the id (PostgreSQL plans ``IN`` as a join either way)."""
    return F("pk")


# Combining accents, as the index's document function deletes them after NFD.
_ACCENTS = re.compile("[\u0300-\u036f]+")


def match_sql(words):
    """SQL and parameters selecting the ids of the images with a word beginning with each of
    ``words`` (all of them) in their texts.

    ``words`` come from ``search_words()``: letters and digits only, so each one quoted is one
    prefix operand (``'astro':*``) that no input can turn into ``tsquery`` syntax. They are
    folded here as the index folds the text; ``to_tsquery`` lower-cases them as ``to_tsvector``
    lower-cases the text.
    """
    query = " & ".join(f"'{_unaccent(word)}'" + (":*" if is_prefix(word) else "") for word in words)
    sql = f"SELECT image_id FROM {TABLE} WHERE document @@ to_tsquery('simple'::regconfig, %s)"
    return sql, [query]


def rebuild(connection):
    """Write every image's words again, in one transaction (readers see the old index till then)."""
    columns = "title_en, title_fr, caption_en, caption_fr, alt_en, alt_fr"
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} (image_id, document) SELECT id,"
            f" {TABLE}_document({columns}) FROM missions_imagecaption"
        )


def _unaccent(word):
    """What the index does to the text, lower case apart: "Été" → "Ete"."""
    return _ACCENTS.sub("", unicodedata.normalize("NFD", word))
