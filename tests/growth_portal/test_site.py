"""Site-wide pages and metadata: sitemap.xml, robots.txt, the Atom feeds, the Swedish 404 and
500 pages, and the canonical link and meta description on every page."""

import contextlib
import datetime
import itertools
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import get_template, render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone

from awards.models import Award
from content.models import ContentPage, Event, NewsItem
from geography.models import Municipality
from growth_portal.feeds import FEED_LENGTH
from growth_portal.sitemaps import FIXED_PAGES
from indicators.models import Indicator
from organisations.models import Organisation
from programmes.models import FocusArea, FundProgramme, Programme
from publications.models import Publication
from richtext.html import html_to_text
from surveys.models import Survey
from tests.factories import (
    AwardFactory,
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    FundProgrammeFactory,
    MunicipalityFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.indicators.figures import indicator
from tests.pages import new_tag
from themes.models import Theme

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}
PUBLIC_MODELS = [
    Organisation,
    Programme,
    FocusArea,
    Publication,
    ContentPage,
    NewsItem,
    Event,
    Indicator,
    Survey,
    Award,
    FundProgramme,
    Theme,
    Municipality,
]


def _boom(request):
    raise RuntimeError("Testfel")


# The URLconf of test_a_view_that_fails_gets_the_swedish_500_page.
urlpatterns = [path("fel/", _boom)]


@pytest.fixture
def other_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "portal.example.se"]
    return "portal.example.se"


def parse_time(value):
    return datetime.datetime.fromisoformat(value)


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def count_queries(client, url):
    client.get(url)  # warm caches such as content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


INDICATOR_NUMBERS = itertools.count()


def grow_everything(n):
    for _ in range(n):
        organisation = OrganisationFactory()
        ProgrammeFactory(organisation=organisation)
        FocusAreaFactory()
        PublicationFactory(organisations=[organisation])
        ContentPageFactory(organisation=organisation)
        NewsItemFactory(organisation=organisation)
        EventFactory(organisers=[organisation])
        indicator(f"indikator-{next(INDICATOR_NUMBERS)}")
        AwardFactory(organisers=[organisation])
        FundProgrammeFactory()
        MunicipalityFactory()
        PublicationFactory(organisations=[organisation]).tags.add(new_tag())


