"""No query string makes a public page fail: property-based tests (Hypothesis) over the query
parameters of every public list, filter, search, export, feed and detail address.

Every generated request must answer with one of the statuses its page can give (200, and 400
for a wrong filter value, 404 for a page number past the end) and never 5xx; streamed exports
are read to the end, so an error raised while streaming fails too. A NUL anywhere in the
query string always answers 400 (growth_portal.middleware.RejectNullBytesMiddleware).

The parameters each address reads, taken from the code (anything else is ignored):

============================================ ================================================
Address                                      Parameters
============================================ ================================================
/program/ (ProgrammeListView)                organisation, focus_area, status, year, page
/program/tidslinje/ (ProgrammeTimelineView)  organisation, focus_area, status, year
/publikationer/ (PublicationListView)        q, organisation, type, programme, focus_area,
                                             tag, year_from, year_to, sort, page
/publikationer/utskrift/ (PublicationPrint…) the list's filters, gruppera (page is dropped)
/publikationer/ladda-ner.<csv|xlsx|json>     the list's filters
/sok/ (search.views.search)                  q, typ, organisation, ar, page,
                                             alla_organisationer
/nyheter/ (NewsListView)                     page
/sitemap.xml (django.contrib.sitemaps)       p
/tillganglighetsredogorelse/kontakt/         publikation
/statistik/<indikator>/ and its downloads    region, ar, kon
/inventeringar/<slug>/ and its downloads     lan, typ
home, robots.txt, both Atom feeds,           none (the parameters are thrown at them anyway)
organisation list and pages, programme,
focus area, publication, news, event and
content pages, contacts, the accessibility
statement and its thank-you page
============================================ ================================================

Values are drawn from the demo content (real slugs, years and codes), from plausible but wrong
values (unknown slugs, years like 0, 99999, 2018.5, full-width digits, "²"), huge numbers,
empty, long, control-character, NUL, markup- and SQL-like strings, arbitrary Unicode (no lone
surrogates: they cannot be encoded in an address) and raw bytes that are not UTF-8; a name may
repeat, and now and then an unknown name is added.

Besides the status, each body must be what its content type promises (a complete HTML page
with no markup from the query string echoed unescaped, a CSV with its byte-order mark and
header, a JSON array, an XLSX workbook, well-formed XML), and a 404 is accepted only when the
query holds a page number (``page``, or ``p`` for the sitemap).

The examples are the same on every run, locally and in CI: each property has a fixed seed
(``@seed``, from the address; see run_property) and there is no example database, so a run
depends only on the code and a failure seen once is seen again on the next run (Hypothesis
still keeps caches in ``.hypothesis/``, which ignores itself in git). To hunt for new failures
locally, ``QUERY_PROPERTIES_EXPLORE=1`` draws fresh random examples, ten times as many (about
12 minutes on SQLite or PostgreSQL on two cores, instead of under a minute).

The page cache is switched off, so every request is really rendered.
"""

import io
import json
import os
import re
import zipfile
import zlib
from collections import Counter
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from taggit.models import Tag

from content.models import ContentPage, Event, NewsItem
from geography.models import County, Region
from indicators.models import Observation, Sex
from organisations.models import Organisation
from programmes.choices import ProgrammeStatus
from programmes.models import FocusArea, Programme
from publications.choices import PublicationKind
from publications.filters import SortOrder
from publications.models import Publication
from publications.views import Grouping
from search.models import Kind

pytestmark = pytest.mark.django_db

EXPLORE = bool(os.environ.get("QUERY_PROPERTIES_EXPLORE"))


def property_settings(max_examples):
    return settings(
        max_examples=max_examples * (10 if EXPLORE else 1),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=EXPLORE,
    )


# --- Values -------------------------------------------------------------------------------

NUL = "\x00"
# A marker that must never reach an HTML page unescaped.
PROBE = "<x-probe>"

# NUL is left out of the alphabets: Hypothesis favours it, and a NUL anywhere makes the whole
# request a 400 before any view runs. Vocabulary.query() adds one now and then on purpose.
TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters=NUL)
CONTROL = st.characters(min_codepoint=1, max_codepoint=31) | st.sampled_from("\x7f\x85\u2028")

