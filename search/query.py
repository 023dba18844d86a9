"""Searching the index. ``run_search`` answers one search page: the hits visitors may see,
ranked, one page of them with highlighted snippets, the facet counts and, when little is
found, a "Menade du …?" suggestion.

By default the hits, counts and snippets come from this process's index in memory
(search/engine.py, ``settings.SEARCH_IN_MEMORY``); what follows describes the database's own
search, used when that is off, and the suggestions, which come from the database either way.

PostgreSQL: the words of the query become a ``to_tsquery`` in the ``swedish`` configuration
(stemmed, stop words dropped, the last word also as a prefix), matched against the stored
vector with its GIN index and ranked with ``ts_rank``; snippets come from ``ts_headline`` and
suggestions from ``pg_trgm`` similarity to words of the indexed titles and summaries.

SQLite (development): every word must occur in the title or summary, case-folded; hits in the
title come first. No stemming, no suggestions; snippets are cut around the first word found.
"""

import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from . import engine
from .indexing import CONFIG
from .models import Kind, SearchDocument, SearchTerm
from .words import swedish_root, words_of

PAGE_SIZE = 20
# Markers ts_headline puts around matches; the text is escaped before they become <mark>.
START, STOP = "\x02", "\x03"
FEW_HITS = 3
# The organisation facet lists this many organisations with most hits (and the chosen one);
# a link shows all of them.
ORGANISATION_FACET_SIZE = 10
SIMILARITY = 0.35


def visible(now=None):
    """Documents of items visitors may see now (see SearchDocument.visible_from)."""
    return SearchDocument.objects.filter(visible_from__lte=now or timezone.now())


def is_postgresql():
    return connection.vendor == "postgresql"


def tsquery_text(words, prefix=True):
    """``('kommunernas') & ('programmet' | 'program'):*``: each word quoted (words have no
    quotes) and or-ed with its root, every word required, the last also as a prefix. The
    database stems each form in the ``swedish`` configuration."""
    groups = []
    for position, word in enumerate(words):
        forms = dict.fromkeys([word, swedish_root(word)])
        suffix = ":*" if prefix and position == len(words) - 1 else ""
        groups.append("(" + " | ".join(f"'{form}'{suffix}" for form in forms) + ")")
    return " & ".join(groups)


