"""Searching the site. ``run_search`` answers one search page from this process's index in
memory (search/engine.py, the one engine, on SQLite and PostgreSQL alike): the hits visitors
may see, ranked, one page of them with highlighted snippets, the facet counts and, when little
is found, a "Menade du …?" suggestion that finds more."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from . import engine, follower
from .models import Kind
from .words import words_of

PAGE_SIZE = 20
FEW_HITS = 3
# The organisation facet lists this many organisations with most hits (and the chosen one);
# a link shows all of them.
ORGANISATION_FACET_SIZE = 10


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    year: int | None
    organisations: list
    snippet: list  # (text, is_match) parts


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""  # set by the view: this value chosen, or removed when it is chosen


@dataclass
class Facet:
    name: str
    label: object
    values: list = field(default_factory=list)  # FacetValue
    hidden: int = 0  # values left out of ``values`` (the organisation facet's short list)
    can_shorten: bool = False  # all values are listed, though more than the short list

    @property
    def total(self):
        return len(self.values) + self.hidden


@dataclass
class SearchResult:
    query: str
    page: object = None
    hits: list = field(default_factory=list)
    count: int = 0
    facets: list = field(default_factory=list)
    suggestion: str = ""
    message: str = ""


def _chosen(selected):
    organisation = selected.get("organisation")
    return selected.get("kind"), selected.get("year"), organisation.pk if organisation else None


def _organisation_names(organisation_counts):
    """{pk: (slug, name)} of the counted organisations."""
    if not organisation_counts:
        return {}
    found = Organisation.objects.filter(pk__in=list(organisation_counts)).values_list(
        "pk", "slug", "name"
    )
    return {pk: (slug, name) for pk, slug, name in found}


def _facets(kinds, years, organisation_counts, organisations, selected):
    """(the three facets, {organisation pk: name}) from the counts of each facet's values and
    {pk: (slug, name)} of the counted organisations."""
    chosen_kind, chosen_year, chosen_org_id = _chosen(selected)
    # A chosen value stays listed (with its removal link) even when it leaves no hits.
    if chosen_org_id:
        organisation_counts.setdefault(chosen_org_id, 0)
        chosen = selected["organisation"]
        organisations.setdefault(chosen_org_id, (chosen.slug, chosen.name))
    if chosen_year:
        years.setdefault(chosen_year, 0)
    facets = [
        Facet(
            "typ",
            _("Innehållstyp"),
            [
                FacetValue(value, label, kinds.get(value, 0), value == chosen_kind)
                for value, label in Kind.choices
                if kinds.get(value) or value == chosen_kind
            ],
        ),
        Facet(
            "organisation",
            _("Organisation"),
            sorted(
                (
                    FacetValue(slug, name, organisation_counts[pk], pk == chosen_org_id)
                    for pk, (slug, name) in organisations.items()
                ),
                key=lambda value: (-value.count, value.label),
            ),
        ),
        Facet(
            "ar",
            _("År"),
            [
                FacetValue(str(value), str(value), years[value], value == chosen_year)
                for value in sorted(years, reverse=True)
            ],
        ),
    ]
    return facets, {pk: name for pk, (_slug, name) in organisations.items()}


def shorten(facet, size):
    """``facet`` with only its first ``size`` values and the chosen one; ``hidden`` says how
    many were left out."""
    shown = [v for position, v in enumerate(facet.values) if position < size or v.selected]
    facet.hidden = len(facet.values) - len(shown)
    facet.values = shown


def _page_offset(page_number):
    """Where the page the Paginator will choose for ``page_number`` starts, when that is
    known before counting: a number of 1 or more (not a number gives the first page); None
    for numbers below 1 or absurdly large (the Paginator then chooses the last page)."""
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        number = 1
    return (number - 1) * PAGE_SIZE if 1 <= number <= 1_000_000 else None


def run_search(text, selected, page_number=1, all_organisations=False):
    words = words_of(text)
    result = SearchResult(query=text)
    if not words:
        result.message = "empty"
        return result
    index, now = follower.current(), timezone.now()
    _search(index, now, result, words, selected, page_number, all_organisations)
    if result.count < FEW_HITS and not result.message:
        suggestion = index.suggestion(words)
        # Offered only if it finds more than the query as typed. Whole words only: a
        # suggestion is made of known words, and a prefix match of a common word would make
        # the check as slow as a search.
        if suggestion and _finds_more(index, now, suggestion, selected, result.count):
            result.suggestion = " ".join(suggestion)
    return result


def _finds_more(index, now, words, selected, count):
    """Whether ``words`` (whole words) find more than ``count`` hits with the chosen facets."""
    kind, year, organisation_id = _chosen(selected)
    try:
        found = index.search(words, kind, year, organisation_id, size=0, now=now, prefix=False)
    except engine.NoWords:
        return False
    return found.count > count


def _organisation_facet_size(facets, all_organisations):
    for facet in facets:
        if facet.name == "organisation":
            if all_organisations:
                # Offer the short list back if it would leave anything out.
                facet.can_shorten = any(
                    position >= ORGANISATION_FACET_SIZE and not value.selected
                    for position, value in enumerate(facet.values)
                )
            else:
                shorten(facet, ORGANISATION_FACET_SIZE)


def _search(index, now, result, words, selected, page_number, all_organisations):
    """Fills ``result`` with the count, facets and page of hits of ``words`` in ``index``."""
    kind, year, organisation_id = _chosen(selected)
    offset = _page_offset(page_number)
    try:
        found = index.search(words, kind, year, organisation_id, offset or 0, PAGE_SIZE, now)
    except engine.NoWords:
        result.message = "stop_words"
        return
    paginator = Paginator(range(found.count), PAGE_SIZE)
    result.page = paginator.get_page(page_number)
    if found.count and result.page.start_index() - 1 != offset:
        # A page past the last, or a number the Paginator reads as the last page.
        offset = result.page.start_index() - 1
        found = index.search(words, kind, year, organisation_id, offset, PAGE_SIZE, now)
    result.count = found.count
    organisations = _organisation_names(found.organisations)
    result.facets, names = _facets(
        found.kinds, found.years, found.organisations, organisations, selected
    )
    _organisation_facet_size(result.facets, all_organisations)
    labels = dict(Kind.choices)
    result.hits = [
        Hit(
            title=hit.title,
            url=hit.url,
            kind=labels.get(hit.kind, hit.kind),
            year=hit.year,
            organisations=sorted(names[pk] for pk in hit.organisation_ids if pk in names),
            snippet=hit.snippet,
        )
        for hit in found.hits
    ]
