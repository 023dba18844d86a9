"""The main navigation in the header, with the section the current page belongs to marked
for ``aria-current`` (a context processor)."""

from django.utils.translation import gettext_lazy as _

# (section, the address name of its list page, its label), in the header's order.
SECTIONS = [
    ("organisations", "organisations:organisation_list", _("Organisationer")),
    ("programmes", "programmes:programme_list", _("Program")),
    ("publications", "publications:publication_list", _("Publikationer")),
    ("statistics", "indicators:indicator_list", _("Statistik")),
    ("news", "content:news_list", _("Nyheter")),
    ("contacts", "programmes:contact_list", _("Kontakter")),
]

# Pages whose section is not their app's: contacts live in the programmes app, news and
# events in content, whose other pages (an organisation's pages, the accessibility
# statement) belong to no section.
BY_VIEW = {
    "programmes:contact_list": "contacts",
    "content:news_list": "news",
    "content:news_detail": "news",
    "content:event_detail": "news",
}
BY_APP = {
    "organisations": "organisations",
    "programmes": "programmes",
    "publications": "publications",
    "indicators": "statistics",
}


def section_of(match):
    """The section of the page ``match`` (a ``ResolverMatch``) resolved to, or None."""
    if match is None:
        return None
    return BY_VIEW.get(match.view_name) or BY_APP.get(match.namespace)


def navigation(request):
    """``nav_items``: each section's label, list page and ``current``: "page" on its list
    page, "true" elsewhere in the section, "" outside it."""
    match = getattr(request, "resolver_match", None)
    section = section_of(match)
    items = []
    for name, url_name, label in SECTIONS:
        current = ""
        if match is not None and match.view_name == url_name:
            current = "page"
        elif name == section:
            current = "true"
        items.append({"url_name": url_name, "label": label, "current": current})
    return {"nav_items": items}