PLAUSIBLE_BUT_WRONG = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+2018",
    "2018 ",
    " 2018",
    "1899",
    "2101",
    "99999",
    "2018.5",
    "2018.0",
    "2018,0",
    "2_018",
    "1e3",
    "0x7e2",
    "２０１８",  # full-width digits
    "٢٠١٨",  # Arabic-Indic digits
    "²",
    "½",
    "Ⅻ",
    "NaN",
    "inf",
    "-inf",
    "None",
    "null",
    "true",
    "[]",
    "{}",
    "last",
    "first",
    "okand-organisation",
    "tillvaxtverket-",
    "TILLVAXTVERKET",
    "tillväxtverket",
    "jämställdhet ",
    "csv",
    "xlsx",
]
STR_HUGE = str(10**30)
MARKUP_AND_SQL = [
    PROBE,
    f'"{PROBE}',
    f"'><script>alert(1)</script>{PROBE}",
    "' OR '1'='1",
    "1; DROP TABLE publications_publication; --",
    "%",
    "%%",
    "_",
    "\\",
    "\\\\'",
    "'",
    '"',
    "''",
    "&amp;",
    "&",
    "<",
    ">",
    "<>",
    "a & b | !c",
    "a:*",
    "'a':* & 'b'",
    "!!!",
    "(((",
    ")",
    "[a-",
    "*",
    ".*",
    "(?i)",
    "\\d+",
    "$1",
    "{{ request }}",
    "{% debug %}",
    "${7*7}",
    "\u202e",  # right-to-left override
    "\ufeff",
    "e\u0301",  # a combining accent
    "ﬁ",  # a ligature that case folding expands
    "İstanbul",  # a capital whose lower case is two characters
    "ß" * 30,
    "🏳️‍🌈",
    "och",  # a Swedish stop word
    "och i att det som",
]


def long_strings():
    """Strings of a few hundred to a few thousand characters, cheaply: a short piece repeated."""
    return st.tuples(
        st.text(TEXT, min_size=1, max_size=5) | st.sampled_from(["9", "ä", "a ", "<", "%"]),
        st.integers(min_value=100, max_value=5000),
    ).map(lambda pair: (pair[0] * pair[1])[: pair[1]])


def nasty_values():
    return st.one_of(
        st.sampled_from(PLAUSIBLE_BUT_WRONG),
        st.sampled_from(MARKUP_AND_SQL),
        st.just(STR_HUGE),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.text(TEXT, max_size=30),
        st.text(CONTROL, min_size=1, max_size=5),
        long_strings(),
        # Bytes that need not be UTF-8; urlencode percent-encodes them as they are.
        st.binary(min_size=1, max_size=20).map(lambda raw: raw.replace(b"\x00", b"\xff")),
    )


PAGE_NUMBERS = {"page", "p"}
YEARS = st.integers(min_value=1890, max_value=2110).map(str)
PAGES = st.sampled_from(["1", "2", "3", "last", "0", "-1"]) | st.integers(-3, 10).map(str)


