"""``{% fixed_url "content:news_list" %}``: the address ``{% url %}`` gives for a page without
arguments, reversed once per URL configuration, script prefix and language
(programmes.addresses.fixed_url). ``{% fixed_url "…" as name %}`` keeps it in a variable."""

from django import template

from programmes.addresses import fixed_url as address

register = template.Library()


@register.simple_tag
def fixed_url(view_name):
    return address(view_name)
