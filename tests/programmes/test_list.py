"""The filterable programme list, the programme timeline and the contacts page: each filter alone
and combined, bad values as 400 with a message, the timeline's cells and text, and query counts
that do not grow with the data."""

import itertools
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.choices import ProgrammeKind, ProgrammeStatus
from programmes.models import Programme
from tests.factories import (
    ContactFactory,
    ContentPageFactory,
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
)
from tests.pages import cards, executable_scripts
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LIST_URL = reverse("programmes:programme_list")
TIMELINE_URL = reverse("programmes:programme_timeline")
CONTACTS_URL = reverse("programmes:contact_list")


# --- helpers -------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Heading levels, visible text, the programme result rows and the timeline table."""

    BLOCK_TAGS = {"p", "li", "dt", "dd", "div", "br", "h1", "h2", "h3", "ul", "ol", "dl", "tr"}
    CELL_TAGS = {"th", "td"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels = []
        self.text_parts = []
        self.result_rows = []  # visible text of each <li> in ul.programme-results
        self.table_rows = []  # list of (tag, classes, text) per cell, per <tr>
        self._skip = 0
        self._in_results = False
        self._li_depth = 0
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag in {"script", "style", "title", "select"}:
            self._skip += 1
        if tag in self.BLOCK_TAGS or tag in self.CELL_TAGS:
            self._append(" ")
        if tag == "ul" and "programme-results" in classes:
            self._in_results = True
        elif tag == "li" and self._in_results:
            if self._li_depth == 0:
                self.result_rows.append("")
            self._li_depth += 1
        elif tag == "tr":
            self._row = []
        elif tag in self.CELL_TAGS and self._row is not None:
            self._cell = [tag, classes, ""]

    def handle_endtag(self, tag):
        if tag in {"script", "style", "title", "select"}:
            self._skip -= 1
        if tag in self.BLOCK_TAGS or tag in self.CELL_TAGS:
            self._append(" ")
        if tag == "ul" and self._in_results and self._li_depth == 0:
            self._in_results = False
        elif tag == "li" and self._in_results:
            self._li_depth -= 1
        elif tag in self.CELL_TAGS and self._cell is not None:
            self._row.append((self._cell[0], self._cell[1], " ".join(self._cell[2].split())))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.table_rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if not self._skip:
            self._append(data)

    def _append(self, data):
        self.text_parts.append(data)
        if self._in_results and self._li_depth and self.result_rows:
            self.result_rows[-1] += data
        if self._cell is not None:
            self._cell[2] += data

    @property
    def text(self):
        return re.sub(r"\s+", " ", "".join(self.text_parts))


def get_page(client, url, data=None, status=200):
    """GET a page, check its status, language, one h1 and heading order; return (html, page)."""
    response = client.get(url, data)
    assert response.status_code == status, (url, data, response.status_code)
    content = response.content.decode()
    page = _Page()
    page.feed(content)
    assert page.levels.count(1) == 1, f"{url}: exactly one h1, got {page.levels}"
    assert page.levels[0] == 1
    for previous, current in itertools.pairwise(page.levels):
        assert current <= previous + 1, f"{url}: heading level skipped in {page.levels}"
    assert '<html lang="sv">' in content
    return content, page


def result_titles(page):
    """The programme link texts ('title period') of the result rows, in order."""
    return [" ".join(row.split()).partition(" Period")[0] for row in page.result_rows]


def label(programme):
    return f"{programme.title} {programme.period_display}"


def hits(content):
    match = re.search(r'<p class="hits" role="status">([^<]*)</p>', content)
    assert match, "no hit count"
    return match.group(1).strip()


@pytest.fixture
def catalogue():
    """Two owners, two focus areas in use and programmes of every status and shape."""
    tva = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket", short_name="")
    lst = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        short_name="Länsstyrelsen Stockholm",
        slug="lansstyrelsen-stockholm",
    )
    OrganisationFactory(name="Region Sörmland", slug="region-sormland")  # owns no programme
    gender = FocusAreaFactory(name="Jämställdhet", slug="jamstalldhet")
    cities = FocusAreaFactory(name="Stadsutveckling", slug="stadsutveckling")
    FocusAreaFactory(name="Oanvänt område", slug="oanvant")  # tags no programme

    jrt = ProgrammeFactory(
        title="Jämställd regional tillväxt", organisation=lst, start_year=2016, end_year=2018
    )
    jrt.focus_areas.add(gender)
    uss = ProgrammeFactory(
        title="Utveckla svenska städer", organisation=tva, start_year=2016, end_year=2019
    )
    uss.focus_areas.add(cities)
    pilot = ProgrammeFactory(
        title="Pilot i Flen",
        organisation=tva,
        parent=jrt,
        kind=ProgrammeKind.PILOT_PROJECT,
        start_year=2017,
        end_year=2017,
    )
    pilot.focus_areas.add(gender)
    ongoing = ProgrammeFactory(
        title="Hållbar tillväxt",
        organisation=tva,
        start_year=TODAY.year - 1,
        end_year=TODAY.year + 1,
    )
    open_ended = ProgrammeFactory(
        title="Långsiktig samverkan", organisation=lst, start_year=2010, end_year=None
    )
    planned = ProgrammeFactory(
        title="Framtida satsning",
        organisation=tva,
        start_year=TODAY.year + 2,
        end_year=TODAY.year + 4,
    )
    stopped = ProgrammeFactory(
        title="Avbruten satsning",
        organisation=lst,
        start_year=TODAY.year - 1,
        end_year=TODAY.year + 1,
        status_override=ProgrammeStatus.FINISHED,
    )
    return {
        "tva": tva,
        "lst": lst,
        "gender": gender,
        "cities": cities,
        "jrt": jrt,
        "uss": uss,
        "pilot": pilot,
        "ongoing": ongoing,
        "open_ended": open_ended,
        "planned": planned,
        "stopped": stopped,
    }


