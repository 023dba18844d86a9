"""Every public page type of the demo site and the address of one real page of each.

Run inside the site by tools/demo_site.py (``manage.py shell -c "from tools.demo_pages import
main; main()"``), which reads the ``PAGES=`` line it prints. Detail pages use the demo items the
browser tests use (``tests/growth_portal/test_browser.py``), and fall back to the first item
visitors may see if the demo content has changed, so the addresses follow the content and the
URL configuration rather than being written out here.
"""

import json

from django.urls import reverse

from content.models import ACCESSIBILITY_STATEMENT_SLUG, ContentPage, Event, NewsItem
from indicators.models import Indicator
from organisations.models import Organisation
from programmes.models import FocusArea, Programme
from publications.models import Publication
from surveys.models import Survey


def detail(queryset, preferred_slug):
    """The preferred demo item when visitors may see it, else the first one they may see."""
    item = queryset.filter(slug=preferred_slug).first() or queryset.order_by("pk").first()
    if item is None:
        raise SystemExit(f"The demo content has no visible {queryset.model.__name__}.")
    return item.get_absolute_url()


def page_types():
    """[(page type, path)] in the order the tools report them."""
    return [
        ("home", reverse("home")),
        ("organisation list", reverse("organisations:organisation_list")),
        ("organisation", detail(Organisation.objects.all(), "tillvaxtverket")),
        (
            "content page",
            detail(
                ContentPage.objects.published().exclude(slug=ACCESSIBILITY_STATEMENT_SLUG),
                "samordning-och-uppfoljning",
            ),
        ),
        ("programme list", reverse("programmes:programme_list")),
        ("programme timeline", reverse("programmes:programme_timeline")),
        (
            "programme",
            detail(Programme.objects.published(), "jamstalld-regional-tillvaxt-2016-2018"),
        ),
        (
            "focus area",
            detail(FocusArea.objects.visible(), "tillvaxtskapande-samhallsplanering"),
        ),
        ("publication list", reverse("publications:publication_list")),
        (
            "publication",
            detail(Publication.objects.published(), "jamstalld-tillvaxt-handlingsplan-2016-2018"),
        ),
        ("survey list", reverse("surveys:survey_list")),
        (
            "survey",
            detail(Survey.objects.published(), "kommunernas-naringslivs-och-tillvaxtprogram-2017"),
        ),
        ("news list", reverse("content:news_list")),
        (
            "news item",
            detail(NewsItem.objects.published(), "180-kommuner-har-anvant-arenans-tjanster"),
        ),
        ("event", detail(Event.objects.all(), "vaxa-eller-krympa")),
        ("contacts", reverse("programmes:contact_list")),
        ("statistics list", reverse("indicators:indicator_list")),
        ("indicator", detail(Indicator.objects.published(), "folkmangd")),
        ("search results", reverse("search:search") + "?q=tillv%C3%A4xt"),
        ("accessibility statement", reverse("content:accessibility_statement")),
        ("accessibility request form", reverse("content:accessibility_request")),
    ]


def main():
    print("PAGES=" + json.dumps(page_types(), ensure_ascii=False))
