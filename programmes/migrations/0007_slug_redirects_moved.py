"""SlugRedirect now belongs to the redirects app (redirects/migrations/0001_initial.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_listing_covering_index"),
        ("redirects", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SlugRedirect")]
        ),
    ]
