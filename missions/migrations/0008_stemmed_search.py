"""Image search in French and English (missions/search/): stemmed, stop words left out, accents
folded, titles apart from the other texts (ranking). Replaces 0005's index of plain words.

As in 0005 the SQL is written out here, so that this migration keeps creating what it created;
missions/search/ must query what it indexes (the tests check both databases).
"""

import importlib

from django.db import migrations

LANGUAGES = ("en", "fr")
# SQLite: one FTS5 table per language, of the terms of the image's title and of its caption
# and alt text, written by esa_index_text() (missions/search/words.py, a function every Django
# connection registers); tables of their own, deleted from by id. (One table per language, not
# one with a column per text: a word's list of rows would then hold its rows in both languages,
# and telling them apart by column made "launch photo taken" take twice as long.)


def _insert(row, code):
    return (
        f"INSERT INTO missions_imagecaption_words_{code}(rowid, title, text) VALUES ({row}.id, "
        f"esa_index_text('{code}', {row}.title_{code}), "
        f"esa_index_text('{code}', {row}.caption_{code} || ' ' || {row}.alt_{code}))"
    )


def _delete(code):
    return f"DELETE FROM missions_imagecaption_words_{code} WHERE rowid = old.id"


SQLITE_CREATE = [
    *(
        f"CREATE VIRTUAL TABLE missions_imagecaption_words_{code} USING fts5("
        "title, text, tokenize='unicode61 remove_diacritics 0')"
        for code in LANGUAGES
    ),
    f"""
    CREATE TRIGGER missions_imagecaption_words_insert AFTER INSERT ON missions_imagecaption BEGIN
        {_insert("new", "en")};
        {_insert("new", "fr")};
    END
    """,
    f"""
    CREATE TRIGGER missions_imagecaption_words_delete AFTER DELETE ON missions_imagecaption BEGIN
        {_delete("en")};
        {_delete("fr")};
    END
    """,
    f"""
    CREATE TRIGGER missions_imagecaption_words_update AFTER UPDATE OF
    id, title_en, title_fr, caption_en, caption_fr, alt_en, alt_fr
    ON missions_imagecaption BEGIN
        {_delete("en")};
        {_delete("fr")};
        {_insert("new", "en")};
        {_insert("new", "fr")};
    END
    """,
    *(
        f"INSERT INTO missions_imagecaption_words_{code}(rowid, title, text) SELECT id, "
        f"esa_index_text('{code}', title_{code}), "
        f"esa_index_text('{code}', caption_{code} || ' ' || alt_{code}) FROM missions_imagecaption"
        for code in LANGUAGES
    ),
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS missions_imagecaption_words_insert",
    "DROP TRIGGER IF EXISTS missions_imagecaption_words_delete",
    "DROP TRIGGER IF EXISTS missions_imagecaption_words_update",
    *(f"DROP TABLE IF EXISTS missions_imagecaption_words_{code}" for code in LANGUAGES),
]