class Vocabulary:
    """The valid values of each parameter, read from the demo content, and the detail pages."""

    def __init__(self):
        def slugs(queryset):
            return sorted(queryset.values_list("slug", flat=True))

        titles = list(Publication.objects.values_list("title", flat=True))
        titles += list(Programme.objects.values_list("title", flat=True))
        words = sorted({word for title in titles for word in title.split()})
        self.valid = {
            "organisation": slugs(Organisation.objects.all()),
            "programme": slugs(Programme.objects.all()),
            "focus_area": slugs(FocusArea.objects.all()),
            "tag": slugs(Tag.objects.all()),
            "type": list(PublicationKind.values),
            "typ": list(Kind.values),
            "alla_organisationer": ["1", "0"],
            "status": list(ProgrammeStatus.values),
            "sort": list(SortOrder.values),
            "gruppera": list(Grouping.CHOICES),
            "publikation": slugs(Publication.objects.all()),
            "region": sorted(
                Region.objects.filter(observations__isnull=False)
                .distinct()
                .values_list("key", flat=True)
            ),
            "kon": list(Sex.values),
            "lan": sorted(County.objects.exclude(code=None).values_list("slug", flat=True)),
        }
        self.statistics_years = sorted(set(Observation.objects.values_list("year", flat=True)))
        self.words = words + [word[:4] for word in words]
        assert all(self.valid.values()), "the demo content should give every parameter values"
        self.detail_paths = sorted(
            obj.get_absolute_url()
            for model in (Organisation, Programme, FocusArea, Publication, NewsItem, Event)
            for obj in model.objects.all()
        ) + sorted(
            page.get_absolute_url()
            for page in ContentPage.objects.exclude(slug="tillganglighetsredogorelse")
        )

    def value(self, name):
        """A value for parameter ``name``: a valid one, a plausible wrong or markup-like one,
        or anything else (see nasty_values), about a third of the time each."""
        if name == "ar":
            # The statistics' years as well: the search's years are rarely among them.
            valid = YEARS | st.sampled_from([str(year) for year in self.statistics_years])
        elif name in ("year", "year_from", "year_to"):
            valid = YEARS
        elif name in ("page", "p"):
            valid = PAGES
        elif name == "q":
            # A word of the demo titles or its first letters (a prefix search), or a few.
            word = st.sampled_from(self.words)
            valid = st.one_of(
                word,
                st.lists(word, min_size=2, max_size=3).map(" ".join),
                # Words with operators, quotes or markup around them.
                st.tuples(word, st.sampled_from(MARKUP_AND_SQL)).map("".join),
            )
        elif name in self.valid:
            valid = st.sampled_from(self.valid[name])
        else:
            valid = st.text(TEXT, max_size=10)
        return st.one_of(
            valid, st.sampled_from(PLAUSIBLE_BUT_WRONG + MARKUP_AND_SQL), nasty_values()
        )

    def values(self, name):
        """The values of ``name`` in one query string: usually one, sometimes repeated."""
        return st.lists(self.value(name), min_size=1, max_size=1) | st.lists(
            self.value(name), min_size=2, max_size=3
        )

    def query(self, names, required=()):
        """A query string's parameters as ``{name: [values]}``: every name in ``required``,
        some of ``names``, and now and then a name the page does not know."""
        known = st.sampled_from(names) if names else st.nothing()
        unknown = st.text(TEXT, min_size=1, max_size=12) | st.sampled_from(
            ["utm_source", "fbclid", "page", "q", "format", "organisation[]", "ordering", ""]
        )
        name = st.one_of(known, known, known, unknown) if names else unknown
        optional = st.dictionaries(name, st.just(None), max_size=4).flatmap(
            lambda chosen: st.fixed_dictionaries({key: self.values(key) for key in chosen})
        )
        fixed = st.fixed_dictionaries({key: self.values(key) for key in required})
        params = st.tuples(fixed, optional).map(lambda pair: {**pair[1], **pair[0]})
        # About one request in twelve gets a NUL in one value. Drawn here rather than among
        # the values, where Hypothesis would copy it into most requests.
        return st.tuples(params, st.sampled_from([False] * 11 + [True])).map(with_nul)


def with_nul(drawn):
    """The parameters, with a NUL put into the first value (or a new one) if asked."""
    params, add_nul = drawn
    if not add_nul:
        return params
    if not params:
        return {"q": ["rapport" + NUL]}
    key = next(iter(params))
    first = params[key][0]
    first = first + NUL.encode() if isinstance(first, bytes) else first + NUL
    return {**params, key: [first, *params[key][1:]]}


