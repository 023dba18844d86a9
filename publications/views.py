"""Public pages for publications."""

from django.db.models import Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from programmes.models import FocusArea
from programmes.publishing import PreviewMixin, published

from .filters import NEWEST_FIRST, PublicationFilter
from .models import Publication


class PublicationListView(FilterView):
    """All publications, filtered and sorted by the query string (see PublicationFilter).
    Invalid filter values answer 400 with the form and its messages, and no results."""

    filterset_class = PublicationFilter
    template_name = "publications/publication_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Publication.objects.published().for_listing().order_by(*NEWEST_FIRST)

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class PublicationDetailView(PreviewMixin, DetailView):
    template_name = "publications/publication.html"

    def get_queryset(self):
        return self.visible(Publication.objects).prefetch_related(
            "organisations",
            published(Publication, "programmes"),
            Prefetch("focus_areas", queryset=FocusArea.objects.visible()),
            "tags",
        )
