"""Everything stored about one e-mail address: found, exported and erased (GDPR articles 15
and 17), for ``manage.py personal_data`` and the admin's page.

Erasure deletes the rows rather than blanking the name and address: what a visitor wrote in
a question or a report can itself say who they are (their name in the text, their
situation), so a row left behind would still be about them. The scheduled erasure
(erase_personal_data), which nobody asked for, keeps the text without name and address.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .registry import registered


def find(email):
    """[(entry, rows)] for each registered model, rows sent with ``email`` (any case)."""
    return [(entry, list(entry.about(email))) for entry in registered()]


def export(email):
    """What is stored about ``email`` as JSON text: each model's rows with every field."""
    data = {
        "email": email.strip(),
        "found": {entry.model._meta.label_lower: entry.export(email) for entry in registered()},
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def erase(email):
    """Delete every row sent with ``email``; {model label: number deleted}."""
    deleted = {}
    with transaction.atomic():
        for entry in registered():
            count, _ = entry.about(email).delete()
            deleted[entry.model._meta.label_lower] = count
    return deleted
