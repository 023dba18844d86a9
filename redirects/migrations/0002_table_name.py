from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("redirects", "0001_initial"),
        ("programmes", "0007_slug_redirects_moved"),
    ]

    operations = [migrations.AlterModelTable(name="slugredirect", table=None)]
