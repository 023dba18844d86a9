"""Accessibility requests marked handled before ``handled_at`` existed get the time of this
migration, so that the erasure counts their days from now (30 after handling) rather than
treating them as unanswered (180 days from when they came in)."""

from django.db import migrations
from django.utils import timezone


def date_handled_requests(apps, schema_editor):
    request_model = apps.get_model("content", "AccessibilityRequest")
    request_model.objects.filter(handled=True, handled_at=None).update(handled_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("content", "0008_accessibility_request_handled_at")]

    operations = [migrations.RunPython(date_handled_requests, migrations.RunPython.noop)]