def labels_of(catalogue, *names):
    return [label(catalogue[name]) for name in names]


def in_default_order(catalogue, *names):
    """The expected rows in Programme's own ordering (newest start year first, then title)."""
    programmes = sorted((catalogue[name] for name in names), key=lambda p: (-p.start_year, p.title))
    return [label(p) for p in programmes]


# --- the list ------------------------------------------------------------------------------


def test_unfiltered_list_shows_every_programme_in_default_order(client, catalogue):
    content, page = get_page(client, LIST_URL)

    expected = [label(p) for p in Programme.objects.all()]
    assert len(expected) == 7
    assert result_titles(page) == expected
    assert hits(content) == "7 program"
    assert "<h1>Program</h1>" in content


def test_each_row_names_owner_status_and_parent(client, catalogue):
    content, page = get_page(client, LIST_URL)
    # Each card: the title and period, the facts, the status as a tag, the owner with its
    # mark (initials, as these owners have no logo).
    rows = set(cards(content))
    programme = "Typ Program eller satsning"
    assert (
        f"Utveckla svenska städer 2016–2019 Period 2016–2019 {programme} Avslutat T Tillväxtverket"
        in rows
    )
    ongoing = catalogue["ongoing"].period_display
    assert f"Hållbar tillväxt {ongoing} Period {ongoing} {programme} Pågående T Tillväxtverket" in (
        rows
    )
    assert (
        f"Långsiktig samverkan 2010– Period 2010– {programme} Pågående LS Länsstyrelsen Stockholm"
        in rows
    )
    planned = catalogue["planned"].period_display
    assert (
        f"Framtida satsning {planned} Period {planned} {programme} Planerat T Tillväxtverket"
        in rows
    )
    assert (
        "Pilot i Flen 2017 Period 2017 Typ Pilotprojekt Ingår i Jämställd regional tillväxt "
        "2016–2018 Avslutat T Tillväxtverket" in rows
    )
    assert f'href="{catalogue["pilot"].get_absolute_url()}"' in content
    assert f'href="{catalogue["jrt"].get_absolute_url()}"' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"organisation": "tillvaxtverket"}, ["uss", "pilot", "ongoing", "planned"]),
        (
            {"organisation": "lansstyrelsen-stockholm"},
            ["jrt", "open_ended", "stopped"],
        ),
        ({"focus_area": "jamstalldhet"}, ["jrt", "pilot"]),
        ({"focus_area": "stadsutveckling"}, ["uss"]),
        ({"status": "finished"}, ["jrt", "uss", "pilot", "stopped"]),
        ({"status": "ongoing"}, ["ongoing", "open_ended"]),
        ({"status": "planned"}, ["planned"]),
        ({"year": "2017"}, ["jrt", "uss", "pilot", "open_ended"]),
        # Combined filters narrow each other down.
        ({"organisation": "tillvaxtverket", "status": "finished"}, ["uss", "pilot"]),
        ({"organisation": "tillvaxtverket", "focus_area": "jamstalldhet"}, ["pilot"]),
        (
            {
                "organisation": "lansstyrelsen-stockholm",
                "focus_area": "jamstalldhet",
                "status": "finished",
                "year": "2016",
            },
            ["jrt"],
        ),
        ({"organisation": "tillvaxtverket", "year": "2018"}, ["uss"]),
    ],
)
def test_filters_alone_and_combined(client, catalogue, query, expected):
    content, page = get_page(client, LIST_URL, query)

    assert result_titles(page) == in_default_order(catalogue, *expected)
    count = len(expected)
    assert hits(content) == f"{count} program"
    assert [label(p) for p in page_context(client, query)] == in_default_order(catalogue, *expected)


