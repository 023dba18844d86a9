"""Indexes on the publications' link tables to organisations, programmes and focus areas by
the other side first, (organisation_id, publication_id) and so on. The list's filters ask "is
this publication linked to organisation X?" for every publication of X; with the link table's
own index on organisation_id alone PostgreSQL then read the link rows from the table, one page
each (625 pages for an organisation's 961 publications in the benchmark data), where this index
answers alone (benchmarks/README.md). Plain SQL that SQLite runs as well."""

from django.db import migrations

LINKS = [
    ("publications_publication_organisations", "organisation_id"),
    ("publications_publication_programmes", "programme_id"),
    ("publications_publication_focus_areas", "focusarea_id"),
]


def name(table, column):
    return f"{table}_{column}_link"


class Migration(migrations.Migration):
    dependencies = [("publications", "0006_listing_order_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name(table, column)} ON {table} ({column}, publication_id)",
            f"DROP INDEX {name(table, column)}",
        )
        for table, column in LINKS
    ]
