"""The counties' and municipalities' tables under this app's name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0001_initial"),
        ("programmes", "0009_organisations_and_geography_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="county", table=None),
        migrations.AlterModelTable(name="municipality", table=None),
    ]
