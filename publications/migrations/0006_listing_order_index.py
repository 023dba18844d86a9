"""PostgreSQL only: an index in the public lists' order (year, then date, newest first, then
title) over published rows, so "the latest five" on the start page and the first page of the
publication list read a few index entries instead of sorting every publication. SQLite cannot
write NULLS LAST in an index and needs none at its sizes; nothing happens there."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS publication_listing_order ON publications_publication "
    "(year DESC NULLS LAST, publication_date DESC NULLS LAST, title) "
    "WHERE publish_state = 'published'"
)
DROP = "DROP INDEX IF EXISTS publication_listing_order"


def run(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("publications", "0005_export_permission")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
