"""The organisations' public pages: the list and each organisation's own page.

An organisation's page lists what points at it (the programmes it owns, funds or commissioned,
its publications, pages, news, focus areas and contacts) through the relations' ``related_name``: this app imports none of
the apps above it."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import published

from .models import Organisation


class OrganisationSectionMixin:
    """For the detail view of something an organisation owns (its page, a programme, a news
    item): ``section_organisation`` in the context, which base.html shows as the
    organisation's banner with its own menu, and the footer as its contact details."""

    # The attribute of the object that is its organisation; None: the object is one.
    section_organisation_field = "organisation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = self.section_organisation_field
        context["section_organisation"] = getattr(self.object, field) if field else self.object
        return context


class OrganisationListView(BreadcrumbsMixin, ListView):
    queryset = Organisation.objects.select_related("parent", "county")

    def get_breadcrumbs(self):
        return Organisation.list_breadcrumbs()


def visible_focus_area_sets():
    """The organisation's sets of focus areas that visitors may see, with their areas."""
    focus_area_sets = Organisation._meta.get_field("focus_area_sets").related_model
    return Prefetch(
        "focus_area_sets",
        queryset=focus_area_sets.objects.visible().prefetch_related("focus_areas"),
    )


class OrganisationDetailView(OrganisationSectionMixin, BreadcrumbsMixin, DetailView):
    template_name = "organisations/organisation.html"
    section_organisation_field = None

    def get_queryset(self):
        # Only what visitors may see; built per request, so a scheduled item appears on time.
        return Organisation.objects.select_related("parent", "county").prefetch_related(
            "children",
            published(Organisation, "pages"),
            published(Organisation, "programmes", select_related=["parent"]),
            published(Organisation, "funded_programmes", select_related=["organisation"]),
            published(Organisation, "commissioned_programmes", select_related=["organisation"]),
            published(Organisation, "publications"),
            "contacts",
            published(Organisation, "news_items"),
            visible_focus_area_sets(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Split the prefetched programmes with the model's own status rule: ongoing first.
        programmes = list(self.object.programmes.all())
        context["ongoing_programmes"] = [p for p in programmes if p.is_ongoing]
        context["other_programmes"] = [p for p in programmes if not p.is_ongoing]
        return context