@pytest.fixture
def no_page_cache(settings):
    """Every request is rendered: a cached answer could hide an error."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def demo(no_page_cache):
    """The demo content, loaded once per test, and the values it gives each parameter."""
    call_command("load_demo_content", verbosity=0)
    return Vocabulary()


# --- Requests and what they must give ----------------------------------------------------


def has_nul(params):
    def nul(text):
        return NUL in text if isinstance(text, str) else b"\x00" in text

    return any(nul(key) or any(nul(value) for value in values) for key, values in params.items())


def fetch(client, path, params, allowed):
    """GET ``path`` with ``params``; read the whole body (streamed or not), check the status
    and that the body is what the content type promises. Returns (status, content type,
    body)."""
    query = urlencode(params, doseq=True)
    url = f"{path}?{query}" if query else path
    # A savepoint per request, as each real request has its own transaction: after a database
    # error (PostgreSQL aborts the transaction) the next examples, and Hypothesis's shrinking,
    # still run against a working connection.
    with transaction.atomic():
        response = client.get(url)
        # An exception while streaming propagates from here and fails the example.
        body = b"".join(response.streaming_content) if response.streaming else response.content
    status = response.status_code
    expected = {400} if has_nul(params) else allowed
    assert status in expected, f"GET {url[:500]} answered {status}, expected one of {expected}"
    assert response.get("X-Page-Cache") != "hit", "the page cache must be off in these tests"
    content_type = response.get("Content-Type", "").split(";")[0]
    check_body(url, content_type, body)
    return status, content_type, body


def check_body(url, content_type, body):
    where = f"GET {url[:300]}"
    if content_type == "text/html":
        text = body.decode("utf-8")
        assert "<h1" in text and "</html>" in text, f"{where}: not a complete page"
        assert PROBE not in text, f"{where}: a query value reached the page unescaped"
    elif content_type == "text/csv":
        assert body.startswith("\ufeff".encode()), f"{where}: no byte-order mark"
        if "/statistik/" in url:
            header = "Region;Regionkod"
        elif "/inventeringar/" in url:
            header = "Kommun;Kommunkod"
        else:
            header = "Titel"
        assert header in body.decode("utf-8").splitlines()[0], f"{where}: no header row"
    elif content_type == "application/json":
        assert isinstance(json.loads(body), list), f"{where}: not a JSON array"
    elif content_type.startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            assert "xl/workbook.xml" in workbook.namelist(), f"{where}: not a workbook"
    elif content_type in ("application/atom+xml", "application/xml"):
        ElementTree.fromstring(body)
    elif content_type == "text/plain":
        assert body.strip(), f"{where}: empty"
    else:
        pytest.fail(f"{where}: unexpected content type {content_type!r}")


def run_property(vocabulary, client, path, names, allowed, examples, required=(), found=None):
    """Throws ``examples`` generated query strings built from ``names`` (always with those in
    ``required``) at ``path`` and returns how often each (status, content type) was seen, and,
    under the key "found", how many 200 answers ``found(body)`` was true for. Each address
    has its own fixed seed, so the examples differ between addresses but not between runs
    (unless exploring)."""
    seen = Counter()

    @property_settings(examples)
    @given(data=st.data())
    def check(data):
        params = data.draw(vocabulary.query(names, required), label="params")
        # Only a page number past the end may make a list page 404.
        expected = allowed if PAGE_NUMBERS & params.keys() else allowed - {404}
        status, content_type, body = fetch(client, path, params, expected)
        seen[(status, content_type)] += 1
        if found is not None and status == 200 and found(body):
            seen["found"] += 1

    if not EXPLORE:
        check = seed(zlib.crc32(f"{path} {required}".encode()))(check)
    check()
    return seen


# --- The properties -----------------------------------------------------------------------

PROGRAMME_FILTERS = ["organisation", "focus_area", "status", "year"]
PUBLICATION_FILTERS = [
    "q",
    "organisation",
    "type",
    "programme",
    "focus_area",
    "tag",
    "year_from",
    "year_to",
    "sort",
]
HTML = "text/html"


def lists_publications(body):
    """True if the publication list page lists at least one publication."""
    results = body.partition(b'<ul class="cards">')[2].partition(b"</ul>")[0]
    return b'href="/publikationer/' in results


def finds_something(body):
    """True if the search page reports one hit or more."""
    return re.search(rb'<p class="hits" role="status">\s*[1-9]', body) is not None


@pytest.mark.parametrize(
    ("path", "names", "allowed", "examples"),
    [
        ("/program/", [*PROGRAMME_FILTERS, "page"], {200, 400, 404}, 100),
        ("/program/tidslinje/", PROGRAMME_FILTERS, {200, 400}, 60),
    ],
)
def test_programme_filters(client, demo, path, names, allowed, examples):
    seen = run_property(demo, client, path, names, allowed, examples)
    # The generator reaches both filtered lists and the filters' error messages.
    assert seen[(200, HTML)] and seen[(400, HTML)], seen


def test_publication_list(client, demo):
    names = [*PUBLICATION_FILTERS, "page"]
    seen = run_property(demo, client, "/publikationer/", names, {200, 400, 404}, 100)
    assert seen[(200, HTML)] and seen[(400, HTML)], seen
    # The text filter (a regular expression on the summaries) with and without other filters.
    seen = run_property(
        demo, client, "/publikationer/", names, {200, 400, 404}, 60, ("q",), lists_publications
    )
    assert seen["found"], seen


def test_publication_exports_and_print(client, demo):
    """Every download format and the printable list, with the list's filters (and, for the
    print, the grouping). The downloads stream: their bodies are read to the end."""
    for file_format, content_type in (
        ("csv", "text/csv"),
        ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        path = f"/publikationer/ladda-ner.{file_format}"
        seen = run_property(demo, client, path, PUBLICATION_FILTERS, {200, 400}, 40)
        assert seen[(200, content_type)] and seen[(400, HTML)], (path, seen)
    names = [*PUBLICATION_FILTERS, "gruppera", "page"]
    seen = run_property(demo, client, "/publikationer/utskrift/", names, {200, 400}, 60)
    assert seen[(200, HTML)] and seen[(400, HTML)], seen


@pytest.mark.parametrize(
    "path",
    [
        "/statistik/folkmangd/",
        "/statistik/forvarvsarbetande-g-handel/",
        "/statistik/forvarvsarbetande-c-tillverkning/ladda-ner.csv",
        "/statistik/folkmangd/ladda-ner.json",
        "/statistik/folkmangd/ladda-ner.xlsx",
    ],
)
def test_indicator_pages_and_downloads(client, demo, path):
    """Regions, years and the map's sex, valid and not: a page, a file or a 400 with the
    form, never a 500."""
    seen = run_property(demo, client, path, ["region", "ar", "kon"], {200, 400}, 50)
    assert seen[(400, HTML)] and any(status == 200 for status, _type in seen if status), seen


SURVEY = "/inventeringar/kommunernas-naringslivs-och-tillvaxtprogram-2017/"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        (SURVEY, HTML),
        (SURVEY + "ladda-ner.csv", "text/csv"),
        (SURVEY + "ladda-ner.json", "application/json"),
        (
            SURVEY + "ladda-ner.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_survey_filters_and_downloads(client, demo, path, content_type):
    """The survey's list of programmes by county and kind: a page, a file or a 400 with the
    filters' message, never a 500."""
    seen = run_property(demo, client, path, ["lan", "typ"], {200, 400}, 30)
    assert seen[(200, content_type)] and seen[(400, HTML)], seen