def page_context(client, query):
    return list(client.get(LIST_URL, query).context["object_list"])


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2009, []),  # before anything started
        (2010, ["open_ended"]),  # the open-ended programme's start year
        (2016, ["jrt", "uss", "open_ended"]),  # start year of two programmes
        (2018, ["jrt", "uss", "open_ended"]),  # jrt's end year still counts
        (2019, ["uss", "open_ended"]),  # the year after jrt's end
        (2020, ["open_ended"]),  # the year after uss's end; open-ended goes on
        (2100, ["open_ended"]),  # the last accepted year
    ],
)
def test_year_filter_boundaries(client, catalogue, year, expected):
    content, page = get_page(client, LIST_URL, {"year": year})
    assert result_titles(page) == in_default_order(catalogue, *expected)
    assert hits(content) == f"{len(expected)} program"


def test_year_with_no_hits_says_so(client, catalogue):
    content, page = get_page(client, LIST_URL, {"year": 2009})
    assert hits(content) == "0 program"
    assert "Inga program matchar filtret." in page.text


def test_one_hit_is_singular(client, catalogue):
    content, _ = get_page(client, LIST_URL, {"status": "planned"})
    assert hits(content) == "1 program"


@pytest.mark.parametrize("status", list(ProgrammeStatus))
def test_status_filter_agrees_with_programme_status(client, catalogue, status):
    _, page = get_page(client, LIST_URL, {"status": status.value})
    expected = [label(p) for p in Programme.objects.all() if p.status == status]
    assert expected, "each status has a programme in the catalogue"
    assert result_titles(page) == expected


def test_filters_keep_their_values_in_the_form(client, catalogue):
    query = {
        "organisation": "tillvaxtverket",
        "focus_area": "jamstalldhet",
        "status": "finished",
        "year": "2017",
    }
    content, page = get_page(client, LIST_URL, query)

    assert result_titles(page) == ["Pilot i Flen 2017"]
    assert '<option value="tillvaxtverket" selected>Tillväxtverket</option>' in content
    assert '<option value="jamstalldhet" selected>Jämställdhet</option>' in content
    assert '<option value="finished" selected>Avslutat</option>' in content
    assert re.search(r'<input type="text" name="year" value="2017"[^>]*id="id_year">', content)
    # Nothing else is chosen: the funder select stays on all funders.
    assert '<option value="" selected>Alla finansiärer</option>' in content
    assert content.count(" selected>") == 4


