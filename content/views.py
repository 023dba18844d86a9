"""Public pages for content pages, news and events."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from programmes.models import Contact

from .models import ContentPage, Event, NewsItem


class ContentPageDetailView(DetailView):
    template_name = "content/contentpage.html"
    queryset = ContentPage.objects.select_related("organisation", "parent").prefetch_related(
        "sections",
        "key_figures",
        "links",
        "publications",
        "programmes",
        "focus_areas",
        Prefetch("contacts", queryset=Contact.objects.select_related("organisation")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The side menu: all of the organisation's pages, the current one marked in the template.
        context["organisation_pages"] = self.object.organisation.pages.all()
        return context


class NewsListView(ListView):
    queryset = NewsItem.objects.select_related("organisation", "event").prefetch_related(
        "municipalities"
    )
    paginate_by = 20


class NewsDetailView(DetailView):
    template_name = "content/newsitem.html"
    queryset = NewsItem.objects.select_related("organisation", "event").prefetch_related(
        "municipalities"
    )


class EventDetailView(DetailView):
    template_name = "content/event.html"
    queryset = Event.objects.select_related("municipality").prefetch_related(
        "organisers", "programmes", "news_items"
    )
