"""Text search over the archive's images in French and English, answered from an index the
database keeps itself.

One interface for views and filters, :func:`filter_images` and :func:`by_relevance`, and one
backend per database vendor behind it, chosen from the connection the query set reads from
(the design of Wagtail's ``wagtail/search/backends/database/``):

- ``sqlite.py``: an FTS5 table of each image's terms, stemmed in Python (``words.py``);
- ``postgres.py``: a table of ``tsvector``s made with PostgreSQL's English and French
  configurations and ``unaccent``, with GIN indexes.

What a search means is the same on both (``query.py``, ``words.py``): case and accents do not
count; each word finds its forms (plural, feminine, verb endings) by the stemmer of the language
of the text it is in; stop words of a language are left out of that language's reading; a quoted
phrase must appear as written. An image matches when its texts in one language (title, caption,
alt text) match every term of that language's reading; a term also matches the images whose
mission, photographer or spacecraft shown has it in its name (in either language's form).

Both indexes are written by triggers on the image table, in the same statement as the image:
they stay current on every save, delete and ``QuerySet.update()``, with no signal or queue.
``manage.py search_index`` rebuilds them (after a restore into a database without triggers, or
to check). On SQLite, a later migration that makes Django rebuild ``missions_imagecaption``
(most field changes do: new table, copy, drop, rename) drops the triggers with the old table,
so it must create them again, as 0008 does, and call :func:`rebuild` (the tests fail until
it does).
"""

from django.db import NotSupportedError, connections, transaction
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from . import postgres, sqlite
from .names import images_named
from .query import SearchQuery, parse

BACKENDS = {"sqlite": sqlite, "postgresql": postgres}

__all__ = ["RankedImages", "SearchQuery", "by_relevance", "filter_images", "parse", "rebuild"]


def filter_images(queryset, text):
    """Narrow an ``ImageCaption`` query set to the images that match ``text`` (a string or a
    :class:`SearchQuery`).

    Only a condition is added: the query set's order, ``select_related`` and other filters are
    kept. A text without any word gives the query set back unchanged; one with only stop words
    (``the``, ``de la``) gives no image.
    """
    query = text if isinstance(text, SearchQuery) else parse(text)
    if not query.terms:
        return queryset
    if query.only_common_words:
        return queryset.none()
    backend = _backend(queryset.db)
    matched = backend.matched_column()
    named = images_named(queryset.db, query.terms)
    # Terms that name nothing are answered by one look-up in the index, all together.
    plain = [phrase for phrase in query.terms if not named[phrase]]
    readings = query.readings(plain)
    condition = Q(In(matched, RawSQL(*backend.match_sql(readings)))) if readings else Q()
    for phrase, images in named.items():
        if images:
            condition &= In(matched, _text_or_names(backend, query, phrase, images))
    return queryset.filter(condition)


def by_relevance(queryset, text):
    """The images of ``queryset`` that match ``text``, in order of relevance: those whose title
    matches first, newest first within each group (a :class:`RankedImages`)."""
    query = text if isinstance(text, SearchQuery) else parse(text)
    ordered = queryset.order_by(F("date_taken").desc(nulls_last=True), "-pk")
    readings = query.readings()
    if not readings:
        return filter_images(ordered, query)
    backend = _backend(queryset.db)
    in_title = In(backend.matched_column(), RawSQL(*backend.match_sql(readings, title_only=True)))
    return RankedImages(ordered, filter_images(ordered, query), Q(in_title))


class RankedImages:
    """The images of a search in two groups, those whose title matches (``in_title``), then
    the others, each in the gallery's order, read a slice at a time.

    Why not one ``ORDER BY title_match DESC, date DESC``: that orders every match before giving
    the first page (120 ms for a word in 64,000 of 100,000 images). Each group alone is read as
    any gallery page is, walking the gallery order's index and stopping at a page. A title
    match is a match (its title is one of its texts), so the first group is looked up among
    ``images`` (the query set before the search) with the title condition only: SQLite would
    otherwise gather the 64,000 matches of the word first. Where the first group ends is
    ``title_count`` when the caller knows it (the gallery counts the title matches once per
    search and content version, with its cells), else counted when a page starts past them.
    """

    ordered = True  # for Paginator: the order is known

    def __init__(self, images, matched, in_title):
        self.images = images
        self.matched = matched
        self.model = matched.model
        self.in_title = in_title
        self.title_count = None

    def count(self):
        return self.matched.count()

    def titled(self, queryset=None):
        """The images of ``queryset`` (default: the query set searched) whose title matches."""
        return (self.images if queryset is None else queryset).filter(self.in_title)

    def ids(self, start, size):
        """The ids of the images ``start`` to ``start + size`` in this order."""
        titles = self.title_count
        first = []
        if titles is None or start < titles:
            end = start + size if titles is None else min(start + size, titles)
            first = list(self.titled().values_list("pk", flat=True)[start:end])
        if len(first) == size:
            return first
        if titles is None:  # just after the last title match on this page, or after them all
            titles = start + len(first) if first or not start else self.titled().count()
        others = self.matched.exclude(self.in_title) if titles else self.matched
        skip = max(0, start - titles)
        return first + list(others.values_list("pk", flat=True)[skip : skip + size - len(first)])

    def __getitem__(self, index):
        """A slice of the images themselves (read by id, in this order)."""
        start, stop = index.start or 0, index.stop
        ids = self.ids(start, stop - start)
        found = self.matched.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def rebuild(using="default", progress=None, batch=2000):
    """Index every image again, ``batch`` at a time, in one transaction (searches see the old
    index until it commits); ``progress(done, total)`` after each batch."""
    backend = _backend(using)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SELECT id FROM missions_imagecaption ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
        for table in backend.TABLES:
            cursor.execute(f"DELETE FROM {table}")
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            for statement in backend.index_sql():
                cursor.execute(statement, [chunk[0], chunk[-1]])
            if progress:
                progress(start + len(chunk), len(ids))
        for statement in backend.AFTER_REBUILD:
            cursor.execute(statement)


def _backend(using):
    vendor = connections[using].vendor
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotSupportedError(f"No image search for {vendor} databases.") from None


def _text_or_names(backend, query, phrase, images):
    """The ids of the images with ``phrase`` in their texts, or among ``images`` (a query of the
    ids of the images whose names have it).

    One ``IN`` over a ``UNION ALL``, not conditions joined by ``OR``: PostgreSQL cannot turn
    ``pk IN (…) OR …`` into a join and checked every image (145 ms at 100,000 images, and 11 ms
    as one subquery).
    """
    sql, params = images
    readings = query.readings([phrase])
    if readings:
        text_sql, text_params = backend.match_sql(readings)
        sql, params = f"{text_sql} UNION ALL {sql}", [*text_params, *params]
    return RawSQL(sql, params)
