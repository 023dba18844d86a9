"""``{% programme_rows object_list %}`` and ``{% publication_rows publication_list %}``: the
rows of the public lists, and ``{% publication_items publications %}``, the items of a short
list of publications on another page, and ``{% field_group form.field %}``, a filter form's
field with its label, as ``as_field_group`` writes it; written in Python (programmes/markup.py)."""

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


@register.simple_tag
def field_group(field):
    return markup.field_group(field)
