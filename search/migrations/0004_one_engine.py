"""The search is answered by each process's index in memory on every database: the columns,
the table and the indexes that only the database's own search used go.

- ``SearchDocument.search_vector`` (PostgreSQL's tsvector) and its GIN index;
- ``SearchDocument.folded`` (the SQLite fallback's case-folded text);
- ``SearchTerm`` (the words of "Menade du …?", now kept by the engine) and its trigram index.

Reversible: going back adds them again empty; ``manage.py rebuild_search_index`` then fills
them (the code of that version writes them). The pg_trgm extension of 0002 stays."""

import django.contrib.postgres.search
from django.db import migrations, models

DROP = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "DROP INDEX IF EXISTS search_term_word_trgm",
]
CREATE = [
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
    "ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_term_word_trgm "
    "ON search_searchterm USING gin (word gin_trgm_ops)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_in_memory")]

    operations = [
        # Backwards this runs last, once the column and the table are back.
        migrations.RunPython(run(DROP), run(CREATE)),
        migrations.RemoveField(model_name="searchdocument", name="search_vector"),
        migrations.RemoveField(model_name="searchdocument", name="folded"),
        migrations.DeleteModel(name="SearchTerm"),
    ]
