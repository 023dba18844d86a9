"""``{% programme_rows object_list %}`` and ``{% publication_rows publication_list %}``: the
rows of the public lists, written in Python (programmes/markup.py)."""

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
