"""Adds the full-text part of the database search index, which Django's ORM cannot declare.

SQLite: an FTS5 table `search_fts` whose rowid is the document id, with each field twice,
as normalised text (diacritics kept, for ranking) and folded text (for matching).
PostgreSQL: a `tsvector` column `search_document.vector`, which the backend builds in Python
(no text search parser, unaccent or ICU involved), and a `text[]` column `search_document.facets`
of "facet\x1fvalue" entries (filters use `&&`, counts `unnest`), each with a GIN index.
Other databases get nothing here and the backend refuses them with a clear error.
"""
from django.db import migrations

SQLITE_FORWARD = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, title_f, meta, meta_f, summary, summary_f, body, body_f, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
)
SQLITE_BACKWARD = ("DROP TABLE IF EXISTS search_fts",)
POSTGRES_FORWARD = (
    "ALTER TABLE search_document ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE search_document ADD COLUMN facets text[] NOT NULL DEFAULT '{}'",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    "CREATE INDEX search_document_facets ON search_document USING gin (facets)",
)
POSTGRES_BACKWARD = (
    "DROP INDEX IF EXISTS search_document_facets",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS facets",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
