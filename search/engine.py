"""The site search's one engine: an index in memory (tantivy) in each web process, on SQLite and
PostgreSQL alike.

Why: on the benchmark's data set (100 000 publications) a common word matches about 8 500
documents, which a database must visit one by one to count them, rank them and count the facets
(about 33 ms for PostgreSQL's one statement, benchmarks/README.md). An inverted index with its
columns kept apart (tantivy's "fast fields") answers the same page in about 2 ms, and gives
the same stemming, ranking, facets, snippets and suggestions whichever database the site uses.

``SearchDocument`` rows stay the source of truth; each web process holds its own ``Engine``,
kept current with them before every search (search/follower.py).

What it answers:
- every word of the query is required, each as written or as its root (``swedish_root``),
  stemmed by the Swedish Snowball stemmer, in the title, summary, body or tags; the last word
  also as a prefix; Swedish stop words are left out of the query;
- only documents visible at the given time (``visible_from``);
- the number of hits and the three facets, each counted over the hits the other chosen
  facets leave, so choosing a value gives exactly that many hits;
- one page of hits ranked by BM25 with the fields weighted (title over summary over body and
  tags), ties by title and id, with a snippet of the summary or body where the words are
  marked;
- for "Menade du …?", the known word closest to a word it does not know (``suggestion``): the
  engine keeps the words of every document's title and summary (search/vocabulary.py) as it
  loads and applies documents.
"""

import datetime
import itertools
import logging
import threading
from collections import Counter
from dataclasses import dataclass, field

import tantivy

from .models import SearchDocument
from .vocabulary import Vocabulary
from .words import swedish_root, vocabulary_words

logger = logging.getLogger(__name__)
ANALYZER_NAME = "swedish"
# Title over summary over body and tags.
FIELD_WEIGHTS = {"title": 5.0, "summary": 2.0, "body": 1.0, "tags": 1.0}
# Documents never visible (drafts) are kept with this time, after any "now" (tantivy's dates
# end in 2262).
NEVER = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)
# The last word's prefix is expanded to at most this many indexed words per field.
PREFIX_TERMS = 500
SNIPPET_CHARACTERS = 240
FACET_SIZE = 10_000
LOAD_BATCH = 2000


