"""Structured data (JSON-LD) inside a page: ``{{ data|json_ld }}`` in a
``<script type="application/ld+json">`` element."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# What django.utils.html.json_script escapes, for the same reason: inside <script>, "</script>"
# or "<!--" in a title would end the element or change how the browser reads it. The escapes
# are still valid JSON and read back as the same text. (json_script itself writes
# type="application/json", which search engines do not read as structured data.)
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(value):
    """``value`` as JSON with <, > and & escaped as json_script does. Marked safe because no
    character left in it can end the element or start markup; HTML escaping would instead
    break the JSON (a script's text is not decoded)."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(text)
