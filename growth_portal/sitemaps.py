"""sitemap.xml: every public page, for search engines.

Absolute addresses come from the request's host: without ``django.contrib.sites`` the sitemap
view passes a ``RequestSite`` to ``Sitemap.get_urls``. Each model section runs two queries (a
count and a page of rows), however many rows there are.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from awards.models import Award
from content.models import ContentPage, Event, NewsItem
from geography.models import Municipality
from indicators.models import Indicator
from organisations.models import Organisation
from programmes.models import FocusArea, FundProgramme, Programme
from publications.models import Publication
from surveys.models import Survey
from themes.models import Theme

# The fixed pages by URL name. A name that does not resolve (a page not built yet) is left out,
# so a page appears here as soon as its route exists. The accessibility statement is a content
# page and is listed with them.
FIXED_PAGES = [
    "home",
    "organisations:organisation_list",
    "programmes:programme_list",
    "programmes:programme_timeline",
    "programmes:contact_list",
    "publications:publication_list",
    "indicators:indicator_list",
    "content:news_list",
    "content:accessibility_request",
    "surveys:survey_list",
    "awards:award_list",
    "themes:theme_list",
]


class FixedPageSitemap(Sitemap):
    def items(self):
        names = []
        for name in FIXED_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)


class ModelSitemap(Sitemap):
    """One model's public pages, at their ``get_absolute_url``."""

    model = None
    fields = ["pk", "slug"]  # what get_absolute_url needs

    def items(self):
        items = self.model._default_manager.all()
        if hasattr(items, "published"):
            # Drafts and scheduled items are not public yet.
            items = items.published()
        return items.only(*self.fields).order_by("pk")


class TimeStampedSitemap(ModelSitemap):
    """For models that record when they last changed, which search engines can use."""

    fields = [*ModelSitemap.fields, "updated_at"]

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(TimeStampedSitemap):
    model = Organisation


class ProgrammeSitemap(TimeStampedSitemap):
    model = Programme


class FocusAreaSitemap(TimeStampedSitemap):
    model = FocusArea

    def items(self):
        # Not the areas of a programme that is not public yet.
        return FocusArea.objects.visible().only(*self.fields).order_by("pk")


class PublicationSitemap(TimeStampedSitemap):
    model = Publication


class ContentPageSitemap(TimeStampedSitemap):
    model = ContentPage


class NewsItemSitemap(TimeStampedSitemap):
    model = NewsItem


class EventSitemap(TimeStampedSitemap):
    model = Event


class IndicatorSitemap(TimeStampedSitemap):
    model = Indicator


class SurveySitemap(TimeStampedSitemap):
    model = Survey


class AwardSitemap(TimeStampedSitemap):
    model = Award


class FundProgrammeSitemap(TimeStampedSitemap):
    model = FundProgramme


class ThemeSitemap(ModelSitemap):
    model = Theme

    def items(self):
        # Tags on something visitors may see; a tag whose name has no letters has no address.
        return Theme.objects.in_use().exclude(slug="").only(*self.fields).order_by("pk")


class MunicipalitySitemap(ModelSitemap):
    model = Municipality


sitemaps = {
    "pages": FixedPageSitemap,
    "organisations": OrganisationSitemap,
    "programmes": ProgrammeSitemap,
    "focus_areas": FocusAreaSitemap,
    "publications": PublicationSitemap,
    "content_pages": ContentPageSitemap,
    "news": NewsItemSitemap,
    "events": EventSitemap,
    "indicators": IndicatorSitemap,
    "surveys": SurveySitemap,
    "awards": AwardSitemap,
    "fund_programmes": FundProgrammeSitemap,
    "themes": ThemeSitemap,
    "municipalities": MunicipalitySitemap,
}
