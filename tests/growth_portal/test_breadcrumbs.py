"""Breadcrumbs on every page below the start page (templates/includes/breadcrumbs.html): the
trail from the page's real place, its links in order with the page itself last and marked
current, the same trail as schema.org BreadcrumbList structured data with absolute addresses,
and no extra queries for the ancestors."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from content.models import ACCESSIBILITY_STATEMENT_SLUG
from programmes.choices import FocusAreaSetKind
from publishing.choices import PublishState
from tests.factories import (
    ContactFactory,
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    FocusAreaSetFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.indicators.figures import indicator
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

START = ("Startsida", "/")


class _Breadcrumbs(HTMLParser):
    """The breadcrumbs navs of a page: each a list of (text, href, aria-current) per item; and
    the text of each ld+json script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.navs = []
        self.structured_data = []
        self._in_nav = False
        self._item = None
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Brödsmulor":
            self._in_nav = True
            self.navs.append([])
        elif self._in_nav and tag == "li":
            self._item = {"text": "", "href": None, "current": None}
        elif self._item is not None and tag in {"a", "span"}:
            if "href" in attrs:
                self._item["href"] = attrs["href"]
            self._item["current"] = self._item["current"] or attrs.get("aria-current")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = ""

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_nav:
            self._in_nav = False
        elif tag == "li" and self._item is not None:
            self.navs[-1].append(
                (self._item["text"].strip(), self._item["href"], self._item["current"])
            )
            self._item = None
        elif tag == "script" and self._script is not None:
            self.structured_data.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._item is not None:
            self._item["text"] += data
        if self._script is not None:
            self._script += data


def parse(content):
    parser = _Breadcrumbs()
    parser.feed(content)
    return parser


def trail_of(client, url, status=200, page_url=None):
    """The page's visible trail as (label, link) pairs, the page itself with link None. Checks
    there is one breadcrumbs nav and one BreadcrumbList, that only the last item is current
    and that the structured data lists the same trail with absolute addresses, the page's own
    being ``page_url`` (by default the address asked for, without its query)."""
    response = client.get(url)
    assert response.status_code == status, url
    page = parse(response.content.decode())
    assert len(page.navs) == 1, f"{url}: {len(page.navs)} breadcrumbs navs"
    items = page.navs[0]
    assert [current for _, _, current in items] == [None] * (len(items) - 1) + ["page"], items
    assert items[-1][1] is None, f"{url}: the current page is not a link"
    assert len(page.structured_data) == 1
    data = json.loads(page.structured_data[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BreadcrumbList"
    elements = data["itemListElement"]
    assert [element["@type"] for element in elements] == ["ListItem"] * len(items)
    assert [element["position"] for element in elements] == list(range(1, len(items) + 1))
    assert [element["name"] for element in elements] == [label for label, _, _ in items]
    host = f"http://{response.wsgi_request.get_host()}"
    for (_, href, _), element in zip(items[:-1], elements, strict=False):
        assert element["item"] == host + href
    assert elements[-1]["item"] == host + (page_url or response.wsgi_request.path)
    return [(label, href) for label, href, _ in items]


# --- the start page, lists and site pages ---------------------------------------------------


def test_the_start_page_has_no_breadcrumbs(client):
    response = client.get("/")
    page = parse(response.content.decode())
    assert page.navs == []
    assert page.structured_data == []
    assert 'class="breadcrumbs"' not in response.content.decode()


def test_a_page_that_does_not_exist_has_no_breadcrumbs(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert parse(response.content.decode()).navs == []


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        ("/organisationer/", [START, ("Organisationer", None)]),
        ("/program/", [START, ("Program", None)]),
        ("/program/tidslinje/", [START, ("Program", "/program/"), ("Tidslinje", None)]),
        ("/publikationer/", [START, ("Publikationer", None)]),
        (
            "/publikationer/utskrift/",
            [START, ("Publikationer", "/publikationer/"), ("Utskriftsvänlig lista", None)],
        ),
        ("/statistik/", [START, ("Statistik", None)]),
        ("/nyheter/", [START, ("Nyheter", None)]),
        ("/kontakter/", [START, ("Kontakter", None)]),
        ("/sok/?q=tillväxt", [START, ("Sök", None)]),
    ],
)
def test_list_pages_hang_off_the_start_page(client, url, trail):
    ContactFactory()
    assert trail_of(client, url) == trail


def test_a_list_with_a_wrong_filter_keeps_its_trail(client):
    assert trail_of(client, "/program/?year=1800", status=400) == [START, ("Program", None)]


def test_the_accessibility_statement_its_form_and_thanks(client):
    statement = ContentPageFactory(
        organisation=None, slug=ACCESSIBILITY_STATEMENT_SLUG, title="Tillgänglighetsredogörelse"
    )
    statement_url = reverse("content:accessibility_statement")
    form = "Rapportera ett tillgänglighetsproblem eller be om ett tillgängligt format"
    form_url = reverse("content:accessibility_request")

    assert trail_of(client, statement_url) == [START, (statement.title, None)]
    assert trail_of(client, form_url) == [
        START,
        ("Tillgänglighetsredogörelse", statement_url),
        (form, None),
    ]
    assert trail_of(client, reverse("content:accessibility_request_thanks")) == [
        START,
        ("Tillgänglighetsredogörelse", statement_url),
        (form, form_url),
        ("Tack för ditt meddelande", None),
    ]


# --- content in its place -------------------------------------------------------------------


@pytest.fixture
def county_board():
    return OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        short_name="Länsstyrelsen Stockholm",
        slug="lansstyrelsen-stockholm",
    )


