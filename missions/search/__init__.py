"""Text search over the archive's images, answered from an index the database keeps itself.

Why: the gallery's ``?q=`` used to test ``icontains`` on eight columns for every image, a full
scan (1.4 s on SQLite, 5.8 s on PostgreSQL at 100,000 images). Here each database reads an index
instead: finding the images costs milliseconds, and what follows (counting them, sorting a page)
grows with the number of images found, not with the size of the archive.

The design follows Wagtail's ``wagtail/search/backends/database/``: one interface,
:func:`filter_images`, and one backend per database vendor, chosen from the connection the query
set reads from (``connection.vendor``):

- ``sqlite.py``: an FTS5 table over the six text columns of ``missions_imagecaption`` (external
  content, so the text is stored once), tokenizer ``unicode61 remove_diacritics 2`` (case and
  accents folded), prefix indexes for 2, 3 and 4 characters.
- ``postgres.py``: a table of each image's words as a ``tsvector`` (``simple`` configuration,
  accents folded) with a GIN index. Stored rather than an index on the ``to_tsvector(…)``
  expression: the plan PostgreSQL picks for a first page of results checks images one by one,
  and computing ``to_tsvector`` for each made those pages take seconds (see ``postgres.py``).

Both are the same design: an index table that triggers on the image table keep current, and a
query that narrows the images to ``pk IN (SELECT … FROM <index> WHERE <match>)``. Migration
``0005_image_search`` creates the index and fills it; after that the database maintains it on
every write (no signal, no command, no queue). Its SQL is written out in the migration, not
imported from here, so that it keeps creating what it created: changing what is indexed means a
new migration that drops and re-creates it, and the backend changed to match.
On SQLite, a later migration that makes Django rebuild ``missions_imagecaption`` (most field
changes do: new table, copy, drop, rename) drops the triggers with the old table, so it must
create them again, as 0005 does, and call :func:`rebuild` (the tests fail until it does).

What is common to both backends lives here: splitting the text into words (the same way SQLite's
``unicode61`` tokenizer does) and matching the names of missions and photographers. Those two
tables are small, so their names are read and matched in Python (case and accents folded), and an
image whose mission or photographer matches a word counts as matching that word.

What the later issue ("search that understands French and English") can add on this base:
stemming (PostgreSQL: an ``english`` tsvector of the ``*_en`` columns and a ``french`` one of the
``*_fr`` columns, as more columns of the index table; SQLite: a second FTS5 table with a stemming
tokenizer), ranking (``ts_rank_cd`` / FTS5's ``bm25()``: a backend method that annotates
a query set instead of only narrowing it) and snippets (``ts_headline`` / FTS5's ``snippet()``).
Each is one more function in both backends behind one more function here.
"""

from django.db import NotSupportedError, connections
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from ..models import Astronaut, ImageCaption, Mission
from . import postgres, sqlite
from .words import WORD, fold, matches_word, search_words

BACKENDS = {"sqlite": sqlite, "postgresql": postgres}

__all__ = ["filter_images", "rebuild", "search_words"]


def filter_images(queryset, text):
    """Narrow an ``ImageCaption`` query set to the images that match every word of ``text``.

    A word matches an image when it begins a word of its title, caption or alt text (in either
    language), or of the name of its mission or photographer; case and accents do not count
    (see the backends for the letters each database folds). Only a condition is added: the
    query set's order, ``select_related`` and other filters are kept. A text without any word
    gives the query set back unchanged.
    """
    words = search_words(text)
    if not words:
        return queryset
    connection = connections[queryset.db]
    try:
        backend = BACKENDS[connection.vendor]
    except KeyError:
        raise NotSupportedError(f"No image search for {connection.vendor} databases.") from None
    # Only published names: a draft astronaut's name must not find the photographs they took.
    missions = _names_matching(Mission.objects.using(queryset.db).published(), words)
    photographers = _names_matching(Astronaut.objects.using(queryset.db).published(), words)
    # Words that match no name are answered by one look-up in the index, all together.
    text_only = [word for word in words if not missions[word] and not photographers[word]]
    matched = backend.matched_column()
    condition = Q(In(matched, RawSQL(*backend.match_sql(text_only)))) if text_only else Q()
    for word in words:
        if missions[word] or photographers[word]:
            condition &= In(
                matched, _text_or_names(backend, word, missions[word], photographers[word])
            )
    return queryset.filter(condition)


def rebuild(using="default"):
    """Index every image again, for when the index may have missed writes (see above)."""
    connection = connections[using]
    BACKENDS[connection.vendor].rebuild(connection)


def _text_or_names(backend, word, mission_ids, photographer_ids):
    """The ids of the images with ``word`` in their texts, or by these missions or photographers.

    One ``IN`` over a ``UNION ALL``, not three conditions joined by ``OR``: PostgreSQL cannot
    turn ``pk IN (…) OR …`` into a join and checked every image (145 ms at 100,000 images, and
    11 ms as one subquery).
    """
    sql, params = backend.match_sql([word])
    names = []
    for column, ids in (("mission_id", mission_ids), ("photographer_id", photographer_ids)):
        if ids:
            names.append(f"{column} IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
    table = ImageCaption._meta.db_table
    sql = f"{sql} UNION ALL SELECT id FROM {table} WHERE {' OR '.join(names)}"
    return RawSQL(sql, params)


def _names_matching(queryset, words):
    """``{word: [ids of the rows whose name has a word it matches]}``."""
    folded = {word: fold(word) for word in words}
    matches = {word: [] for word in words}
    for pk, name in queryset.order_by().values_list("pk", "name"):
        name_words = WORD.findall(fold(name))
        for word, folded_word in folded.items():
            if any(matches_word(name_word, folded_word) for name_word in name_words):
                matches[word].append(pk)
    return matches
