"""The breadcrumbs' structured data (templates/includes/breadcrumbs.html): a page's trail as a
schema.org ``BreadcrumbList``, serialised as JSON that is safe inside a ``<script>`` element."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# What django.utils.html.json_script escapes, for the same reason: inside <script>, "</script>"
# or "<!--" in a title would end the element or change how the browser reads it. The escapes
# are still valid JSON and read back as the same text.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, trail):
    """``trail`` (``(label, address)`` pairs, the page last) as a schema.org BreadcrumbList:
    positions from 1 and absolute addresses on the host the page was asked for."""
    request = context["request"]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(label),
                "item": request.build_absolute_uri(url),
            }
            for position, (label, url) in enumerate(trail, start=1)
        ],
    }


@register.filter
def json_ld(value):
    """``value`` as JSON for a ``<script type="application/ld+json">`` element, with <, > and &
    escaped as json_script does. Safe to output as it is: no character in it can end the
    element or start markup."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(text)
