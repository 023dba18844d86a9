"""The Django side of ``benchmarks/search.py``: a child process that imports Django, so the
driver stays small and Django's start-up is never measured.

    DATABASE_URL=postgres://… python -m benchmarks.search_measure status
    DATABASE_URL=postgres://… python -m benchmarks.search_measure measure < plan.json

``status`` prints one JSON line: the number of searchable items (every object of every model in
``search.indexing.SOURCES``, as ``rebuild()`` indexes them) and of search documents.

``measure`` reads ``{"queries": [{"q": …, "facets": {…}}, …], "repeat": R}`` from standard
input and prints one JSON line with, per query, R latencies in milliseconds (after one
unmeasured warm-up) of:

- ``view``: ``GET /sok/?q=…`` through Django's test ``Client``, rendering included;
- ``engine``: the floor, this process's search index in memory answering the same words
  directly (``Engine.search``: the count, the three facets, the first 20 hits with their
  snippets), without the view, the catch-up with the database or the organisations' names;
- ``icontains``: the naive ORM search, every word in title, summary or body (``icontains``),
  ordered by title, first 20 plus the count.

The three are interleaved (view, engine, icontains, view, …) so that a change of the machine's
load during the run touches all of them alike. Progress goes to standard error.
"""

import argparse
import json
import logging
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from search import engine as search_engine  # noqa: E402
from search import follower as search_follower  # noqa: E402
from search.forms import SearchForm  # noqa: E402
from search.indexing import SOURCES  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from search.query import PAGE_SIZE, run_search  # noqa: E402
from search.words import words_of  # noqa: E402


def status():
    items = sum(model._default_manager.count() for model in SOURCES)
    return {
        "items": items,
        "documents": SearchDocument.objects.count(),
        "vendor": connection.vendor,
    }


def milliseconds(started):
    return (time.perf_counter() - started) * 1000


def kind_of(facets):
    return facets.get("typ") or None


class Query:
    def __init__(self, q, facets, host):
        self.q = q
        self.facets = facets
        self.words = words_of(q)
        self.kind = kind_of(facets)
        self.client = Client(HTTP_HOST=host)
        self.index = None  # set by facts()
        self.params = {"q": q, **facets}

    def view(self):
        response = self.client.get("/sok/", self.params)
        if response.status_code != 200:
            raise RuntimeError(f"/sok/ {self.params} answered {response.status_code}")
        return len(response.content)

    def engine(self):
        """The index in memory alone: this process's, as the last ``facts()`` found it."""
        try:
            found = self.index.search(
                self.words, kind=self.kind, size=PAGE_SIZE, now=timezone.now()
            )
        except search_engine.NoWords:
            return 0, []
        return found.count, found.hits

    def icontains(self):
        condition = Q()
        for word in self.words:
            condition &= (
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
            )
        matched = SearchDocument.objects.filter(condition)
        if self.kind:
            matched = matched.filter(kind=self.kind)
        rows = list(matched.order_by("title")[:PAGE_SIZE])
        return matched.count(), rows

    def facts(self):
        """What the search page finds (not timed): its count and suggestion."""
        form = SearchForm(self.params)
        if not form.is_valid():
            raise RuntimeError(f"invalid query {self.params}: {form.errors.as_json()}")
        result = run_search(form.cleaned_data["q"], form.selected_facets())
        self.index = search_follower.current()
        return {
            "words": self.words,
            "hits": result.count,
            "suggestion": result.suggestion,
            "message": result.message,
            "engine_matches": self.engine()[0],
            "icontains_matches": self.icontains()[0],
        }


def timed(function):
    started = time.perf_counter()
    function()
    return milliseconds(started)


def measure(plan, host):
    repeat = plan["repeat"]
    results = []
    for number, spec in enumerate(plan["queries"], 1):
        query = Query(spec["q"], spec.get("facets", {}), host)
        label = query.q + "".join(f" {k}={v}" for k, v in query.facets.items())
        print(f"[{number}/{len(plan['queries'])}] {label}", file=sys.stderr, flush=True)
        facts = query.facts()
        paths = {"view": query.view, "engine": query.engine, "icontains": query.icontains}
        for function in paths.values():
            function()  # warm-up, unmeasured
        samples = {name: [] for name in paths}
        for _ in range(repeat):
            for name, function in paths.items():
                samples[name].append(timed(function))
        results.append({"q": query.q, "facets": query.facets, **facts, "samples": samples})
    return {"results": results, **status()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["status", "measure"])
    parser.add_argument("--host", default="127.0.0.1", help="HTTP_HOST of the test client.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit(f"The search benchmark needs PostgreSQL, not {connection.vendor}.")
    # The request log and the search index's messages go to stdout too; the JSON is what is
    # wanted there.
    for name in ("growth_portal.requests", "search.engine"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if args.command == "status":
        print(json.dumps(status()))
    else:
        print(json.dumps(measure(json.load(sys.stdin), args.host)))


if __name__ == "__main__":
    main()