def test_an_organisation_is_in_the_list_of_organisations(client, county_board):
    assert trail_of(client, county_board.get_absolute_url()) == [
        START,
        ("Organisationer", "/organisationer/"),
        ("Länsstyrelsen Stockholm", None),
    ]


def test_a_nested_page_shows_its_organisation_and_every_page_above_it(client, county_board):
    top = ContentPageFactory(organisation=county_board, title="Tillväxt")
    middle = ContentPageFactory(organisation=county_board, parent=top, title="Landsbygd")
    page = ContentPageFactory(organisation=county_board, parent=middle, title="Bredband")

    assert trail_of(client, page.get_absolute_url()) == [
        START,
        ("Organisationer", "/organisationer/"),
        ("Länsstyrelsen Stockholm", county_board.get_absolute_url()),
        ("Tillväxt", top.get_absolute_url()),
        ("Landsbygd", middle.get_absolute_url()),
        ("Bredband", None),
    ]
    assert trail_of(client, top.get_absolute_url())[-2:] == [
        ("Länsstyrelsen Stockholm", county_board.get_absolute_url()),
        ("Tillväxt", None),
    ]


def test_a_page_deeper_than_the_loaded_levels_still_shows_them_all(client, county_board):
    pages = [ContentPageFactory(organisation=county_board, title="Nivå 0")]
    for level in range(1, 5):
        pages.append(
            ContentPageFactory(organisation=county_board, parent=pages[-1], title=f"Nivå {level}")
        )
    trail = trail_of(client, pages[-1].get_absolute_url())
    assert [label for label, _ in trail[3:]] == [f"Nivå {level}" for level in range(5)]


def test_a_draft_page_above_is_left_out_of_the_trail(client, county_board):
    top = ContentPageFactory(organisation=county_board, title="Tillväxt")
    draft = ContentPageFactory(
        organisation=county_board, parent=top, title="Utkast", publish_state=PublishState.DRAFT
    )
    page = ContentPageFactory(organisation=county_board, parent=draft, title="Bredband")

    trail = trail_of(client, page.get_absolute_url())
    assert [label for label, _ in trail] == [
        "Startsida",
        "Organisationer",
        "Länsstyrelsen Stockholm",
        "Tillväxt",
        "Bredband",
    ]


def test_pages_whose_parents_loop_still_show(client, county_board):
    first = ContentPageFactory(organisation=county_board, title="Första")
    second = ContentPageFactory(organisation=county_board, parent=first, title="Andra")
    first.parent = second
    first.save()

    assert trail_of(client, second.get_absolute_url())[-2:] == [
        ("Första", first.get_absolute_url()),
        ("Andra", None),
    ]