def test_search(client, demo):
    """On PostgreSQL the words reach to_tsquery, ts_rank, ts_headline and pg_trgm."""
    names = ["q", "typ", "organisation", "ar", "page", "alla_organisationer"]
    seen = run_property(demo, client, "/sok/", names, {200, 400}, 60)
    assert seen[(200, HTML)] and seen[(400, HTML)], seen
    seen = run_property(demo, client, "/sok/", names, {200, 400}, 120, ("q",), finds_something)
    # The generator reaches pages of hits, not only empty results and form errors.
    assert seen["found"], seen


def test_paginated_lists_and_sitemap(client, demo):
    seen = run_property(demo, client, "/nyheter/", ["page"], {200, 404}, 40)
    assert seen[(200, HTML)] and seen[(404, HTML)], seen
    seen = run_property(demo, client, "/sitemap.xml", ["p"], {200, 404}, 30)
    assert seen[(200, "application/xml")] and seen[(404, HTML)], seen


FIXED_PAGES = [
    ("/", HTML),
    ("/robots.txt", "text/plain"),
    ("/publikationer/flode/", "application/atom+xml"),
    ("/nyheter/flode/", "application/atom+xml"),
    ("/organisationer/", HTML),
    ("/kontakter/", HTML),
    ("/tillganglighetsredogorelse/", HTML),
    ("/tillganglighetsredogorelse/kontakt/tack/", HTML),
]


def test_pages_that_read_no_parameters(client, demo):
    """The rest of the public pages ignore the query string: always 200 (400 for a NUL),
    whatever it holds. The accessibility form reads ``publikation`` and drops an unknown one."""
    names = ["page", "q", "organisation", "sort", "p", "preview"]
    pages = FIXED_PAGES + [(path, HTML) for path in demo.detail_paths]
    for path, content_type in pages:
        seen = run_property(demo, client, path, names, {200}, 4)
        assert seen[(200, content_type)], (path, seen)
    path = "/tillganglighetsredogorelse/kontakt/"
    seen = run_property(demo, client, path, ["publikation", "page"], {200}, 40)
    assert seen[(200, HTML)], seen


# --- Plain tests ---------------------------------------------------------------------------


def test_nul_in_a_filter_value_answers_400(client, no_page_cache):
    for path in ("/publikationer/", "/publikationer/ladda-ner.csv", "/sok/", "/program/"):
        status, _, _ = fetch(client, path, {"q": ["rapport\x00"]}, {400})
        assert status == 400


def test_unknown_export_format_is_404(client, no_page_cache):
    assert client.get("/publikationer/ladda-ner.pdf").status_code == 404


def test_too_many_parameters_answers_400(client, no_page_cache):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is refused by Django's QueryDict, which
    the NUL check reads first: a 400 page, not a 500."""
    params = {f"f{number}": ["1"] for number in range(1001)}
    status, _, _ = fetch(client, "/publikationer/", params, {400})
    assert status == 400
