"""Where a public page lies on the site, for its breadcrumbs: a trail of ``(label, address)``
pairs from the start page to the page itself, the page last.

Models say where their records lie (``Programme.breadcrumbs()``, ``Programme.list_breadcrumbs()``
for the list they are in); views put the trail in the context as ``breadcrumbs``, which
templates/includes/breadcrumbs.html shows in every page's header and writes as schema.org
structured data. The start page and the error pages have none. Here, below every domain app,
so that each app's models can start their trails with the start page.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def from_start(*steps):
    """The trail from the start page through ``steps``, each ``(label, address)``."""
    return [(_("Startsida"), reverse("home")), *steps]


def public_ancestors(record):
    """``record``'s chain of ``parent``s that visitors may see, outermost first. A parent that
    is not public (a draft) is left out, as a link to it would not open; a chain that loops
    (editors can save one) stops where it repeats. Each parent not already loaded with
    ``select_related`` costs a query."""
    chain, seen = [], {record.pk}
    parent = record.parent
    while parent is not None and parent.pk not in seen:
        seen.add(parent.pk)
        if parent.is_public():
            chain.append(parent)
        parent = parent.parent
    chain.reverse()
    return chain


class BreadcrumbsMixin:
    """For a public view: the page's trail in the context as ``breadcrumbs``. By default the
    trail of the view's object; a list view overrides ``get_breadcrumbs``."""

    def get_breadcrumbs(self):
        return self.object.breadcrumbs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context
