"""SlugRedirect moves here from the programmes app. Its table is kept as it is (renamed in
0002) and its content type is renamed, so permissions and admin log entries follow it."""

from django.db import migrations, models


def content_type_to(app_label, other_label):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(
            schema_editor.connection.alias
        )
        if not content_types.filter(app_label=app_label, model="slugredirect").exists():
            content_types.filter(app_label=other_label, model="slugredirect").update(
                app_label=app_label
            )

    return rename


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("programmes", "0006_listing_covering_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SlugRedirect",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "old_path",
                            models.CharField(max_length=500, unique=True, verbose_name="gammal adress"),
                        ),
                        ("new_path", models.CharField(max_length=500, verbose_name="ny adress")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="skapad")),
                    ],
                    options={
                        "verbose_name": "omdirigering",
                        "verbose_name_plural": "omdirigeringar",
                        "ordering": ["old_path"],
                        "db_table": "programmes_slugredirect",
                    },
                ),
            ],
        ),
        migrations.RunPython(
            content_type_to("redirects", "programmes"), content_type_to("programmes", "redirects")
        ),
    ]