# --- sitemap.xml ---------------------------------------------------------------------------


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return response, root, [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def fixed_page_urls():
    urls = []
    for name in FIXED_PAGES:
        with contextlib.suppress(NoReverseMatch):  # a page another change has not added yet
            urls.append(BASE + reverse(name))
    return urls


def test_sitemap_lists_every_public_page_of_the_demo(client, demo):
    _, _, locations = sitemap_locations(client)

    expected = fixed_page_urls()
    for model in PUBLIC_MODELS:
        objects = list(model.objects.all())
        assert objects, model
        expected += [BASE + obj.get_absolute_url() for obj in objects]
    assert sorted(locations) == sorted(expected)
    assert len(locations) == len(set(locations))
    for must in [
        f"{BASE}/",
        f"{BASE}/organisationer/",
        f"{BASE}/program/",
        f"{BASE}/publikationer/",
        f"{BASE}/nyheter/",
        f"{BASE}/tillganglighetsredogorelse/",
        f"{BASE}/organisationer/tillvaxtverket/",
        f"{BASE}/program/jamstalld-regional-tillvaxt-2016-2018/",
        f"{BASE}/fokusomraden/landsbygd/",
        f"{BASE}/publikationer/jamstalld-tillvaxt-handlingsplan-2016-2018/",
        f"{BASE}/sidor/planer-for-tillvaxt/",
        f"{BASE}/nyheter/uppsala-ar-arets-tillvaxtkommun-2018/",
        f"{BASE}/evenemang/vaxa-eller-krympa/",
        f"{BASE}/statistik/",
        f"{BASE}/statistik/folkmangd/",
    ]:
        assert must in locations, must
    # The statement is listed at its own address, not at /sidor/.
    assert f"{BASE}/sidor/tillganglighetsredogorelse/" not in locations


def test_sitemap_includes_pages_that_other_changes_add_once_they_exist(client):
    _, _, locations = sitemap_locations(client)
    for name in ("programmes:programme_timeline", "programmes:contact_list"):
        try:
            url = BASE + reverse(name)
        except NoReverseMatch:
            continue
        assert url in locations


def test_sitemap_uses_the_request_host_and_lastmod(client, other_host):
    publication = PublicationFactory()
    area = FocusAreaFactory()
    response = client.get("/sitemap.xml", HTTP_HOST="portal.example.se", secure=True)
    root = ET.fromstring(response.content)
    entries = {
        url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    publication_url = f"https://portal.example.se{publication.get_absolute_url()}"
    assert publication_url in entries
    # The day of the last change in the site's time zone (Stockholm), as the sitemap writes
    # it; the UTC date differs from it for an hour or two before midnight.
    assert entries[publication_url].text == timezone.localdate(publication.updated_at).isoformat()
    # Focus areas record when they last changed, like the other pages.
    assert entries[f"https://portal.example.se{area.get_absolute_url()}"].text == (
        timezone.localdate(area.updated_at).isoformat()
    )


def test_sitemap_queries_do_not_grow_with_the_data(client):
    grow_everything(2)
    with_few = count_queries(client, "/sitemap.xml")
    grow_everything(18)  # ten times as many of everything
    with_many = count_queries(client, "/sitemap.xml")
    assert with_many == with_few
    # A count and a page of rows for each of the twelve models; a count of the surveys, which
    # this scenario has none of.
    assert with_few == 25
    _, _, locations = sitemap_locations(client)
    # One row of each model per round, and a second publication with its theme.
    assert len(locations) == len(fixed_page_urls()) + 20 * 13


# --- robots.txt ----------------------------------------------------------------------------


def test_robots_txt(client, other_host):
    response = client.get("/robots.txt", HTTP_HOST="portal.example.se", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert [line for line in lines if line.startswith("Disallow")] == ["Disallow: /admin/"]
    assert "Sitemap: https://portal.example.se/sitemap.xml" in lines


# --- feeds ---------------------------------------------------------------------------------


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root, root.findall("atom:entry", ATOM_NS)


def entry_fields(entry):
    def text(tag):
        element = entry.find(f"atom:{tag}", ATOM_NS)
        return None if element is None else element.text

    return {
        "title": text("title"),
        "link": entry.find("atom:link", ATOM_NS).get("href"),
        "summary": text("summary"),
        "published": text("published"),
        "updated": text("updated"),
        "author": text("author/atom:name"),
    }


def test_the_feed_urls_win_over_the_slug_routes():
    assert reverse("publication_feed") == "/publikationer/flode/"
    assert reverse("news_feed") == "/nyheter/flode/"


def test_publication_feed(client):
    organisation = OrganisationFactory(name="Tillväxtverket")
    dated = PublicationFactory(
        title="Tillstånd och trender 2018",
        summary="<p>Läget för regional tillväxt <strong>2018</strong> &amp; framåt.</p>",
        publication_date=datetime.date(2018, 5, 16),
        organisations=[organisation],
    )
    undated = PublicationFactory(title="Handlingsplan", summary="En plan.", year=None)

    root, entries = parse_feed(client, "/publikationer/flode/")

    assert root.find("atom:title", ATOM_NS).text == "Publikationer – Tillväxtportalen"
    assert root.find("atom:link[@rel='self']", ATOM_NS).get("href") == (
        f"{BASE}/publikationer/flode/"
    )
    fields = [entry_fields(entry) for entry in entries]
    # Newest addition first.
    assert [f["title"] for f in fields] == ["Handlingsplan", "Tillstånd och trender 2018"]
    newest, oldest = fields
    assert oldest["link"] == BASE + dated.get_absolute_url()
    assert oldest["published"] == "2018-05-16T00:00:00+02:00"
    assert parse_time(oldest["updated"]) == dated.updated_at
    assert oldest["author"] == "Tillväxtverket"
    # Plain text, escaped: a feed reader shows the editor's text, not markup.
    assert oldest["summary"] == "Läget för regional tillväxt 2018 &amp; framåt."
    assert newest["link"] == BASE + undated.get_absolute_url()
    # Its own date unknown: no publication date (not the day it came to the site), and the
    # summary says so; <updated> is the site's last change.
    assert newest["published"] is None
    assert parse_time(newest["updated"]) == undated.updated_at
    assert newest["summary"] == "Utgivningsåret är inte känt. En plan."


def test_news_feed(client):
    organisation = OrganisationFactory(name="Arena för Tillväxt")
    dated = NewsItemFactory(
        title="Uppsala är Årets Tillväxtkommun",
        summary="Priset delas ut för 21:a året.",
        date=datetime.date(2018, 5, 16),
        organisation=organisation,
    )
    undated = NewsItemFactory(title="Nyhet utan datum", date=None)

    root, entries = parse_feed(client, "/nyheter/flode/")

    assert root.find("atom:title", ATOM_NS).text == "Nyheter – Tillväxtportalen"
    fields = {entry_fields(entry)["title"]: entry_fields(entry) for entry in entries}
    assert list(fields) == ["Nyhet utan datum", "Uppsala är Årets Tillväxtkommun"]
    award = fields["Uppsala är Årets Tillväxtkommun"]
    assert award["link"] == BASE + dated.get_absolute_url()
    assert award["summary"] == "Priset delas ut för 21:a året."
    assert award["published"] == "2018-05-16T00:00:00+02:00"
    assert parse_time(award["updated"]) == dated.updated_at
    assert award["author"] == "Arena för Tillväxt"
    no_date = fields["Nyhet utan datum"]
    assert no_date["link"] == BASE + undated.get_absolute_url()
    assert no_date["published"] is None
    assert no_date["summary"].startswith("Nyhetens datum är inte känt. ")


def test_feeds_hold_the_latest_fifty(client):
    organisation = OrganisationFactory()
    publications = [
        PublicationFactory(organisations=[organisation]) for _ in range(FEED_LENGTH + 1)
    ]
    _, entries = parse_feed(client, "/publikationer/flode/")
    assert FEED_LENGTH == 50
    links = [entry_fields(entry)["link"] for entry in entries]
    assert len(links) == 50
    assert BASE + publications[0].get_absolute_url() not in links  # the oldest is left out
    assert links[0] == BASE + publications[-1].get_absolute_url()


@pytest.mark.parametrize(
    ("url", "grow", "expected_queries"),
    [
        (
            "/publikationer/flode/",
            lambda n: [
                PublicationFactory(organisations=[OrganisationFactory(), OrganisationFactory()])
                for _ in range(n)
            ],
            2,
        ),
        ("/nyheter/flode/", lambda n: NewsItemFactory.create_batch(n), 1),
    ],
)
def test_feed_queries_do_not_grow_with_the_items(client, url, grow, expected_queries):
    grow(2)
    with_few = count_queries(client, url)
    grow(18)
    with_many = count_queries(client, url)
    assert with_many == with_few == expected_queries
    assert len(parse_feed(client, url)[1]) == 20


def test_every_page_links_to_the_feeds(client):
    html = client.get("/").content.decode()
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="Publikationer – '
        r'Tillväxtportalen" href="/publikationer/flode/">',
        html,
    )
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="Nyheter – '
        r'Tillväxtportalen" href="/nyheter/flode/">',
        html,
    )


# --- 404 and 500 ---------------------------------------------------------------------------


def test_an_unknown_address_gets_the_swedish_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/det-har-finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "<h1>Sidan finns inte</h1>" in html
    assert "Vi hittar ingen sida på den här adressen." in html
    assert '<a href="/">Startsidan</a>' in html
    assert '<a href="/publikationer/">Publikationer</a>' in html
    # A missing page has no canonical address.
    assert 'rel="canonical"' not in html


@pytest.mark.parametrize(
    "url",
    [
        "/program/finns%00inte/",
        "/media/organisations/logos/logo.png%00.txt",
        "/publikationer/?q=rapport%00",
        "/publikationer/?organisation=%00",
        "/program/?organisation=tillvaxtverket%00",
        "/nyheter/?page=1%00",
        "/tillganglighetsredogorelse/kontakt/?publikation=%00",
        "/?%00=1",
    ],
)
def test_a_nul_character_in_the_address_gets_the_swedish_400_page(client, settings, url):
    """PostgreSQL refuses NUL in text; no view may pass one on and answer 500."""
    settings.DEBUG = False
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Felaktig adress</h1>" in html
    assert '<html lang="sv">' in html


def test_an_unknown_object_gets_the_swedish_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/program/finns-inte/")
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in response.content.decode()


def test_the_500_page_is_standalone_swedish_html():
    source = get_template("500.html").template.source
    # Nothing that could fail when the database or the request is what failed.
    for risky in ("extends", "include", "{% url", "{% static", "request", "{{"):
        assert risky not in source, risky
    # No inline style either: the Content-Security-Policy will not allow it.
    assert "<style" not in source and "style=" not in source
    assert '<link rel="stylesheet" href="/static/css/site.css">' in source
    html = render_to_string("500.html")
    assert html.lstrip().startswith("<!doctype html>")
    assert '<html lang="sv">' in html
    assert "<title>Något gick fel – Tillväxtportalen</title>" in html
    assert "<h1>Något gick fel</h1>" in html
    assert '<a href="/">Till startsidan</a>' in html


@pytest.mark.urls("tests.growth_portal.test_site")
def test_a_view_that_fails_gets_the_swedish_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/fel/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Något gick fel" in html
    assert "Testfel" not in html


# --- canonical link and meta description ---------------------------------------------------


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>", 1)[0]


def canonical(head):
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', head)
    assert len(found) == 1, found
    return found[0]


def meta_description(head):
    found = re.findall(r'<meta name="description" content="([^"]*)">', head)
    assert len(found) == 1, found
    return unescape(found[0])


def test_canonical_and_description_on_a_sample_of_page_types(client, demo):
    programme = Programme.objects.get(slug="jamstalld-regional-tillvaxt-2016-2018")
    page = ContentPage.objects.get(slug="planer-for-tillvaxt")
    news_item = NewsItem.objects.get(slug="uppsala-ar-arets-tillvaxtkommun-2018")
    event = Event.objects.get(slug="vaxa-eller-krympa")
    publication = Publication.objects.get(slug="tillstand-och-trender-for-regional-tillvaxt-2018")
    organisation = Organisation.objects.get(slug="tillvaxtverket")
    expectations = {
        "/": "regionala tillväxtarbetet",
        "/nyheter/": "Nyheter från organisationerna",
        # Rich text fields give their text without markup.
        programme.get_absolute_url(): html_to_text(programme.summary)[:60],
        page.get_absolute_url(): html_to_text(page.intro)[:60],
        news_item.get_absolute_url(): html_to_text(news_item.summary)[:60],
        event.get_absolute_url(): html_to_text(event.summary)[:60],
        publication.get_absolute_url(): html_to_text(publication.summary)[:60],
        organisation.get_absolute_url(): html_to_text(organisation.description)[:60],
        "/tillganglighetsredogorelse/": "Vi vill att alla ska kunna använda Tillväxtportalen",
        "/tillganglighetsredogorelse/kontakt/": "mer tillgängligt format",
    }
    for url, description in expectations.items():
        head = head_of(client, url)
        assert canonical(head) == BASE + url, url
        text = meta_description(head)
        assert description in text, url
        assert 0 < len(text) <= 160, url


def test_canonical_of_a_paginated_or_filtered_list_is_its_path(client):
    NewsItemFactory.create_batch(21)
    head = head_of(client, "/nyheter/?page=2")
    assert canonical(head) == f"{BASE}/nyheter/"


def test_canonical_uses_the_request_host(client, other_host):
    response = client.get("/nyheter/", HTTP_HOST="portal.example.se", secure=True)
    head = response.content.decode().split("</head>", 1)[0]
    assert canonical(head) == "https://portal.example.se/nyheter/"


# --- published and updated -----------------------------------------------------------------


def test_content_pages_news_and_events_show_when_they_were_published_and_changed(client):
    for obj in (ContentPageFactory(), NewsItemFactory(), EventFactory()):
        html = client.get(obj.get_absolute_url()).content.decode()
        assert '<p class="timestamps">' in html, obj
        assert f'<time datetime="{timezone.localtime(obj.updated_at):%Y-%m-%dT%H:%M:%S}' in html
