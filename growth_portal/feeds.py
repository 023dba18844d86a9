"""Atom feeds of new publications and news, linked from every page's <head>.

A feed tells subscribers what is new on the site, so it holds the items most recently published
(``publish_from``; drafts and scheduled items are left out), whatever date the item carries.
An entry's publication date (``<published>``) is the item's own date, and only that: an item
whose date is unknown has none, rather than the day it was put on the site, and its summary
begins by saying so (as its page does). ``<updated>`` is when the site last changed it.
Summaries are rich text on the site; a feed gets their plain text (no tags, no links), escaped
here because Atom carries the summary as HTML.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from content.models import NewsItem
from publications.models import Publication
from richtext.html import html_to_text

FEED_LENGTH = 50


def _start_of_day(date):
    """A date as the aware datetime at which it begins, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


class _AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_description(self, item):
        note = self.item_date_note(item)
        text = html_to_text(item.summary)
        return escape(f"{note} {text}".strip() if note else text)

    def item_date_note(self, item):
        """A sentence for the start of the summary when the item's own date is not known."""
        return ""

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)


class PublicationFeed(_AtomFeed):
    title = _("Publikationer – Tillväxtportalen")
    subtitle = _("Nya rapporter, handlingsplaner, analyser och strategier på Tillväxtportalen.")
    link = reverse_lazy("publications:publication_list")

    def feed_url(self):
        return reverse("publication_feed")

    def items(self):
        return (
            Publication.objects.published()
            .prefetch_related("organisations")
            .order_by("-publish_from", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        if item.publication_date:
            return _start_of_day(item.publication_date)
        return None

    def item_date_note(self, item):
        if item.publication_date:
            return ""
        if item.year:
            return _("Utgiven %(year)s.") % {"year": item.year}
        return _("Utgivningsåret är inte känt.")

    def item_author_name(self, item):
        return ", ".join(organisation.name for organisation in item.organisations.all()) or None


class NewsFeed(_AtomFeed):
    title = _("Nyheter – Tillväxtportalen")
    subtitle = _("Nyheter från organisationerna i det regionala tillväxtarbetet.")
    link = reverse_lazy("content:news_list")

    def feed_url(self):
        return reverse("news_feed")

    def items(self):
        return (
            NewsItem.objects.published()
            .select_related("organisation")
            .order_by("-publish_from", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        if item.date:
            return _start_of_day(item.date)
        return None

    def item_date_note(self, item):
        return "" if item.date else _("Nyhetens datum är inte känt.")

    def item_author_name(self, item):
        return item.organisation.name
