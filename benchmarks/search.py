"""Benchmark of the site search (``/sok/``) on PostgreSQL. Not a test: it measures and prints a
Markdown table, it never asserts a timing.

    .venv/bin/python benchmarks/search.py [--rows 100000] [--repeat 20] [--rebuild]

The database is the export benchmark's (``benchmarks/export_publications.py``): created when
missing, migrated (the search app's migrations included) and seeded with ``--rows`` published
publications when it holds another number. The search index is built with
``manage.py rebuild_search_index`` (timed) when the number of search documents differs from the
number of searchable items, or with ``--rebuild``; then ``VACUUM ANALYZE`` of its tables.

For each of 20 Swedish queries, after one unmeasured warm-up, ``--repeat`` latencies of:

- the search view, ``GET /sok/?q=…`` through Django's test ``Client``, rendering included;
- the engine floor: the process's search index in memory answering the same words directly
  (count, facets, first 20 hits with snippets), without the view around it;
- a naive ``icontains`` search of title, summary and body, ordered by title, first 20 plus the
  count.

All three run in one child process (``benchmarks/search_measure.py``) that imports Django; this
driver does not.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.export_publications import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    child_environment,
    prepare,
    server_version,
)

PYTHON = sys.executable
HOST = "127.0.0.1"
SEARCH_TABLES = ("search_searchdocument", "search_searchremoval")

# Words of the seeded titles and summaries (benchmarks/seed.py), the tags and the few
# programmes, focus areas and organisations, as visitors would type them.
QUERIES = [
    {"q": "tillväxt"},
    {"q": "jämställd tillväxt"},  # two words, the last also as a prefix
    {"q": "kompetensförsörjning"},  # in every summary
    {"q": "kompetensförsörjningen"},  # inflected
    {"q": "besöksnäringen"},
    {"q": "besöksnäring"},  # the tag, and the title's word stemmed
    {"q": "innovationer"},  # plural of "innovation"
    {"q": "företagande"},
    {"q": "grön omställning"},
    {"q": "klimatomställning"},  # a tag only
    {"q": "Skåne"},
    {"q": "Jämtland Härjedalen"},
    {"q": "Öland"},
    {"q": "årsrapporter"},  # plural of the title's "årsrapport"
    {"q": "handlingsplan"},
    {"q": "attrak"},  # a prefix: "Attraktiva miljöer och tillgänglighet"
    {"q": "tillgänglighet i regionen"},  # "i" is a stop word
    {"q": "digitalisering landsbygd"},  # two tags
    {"q": "tilväxt"},  # misspelt: nothing found, "Menade du tillväxt?"
    {"q": "innovation", "facets": {"typ": "publikation"}},
]


def run_child(arguments, env, stdin=None):
    done = subprocess.run(
        [PYTHON, "-m", "benchmarks.search_measure", *arguments],
        cwd=ROOT,
        env=env,
        input=stdin,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def build_index(url, env, rebuild):
    """Rebuilds the search index when it does not hold one document per searchable item (or
    when asked); returns (status, seconds or None)."""
    found = run_child(["status"], env)
    if not rebuild and found["documents"] == found["items"]:
        print(
            f"The search index holds {found['documents']} documents for {found['items']} "
            "searchable items.",
            file=sys.stderr,
        )
        return found, None
    print(
        f"Rebuilding the search index ({found['documents']} documents, {found['items']} "
        "searchable items)…",
        file=sys.stderr,
        flush=True,
    )
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", "rebuild_search_index"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,
    )
    seconds = time.perf_counter() - started
    print(f"Rebuilt in {seconds:.1f} s; VACUUM ANALYZE…", file=sys.stderr, flush=True)
    with psycopg.connect(url, autocommit=True) as connection:
        for table in SEARCH_TABLES:
            connection.execute(f"VACUUM (ANALYZE) {table}")
    return run_child(["status"], env), seconds


def percentile(samples, fraction):
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def label(result):
    facets = "".join(f" ({key}={value})" for key, value in result["facets"].items())
    return f"{result['q']}{facets}"


def found(result):
    text = str(result["hits"])
    if result["suggestion"]:
        text += f" (Menade du: {result['suggestion']})"
    return text


def row(name, hits, samples):
    view, floor, naive = samples["view"], samples["engine"], samples["icontains"]
    ratio = statistics.median(view) / statistics.median(floor)
    cells = [name, hits]
    for values in (view, floor, naive):
        cells += [f"{statistics.median(values):.1f}", f"{percentile(values, 0.95):.1f}"]
    cells.append(f"{ratio:.1f}×")
    return "| " + " | ".join(cells) + " |"


def table(results):
    header = [
        "query",
        "hits (view)",
        "view p50",
        "view p95",
        "engine p50",
        "engine p95",
        "icontains p50",
        "icontains p95",
        "view / engine p50",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    pooled = {"view": [], "engine": [], "icontains": []}
    for result in results:
        lines.append(row(f"`{label(result)}`", found(result), result["samples"]))
        for name, values in result["samples"].items():
            pooled[name] += values
    lines.append(row("**all queries**", "", pooled))
    return "\n".join(lines), pooled


def matches_line(results):
    parts = [
        f"`{label(r)}` {r['engine_matches']}/{r['icontains_matches']}"
        for r in results
        if r["engine_matches"] != r["hits"] or r["icontains_matches"] != r["hits"]
    ]
    if not parts:
        return "The engine and icontains match as many documents as the view for every query."
    return (
        "Matches where the engine / icontains differ from the view's hits: "
        + "; ".join(parts)
        + "."
    )


def main():
    parser = argparse.ArgumentParser(description="Measure the site search on PostgreSQL.")
    parser.add_argument("--rows", type=int, default=100_000, help="Published publications.")
    parser.add_argument("--repeat", type=int, default=20, help="Measured runs per query.")
    parser.add_argument(
        "--rebuild", action="store_true", help="Rebuild the search index even if it is complete."
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1.")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1.")

    env = child_environment(args.database_url)
    prepare(args.database_url, args.rows, False, env)  # create, migrate, seed when needed
    status, rebuild_seconds = build_index(args.database_url, env, args.rebuild)

    # {% static %} with the project's manifest storage needs collectstatic: into a temporary
    # folder, as in production.
    static_root = Path(tempfile.mkdtemp(prefix="search-bench-static-"))
    try:
        # The page cache off: every request of the view searches.
        measure_env = dict(
            env,
            DJANGO_STATIC_ROOT=str(static_root),
            DJANGO_ALLOWED_HOSTS=HOST,
            DJANGO_PAGE_CACHE_SECONDS="0",
        )
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=measure_env,
            check=True,
        )
        with psycopg.connect(args.database_url, autocommit=True) as connection:
            for table_name in SEARCH_TABLES:
                connection.execute(f"ANALYZE {table_name}")
        plan = json.dumps({"queries": QUERIES, "repeat": args.repeat})
        measured = run_child(["measure", "--host", HOST], measure_env, stdin=plan)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    results = measured["results"]
    text, pooled = table(results)
    factor = statistics.median(pooled["view"]) / statistics.median(pooled["engine"])
    print()
    print(
        f"Site search, {measured['documents']} search documents ({args.rows} published "
        f"publications) — PostgreSQL {server_version(args.database_url)}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {datetime.date.today().isoformat()}"
    )
    if rebuild_seconds is not None:
        print(
            f"Index rebuilt: `manage.py rebuild_search_index` took {rebuild_seconds:.1f} s for "
            f"{status['documents']} documents (whole process)."
        )
    else:
        print(f"Index: {status['documents']} documents, not rebuilt (use --rebuild).")
    print()
    print(f"Latency in ms over {args.repeat} runs per query after one warm-up.")
    print()
    print(text)
    print()
    print(f"The search view over the engine alone at pooled p50: {factor:.1f}×")
    print()
    print(matches_line(results))
    print(
        "View: GET /sok/ through Django's test Client (DJANGO_DEBUG=0, page cache off, "
        "rendering included). "
        "Engine: the process's index in memory answering the same words (count, facets, first "
        "20 hits with snippets), without the view, its catch-up with the database or the "
        "organisations' names. icontains: every word in title, summary or body, ordered by "
        "title, first 20 plus count. A `typ` facet is applied to all three."
    )


if __name__ == "__main__":
    main()