def test_form_works_without_javascript_and_labels_every_control(client, catalogue):
    content, _ = get_page(client, LIST_URL)

    assert re.search(r'<form method="get" action="/program/"', content)
    for name in ("organisation", "focus_area", "status", "year"):
        assert re.search(rf'<label for="id_{name}">[^<]+</label>', content), name
        assert f'id="id_{name}"' in content
    assert '<button type="submit">Visa</button>' in content
    assert '<a href="/program/">Rensa filter</a>' in content
    assert executable_scripts(content) == []
    # Only organisations and focus areas that have programmes are offered.
    assert 'value="region-sormland"' not in content
    assert 'value="oanvant"' not in content
    # Focus areas are grouped by their set, whose names tell same-named areas apart.
    gender_set = catalogue["gender"].focus_area_set.name
    assert f'<optgroup label="{gender_set}">' in content


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"organisation": "finns-inte"},
            "organisation",
            "Det finns ingen sådan organisation bland programmen. Välj en i listan.",
        ),
        (
            {"organisation": "region-sormland"},
            "organisation",
            "Det finns ingen sådan organisation bland programmen. Välj en i listan.",
        ),
        (
            {"focus_area": "finns-inte"},
            "focus_area",
            "Det finns inget sådant fokusområde bland programmen. Välj ett i listan.",
        ),
        (
            {"status": "paused"},
            "status",
            "Välj en status i listan: planerat, pågående eller avslutat.",
        ),
        ({"year": "abc"}, "year", "Ange ett årtal mellan 1900 och 2100, till exempel 2017."),
        ({"year": "1899"}, "year", "Ange ett årtal mellan 1900 och 2100, till exempel 2017."),
        ({"year": "2101"}, "year", "Ange ett årtal mellan 1900 och 2100, till exempel 2017."),
        ({"year": "2017.5"}, "year", "Ange ett årtal mellan 1900 och 2100, till exempel 2017."),
        (
            {"year": "99999999999999999999"},
            "year",
            "Ange ett årtal mellan 1900 och 2100, till exempel 2017.",
        ),
    ],
)
@pytest.mark.parametrize("url", [LIST_URL, TIMELINE_URL])
def test_bad_value_is_400_with_message_and_no_results(
    client, catalogue, url, query, field, message
):
    # A valid value next to the bad one must not produce results either.
    content, page = get_page(client, url, {**query, "status": query.get("status", "ongoing")}, 400)

    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in content, (
        content
    )
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', content)
    assert "Filtren kunde inte användas" in page.text
    assert f'<a href="#id_{field}">' in content
    assert "Inga program visas förrän felen i filtret är rättade." in page.text
    assert page.result_rows == []
    assert "<table" not in content
    for programme in Programme.objects.all():
        assert programme.get_absolute_url() not in content
    assert re.search(r"<title>Fel i filtret – ", content)


def test_several_bad_values_each_get_a_message(client, catalogue):
    content, _ = get_page(
        client, LIST_URL, {"organisation": "x", "focus_area": "y", "year": "z"}, 400
    )
    for field in ("organisation", "focus_area", "year"):
        assert f'id="id_{field}_error"' in content
    assert 'id="id_status_error"' not in content


def test_empty_values_mean_no_filter(client, catalogue):
    content, page = get_page(
        client, LIST_URL, {"organisation": "", "focus_area": "", "status": "", "year": ""}
    )
    assert len(result_titles(page)) == 7
    assert hits(content) == "7 program"


def test_unknown_parameters_are_ignored(client, catalogue):
    content, page = get_page(client, LIST_URL, {"utm_source": "nyhetsbrev", "sort": "x"})
    assert len(result_titles(page)) == 7
    content, page = get_page(client, LIST_URL, {"utm_source": "x", "status": "planned"})
    assert result_titles(page) == labels_of(catalogue, "planned")


def test_list_links_to_timeline_with_the_same_filters(client, catalogue):
    content, _ = get_page(
        client, LIST_URL, {"organisation": "tillvaxtverket", "year": "2017", "status": ""}
    )
    assert f'href="{TIMELINE_URL}?organisation=tillvaxtverket&amp;year=2017"' in content
    content, _ = get_page(client, LIST_URL)
    assert f'href="{TIMELINE_URL}">Visa som tidslinje</a>' in content


