"""``{% organisation_menu organisation as menu %}``: the organisation's own menu for the pages
that belong to it, remembered (pagecache.versions.remember) so that a page does not query
for it."""

from django import template

from pagecache.versions import remember

register = template.Library()


@register.simple_tag
def organisation_menu(organisation):
    return remember(("organisation_menu", organisation.pk), organisation.menu)
