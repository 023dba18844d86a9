from django.urls import reverse
from django.views.generic import TemplateView

from content.models import NewsItem
from organisations.models import Organisation
from pagecache.versions import remember
from programmes.models import Programme
from publications.models import Publication

HOME_LATEST_COUNT = 5
# The start page shows a selection; the full lists are one link away. With hundreds of
# organisations and thousands of programmes a complete list made the page 700 KB.
HOME_ORGANISATION_COUNT = 12
HOME_PROGRAMME_COUNT = 10


def home_lists():
    """What the start page lists: a selection of organisations, ongoing and other top-level
    programmes (pilot and knowledge projects are listed on their parent), and the latest
    publications and news."""
    programmes = Programme.objects.listed().top_level()
    ongoing = programmes.ongoing()
    return {
        "organisations": list(Organisation.objects.all()[:HOME_ORGANISATION_COUNT]),
        "ongoing_programmes": list(ongoing[:HOME_PROGRAMME_COUNT]),
        "other_programmes": list(
            programmes.exclude(pk__in=ongoing.values("pk"))[:HOME_PROGRAMME_COUNT]
        ),
        "latest_publications": list(
            Publication.objects.published().for_listing()[:HOME_LATEST_COUNT]
        ),
        "latest_news": list(
            NewsItem.objects.published().select_related("organisation", "image")[:HOME_LATEST_COUNT]
        ),
    }


class HomeView(TemplateView):
    """The start page: what the portal is, who is in it and what is new. Its lists are
    remembered until what they read changes (pagecache.versions.remember)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(remember(("home",), home_lists))
        return context


class RobotsTxtView(TemplateView):
    """robots.txt: everything but the admin may be crawled; the sitemap's absolute address is
    built from the request, so it is right on every host the site answers to."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context


def server_error(request, *args, **kwargs):
    """The 500 handler. Called while the exception is being handled; a database that does not
    answer (raised in a middleware, outside any view) gets the 503 page instead."""
    import sys

    from django.views.defaults import server_error as django_server_error

    from .middleware import database_unavailable_response, is_database_error

    if is_database_error(sys.exc_info()[1]):
        return database_unavailable_response()
    return django_server_error(request, *args, **kwargs)