def test_page_links_keep_the_filters(client):
    owner = OrganisationFactory(slug="agaren")
    ProgrammeFactory.create_batch(51, organisation=owner)
    ProgrammeFactory()  # another owner

    content, page = get_page(client, LIST_URL, {"organisation": "agaren"})
    assert hits(content) == "51 program"
    assert len(page.result_rows) == 50
    assert 'href="?organisation=agaren&amp;page=2" rel="next"' in content

    content, page = get_page(client, LIST_URL, {"organisation": "agaren", "page": 2})
    assert len(page.result_rows) == 1
    assert 'href="?organisation=agaren&amp;page=1" rel="prev"' in content


def test_empty_portal(client):
    content, page = get_page(client, LIST_URL)
    assert hits(content) == "0 program"
    assert "Inga program ännu." in page.text


# --- the timeline --------------------------------------------------------------------------


def timeline_table(page):
    """(years, {row label: (status text, [marked years])}) from the timeline table."""
    header, *rows = page.table_rows
    assert [cell[2] for cell in header[:2]] == ["Program", "Status"]
    years = [int(cell[2]) for cell in header[2:]]
    table = {}
    for row in rows:
        (row_tag, _, row_label), (_, _, status), *cells = row
        assert row_tag == "th"
        assert len(cells) == len(years)
        marked = []
        for year, (_, classes, text) in zip(years, cells, strict=True):
            if "timeline-on" in classes:
                assert text == "■"  # a visible mark, not colour alone
                marked.append(year)
            else:
                assert text == ""
        table[row_label] = (status, marked)
    return years, table


def test_timeline_marks_each_programmes_years(client, catalogue):
    content, page = get_page(client, TIMELINE_URL)
    years, table = timeline_table(page)

    # From the earliest start to the latest end; open-ended runs to this year.
    assert years == list(range(2010, TODAY.year + 5))
    assert table["Jämställd regional tillväxt 2016–2018"] == ("Avslutat", [2016, 2017, 2018])
    assert table["Utveckla svenska städer 2016–2019"] == ("Avslutat", [2016, 2017, 2018, 2019])
    assert table["Pilot i Flen 2017 ingår i Jämställd regional tillväxt 2016–2018"] == (
        "Avslutat",
        [2017],
    )
    assert table["Långsiktig samverkan 2010–"] == ("Pågående", list(range(2010, TODAY.year + 1)))
    ongoing = catalogue["ongoing"]
    assert table[label(ongoing)] == ("Pågående", [TODAY.year - 1, TODAY.year, TODAY.year + 1])
    planned = catalogue["planned"]
    assert table[label(planned)] == ("Planerat", list(range(TODAY.year + 2, TODAY.year + 5)))
    assert table[label(catalogue["stopped"])][0] == "Avslutat"
    assert len(table) == 7
    # The table explains itself: a caption with the legend, row and column headers.
    assert re.search(r'<caption id="timeline-caption">[^<]*■ markerar de år', content)
    assert '<th scope="row">' in content
    assert '<th scope="col" class="timeline-year">2016</th>' in content
    assert hits(content) == "7 program"
    # No scripts (the breadcrumbs' structured data is not run), and no images or inline
    # styles in the page's content.
    assert executable_scripts(content) == []
    main = content.partition("<main")[2].partition("</main>")[0]
    for forbidden in ("<img", "<canvas", "<svg", "style="):
        assert forbidden not in main


def test_timeline_rows_follow_default_order(client, catalogue):
    _, page = get_page(client, TIMELINE_URL)
    row_labels = [row[0][2] for row in page.table_rows[1:]]
    assert [re.sub(r" ingår i .*", "", text) for text in row_labels] == [
        label(p) for p in Programme.objects.all()
    ]


def test_timeline_applies_the_filters(client, catalogue):
    content, page = get_page(
        client, TIMELINE_URL, {"organisation": "tillvaxtverket", "status": "finished"}
    )
    years, table = timeline_table(page)

    assert set(table) == {
        "Utveckla svenska städer 2016–2019",
        "Pilot i Flen 2017 ingår i Jämställd regional tillväxt 2016–2018",
    }
    assert years == [2016, 2017, 2018, 2019]
    assert hits(content) == "2 program"
    assert '<option value="tillvaxtverket" selected>' in content
    assert (
        f'href="{LIST_URL}?organisation=tillvaxtverket&amp;status=finished">Visa som lista</a>'
        in content
    )


