"""PostgreSQL only: the pg_trgm extension, a GIN index on the search vector and a trigram index
on the suggestion words. Nothing happens on other databases (the SQLite fallback needs none)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
    "ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_term_word_trgm "
    "ON search_searchterm USING gin (word gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "DROP INDEX IF EXISTS search_term_word_trgm",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
