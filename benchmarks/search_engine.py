"""The search index in memory (search/engine.py) against the database's search, on the test
data set (benchmarks/generate_data.py), in one process. Prints a Markdown table: per query
the hits each finds, and the median time of answering the search page's questions (the
number of hits, the three facets, the first page of 20 with snippets), the database's through
``search.query.run_search`` (one statement on PostgreSQL, Python included), the engine's
through ``Engine.search``. Not a test.

    .venv/bin/python benchmarks/search_engine.py [--database-url URL] [--repeat N]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/growth_portal_load"
QUERIES = [
    ("besöksnäring", {}),
    ("besöksnäring", {"kind": "publikation", "organisation": "testdata-region-halland"}),
    ("regional tillväxt", {}),
    ("kompetensförsörjning 2020", {}),
    ("digitali", {}),
]


def timed(function, repeat):
    function()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()
    from organisations.models import Organisation
    from search.engine import Engine
    from search.models import SearchDocument
    from search.query import run_search, words_of

    started = time.perf_counter()
    engine = Engine()
    engine.load()
    loading = time.perf_counter() - started
    print(
        f"Engine loaded with {SearchDocument.objects.count()} documents in {loading:.1f} s; "
        f"median of {args.repeat} runs per cell.\n"
    )
    print("| query | chosen | hits, database | hits, engine | database, ms | engine, ms | × |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for text, chosen in QUERIES:
        selected, organisation_id = {}, None
        if "kind" in chosen:
            selected["kind"] = chosen["kind"]
        if "organisation" in chosen:
            selected["organisation"] = Organisation.objects.get(slug=chosen["organisation"])
            organisation_id = selected["organisation"].pk
        words = words_of(text)

        def database(text=text, selected=selected):
            return run_search(text, selected, 1)

        def in_memory(words=words, selected=selected, organisation_id=organisation_id):
            return engine.search(words, kind=selected.get("kind"), organisation_id=organisation_id)

        found_db, found_engine = database().count, in_memory().count
        db_ms, engine_ms = timed(database, args.repeat), timed(in_memory, args.repeat)
        label = ", ".join(f"{key}={value}" for key, value in chosen.items()) or "—"
        print(
            f"| {text} | {label} | {found_db} | {found_engine} | {db_ms:.1f} | {engine_ms:.1f} "
            f"| {db_ms / engine_ms:.1f} |"
        )


if __name__ == "__main__":
    main()
