"""Public pages for organisations, programmes and focus areas.

Each view declares the related rows its template shows, so the number of queries per page
stays the same however much data there is (tests/test_public_pages.py pins that).
"""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .choices import ProgrammeStatus
from .models import Contact, FocusArea, Organisation, Programme

# A programme as a list item shows its owning organisation; load it in the same query.
PROGRAMMES_WITH_OWNER = Programme.objects.select_related("organisation")
CONTACTS_WITH_ORGANISATION = Contact.objects.select_related("organisation")


class OrganisationListView(ListView):
    queryset = Organisation.objects.select_related("parent", "county")


class OrganisationDetailView(DetailView):
    template_name = "programmes/organisation.html"
    queryset = Organisation.objects.select_related("parent", "county").prefetch_related(
        "children",
        "pages",
        "programmes",
        "publications",
        "contacts",
        "news_items",
        "focus_area_sets__focus_areas",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Split the prefetched programmes with the model's own status rule: ongoing first.
        programmes = list(self.object.programmes.all())
        context["ongoing_programmes"] = [
            p for p in programmes if p.status == ProgrammeStatus.ONGOING
        ]
        context["other_programmes"] = [p for p in programmes if p.status != ProgrammeStatus.ONGOING]
        return context


class ProgrammeListView(ListView):
    queryset = Programme.objects.select_related("organisation", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Top-level programmes first, then the pilot and knowledge projects that belong to one.
        programmes = list(context["object_list"])
        context["top_level_programmes"] = [p for p in programmes if p.parent_id is None]
        context["subprojects"] = [p for p in programmes if p.parent_id is not None]
        return context


class ProgrammeDetailView(DetailView):
    template_name = "programmes/programme.html"
    queryset = Programme.objects.select_related(
        "organisation", "commissioned_by", "parent", "predecessor"
    ).prefetch_related(
        "funders",
        "goals",
        "focus_points",
        "focus_areas",
        "tags",
        "municipalities",
        "links",
        "pages",
        "events",
        Prefetch("subprojects", queryset=PROGRAMMES_WITH_OWNER),
        Prefetch("successors", queryset=PROGRAMMES_WITH_OWNER),
        Prefetch("contacts", queryset=CONTACTS_WITH_ORGANISATION),
        "publications",
    )


class FocusAreaDetailView(DetailView):
    template_name = "programmes/focusarea.html"
    queryset = FocusArea.objects.select_related(
        "focus_area_set__organisation", "focus_area_set__programme"
    ).prefetch_related(
        Prefetch("programmes", queryset=PROGRAMMES_WITH_OWNER),
        "publications",
        "pages",
    )
