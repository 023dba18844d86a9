"""Public pages for awards: the list of awards and each award with its winners by year."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import PreviewMixin

from .models import Award, AwardWinner


class AwardListView(BreadcrumbsMixin, ListView):
    """Every published award with who gives it."""

    template_name = "awards/award_list.html"

    def get_breadcrumbs(self):
        return Award.list_breadcrumbs()

    def get_queryset(self):
        return Award.objects.published().prefetch_related("organisers")


class AwardDetailView(BreadcrumbsMixin, PreviewMixin, DetailView):
    """An award and its published winners, newest year first, each with the municipality, its
    county and the news item (linked only when visitors may see it)."""

    template_name = "awards/award.html"

    def get_queryset(self):
        winners = (
            AwardWinner.objects.published()
            .select_related("municipality__county", "news_item")
            .order_by("-year")
        )
        return self.visible(Award.objects).prefetch_related(
            "organisers", Prefetch("winners", queryset=winners)
        )