def analyzer():
    """Words as the search page splits them, lower case, without Swedish stop words, stemmed."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(100))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("swedish"))
        .filter(tantivy.Filter.stemmer("swedish"))
        .build()
    )


def schema():
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in ("title", "summary", "body"):
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER_NAME)
    builder.add_text_field("tags", stored=False, tokenizer_name=ANALYZER_NAME)
    builder.add_text_field("kind", stored=True, fast=True, tokenizer_name="raw")
    # 0 for a document without a year (years start at 1900 in the models).
    builder.add_unsigned_field("year", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("organisations", stored=True, indexed=True, fast=True)
    builder.add_date_field("visible_from", indexed=True, fast=True)
    builder.add_text_field("url", stored=True, tokenizer_name="raw")
    return builder.build()


@dataclass
class EngineHit:
    pk: int
    title: str
    url: str
    kind: str
    year: int | None
    organisation_ids: list
    snippet: list  # (text, is_match) parts


@dataclass
class EngineResult:
    count: int = 0
    kinds: dict = field(default_factory=dict)
    years: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    hits: list = field(default_factory=list)


class NoWords(ValueError):
    """Every word of the query is a stop word (or there is no word)."""


class Engine:
    """One index in memory. Reads may come from any thread; writes are serialised."""

    def __init__(self):
        self.schema = schema()
        self.index = tantivy.Index(self.schema)
        self.index.register_tokenizer(ANALYZER_NAME, analyzer())
        self.analyzer = analyzer()
        # The words of the documents' titles and summaries, for suggestions.
        self.vocabulary = Vocabulary()
        self._writer = None
        self._lock = threading.Lock()  # serialises writes

    # Writing

    def _document(self, row):
        document = tantivy.Document()
        document.add_unsigned("id", row.pk)
        document.add_text("title", row.title)
        document.add_text("summary", row.summary)
        document.add_text("body", row.body)
        document.add_text("tags", row.tags)
        document.add_text("kind", row.kind)
        document.add_unsigned("year", row.year or 0)
        for pk in SearchDocument.ids_from_keys(row.organisation_keys):
            document.add_unsigned("organisations", pk)
        document.add_date("visible_from", row.visible_from or NEVER)
        document.add_text("url", row.url)
        return document

    def apply(self, remove_ids, rows):
        """Removes the documents ``remove_ids`` and adds ``rows`` (SearchDocuments), in one
        commit: all of it or, if anything fails, none. The vocabulary follows."""
        with self._lock:
            if self._writer is None:
                self._writer = self.index.writer(heap_size=15_000_000, num_threads=1)
            ids = sorted({int(pk) for pk in remove_ids})
            removed = self._words_of_stored(ids)
            added = Counter()
            try:
                if ids:
                    self._writer.delete_documents_by_query(
                        tantivy.Query.term_set_query(self.schema, "id", ids)
                    )
                for row in rows:
                    self._writer.add_document(self._document(row))
                    added.update(vocabulary_words(row.title, row.summary))
            except BaseException:
                self._writer.rollback()  # nothing of a change is applied if not all of it
                raise
            self._writer.commit()
            self.index.reload()
            self.vocabulary.change(added, removed)

    def _words_of_stored(self, ids):
        """The vocabulary's words of the documents ``ids`` as the index holds them now."""
        words = Counter()
        if not ids:
            return words
        searcher = self.index.searcher()
        query = tantivy.Query.term_set_query(self.schema, "id", ids)
        for _score, address in searcher.search(query, limit=len(ids)).hits:
            document = searcher.doc(address)
            words.update(
                vocabulary_words(document.get_first("title"), document.get_first("summary"))
            )
        return words

    def load(self, documents=None):
        """Replace the index's content with ``documents`` (every SearchDocument by default)."""
        if documents is None:
            documents = SearchDocument.objects.order_by("pk").iterator(chunk_size=LOAD_BATCH)
        with self._lock:
            writer = self._writer or self.index.writer(heap_size=50_000_000, num_threads=1)
            self._writer = None
            vocabulary = Counter()
            try:
                writer.delete_all_documents()
                for row in documents:
                    writer.add_document(self._document(row))
                    vocabulary.update(vocabulary_words(row.title, row.summary))
            except BaseException:
                writer.rollback()  # the index stays as it was
                self._writer = writer
                raise
            writer.commit()
            writer.wait_merging_threads()
            self.index.reload()
            self.vocabulary.replace(vocabulary)

    def put(self, documents):
        """Add ``documents``, replacing any earlier version of each (by primary key)."""
        documents = list(documents)
        self.apply([row.pk for row in documents], documents)

    def remove(self, ids):
        self.apply(ids, [])

    # Reading

    def _terms(self, text):
        return list(self.analyzer.analyze(text))

    def _word_query(self, searcher, word, prefix):
        """Any form of ``word`` (as written, its root; stemmed) in any text field, weighted
        by field; None when every form is a stop word."""
        stems = []
        for form in dict.fromkeys([word, swedish_root(word)]):
            for stem in self._terms(form):
                if stem not in stems:
                    stems.append(stem)
        if not stems:
            return None
        clauses = []
        for name, weight in FIELD_WEIGHTS.items():
            terms = set(stems)
            if prefix:
                for stem in stems:
                    terms.update(
                        term
                        for term, _count in searcher.terms_with_prefix(
                            name, stem, limit=PREFIX_TERMS
                        )
                    )
            for term in sorted(terms):
                query = tantivy.Query.term_query(self.schema, name, term)
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
        return tantivy.Query.boolean_query(clauses)

    def text_query(self, searcher, words, prefix=True):
        clauses = []
        for position, word in enumerate(words):
            query = self._word_query(searcher, word, prefix and position == len(words) - 1)
            if query is not None:
                clauses.append((tantivy.Occur.Must, query))
        if not clauses:
            raise NoWords(words)
        return tantivy.Query.boolean_query(clauses)

    def suggestion(self, words):
        """``words`` with each word the vocabulary does not know replaced by the closest word
        it knows; None when no word was replaced (search/vocabulary.py)."""
        return self.vocabulary.suggestion(words)

    def _filter(self, name, value):
        query = tantivy.Query.term_query(self.schema, name, value)
        return (tantivy.Occur.Must, tantivy.Query.const_score_query(query, 0.0))

    def _chosen(self, kind, year, organisation_id):
        return {
            "kind": ("kind", kind) if kind else None,
            "year": ("year", int(year)) if year else None,
            "organisation": ("organisations", int(organisation_id)) if organisation_id else None,
        }

    def search(
        self,
        words,
        kind=None,
        year=None,
        organisation_id=None,
        offset=0,
        size=20,
        now=None,
        prefix=True,
    ):
        """The hits of ``words`` visible at ``now``: their number with the chosen facets,
        each facet's counts, and the hits from ``offset`` (at most ``size``) with snippets.
        Raises NoWords when every word is a stop word."""
        searcher = self.index.searcher()
        matching = self.text_query(searcher, words, prefix)
        visible = tantivy.Query.range_query(
            self.schema,
            "visible_from",
            tantivy.FieldType.Date,
            upper_bound=now or datetime.datetime.now(datetime.UTC),
        )
        base = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, matching),
                (tantivy.Occur.Must, tantivy.Query.const_score_query(visible, 0.0)),
            ]
        )
        chosen = self._chosen(kind, year, organisation_id)
        result = EngineResult()
        result.kinds, result.years, result.organisations = self._facets(searcher, base, chosen)
        narrowed = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, base)] + [self._filter(*pair) for pair in chosen.values() if pair]
        )
        result.count = searcher.search(narrowed, limit=1, count=True).count
        if offset < result.count and size > 0:
            result.hits = self._page(searcher, narrowed, matching, offset, size)
        return result

    def _facets(self, searcher, base, chosen):
        """(kinds, years, organisations) as {value: count}, in one pass: each facet under a
        filter of the other chosen facets."""

        def aggregation(name, field_name):
            terms = {"terms": {"field": field_name, "size": FACET_SIZE}}
            others = [pair for other, pair in chosen.items() if other != name and pair]
            if not others:
                return terms
            condition = " AND ".join(f"{field_name_}:{value}" for field_name_, value in others)
            return {"filter": condition, "aggs": {"counted": terms}}

        answer = searcher.aggregate(
            base,
            {
                "kind": aggregation("kind", "kind"),
                "year": aggregation("year", "year"),
                "organisation": aggregation("organisation", "organisations"),
            },
        )

        def buckets(name):
            part = answer[name]
            part = part.get("counted", part)
            return {bucket["key"]: bucket["doc_count"] for bucket in part["buckets"]}

        years = {int(year): n for year, n in buckets("year").items() if int(year)}
        organisations = {int(pk): n for pk, n in buckets("organisation").items()}
        return buckets("kind"), years, organisations

    def _page(self, searcher, query, matching, offset, size):
        """Hits ``offset`` to ``offset + size`` by score, equal scores by title and id.
        Reads past the page until the score falls, so every hit tied with the page's last is
        ordered before the page is cut."""
        wanted = offset + size
        limit = wanted + size
        while True:
            found = searcher.search(query, limit=limit, count=False).hits
            if len(found) < limit or found[-1][0] < found[min(wanted, len(found)) - 1][0]:
                break
            limit *= 4
        # Only the hits whose score some hit of the page has are read and ordered by title and
        # id: the hits before and after them keep their places by score (a deep page reads its
        # own hits, not the thousands before it).
        documents, position = [], 0
        for _score, group in itertools.groupby(found, key=lambda hit: hit[0]):
            group = list(group)
            start, position = position, position + len(group)
            if position <= offset:
                continue
            tied = []
            for _score, address in group:
                document = searcher.doc(address)
                tied.append((document.get_first("title"), document.get_first("id"), document))
            tied.sort(key=lambda candidate: candidate[:2])
            documents += [
                candidate[2] for candidate in tied[max(offset - start, 0) : wanted - start]
            ]
            if position >= wanted:
                break
        return [self._hit(searcher, matching, document) for document in documents]

    def _hit(self, searcher, matching, document):
        year = document.get_first("year")
        return EngineHit(
            pk=document.get_first("id"),
            title=document.get_first("title"),
            url=document.get_first("url"),
            kind=document.get_first("kind"),
            year=year or None,
            organisation_ids=list(document.get_all("organisations")),
            snippet=self._snippet(searcher, matching, document),
        )

    def _snippet(self, searcher, matching, document):
        """The best fragment of the summary, else of the body, as ``(text, is_match)`` parts
        (``marked``), or [] when neither has a match; what the fragment leaves out is "…"."""
        for name in ("summary", "body"):
            generator = tantivy.SnippetGenerator.create(searcher, matching, self.schema, name)
            generator.set_max_num_chars(SNIPPET_CHARACTERS)
            snippet = generator.snippet_from_doc(document)
            if snippet.highlighted():
                text = (document.get_first(name) or "").strip().encode()
                span = snippet.fragment_range()
                parts = marked(snippet.fragment(), snippet.highlighted())
                if span.start > 0:
                    parts.insert(0, ("… ", False))
                if span.end < len(text):
                    parts.append((" …", False))
                return parts
        return []


def marked(text, ranges):
    """``text`` in ``(text, is_match)`` parts, each of ``ranges`` (byte offsets in its UTF-8)
    a match: the template writes the matches in <mark> and escapes every part."""
    data = text.encode()
    parts, at = [], 0
    for span in sorted(ranges, key=lambda span: span.start):
        if span.start < at:
            continue
        if span.start > at:
            parts.append((data[at : span.start].decode(), False))
        parts.append((data[span.start : span.end].decode(), True))
        at = span.end
    if at < len(data):
        parts.append((data[at:].decode(), False))
    return parts
