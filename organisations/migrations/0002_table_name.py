"""The organisations' table (and its editors' link table) under this app's name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("programmes", "0009_organisations_and_geography_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="organisation", table=None),
        migrations.RenameIndex(
            model_name="organisation",
            new_name="organisatio_kind_71d266_idx",
            old_name="programmes__kind_9b16c5_idx",
        ),
    ]
