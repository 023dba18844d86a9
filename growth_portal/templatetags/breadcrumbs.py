"""The breadcrumbs' structured data (templates/includes/breadcrumbs.html): a page's trail as a
schema.org ``BreadcrumbList``, which the template writes with the ``json_ld`` filter."""

from django import template

register = template.Library()


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
