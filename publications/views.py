"""Public pages for publications."""

from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import NEWEST_FIRST, PublicationFilter
from .models import Publication


class PublicationListView(FilterView):
    """All publications, filtered and sorted by the query string (see PublicationFilter).
    Invalid filter values answer 400 with the form and its messages, and no results."""

    queryset = Publication.objects.for_listing().order_by(*NEWEST_FIRST)
    filterset_class = PublicationFilter
    template_name = "publications/publication_list.html"
    paginate_by = 20

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class PublicationDetailView(DetailView):
    template_name = "publications/publication.html"
    queryset = Publication.objects.prefetch_related(
        "organisations", "programmes", "focus_areas", "tags"
    )