def only_stop_words(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(to_tsquery(%s::regconfig, %s))", [CONFIG, text])
        return cursor.fetchone()[0] == 0


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    year: int | None
    organisations: list
    snippet: str


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


def _tsquery(words, prefix=True):
    return SearchQuery(tsquery_text(words, prefix), search_type="raw", config=CONFIG)


def _condition(words, prefix=True):
    """What a matching document satisfies, for the database in use."""
    if is_postgresql():
        return Q(search_vector=_tsquery(words, prefix))
    condition = Q()
    for word in words:
        condition &= Q(folded__contains=word)
    return condition


def _matching(words):
    """(documents matching the words, ranking, the tsquery or None) for the database in use."""
    base = visible().filter(_condition(words))
    if is_postgresql():
        query = _tsquery(words)
        matched = base.annotate(rank=SearchRank(F("search_vector"), query))
        return matched, ["-rank", "title", "pk"], query
    matched = base.annotate(
        in_title=Case(
            When(title__icontains=words[0], then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return matched, ["-in_title", "title", "pk"], None


def _apply(queryset, selected):
    """``queryset`` narrowed by the chosen facets."""
    if selected.get("kind"):
        queryset = queryset.filter(kind=selected["kind"])
    if selected.get("organisation"):
        key = SearchDocument.key(selected["organisation"].pk)
        queryset = queryset.filter(organisation_keys__contains=key)
    if selected.get("year"):
        queryset = queryset.filter(year=selected["year"])
    return queryset


def _chosen(selected):
    organisation = selected.get("organisation")
    return selected.get("kind"), selected.get("year"), organisation.pk if organisation else None


def _cells_python(matched, selected):
    """(total, kinds, years, organisation counts) from a count per (type, year, organisations)
    combination, added up in Python: the fallback, and the reference the PostgreSQL path is
    tested against."""
    cells = [
        (kind, year, SearchDocument.ids_from_keys(keys), n)
        for kind, year, keys, n in matched.order_by()
        .values_list("kind", "year", "organisation_keys")
        .annotate(n=Count("pk"))
    ]
    chosen_kind, chosen_year, chosen_org_id = _chosen(selected)

    def leaves(kind, year, organisations, skip):
        return (
            (skip == "kind" or not chosen_kind or kind == chosen_kind)
            and (skip == "year" or not chosen_year or year == chosen_year)
            and (skip == "organisation" or not chosen_org_id or chosen_org_id in organisations)
        )

    total = 0
    kinds, years, organisation_counts = {}, {}, {}
    for kind, year, organisations, n in cells:
        if leaves(kind, year, organisations, None):
            total += n
        if leaves(kind, year, organisations, "kind"):
            kinds[kind] = kinds.get(kind, 0) + n
        if year is not None and leaves(kind, year, organisations, "year"):
            years[year] = years.get(year, 0) + n
        if leaves(kind, year, organisations, "organisation"):
            for organisation in organisations:
                organisation_counts[organisation] = organisation_counts.get(organisation, 0) + n
    return total, kinds, years, organisation_counts


# The organisations of a match as integers: "|3|17|" → {3,17}, "" → {}.
ORGANISATION_IDS = "string_to_array(trim(both '|' from organisation_keys), '|')::integer[]"


def _cells_postgresql(matched, selected, query=None, offset=None):
    """What ``_cells_python`` adds up, counted by PostgreSQL in one statement: the matches
    are read once into a CTE, and each facet is grouped over the matches the other chosen
    facets leave. Also returns {pk: (slug, name)} of the counted organisations, joined in the
    same statement.

    With ``query`` and ``offset``, the same statement also ranks the matches the chosen facets
    leave and returns that page of them with their snippets, as (documents, {pk: snippet}), so
    the matches are read once for the counts and the page; None otherwise."""
    with_page = query is not None and offset is not None
    columns = ["kind", "year", "organisation_keys"]
    if with_page:
        columns += ["id", "title", "rank"]  # the ranking of ``_matching``: -rank, title, pk
    sql, params = matched.order_by().values(*columns).query.sql_with_params()
    chosen_kind, chosen_year, chosen_org_id = _chosen(selected)
    conditions = {"kind": ("TRUE", []), "year": ("TRUE", []), "organisation": ("TRUE", [])}
    if chosen_kind:
        conditions["kind"] = ("kind = %s", [chosen_kind])
    if chosen_year:
        conditions["year"] = ("year = %s", [chosen_year])
    if chosen_org_id:
        conditions["organisation"] = ("%s = ANY(organisations)", [chosen_org_id])

    def others(skip):
        """The WHERE of the facet ``skip``: every chosen facet but itself."""
        parts = [conditions[name] for name in ("kind", "year", "organisation") if name != skip]
        return " AND ".join(part for part, _ in parts), [p for _, args in parts for p in args]

    total_where, total_params = others(None)
    kind_where, kind_params = others("kind")
    year_where, year_params = others("year")
    org_where, org_params = others("organisation")
    page_cte, page_rows, page_params, hits_params = "", "", [], []
    if with_page:
        hits, hits_params = (
            SearchDocument.objects.filter(pk__in=RawSQL("SELECT unnest(ids) FROM page", []))
            .annotate(headline=_headline(query))
            .values("id", "title", "url", "kind", "year", "organisation_keys", "headline")
            .query.sql_with_params()
        )
        page_cte = f""", page AS (
            SELECT array_agg(id ORDER BY rank DESC, title, id) AS ids FROM (
                SELECT id, rank, title FROM matches WHERE {total_where}
                ORDER BY rank DESC, title, id LIMIT %s OFFSET %s
            ) AS ranked
        )"""
        page_params = [*total_params, PAGE_SIZE, offset]
        page_rows = f"""
        UNION ALL
        SELECT 'page', array_to_string(ids, ','), NULL, NULL, NULL FROM page
        UNION ALL
        SELECT 'hit', NULL, NULL, NULL, row_to_json(hit)::text FROM ({hits}) AS hit"""
    statement = f"""
        WITH matches AS MATERIALIZED (
            SELECT *, {ORGANISATION_IDS} AS organisations FROM ({sql}) AS matched
        ){page_cte}
        SELECT 'total', NULL, COUNT(*), NULL, NULL FROM matches WHERE {total_where}
        UNION ALL
        SELECT 'kind', kind, COUNT(*), NULL, NULL FROM matches WHERE {kind_where} GROUP BY kind
        UNION ALL
        SELECT 'year', year::text, COUNT(*), NULL, NULL FROM matches
            WHERE year IS NOT NULL AND {year_where} GROUP BY year
        UNION ALL
        SELECT 'organisation', o.id::text, c.n, o.slug, o.name FROM (
            SELECT organisation, COUNT(*) AS n FROM (
                SELECT unnest(organisations) AS organisation FROM matches WHERE {org_where}
            ) AS listed GROUP BY organisation
        ) AS c JOIN {Organisation._meta.db_table} AS o ON o.id = c.organisation{page_rows}
    """
    total = 0
    kinds, years, organisation_counts, organisations = {}, {}, {}, {}
    page_ids, rows = [], {}
    with connection.cursor() as cursor:
        cursor.execute(
            statement,
            [
                *params,
                *page_params,
                *total_params,
                *kind_params,
                *year_params,
                *org_params,
                *hits_params,
            ],
        )
        for facet, value, n, slug, name in cursor.fetchall():
            if facet == "hit":
                row = json.loads(name)
                rows[row["id"]] = row
            elif facet == "page":
                page_ids = [int(pk) for pk in value.split(",")] if value else []
            elif facet == "total":
                total = n
            elif facet == "kind":
                kinds[value] = n
            elif facet == "year":
                years[int(value)] = n
            else:
                organisation_counts[int(value)] = n
                organisations[int(value)] = (slug, name)
    page = None
    if with_page:
        documents, snippets = [], {}
        for pk in page_ids:
            row = rows[pk]
            snippets[pk] = _marked(row.pop("headline") or "")
            documents.append(SearchDocument(**row))
        page = documents, snippets
    return total, kinds, years, organisation_counts, organisations, page


def _counts(matched, selected, query=None, offset=None):
    """(number of hits, facets, {organisation pk: name}, page) from one pass over the matches
    (page: the ranked hits read in the same statement on PostgreSQL, else None).
    Each facet counts the hits the other facets leave, so choosing a value gives exactly
    that many hits. The names cover every organisation of every hit (a hit satisfies all
    chosen facets, so its organisations are counted in the organisation facet)."""
    page = None
    if is_postgresql():
        total, kinds, years, organisation_counts, organisations, page = _cells_postgresql(
            matched, selected, query, offset
        )
    else:
        total, kinds, years, organisation_counts = _cells_python(matched, selected)
        organisations = _organisation_names(organisation_counts)
    facets, names = _facets(kinds, years, organisation_counts, organisations, selected)
    return total, facets, names, page


def _organisation_names(organisation_counts):
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


def _headline(query):
    return SearchHeadline(
        Concat("summary", Value("\n"), "body", output_field=TextField()),
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _snippets_postgresql(documents, query):
    ids = [document.pk for document in documents]
    headlines = dict(
        SearchDocument.objects.filter(pk__in=ids)
        .annotate(headline=_headline(query))
        .values_list("pk", "headline")
    )
    return {pk: _marked(text) for pk, text in headlines.items()}


def _marked(text):
    """Escaped text with the matches in <mark>."""
    safe = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - every character of the text was escaped above


def _snippet_fallback(document, words, width=160):
    text = document.summary or document.body
    folded = text.casefold()
    positions = [folded.find(word) for word in words if word in folded]
    start = max(0, min(positions) - width // 3) if positions else 0
    excerpt = text[start : start + width]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    marked = pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", excerpt)
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return _marked(prefix + marked + suffix)


def suggest(words):
    """A better-spelled query, or "": each word not among the indexed words replaced by the
    most similar one that is (pg_trgm)."""
    if not is_postgresql():
        return ""
    known = set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))
    changed = False
    suggestion = []
    for word in words:
        if word in known or len(word) < 4:
            suggestion.append(word)
            continue
        best = (
            # ``%`` (trigram_similar) uses the trigram index; the threshold is pg_trgm's 0.3.
            SearchTerm.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
        if best and best != word:
            suggestion.append(best)
            changed = True
        else:
            suggestion.append(word)
    return " ".join(suggestion) if changed else ""


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
    if settings.SEARCH_IN_MEMORY:
        _search_in_memory(result, words, selected, page_number, all_organisations)
    else:
        _search_database(result, words, selected, page_number, all_organisations)
    if result.count < FEW_HITS and not result.message:
        suggestion = suggest(words)
        # Offered only if it finds more than the query as typed. Whole words only: a
        # suggestion is made of known words, and a prefix match of a common word would make
        # the check as slow as a search.
        if suggestion and _finds_more(words_of(suggestion), selected, result.count):
            result.suggestion = suggestion
    return result


def _finds_more(words, selected, count):
    """Whether ``words`` (whole words) find more than ``count`` hits with the chosen facets."""
    if settings.SEARCH_IN_MEMORY:
        kind, year, organisation_id = _chosen(selected)
        try:
            found = engine.current().search(
                words, kind, year, organisation_id, size=0, now=timezone.now(), prefix=False
            )
        except engine.NoWords:
            return False
        return found.count > count
    better = visible().filter(_condition(words, prefix=False))
    return _apply(better, selected)[: count + 1].count() > count


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


def _search_in_memory(result, words, selected, page_number, all_organisations):
    """``result`` answered by this process's search index in memory (search/engine.py)."""
    kind, year, organisation_id = _chosen(selected)
    index, now = engine.current(), timezone.now()
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


def _search_database(result, words, selected, page_number, all_organisations):
    """``result`` answered by the database: one statement on PostgreSQL (``_counts``), the
    simpler fallback on SQLite."""
    if is_postgresql() and only_stop_words(tsquery_text(words)):
        result.message = "stop_words"
        return
    matched, ordering, query = _matching(words)
    offset = _page_offset(page_number)
    result.count, result.facets, names, prefetched = _counts(matched, selected, query, offset)
    _organisation_facet_size(result.facets, all_organisations)
    hits = _apply(matched, selected).order_by(*ordering)
    if query is not None:
        # Snippets come from the database; the page needs only these columns.
        hits = hits.only("pk", "title", "url", "kind", "year", "organisation_keys")
    paginator = Paginator(hits, PAGE_SIZE)
    paginator.count = result.count  # counted above, with the facets
    result.page = paginator.get_page(page_number)
    if prefetched is not None and result.page.start_index() - 1 == max(offset, 0):
        # PostgreSQL read the page with the counts (all but pages past the last).
        documents, snippets = prefetched
        result.page.object_list = documents
    elif query is not None:
        documents = list(result.page.object_list)
        snippets = _snippets_postgresql(documents, query)
    else:
        documents = list(result.page.object_list)
        snippets = {document.pk: _snippet_fallback(document, words) for document in documents}
    result.hits = [
        Hit(
            title=document.title,
            url=document.url,
            kind=document.get_kind_display(),
            year=document.year,
            organisations=sorted(names[pk] for pk in document.organisation_ids() if pk in names),
            snippet=snippets.get(document.pk, ""),
        )
        for document in documents
    ]