def test_a_sub_project_shows_the_programmes_it_is_part_of(client, county_board):
    programme = ProgrammeFactory(
        title="Jämställd regional tillväxt", start_year=2016, end_year=2018
    )
    project = ProgrammeFactory(
        title="Jämställd tillväxt Stockholm", parent=programme, start_year=2017, end_year=2018
    )
    pilot = ProgrammeFactory(
        title="Pilot Södertälje", parent=project, start_year=2017, end_year=2017
    )

    assert trail_of(client, pilot.get_absolute_url()) == [
        START,
        ("Program", "/program/"),
        ("Jämställd regional tillväxt 2016–2018", programme.get_absolute_url()),
        ("Jämställd tillväxt Stockholm 2017–2018", project.get_absolute_url()),
        ("Pilot Södertälje 2017", None),
    ]
    assert trail_of(client, programme.get_absolute_url()) == [
        START,
        ("Program", "/program/"),
        ("Jämställd regional tillväxt 2016–2018", None),
    ]


def test_a_draft_programme_above_is_left_out_of_the_trail(client):
    draft = ProgrammeFactory(title="Utkast", publish_state=PublishState.DRAFT)
    project = ProgrammeFactory(title="Delprojekt", parent=draft, start_year=2017, end_year=2017)
    assert trail_of(client, project.get_absolute_url()) == [
        START,
        ("Program", "/program/"),
        ("Delprojekt 2017", None),
    ]


def test_a_focus_area_is_where_its_set_belongs(client, county_board):
    work_area = FocusAreaFactory(
        name="Landsbygd",
        focus_area_set=FocusAreaSetFactory(
            kind=FocusAreaSetKind.WORK_AREAS, organisation=county_board
        ),
    )
    parent = ProgrammeFactory(title="Program", start_year=2016, end_year=2018)
    programme = ProgrammeFactory(title="Delprogram", parent=parent, start_year=2016, end_year=2018)
    own_area = FocusAreaFactory(
        name="Företagande",
        focus_area_set=FocusAreaSetFactory(kind=FocusAreaSetKind.PROGRAMME, programme=programme),
    )
    strategy_area = FocusAreaFactory(name="Kompetensförsörjning")

    assert trail_of(client, work_area.get_absolute_url()) == [
        START,
        ("Organisationer", "/organisationer/"),
        ("Länsstyrelsen Stockholm", county_board.get_absolute_url()),
        ("Landsbygd", None),
    ]
    assert trail_of(client, own_area.get_absolute_url()) == [
        START,
        ("Program", "/program/"),
        ("Program 2016–2018", parent.get_absolute_url()),
        ("Delprogram 2016–2018", programme.get_absolute_url()),
        ("Företagande", None),
    ]
    assert trail_of(client, strategy_area.get_absolute_url()) == [
        START,
        ("Kompetensförsörjning", None),
    ]


def test_publications_news_events_and_indicators_are_in_their_lists(client):
    publication = PublicationFactory(title="Jämställd tillväxt – handlingsplan")
    news_item = NewsItemFactory(title="180 kommuner har använt Arenans tjänster")
    event = EventFactory(title="Växa eller krympa")
    employed = indicator(name="Sysselsatta")

    assert trail_of(client, publication.get_absolute_url()) == [
        START,
        ("Publikationer", "/publikationer/"),
        ("Jämställd tillväxt – handlingsplan", None),
    ]
    assert trail_of(client, news_item.get_absolute_url()) == [
        START,
        ("Nyheter", "/nyheter/"),
        ("180 kommuner har använt Arenans tjänster", None),
    ]
    assert trail_of(client, event.get_absolute_url()) == [
        START,
        ("Nyheter", "/nyheter/"),
        ("Växa eller krympa", None),
    ]
    assert trail_of(client, employed.get_absolute_url()) == [
        START,
        ("Statistik", "/statistik/"),
        ("Sysselsatta", None),
    ]
    # The indicator page that answers a wrong choice keeps its place too.
    wrong_choice = f"{employed.get_absolute_url()}ladda-ner.csv?ar=1800"
    assert trail_of(client, wrong_choice, status=400, page_url=employed.get_absolute_url()) == [
        START,
        ("Statistik", "/statistik/"),
        ("Sysselsatta", None),
    ]