def test_timeline_year_filter(client, catalogue):
    _, page = get_page(client, TIMELINE_URL, {"year": 2019})
    _, table = timeline_table(page)
    assert set(table) == {"Utveckla svenska städer 2016–2019", "Långsiktig samverkan 2010–"}


def test_timeline_without_hits(client, catalogue):
    content, page = get_page(client, TIMELINE_URL, {"year": 2009})
    assert "<table" not in content
    assert hits(content) == "0 program"
    assert "Inga program matchar filtret." in page.text


def test_timeline_of_a_future_open_ended_programme_shows_its_start(client):
    ProgrammeFactory(title="Kommande", start_year=TODAY.year + 3, end_year=None)
    _, page = get_page(client, TIMELINE_URL)
    years, table = timeline_table(page)
    assert years == [TODAY.year + 3]
    assert table[f"Kommande {TODAY.year + 3}–"] == ("Planerat", [TODAY.year + 3])


def test_timeline_unknown_parameter_is_ignored(client, catalogue):
    _, page = get_page(client, TIMELINE_URL, {"visa": "allt"})
    _, table = timeline_table(page)
    assert len(table) == 7


def test_tidslinje_is_not_taken_for_a_programme_slug():
    assert TIMELINE_URL == "/program/tidslinje/"
    assert CONTACTS_URL == "/kontakter/"


# --- contacts ------------------------------------------------------------------------------


def test_contacts_grouped_by_organisation(client):
    tva = OrganisationFactory(name="Tillväxtverket")
    lst = OrganisationFactory(name="Länsstyrelsen i Stockholms län")
    programme = ProgrammeFactory(
        title="Jämställd regional tillväxt", start_year=2016, end_year=2018
    )
    open_ended = ProgrammeFactory(title="Långsiktig samverkan", start_year=2010, end_year=None)
    anna = ContactFactory(
        organisation=lst,
        name="Anna Andersson",
        role="Processledare",
        email="anna@example.se",
        phone="08-123 45 67",
    )
    anna.programmes.add(programme, open_ended)
    page = ContentPageFactory(title="Tillväxt i länet")
    page.contacts.add(anna)
    bo = ContactFactory(organisation=tva, name="Bo Berg", role="Handläggare", email="", phone="")

    content, parsed = get_page(client, CONTACTS_URL)
    text = parsed.text

    assert "<h1>Kontaktpersoner</h1>" in content
    # The organisations and their contacts; then the footer's own headings.
    assert parsed.levels[:5] == [1, 2, 3, 2, 3]
    # Organisations in name order, each followed by its contacts.
    assert text.index("Länsstyrelsen i Stockholms län") < text.index("Anna Andersson")
    assert text.index("Anna Andersson") < text.index("Tillväxtverket")
    assert text.index("Tillväxtverket") < text.index("Bo Berg")
    assert f'<h2><a href="{lst.get_absolute_url()}">Länsstyrelsen i Stockholms län</a></h2>' in (
        content
    )
    assert "Roll Processledare" in text
    assert '<a href="mailto:anna@example.se">anna@example.se</a>' in content
    assert '<a href="tel:08-1234567">08-123 45 67</a>' in content
    assert (
        f'<a href="{programme.get_absolute_url()}">Jämställd regional tillväxt 2016–2018</a>'
        in (content)
    )
    assert f'<a href="{open_ended.get_absolute_url()}">Långsiktig samverkan 2010–</a>' in content
    assert f'<a href="{page.get_absolute_url()}">Tillväxt i länet</a>' in content
    # Bo has neither e-mail nor phone, programmes nor pages.
    bo_part = text[text.index("Bo Berg") :]
    assert "Roll Handläggare" in bo_part
    for absent in ("E-post", "Telefon", "Ansvarar för", "Sidor"):
        assert absent not in bo_part
    assert text.count("E-post") == 1
    assert text.count("Telefon") == 1
    assert bo.email == ""


