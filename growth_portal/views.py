from django.views.generic import TemplateView

from content.models import NewsItem
from programmes.models import Organisation, Programme
from publications.models import Publication

HOME_LATEST_COUNT = 5


class HomeView(TemplateView):
    """The start page: what the portal is, who is in it and what is new."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Top-level programmes only; pilot and knowledge projects are listed on their parent.
        programmes = Programme.objects.top_level().select_related("organisation")
        ongoing = programmes.ongoing()
        context.update(
            organisations=Organisation.objects.all(),
            ongoing_programmes=ongoing,
            other_programmes=programmes.exclude(pk__in=ongoing.values("pk")),
            latest_publications=Publication.objects.for_listing()[:HOME_LATEST_COUNT],
            latest_news=NewsItem.objects.select_related("organisation")[:HOME_LATEST_COUNT],
        )
        return context
