"""Public pages for publications."""

from django.views.generic import DetailView, ListView

from .models import Publication


class PublicationListView(ListView):
    queryset = Publication.objects.for_listing()
    paginate_by = 20


class PublicationDetailView(DetailView):
    template_name = "publications/publication.html"
    queryset = Publication.objects.prefetch_related(
        "organisations", "programmes", "focus_areas", "tags"
    )
