"""What visitors may see of publishable content, and the editors' preview of the rest.

Public views show only published content whose publish-from time has come, on the page itself
and in every list of related items on it. ``published()`` builds those related lists. Views
build their querysets per request, so a scheduled item appears at its time without any job.
"""

from django.db.models import Prefetch


def published(model, lookup, select_related=()):
    """A ``Prefetch`` of ``model``'s relation ``lookup`` narrowed to what visitors may see.
    The related model is read from the relation, so this app need not import the apps that
    point at it (content pages, publications, news)."""
    related_model = model._meta.get_field(lookup).related_model
    queryset = related_model.objects.published()
    if select_related:
        queryset = queryset.select_related(*select_related)
    return Prefetch(lookup, queryset=queryset)


class PreviewMixin:
    """For a public detail view: visitors get only published items (others are 404); with
    ``preview=True``, which only the admin's preview sets, drafts and scheduled items are shown
    exactly as their public page will look, marked as a preview and kept out of search
    engines."""

    preview = False

    def visible(self, manager):
        return manager.all() if self.preview else manager.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview
        return context
