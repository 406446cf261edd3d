"""PostgreSQL: image search answered by GIN indexes on stored ``tsvector``s (migration 0008).

``missions_imagecaption_search`` holds one row per image: ``document_en``, the words of its
English title, caption and alt text as the ``esa_english`` text search configuration reads them,
``title_en`` those of its title alone (for ranking), and ``document_fr`` and ``title_fr`` the same
for its French texts with ``esa_french`` (after the French texts' feminine participles are
changed as ``words.french_form`` changes them); each vector has a GIN index. Both configurations
are PostgreSQL's own (``english``, ``french``: Snowball stemmers and stop words) with the
``unaccent`` dictionary in front, so that "Éclairs" is stored as ``eclair``. A trigger on the
image table writes the row in the same statement as the image (and empties the table on
TRUNCATE). Before PostgreSQL's parser sees a text, everything but letters and digits becomes a
space, so that words split as ``words.WORD`` splits them (the parser alone keeps "www.esa.int"
whole and reads "CRS-23" as "crs" and "-23").

Why stored vectors and not a GIN index on the ``to_tsvector(…)`` expression: for the first page
of a common word, PostgreSQL walks the gallery order and checks each image until it has 24. With
an expression index, checking means computing ``to_tsvector`` for that row (~0.3 ms: the
planner counts it as nearly free), and such pages took seconds at 100,000 images. Reading the
stored vector costs a few microseconds.
"""

from django.db.models import F

from .words import french_form

TABLE = "missions_imagecaption_search"
TABLES = [TABLE]
CONFIGURATIONS = {"en": "esa_english", "fr": "esa_french"}
# Fresh statistics of the new words, for the planner's estimate of how common each one is.
AFTER_REBUILD = [f"ANALYZE {TABLE}"]


def matched_column():
    """What is looked up in the matches: the id (PostgreSQL plans ``IN`` as a join either way)."""
    return F("pk")


def match_sql(readings, title_only=False):
    """SQL and parameters selecting the ids of the images whose texts in one language match
    every term of that language's reading (``{language: terms}``, see ``SearchQuery``); with
    ``title_only``, whose title does.

    Each word is quoted (``'word'``): words are letters and digits only, so no input becomes
    ``tsquery`` syntax. PostgreSQL stems them, and leaves out stop words, with the same
    configuration as the texts; a phrase's words are joined by ``<->`` (followed by), and a stop
    word inside a phrase keeps its place (``station de lancement``: ``station <2> lanc``).
    """
    vector = "title" if title_only else "document"
    conditions, params = [], []
    for language, terms in readings.items():
        operands = []
        for phrase in terms:
            if language == "fr":  # as the French texts were changed (see words.french_form)
                phrase = [french_form(word) for word in phrase]
            words = " <-> ".join(f"'{word}'" for word in phrase)
            operands.append(f"({words})" if len(phrase) > 1 else words)
        conditions.append(
            f"{vector}_{language} @@ to_tsquery('{CONFIGURATIONS[language]}'::regconfig, %s)"
        )
        params.append(" & ".join(operands))
    return f"SELECT image_id FROM {TABLE} WHERE {' OR '.join(conditions)}", params


def index_sql():
    """The statements that index the images with ids between two parameters, as the trigger
    does (``rebuild()`` runs them over every image, a batch at a time)."""
    return [
        f"INSERT INTO {TABLE} SELECT entry.* FROM missions_imagecaption source"
        f" CROSS JOIN LATERAL {TABLE}_entry(source) entry WHERE source.id BETWEEN %s AND %s"
    ]
