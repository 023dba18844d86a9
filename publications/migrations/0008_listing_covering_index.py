"""PostgreSQL only: an index on the publications by id that holds every column the list's kept
results query reads, filters and sorts on (year, publishing state and time, date, title,
slug, type). The list of one organisation's publications looks up each of its links (961 for
Region Halland in the benchmark data) in this index alone instead of in the table: 4.0 →
2.9 ms (benchmarks/README.md). SQLite has no INCLUDE; nothing happens there."""

from django.db import migrations


CREATE = (
    "CREATE INDEX IF NOT EXISTS publication_listing_cover ON publications_publication (id) "
    "INCLUDE (year, publish_state, publish_from, publication_date, title, slug, kind)"
)
DROP = "DROP INDEX IF EXISTS publication_listing_cover"


def on_postgresql(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("publications", "0007_link_covering_indexes")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
