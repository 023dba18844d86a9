"""What the tests of the public pages share: reading a page as a visitor does (it answers 200,
has one h1 first and no skipped heading level, is Swedish and has its main landmark) with its
visible text, Swedish dates as the pages print them, and the check that a page runs the same,
pinned number of queries however much data it lists."""

import itertools
import re
from html.parser import HTMLParser

from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from tests.factories import ProgrammeFactory
from tests.queries import count_queries

# What a link to another website says after its text.
EXTERNAL = "(länk till annan webbplats)"
TODAY = timezone.localdate()

# Elements that separate words in the rendered page, so "<dt>Typ</dt><dd>Rapport</dd>" reads
# as "Typ Rapport" in the visible text.
BLOCK_TAGS = {"p", "li", "dt", "dd", "div", "br", "h1", "h2", "h3", "h4", "ul", "ol", "dl"}


class _Outline(HTMLParser):
    """Collects heading levels and the visible text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels = []
        self.text_parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag in {"script", "style", "title"}:
            self._skip += 1
        if tag in BLOCK_TAGS:
            self.text_parts.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "title"}:
            self._skip -= 1
        if tag in BLOCK_TAGS:
            self.text_parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)


def fetch(client, url):
    """GET a public page, check its status and heading outline, return (html, visible text)."""
    response = client.get(url)
    assert response.status_code == 200, url
    content = response.content.decode()
    parser = _Outline()
    parser.feed(content)
    assert parser.levels.count(1) == 1, f"{url}: exactly one h1, got {parser.levels}"
    assert parser.levels[0] == 1, f"{url}: the h1 comes first, got {parser.levels}"
    for previous, current in itertools.pairwise(parser.levels):
        assert current <= previous + 1, f"{url}: heading level skipped in {parser.levels}"
    assert '<html lang="sv">' in content
    assert '<main id="main"' in content
    return content, re.sub(r"\s+", " ", "".join(parser.text_parts))


class _Cards(HTMLParser):
    """Collects the visible text of each card (``<li class="card …">``) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards = []
        self._depth = 0  # <li> elements open inside the current card

    def handle_starttag(self, tag, attrs):
        if tag == "li" and self._depth:
            self._depth += 1
        elif tag == "li" and "card" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.cards.append([])
        elif self._depth and tag in BLOCK_TAGS:
            self.cards[-1].append(" ")

    def handle_endtag(self, tag):
        if self._depth and tag == "li":
            self._depth -= 1
        elif self._depth and tag in BLOCK_TAGS:
            self.cards[-1].append(" ")

    def handle_data(self, data):
        if self._depth:
            self.cards[-1].append(data)


def cards(content):
    """The visible text of each card on a page, in order, with spaces between its parts:
    "Handlingsplan 2018 Typ Handlingsplan År 2018 Fil ingen på webbplatsen …"."""
    parser = _Cards()
    parser.feed(content)
    return [re.sub(r"\s+", " ", "".join(parts)).strip() for parts in parser.cards]


def main_text(content):
    """The visible text of the page's main element alone (not the header, the
    organisation's banner or the footer)."""
    parser = _Outline()
    parser.feed(content.partition("<main")[2].partition("</main>")[0])
    return re.sub(r"\s+", " ", "".join(parser.text_parts))


# A <script> element the browser runs: any but a data block such as the breadcrumbs'
# structured data (<script type="application/ld+json">), which is never executed.
_SCRIPT = re.compile(r"<script\b(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>", re.I)


def executable_scripts(content):
    """The opening tags of the scripts in ``content`` that a browser would run."""
    return _SCRIPT.findall(content)


def swedish_date(value):
    with translation.override("sv"):
        return date_filter(timezone.localtime(value), "j F Y")


def ongoing_programme(**kwargs):
    return ProgrammeFactory(start_year=TODAY.year - 1, end_year=TODAY.year + 1, **kwargs)


# --- number of queries ---------------------------------------------------------------------
#
# Each app's page tests have a QUERY_SCENARIOS dict: each scenario builds a page and returns
# (url, grow); grow(n) adds n more rows of everything the page lists. The page must run the
# same number of queries before and after growing, and that number is pinned in the module's
# EXPECTED_QUERIES so that a new N+1 or an extra query shows up in review.
#
# The numbers are (queries when nothing derived is kept, queries once it is): one query for
# the page's own rows plus one per prefetched relation (lists add a COUNT for pagination).
# What a page remembers (a list's options, the lists around a programme or publication) is
# read when it is not kept yet; the page cache's look-ups of the next scheduled publication are
# not counted (tests.queries.count_queries). Update a number only together with the view's
# select/prefetch declaration.

_tag_numbers = itertools.count()


def new_tag():
    """A tag name no other row of the test has, for scenarios that add tags as they grow."""
    return f"tagg {next(_tag_numbers)}"


def assert_queries_do_not_grow(client, name, scenario, expected):
    """The page of ``scenario`` runs ``expected`` queries with 2 rows of everything it lists,
    and the same with ten times as many."""
    url, grow = scenario()
    grow(2)
    with_few = count_queries(client, url)[:2]
    grow(18)  # ten times as many rows
    with_many = count_queries(client, url)[:2]
    assert with_many == with_few, f"{name}: {with_few} queries with 2 rows, {with_many} with 20"
    assert with_few == expected, f"{name}: {with_few} queries (cold, warm), pinned {expected}"