# PostgreSQL: PostgreSQL's english and french configurations with unaccent in front of their
# stemmers, and a table of each image's vectors, kept current by a trigger: per language, the
# title alone (ranking) and the title, caption and alt text together (matching), each with a
# GIN index. (Not one vector with the title weighted: a search restricted to a weight cannot be
# answered by the GIN index alone and rechecked every match, 150 ms for a common word.) Texts
# are put in NFKC form (so that an accent typed apart from its letter is not cut off as
# punctuation) and everything but letters and digits becomes a space (words split as
# missions/search/words.py splits them).
_VECTORS = ("title_en", "document_en", "title_fr", "document_fr")
POSTGRESQL_CREATE = [
    # Left in place when this migration is reversed: other things may use it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION esa_english (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION esa_english"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "CREATE TEXT SEARCH CONFIGURATION esa_french (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION esa_french"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    """
    CREATE FUNCTION missions_imagecaption_search_vector(config regconfig, body text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector(config, regexp_replace(
            normalize(COALESCE(body, ''), NFKC), '[^[:alnum:]]+', ' ', 'g'))
    $$
    """,
    # French texts: a feminine participle's "ée"/"ées" ending (accented or not) loses one "e"
    # before unaccent and the stemmer see it, as missions/search/words.py does.
    """
    CREATE FUNCTION missions_imagecaption_search_french(body text)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(normalize(COALESCE(body, ''), NFKC),
            '([eéèêëEÉÈÊË])[eéèêëEÉÈÊË]([sS]?)\\M', '\\1\\2', 'g')
    $$
    """,
    f"""
    CREATE TABLE missions_imagecaption_search (
        image_id bigint PRIMARY KEY,
        {", ".join(f"{column} tsvector NOT NULL" for column in _VECTORS)}
    )
    """,
    # One image's row of the table, from the image's row.
    """
    CREATE FUNCTION missions_imagecaption_search_entry(source missions_imagecaption)
    RETURNS missions_imagecaption_search LANGUAGE sql STABLE AS $$
        SELECT source.id,
            missions_imagecaption_search_vector('esa_english', source.title_en),
            missions_imagecaption_search_vector('esa_english',
                concat_ws(' ', source.title_en, source.caption_en, source.alt_en)),
            missions_imagecaption_search_vector('esa_french',
                missions_imagecaption_search_french(source.title_fr)),
            missions_imagecaption_search_vector('esa_french', missions_imagecaption_search_french(
                concat_ws(' ', source.title_fr, source.caption_fr, source.alt_fr)))
    $$
    """,
    """
    CREATE FUNCTION missions_imagecaption_search_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE missions_imagecaption_search;
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM missions_imagecaption_search WHERE image_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO missions_imagecaption_search
            SELECT * FROM missions_imagecaption_search_entry(NEW);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    # Only writes of an indexed column count (not save()'s own UPDATE of renditions).
    """
    CREATE TRIGGER missions_imagecaption_search_row
    AFTER INSERT OR DELETE OR UPDATE OF id, title_en, title_fr, caption_en, caption_fr, alt_en,
    alt_fr ON missions_imagecaption
    FOR EACH ROW EXECUTE FUNCTION missions_imagecaption_search_update()
    """,
    # Django's flush (and pytest-django between transactional tests) empties tables this way.
    """
    CREATE TRIGGER missions_imagecaption_search_truncate
    AFTER TRUNCATE ON missions_imagecaption
    FOR EACH STATEMENT EXECUTE FUNCTION missions_imagecaption_search_update()
    """,
    """
    INSERT INTO missions_imagecaption_search SELECT entry.* FROM missions_imagecaption source
    CROSS JOIN LATERAL missions_imagecaption_search_entry(source) entry
    """,
    *(
        f"CREATE INDEX missions_imagecaption_search_{column}_idx"
        f" ON missions_imagecaption_search USING gin ({column})"
        for column in _VECTORS
    ),
    # Statistics on 10 times more words than by default, so that the planner knows a rare word
    # is rare (guessing 0.5 % of the images, it walks the whole gallery order for 30 images).
    *(
        f"ALTER TABLE missions_imagecaption_search ALTER COLUMN {column} SET STATISTICS 1000"
        for column in _VECTORS
    ),
    "ANALYZE missions_imagecaption_search",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS missions_imagecaption_search_truncate ON missions_imagecaption",
    "DROP TRIGGER IF EXISTS missions_imagecaption_search_row ON missions_imagecaption",
    "DROP FUNCTION IF EXISTS missions_imagecaption_search_update()",
    "DROP FUNCTION IF EXISTS missions_imagecaption_search_entry(missions_imagecaption)",
    "DROP TABLE IF EXISTS missions_imagecaption_search",
    "DROP FUNCTION IF EXISTS missions_imagecaption_search_vector(regconfig, text)",
    "DROP FUNCTION IF EXISTS missions_imagecaption_search_french(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS esa_english",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS esa_french",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}
plain_words = importlib.import_module("missions.migrations.0005_image_search")


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


def replace_index(apps, schema_editor):
    run({vendor: drop for vendor, (_, drop) in plain_words.STATEMENTS.items()})(apps, schema_editor)
    run({vendor: create for vendor, (create, _) in STATEMENTS.items()})(apps, schema_editor)


def restore_index(apps, schema_editor):
    run({vendor: drop for vendor, (_, drop) in STATEMENTS.items()})(apps, schema_editor)
    plain_words.create_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0007_image_file_index"),
    ]

    operations = [
        migrations.RunPython(replace_index, restore_index),
    ]
