"""``{% programme_rows object_list %}`` and ``{% publication_rows publication_list %}``: the
rows of the public lists, and ``{% publication_items publications %}``, the items of a short
list of publications on another page; written in Python (programmes/markup.py)."""

from django import template
from django.utils import timezone

from programmes import markup

register = template.Library()


@register.simple_tag
def programme_rows(programmes):
    return markup.programme_rows(programmes, timezone.localdate(), timezone.now())


@register.simple_tag
def publication_rows(publications):
    return markup.publication_rows(list(publications))


@register.simple_tag
def publication_items(publications, show_organisations=False):
    return markup.publication_items(publications, show_organisations)
