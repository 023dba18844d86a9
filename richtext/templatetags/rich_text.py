"""Show editors' rich text (fields declared as ``RichTextField``, see programmes/richtext.py).

``{{ programme.body|rich_text }}`` is the one place where rich text is marked safe. The value was
sanitized when it was saved; it is cleaned once more here against the same allowlist, so even a
value that reached the database some other way (raw SQL, an old backup) cannot bring a script,
an event handler, a style or a dangerous link onto a page. Use it only on RichTextFields, and
inside a block container such as <div> or <section>, never inside <p>: the value holds
paragraphs and lists.

``{{ section.body|rich_text:3 }}`` moves the headings down so the first level is h3, for text
that sits under an h2 of the page itself.

``{{ publication.summary|plain_text }}`` is the text without markup, for meta descriptions and
list snippets; it is not marked safe, so autoescaping applies as usual.
"""

import re

from django import template
from django.utils.safestring import mark_safe

from richtext.html import HEADING_LEVELS, html_to_text, sanitize_html

register = template.Library()

# Sanitized headings carry no attributes, and a "<" in text or attribute values is escaped.
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


@register.filter
def rich_text(value, top_level=HEADING_LEVELS[0]):
    if not value:
        return ""
    cleaned = sanitize_html(value)
    shift = int(top_level) - HEADING_LEVELS[0]
    if shift > 0:
        cleaned = _HEADING_TAG.sub(
            lambda match: f"<{match[1]}h{min(int(match[2]) + shift, 6)}>", cleaned
        )
    return mark_safe(cleaned)  # sanitized just above; see the module docstring


@register.filter
def plain_text(value):
    return html_to_text(value)
