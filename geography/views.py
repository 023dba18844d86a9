"""The public page of a municipality: what the portal has about it, read through the relations
that point at it (programmes, events, news, awards), so this app imports none of those apps."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import published

from .models import Municipality


def public_award_wins():
    """The municipality's awards that visitors may see: published winners of published awards
    (the awards app's ``AwardWinner.objects.public()``), read from the relation."""
    model = Municipality._meta.get_field("award_wins").related_model
    return Prefetch(
        "award_wins", queryset=model.objects.public().select_related("award").order_by("-year")
    )


class MunicipalityDetailView(BreadcrumbsMixin, DetailView):
    template_name = "geography/municipality.html"

    def get_queryset(self):
        return Municipality.objects.select_related("county").prefetch_related(
            public_award_wins(),
            published(Municipality, "programmes", select_related=["organisation"]),
            "events",
            published(Municipality, "news_items"),
        )