def test_contacts_page_when_empty(client):
    _, page = get_page(client, CONTACTS_URL)
    assert "Inga kontaktpersoner ännu." in page.text


# --- number of queries ---------------------------------------------------------------------


def _grow_programmes(n):
    for _ in range(n):
        owner = OrganisationFactory()
        area = FocusAreaFactory()
        parent = ProgrammeFactory(organisation=owner, start_year=2015, end_year=2020)
        parent.focus_areas.add(area)
        child = ProgrammeFactory(organisation=owner, parent=parent, end_year=None)
        child.focus_areas.add(area)


def _grow_contacts(n):
    for _ in range(n):
        contact = ContactFactory(email="a@example.se", phone="08-1")
        contact.programmes.add(ProgrammeFactory(), ProgrammeFactory())
        ContentPageFactory().contacts.add(contact)


def _count_queries(client, url, data=None):
    return count_queries(client, url, data)[:2]


# (queries when the options are not kept yet, queries once they are): the COUNT for
# pagination and the rows (the timeline reads its rows only), and, when the options are read,
# the organisation, funder and focus-area lists (tests.queries.count_queries). A set organisation, funder or focus area adds the lookup of its slug.
# Update a number only together with the view's select/prefetch declaration.
OPTIONS = 3
QUERY_SCENARIOS = [
    ("list", LIST_URL, None, _grow_programmes, (2 + OPTIONS, 2)),
    (
        "list filtered",
        LIST_URL,
        {"status": "finished", "year": "2016"},
        _grow_programmes,
        (2 + OPTIONS, 2),
    ),
    ("timeline", TIMELINE_URL, None, _grow_programmes, (1 + OPTIONS, 1)),
    ("timeline filtered", TIMELINE_URL, {"year": "2017"}, _grow_programmes, (1 + OPTIONS, 1)),
    ("contacts", CONTACTS_URL, None, _grow_contacts, (3, 3)),
]


@pytest.mark.parametrize(
    ("name", "url", "data", "grow", "expected"),
    QUERY_SCENARIOS,
    ids=[scenario[0] for scenario in QUERY_SCENARIOS],
)
def test_queries_do_not_grow_with_the_data(client, name, url, data, grow, expected):
    grow(2)
    with_few = _count_queries(client, url, data)
    grow(18)
    with_many = _count_queries(client, url, data)
    assert with_many == with_few, f"{name}: {with_few} queries with 2 rows, {with_many} with 20"
    assert with_few == expected


def test_queries_with_slug_filters_do_not_grow(client):
    owner = OrganisationFactory(slug="agaren")
    area = FocusAreaFactory(slug="omradet")

    def grow(n):
        for _ in range(n):
            ProgrammeFactory(organisation=owner).focus_areas.add(area)
            ProgrammeFactory(organisation=owner, parent=ProgrammeFactory()).focus_areas.add(area)

    data = {"organisation": "agaren", "focus_area": "omradet"}
    grow(1)
    few = {url: _count_queries(client, url, data) for url in (LIST_URL, TIMELINE_URL)}
    grow(9)
    many = {url: _count_queries(client, url, data) for url in (LIST_URL, TIMELINE_URL)}
    assert many == few
    # The two slugs' lookups on top of the list's own queries.
    assert few == {LIST_URL: (4 + OPTIONS, 4), TIMELINE_URL: (3 + OPTIONS, 3)}
    assert len(client.get(LIST_URL, data).context["object_list"]) == 20


def test_the_error_list_template_is_rendered_only_for_fields_with_errors(client):
    """An empty ErrorList still renders its template: the filter form writes a field's errors
    only when it has some. The markup is the same either way (the template writes nothing
    for no errors)."""
    error_list = "django/forms/errors/list/ul.html"
    valid = client.get("/program/?year=2018")
    assert valid.status_code == 200
    assert error_list not in [template.name for template in valid.templates]
    wrong = client.get("/program/?year=abc")
    assert wrong.status_code == 400
    assert error_list in [template.name for template in wrong.templates]
    assert 'class="errorlist' in wrong.content.decode()
