"""``{% fixed_url "content:news_list" %}``: the address ``{% url %}`` gives for a page without
arguments, or with arguments written in the template (``{% fixed_url "…" file_format="csv"
%}``), reversed once per set of arguments, URL configuration, script prefix and language
(programmes.addresses.fixed_url). ``{% fixed_url "…" as name %}`` keeps it in a variable."""

from django import template

from programmes.addresses import fixed_url as address

register = template.Library()


@register.simple_tag
def fixed_url(view_name, **kwargs):
    return address(view_name, **kwargs)
