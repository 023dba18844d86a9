"""Run inside the site (``manage.py shell -c``): prints, on one line starting with PAGES=, the
page mix of the load test as JSON: a list of [address, text the page must show]; on lists and
the search, that is the address of an item they must link to.

The addresses come from the demo content, so they follow it when it changes: the first
published item of each kind, and filters whose values are in use.
"""

import json
from urllib.parse import urlencode

from django.templatetags.static import static
from django.urls import reverse

from content.models import ContentPage, NewsItem
from programmes.models import Programme
from publications.models import Publication


def first(queryset):
    found = queryset.first()
    if found is None:
        raise SystemExit(f"The demo content has no published {queryset.model.__name__}.")
    return found


programme = first(Programme.objects.published().select_related("organisation").order_by("pk"))
publication = first(Publication.objects.published().order_by("pk"))
# The newest, which the home page and the first page of the news list show.
news = first(NewsItem.objects.published())
page = first(
    ContentPage.objects.published().exclude(slug="tillganglighetsredogorelse").order_by("pk")
)
organisation = programme.organisation
pages = [
    [reverse("home"), news.get_absolute_url()],
    [
        reverse("programmes:programme_list")
        + "?"
        + urlencode({"organisation": organisation.slug, "year": programme.start_year}),
        programme.get_absolute_url(),
    ],
    [programme.get_absolute_url(), programme.title],
    [
        reverse("publications:publication_list") + "?" + urlencode({"type": publication.kind}),
        publication.get_absolute_url(),
    ],
    [publication.get_absolute_url(), publication.title],
    [
        reverse("search:search") + "?" + urlencode({"q": programme.title}),
        programme.get_absolute_url(),
    ],
    [reverse("content:news_list"), news.get_absolute_url()],
    [news.get_absolute_url(), news.title],
    [page.get_absolute_url(), page.title],
    [static("css/site.css"), "{"],
]
print("PAGES=" + json.dumps(pages, ensure_ascii=False))
