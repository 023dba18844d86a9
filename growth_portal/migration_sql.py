"""For migrations that only concern PostgreSQL (indexes SQLite cannot write, or needs none
of at its sizes)."""

from django.db import migrations


def on_postgresql(create, drop):
    """A migration operation that runs the SQL ``create`` forwards and ``drop`` backwards on
    PostgreSQL, and does nothing on other databases."""

    def run(statement):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(statement)

        return operation

    return migrations.RunPython(run(create), run(drop))
