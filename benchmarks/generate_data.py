"""Generates a large synthetic data set for load tests on PostgreSQL, clearly marked as test
data: every name starts with "Testdata – " and every slug with "testdata-". Run it once:

    .venv/bin/python benchmarks/generate_data.py [--database-url URL] [--reset]

It creates the database when missing, migrates it, writes the data set in one transaction
(``benchmarks/testdata.py``, COPY), rebuilds the search index (``manage.py
rebuild_search_index``) and runs ``VACUUM (ANALYZE)``. A database that already holds content is
left alone unless ``--reset`` is given, and even then only when all of it is test data. The
same sizes and ``--seed`` give the same data set. Not a test: it prints what it made and how
long it took.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.export_publications import child_environment, ensure_database  # noqa: E402

PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/growth_portal_load"
SIZES = {
    "organisations": 300,
    "programmes": 3000,
    "publications": 100_000,
    "contacts": 5000,
    "news": 1000,
}


def run(command, env, **kwargs):
    started = time.perf_counter()
    done = subprocess.run([PYTHON, *command], cwd=ROOT, env=env, check=False, **kwargs)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed (exit {done.returncode}).")
    return done, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(
        description="Generate a synthetic test data set on PostgreSQL for load tests."
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    for name, default in SIZES.items():
        parser.add_argument(f"--{name}", type=int, default=default, help=f"default {default}")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    parser.add_argument("--reset", action="store_true", help="replace an existing test data set")
    parser.add_argument("--skip-index", action="store_true", help="do not rebuild the search index")
    args = parser.parse_args()

    env = child_environment(args.database_url)
    # Writing 100 000 rows in one COPY takes longer than a page's statement timeout.
    env["DJANGO_DB_STATEMENT_TIMEOUT"] = "0"
    ensure_database(args.database_url)  # refuses postgres, test and the templates
    started = time.perf_counter()
    run(["manage.py", "migrate", "--noinput", "--verbosity", "0"], env)

    command = ["-m", "benchmarks.testdata", "--seed", str(args.seed)]
    for name in SIZES:
        command += [f"--{name}", str(getattr(args, name))]
    if args.reset:
        command.append("--reset")
    done, _ = run(command, env, stdout=subprocess.PIPE, text=True)
    made = json.loads(done.stdout)
    # The regions and a generated indicator for the statistics page.
    done, _ = run(
        ["-m", "benchmarks.testdata_statistics", "--seed", str(args.seed)],
        env,
        stdout=subprocess.PIPE,
        text=True,
    )
    made["counts"]["observations (21 counties × 10 years × 3)"] = json.loads(done.stdout)[
        "observations"
    ]

    index_seconds = vacuum_seconds = None
    if not args.skip_index:
        print("Rebuilding the search index…", file=sys.stderr, flush=True)
        _, index_seconds = run(["manage.py", "rebuild_search_index"], env, stdout=sys.stderr)
    print("VACUUM (ANALYZE)…", file=sys.stderr, flush=True)
    vacuum_started = time.perf_counter()
    with psycopg.connect(args.database_url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")
    vacuum_seconds = time.perf_counter() - vacuum_started
    total = time.perf_counter() - started

    name = conninfo_to_dict(args.database_url).get("dbname")
    print()
    print(f"Test data set in {name} (seed {args.seed})")
    print()
    print("| rows | count |")
    print("|---|---:|")
    for label, count in made["counts"].items():
        print(f"| {label} | {count} |")
    print()
    print("| step | seconds |")
    print("|---|---:|")
    print(f"| write the data set (COPY, one transaction) | {made['seconds']:.1f} |")
    if index_seconds is not None:
        print(f"| manage.py rebuild_search_index (whole process) | {index_seconds:.1f} |")
    print(f"| VACUUM (ANALYZE) | {vacuum_seconds:.1f} |")
    print(f"| total, migrate included | {total:.1f} |")


if __name__ == "__main__":
    main()