# --- the structured data --------------------------------------------------------------------


def test_markup_in_a_title_cannot_leave_the_structured_data(client, county_board):
    title = 'Tillväxt </script><script>alert("x")</script> & <!-- <b>'
    page = ContentPageFactory(organisation=county_board, title=title)
    child = ContentPageFactory(organisation=county_board, parent=page, title="Under")

    response = client.get(child.get_absolute_url())
    content = response.content.decode()
    structured = parse(content).structured_data
    assert len(structured) == 1
    # The title's markup is escaped in the JSON, so the script element ends only where the
    # template ends it, and reads back as the title.
    start = content.index('<script type="application/ld+json">')
    body = content[start:].split("</script>", 1)[0]
    assert "<" not in body.removeprefix('<script type="application/ld+json">')
    assert ">" not in body.removeprefix('<script type="application/ld+json">')
    assert "&" not in body.removeprefix('<script type="application/ld+json">')
    assert "\\u003C/script\\u003E" in body
    names = [element["name"] for element in json.loads(structured[0])["itemListElement"]]
    assert names[-2:] == [title, "Under"]
    # And in the visible trail it is text, not markup.
    assert "<script>alert" not in content
    assert trail_of(client, child.get_absolute_url())[-2][0] == title


def test_addresses_are_on_the_host_the_page_was_asked_for(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.se", "tillvaxt.example.org"]
    publication = PublicationFactory()
    for host in settings.ALLOWED_HOSTS:
        response = client.get(publication.get_absolute_url(), headers={"host": host})
        data = json.loads(parse(response.content.decode()).structured_data[0])
        assert [element["item"] for element in data["itemListElement"]] == [
            f"http://{host}/",
            f"http://{host}/publikationer/",
            f"http://{host}{publication.get_absolute_url()}",
        ]


@pytest.mark.page_cache
def test_the_page_cache_keeps_each_hosts_addresses(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.se", "tillvaxt.example.org"]
    url = PublicationFactory().get_absolute_url()
    first = client.get(url, headers={"host": "portal.example.se"})
    second = client.get(url, headers={"host": "tillvaxt.example.org"})
    again = client.get(url, headers={"host": "tillvaxt.example.org"})
    assert again["X-Page-Cache"] == "hit"
    assert "http://portal.example.se/publikationer/" in first.content.decode()
    for response in (second, again):
        assert "http://tillvaxt.example.org/publikationer/" in response.content.decode()
        assert "portal.example.se" not in response.content.decode()


# --- number of queries ----------------------------------------------------------------------
#
# The ancestors come with the page (select_related two levels up), so a page two levels
# down runs as many queries as one at the top; the pinned numbers are in each app's
# test_pages.py and stay as they were.


def same_queries(client, url, other_url):
    return count_queries(client, url)[:2] == count_queries(client, other_url)[:2]


def test_the_pages_above_a_page_cost_no_queries(client, county_board):
    top = ContentPageFactory(organisation=county_board)
    middle = ContentPageFactory(organisation=county_board, parent=top)
    nested = ContentPageFactory(organisation=county_board, parent=middle)
    assert same_queries(client, nested.get_absolute_url(), top.get_absolute_url())


def test_the_programmes_above_a_programme_cost_no_queries(client):
    programme = ProgrammeFactory()
    project = ProgrammeFactory(parent=programme)
    pilot = ProgrammeFactory(parent=project)
    # Both have a parent, whose page the programme page looks up (around_programme).
    assert same_queries(client, pilot.get_absolute_url(), project.get_absolute_url())


def test_a_focus_areas_programme_and_those_above_it_cost_no_queries(client, county_board):
    organisation_area = FocusAreaFactory(
        focus_area_set=FocusAreaSetFactory(organisation=county_board)
    )
    pilot = ProgrammeFactory(parent=ProgrammeFactory(parent=ProgrammeFactory()))
    pilot_area = FocusAreaFactory(
        focus_area_set=FocusAreaSetFactory(kind=FocusAreaSetKind.PROGRAMME, programme=pilot)
    )
    assert same_queries(client, pilot_area.get_absolute_url(), organisation_area.get_absolute_url())
