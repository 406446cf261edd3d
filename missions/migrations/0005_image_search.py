"""The index behind image search (missions/search/): an FTS5 table on SQLite, a table with a GIN
index on PostgreSQL, both kept current by triggers; nothing on other databases.

The SQL is written out here rather than imported from missions/search/, so that this migration
keeps creating what it created; missions/search/ must query what it indexes (the tests check).
"""

from django.db import migrations

COLUMNS = ("title_en", "title_fr", "caption_en", "caption_fr", "alt_en", "alt_fr")

# SQLite: an external-content FTS5 table (the text stays in missions_imagecaption only), kept
# current by triggers. An external-content index must be told the old values to delete them, so
# the delete and update triggers give it the old row; the update trigger only fires when an
# indexed column is written (not for save()'s own UPDATE of renditions).
_columns = ", ".join(COLUMNS)
_new = ", ".join(f"new.{column}" for column in COLUMNS)
_old = ", ".join(f"old.{column}" for column in COLUMNS)
SQLITE_CREATE = [
    f"""
    CREATE VIRTUAL TABLE missions_imagecaption_fts USING fts5(
        {_columns},
        content='missions_imagecaption', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
    )
    """,
    f"""
    CREATE TRIGGER missions_imagecaption_fts_insert AFTER INSERT ON missions_imagecaption BEGIN
        INSERT INTO missions_imagecaption_fts(rowid, {_columns}) VALUES (new.id, {_new});
    END
    """,
    f"""
    CREATE TRIGGER missions_imagecaption_fts_delete AFTER DELETE ON missions_imagecaption BEGIN
        INSERT INTO missions_imagecaption_fts(missions_imagecaption_fts, rowid, {_columns})
        VALUES ('delete', old.id, {_old});
    END
    """,
    f"""
    CREATE TRIGGER missions_imagecaption_fts_update AFTER UPDATE OF id, {_columns}
    ON missions_imagecaption BEGIN
        INSERT INTO missions_imagecaption_fts(missions_imagecaption_fts, rowid, {_columns})
        VALUES ('delete', old.id, {_old});
        INSERT INTO missions_imagecaption_fts(rowid, {_columns}) VALUES (new.id, {_new});
    END
    """,
    # Index the images that already exist.
    "INSERT INTO missions_imagecaption_fts(missions_imagecaption_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS missions_imagecaption_fts_insert",
    "DROP TRIGGER IF EXISTS missions_imagecaption_fts_delete",
    "DROP TRIGGER IF EXISTS missions_imagecaption_fts_update",
    "DROP TABLE IF EXISTS missions_imagecaption_fts",
]


# PostgreSQL: the same design, an index table kept current by triggers. Each image's words go
# into a tsvector column with a GIN index. Stored, not an index on an expression: a plan that
# walks the gallery's order and checks each image (the plan PostgreSQL picks for a first page of
# results) then reads the stored words instead of computing to_tsvector again for each row,
# which costs ~0.3 ms a row and made such pages take seconds.
# The document: the six texts, accents folded (NFD splits a letter from its combining accents,
# regexp_replace deletes them; normalize() needs a UTF8 database), everything but letters and
# digits turned into spaces (words split as SQLite's tokenizer and missions/search split them:
# PostgreSQL's parser alone keeps "www.esa.int" or "3.5" whole and reads "CRS-23" as "crs" and
# "-23"), lower-cased by the 'simple' configuration, which keeps every word (no stemming, no
# stop words).
_arguments = ", ".join(f"{column} text" for column in COLUMNS)
_text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in COLUMNS)
_new = ", ".join(f"NEW.{column}" for column in COLUMNS)
POSTGRESQL_CREATE = [
    f"""
    CREATE FUNCTION missions_imagecaption_search_document({_arguments}) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector('simple'::regconfig, regexp_replace(
            regexp_replace(normalize({_text}, NFD), '[\\u0300-\\u036f]+', '', 'g'),
            '[^[:alnum:]]+', ' ', 'g'
        ))
    $$
    """,
    """
    CREATE TABLE missions_imagecaption_search (
        image_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    f"""
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
            INSERT INTO missions_imagecaption_search (image_id, document)
            VALUES (NEW.id, missions_imagecaption_search_document({_new}));
        END IF;
        RETURN NULL;
    END
    $$
    """,
    # Only writes of an indexed column count (not save()'s own UPDATE of renditions).
    f"""
    CREATE TRIGGER missions_imagecaption_search_row
    AFTER INSERT OR DELETE OR UPDATE OF id, {_columns} ON missions_imagecaption
    FOR EACH ROW EXECUTE FUNCTION missions_imagecaption_search_update()
    """,
    # Django's flush (and pytest-django between transactional tests) empties tables this way.
    """
    CREATE TRIGGER missions_imagecaption_search_truncate
    AFTER TRUNCATE ON missions_imagecaption
    FOR EACH STATEMENT EXECUTE FUNCTION missions_imagecaption_search_update()
    """,
    # Index the images that already exist.
    f"""
    INSERT INTO missions_imagecaption_search (image_id, document)
    SELECT id, missions_imagecaption_search_document({_columns}) FROM missions_imagecaption
    """,
    """
    CREATE INDEX missions_imagecaption_search_idx ON missions_imagecaption_search
    USING gin (document)
    """,
    # Statistics on 10 times more words than by default, so that the planner knows a rare word
    # is rare: guessing 0.5 % of the images for a word it has no figure for, it walks the whole
    # gallery order for a word that 30 images have.
    "ALTER TABLE missions_imagecaption_search ALTER COLUMN document SET STATISTICS 1000",
    "ANALYZE missions_imagecaption_search",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS missions_imagecaption_search_truncate ON missions_imagecaption",
    "DROP TRIGGER IF EXISTS missions_imagecaption_search_row ON missions_imagecaption",
    "DROP FUNCTION IF EXISTS missions_imagecaption_search_update()",
    "DROP TABLE IF EXISTS missions_imagecaption_search",
    f"DROP FUNCTION IF EXISTS missions_imagecaption_search_document({_arguments})",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}


def create_index(apps, schema_editor):
    create, _ = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in create:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    _, drop = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in drop:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0004_scale"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
