"""Benchmark of the publication exports (CSV, XLSX, JSON) on PostgreSQL. Not a test: it
measures and prints, it never asserts a timing.

    .venv/bin/python benchmarks/export_publications.py --rows 100000

For each format it measures, each in a fresh process:

- the command line, ``manage.py export_publications --format F --output FILE``: wall time of
  the whole process and its peak RSS (``ru_maxrss`` from ``os.wait4``);
- the admin's export (``benchmarks/admin_export.py``): a superuser posts the export form of
  the publication list through Django's test client; measured like the command line;
- the public download, ``/publikationer/ladda-ner.F``, from a fresh wsgiref server per format
  (``benchmarks/serve.py``): time to the last byte and the server's peak RSS (``VmHWM``),
  with its RSS before the request;

and, as the floor, PostgreSQL's own ``COPY (SELECT …) TO STDOUT WITH CSV HEADER`` of the same
rows and columns. Every output file is counted back (``benchmarks/count_rows.py``).

The database (``--database-url``) is created and migrated when missing and seeded with exactly
``--rows`` published publications (``benchmarks/seed.py``) when it holds another number.

This driver never imports Django and does all heavy lifting in child processes: a child's
``ru_maxrss`` starts at its parent's peak RSS (Linux carries it over ``exec``), so a large driver
would inflate every command-line measurement. Its own peak is printed under the table.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/growth_portal_bench"
PROTECTED_DATABASES = {"postgres", "test", "template0", "template1"}
FORMATS = ("csv", "xlsx", "json")
MB = 1 << 20
BLOCK = 1 << 16

# Targets the table is checked against.
CSV_COPY_FACTOR = 5
STREAMING_PEAK_MB = 150


@dataclass
class Result:
    path: str
    format: str
    rows: int
    seconds: float | None = None
    peak_mb: float | None = None
    before_mb: float | None = None
    output_bytes: int | None = None
    counted: int | None = None
    error: str | None = None


# --- Database ------------------------------------------------------------------------------


def ensure_database(url):
    """Creates the benchmark database when it is missing. Connects to the server's
    maintenance database only to look and to create, as ``createdb`` does."""
    name = conninfo_to_dict(url).get("dbname")
    if not name or name in PROTECTED_DATABASES:
        sys.exit(f"Refusing to use the database {name!r}: give a dedicated benchmark database.")
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the database {name}.", file=sys.stderr)


def child_environment(url):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="growth_portal.settings",
        # As in production: no query log, no debug pages. The export needs no static files.
        DJANGO_DEBUG="0",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    return env


def prepare(url, rows, reseed, env):
    ensure_database(url)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    command = [PYTHON, "-m", "benchmarks.seed", "--rows", str(rows)]
    if reseed:
        command.append("--reseed")
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE)
    facts = json.loads(done.stdout)
    if facts["published"] != rows:
        sys.exit(f"Seeding left {facts['published']} published publications, not {rows}.")
    return facts


# --- The floor: COPY -----------------------------------------------------------------------


def copy_query(facts):
    """The public export's rows and columns in SQL: published publications in the list's
    order, related names joined with "; " (only published programmes and visible focus
    areas), the summary without tags, absolute addresses."""
    t = {key: sql.Identifier(name) for key, name in facts["tables"].items()}
    media_url = facts["media_url"]
    if "://" not in media_url and not media_url.startswith("/"):
        media_url = "/" + media_url
    kinds = sql.SQL(", ").join(
        sql.SQL("({}, {})").format(sql.Literal(value), sql.Literal(label))
        for value, label in facts["kind_labels"].items()
    )

    def published(alias):
        return sql.SQL(
            "{alias}.publish_state = 'published' AND {alias}.publish_from <= now()"
        ).format(alias=sql.Identifier(alias))

    return sql.SQL(
        """
        SELECT
            p.title AS "Titel",
            kind.label AS "Typ",
            p.publication_date AS "Utgivningsdatum",
            p.year AS "Utgivningsår",
            (SELECT string_agg(o.name, '; ' ORDER BY o.name)
               FROM {publication_organisations} po JOIN {organisation} o
                 ON o.id = po.organisation_id
              WHERE po.publication_id = p.id) AS "Utgivande organisationer",
            (SELECT string_agg(
                        pr.title || ' (' || CASE
                            WHEN pr.end_year IS NULL THEN pr.start_year || '–'
                            WHEN pr.end_year = pr.start_year THEN pr.start_year::text
                            ELSE pr.start_year || '–' || pr.end_year END || ')',
                        '; ' ORDER BY pr.title)
               FROM {publication_programmes} pp JOIN {programme} pr ON pr.id = pp.programme_id
              WHERE pp.publication_id = p.id AND {programme_published}) AS "Program",
            (SELECT string_agg(fa.name, '; ' ORDER BY fa.name)
               FROM {publication_focus_areas} pf
               JOIN {focus_area} fa ON fa.id = pf.focusarea_id
               JOIN {focus_area_set} fs ON fs.id = fa.focus_area_set_id
               LEFT JOIN {programme} fp ON fp.id = fs.programme_id
              WHERE pf.publication_id = p.id
                AND (fs.programme_id IS NULL OR {focus_programme_published}))
              AS "Fokusområden",
            (SELECT string_agg(tg.name, '; ' ORDER BY tg.name)
               FROM {tagged_item} ti JOIN {tag} tg ON tg.id = ti.tag_id
              WHERE ti.content_type_id = {content_type} AND ti.object_id = p.id)
              AS "Nyckelord",
            btrim(regexp_replace(regexp_replace(p.summary, '<[^>]*>', ' ', 'g'), '\\s+', ' ',
                  'g')) AS "Sammanfattning",
            {site_url} || '/publikationer/' || p.slug || '/' AS "Webbadress",
            CASE WHEN p.file <> '' THEN {file_prefix} || p.file ELSE '' END AS "Fil",
            p.file_format AS "Filformat",
            p.file_size AS "Filstorlek (byte)",
            p.file_page_count AS "Antal sidor",
            p.file_language AS "Filens språk",
            p.external_url AS "Extern länk"
        FROM {publication} p
        JOIN (VALUES {kinds}) AS kind (value, label) ON kind.value = p.kind
        WHERE {publication_published}
        ORDER BY p.year DESC NULLS LAST, p.publication_date DESC NULLS LAST, p.title, p.id
        """
    ).format(
        **t,
        kinds=kinds,
        content_type=sql.Literal(facts["publication_content_type"]),
        site_url=sql.Literal(facts["site_url"]),
        file_prefix=sql.Literal(media_url if "://" in media_url else facts["site_url"] + media_url),
        programme_published=published("pr"),
        focus_programme_published=published("fp"),
        publication_published=published("p"),
    )


def copy_to(connection, query, target):
    statement = sql.SQL("COPY ({}) TO STDOUT WITH CSV HEADER").format(query)
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            target.write(block)


def measure_copy(url, facts, rows, output):
    result = Result("PostgreSQL COPY", "csv", rows)
    query = copy_query(facts)
    with psycopg.connect(url) as connection:
        with open(os.devnull, "wb") as sink:
            copy_to(connection, query, sink)  # once unmeasured, so every path finds warm caches
        with open(output, "wb") as target:
            started = time.perf_counter()
            copy_to(connection, query, target)
            result.seconds = time.perf_counter() - started
    result.output_bytes = output.stat().st_size
    return result, output


# --- Command line --------------------------------------------------------------------------


COMMANDS = {
    "command line": ["manage.py", "export_publications"],
    # The admin's export (django-import-export) through Django's test client, as a superuser.
    "admin export": ["-m", "benchmarks.admin_export"],
}


def measure_command(file_format, rows, output, env, logs, path="command line"):
    result = Result(path, file_format, rows)
    log = logs / f"{path.replace(' ', '-')}-{file_format}.log"
    with open(log, "wb") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [PYTHON, *COMMANDS[path], "--format", file_format, "--output", str(output)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(process.pid, 0)
        result.seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    result.peak_mb = usage.ru_maxrss * 1024 / MB  # kilobytes on Linux
    if process.returncode != 0:
        result.error = f"exit {process.returncode}: {tail(log)}"
        return result, None
    result.output_bytes = output.stat().st_size
    return result, output


# --- Public download -----------------------------------------------------------------------


def proc_status(pid, field):
    """A memory figure from /proc/<pid>/status, in MB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / MB
    raise LookupError(f"{field} not in /proc/{pid}/status")


def download(url, target):
    """Reads the whole response in blocks; returns the number of bytes."""
    size = 0
    with urllib.request.urlopen(url, timeout=3600) as response:
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        while block := response.read(BLOCK):
            size += len(block)
            if target is not None:
                target.write(block)
    return size


def measure_http(file_format, rows, output, env, logs):
    result = Result("HTTP download", file_format, rows)
    log = logs / f"server-{file_format}.log"
    with open(log, "wb") as errors:
        server = subprocess.Popen(
            [PYTHON, "-m", "benchmarks.serve"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
    try:
        port = server.stdout.readline().strip()
        if not port:
            result.error = f"server did not start: {tail(log)}"
            return result, None
        base = f"http://127.0.0.1:{int(port)}/publikationer/ladda-ner.{file_format}"
        # Warm-up: the same view with a filter that selects nothing, so URLs, views, the
        # database connection and the format's writer are loaded before the measurement.
        download(base + "?year_from=2100", None)
        # The peak from now on, not since start-up (Linux 4.0+: writing "5" resets VmHWM).
        with contextlib.suppress(OSError):
            Path(f"/proc/{server.pid}/clear_refs").write_text("5")
        result.before_mb = proc_status(server.pid, "VmRSS")
        with open(output, "wb") as target:
            started = time.perf_counter()
            try:
                result.output_bytes = download(base, target)
            except Exception as error:  # reported under the table
                result.error = f"{type(error).__name__}: {error} {tail(log)}".strip()
                return result, None
            result.seconds = time.perf_counter() - started
        result.peak_mb = proc_status(server.pid, "VmHWM")
        return result, output
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()


# --- Checks and report ---------------------------------------------------------------------


def tail(path, lines=3):
    text = Path(path).read_text(errors="replace").strip().splitlines()
    return " | ".join(text[-lines:])


def count_rows(kind, path, env):
    done = subprocess.run(
        [PYTHON, "-m", "benchmarks.count_rows", kind, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    return int(done.stdout)


def number(value, digits=2):
    return "–" if value is None else f"{value:.{digits}f}"


def rows_check(result):
    if result.error:
        return "FAILED"
    if result.counted is None:
        return "–"
    if result.counted == result.rows:
        return f"ok ({result.counted})"
    return f"MISMATCH ({result.counted})"


def table(results, copy_seconds):
    header = [
        "path",
        "format",
        "rows",
        "time (s)",
        "× COPY",
        "peak RSS (MB)",
        "server RSS before (MB)",
        "output (MB)",
        "rows check",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for result in results:
        factor = None
        if result.seconds is not None and copy_seconds:
            factor = result.seconds / copy_seconds
        cells = [
            result.path,
            result.format,
            str(result.rows),
            number(result.seconds),
            "–" if factor is None else f"{factor:.1f}×",
            number(result.peak_mb, 1),
            number(result.before_mb, 1),
            number(None if result.output_bytes is None else result.output_bytes / MB, 1),
            rows_check(result),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "not met"


def targets(results, copy_seconds):
    by_key = {(r.path, r.format): r for r in results}
    speed, memory = [], []
    for path in ("command line", "HTTP download"):
        csv_result = by_key.get((path, "csv"))
        if csv_result is None:
            continue
        if csv_result.seconds is None or not copy_seconds:
            speed.append(f"{path} not measured (not met)")
        else:
            factor = csv_result.seconds / copy_seconds
            speed.append(f"{path} {factor:.1f}× ({verdict(factor <= CSV_COPY_FACTOR)})")
        for file_format in ("csv", "json"):
            result = by_key.get((path, file_format))
            if result is None:
                continue
            if result.peak_mb is None or result.error:
                memory.append(f"{path} {file_format.upper()} failed (not met)")
            else:
                ok = result.peak_mb < STREAMING_PEAK_MB
                memory.append(
                    f"{path} {file_format.upper()} {result.peak_mb:.1f} MB ({verdict(ok)})"
                )
    lines = []
    if speed:
        lines.append(f"Target: CSV within {CSV_COPY_FACTOR}× of COPY: " + "; ".join(speed) + ".")
    if memory:
        lines.append(
            f"Target: CSV and JSON peak memory under {STREAMING_PEAK_MB} MB: "
            + "; ".join(memory)
            + "."
        )
    return "\n".join(lines)


def server_version(url):
    with psycopg.connect(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


# --- Main ----------------------------------------------------------------------------------


def parse_formats(values):
    formats = []
    for value in values:
        for item in value.split(","):
            item = item.strip().lower()
            if item not in FORMATS:
                raise argparse.ArgumentTypeError(f"unknown format {item!r}")
            if item not in formats:
                formats.append(item)
    return formats


def main():
    parser = argparse.ArgumentParser(
        description="Measure the publication exports (CSV, XLSX, JSON) on PostgreSQL."
    )
    parser.add_argument("--rows", type=int, default=100_000, help="Published publications.")
    parser.add_argument("--reseed", action="store_true", help="Seed even if the count matches.")
    parser.add_argument(
        "--formats", nargs="+", default=list(FORMATS), metavar="FORMAT", help="csv xlsx json"
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--keep-output", action="store_true", help="Keep the exported files and logs."
    )
    args = parser.parse_args()
    try:
        formats = parse_formats(args.formats)
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    if args.rows < 1:
        parser.error("--rows must be at least 1.")

    env = child_environment(args.database_url)
    facts = prepare(args.database_url, args.rows, args.reseed, env)
    workdir = Path(tempfile.mkdtemp(prefix="export-publications-bench-"))
    results = []
    try:
        print("Measuring COPY…", file=sys.stderr, flush=True)
        copy_result, copy_file = measure_copy(
            args.database_url, facts, args.rows, workdir / "copy.csv"
        )
        measured = [(copy_result, "copy-csv", copy_file)]
        for file_format in formats:
            print(f"Measuring the command line, {file_format}…", file=sys.stderr, flush=True)
            result, output = measure_command(
                file_format, args.rows, workdir / f"command.{file_format}", env, workdir
            )
            measured.append((result, file_format, output))
        for file_format in formats:
            print(f"Measuring the admin export, {file_format}…", file=sys.stderr, flush=True)
            result, output = measure_command(
                file_format,
                args.rows,
                workdir / f"admin.{file_format}",
                env,
                workdir,
                path="admin export",
            )
            measured.append((result, file_format, output))
        for file_format in formats:
            print(f"Measuring the HTTP download, {file_format}…", file=sys.stderr, flush=True)
            result, output = measure_http(
                file_format, args.rows, workdir / f"http.{file_format}", env, workdir
            )
            measured.append((result, file_format, output))
        for result, kind, output in measured:
            if output is not None:
                try:
                    result.counted = count_rows(kind, output, env)
                except (RuntimeError, ValueError) as error:
                    result.error = f"rows not counted: {error}"
            results.append(result)
    finally:
        if args.keep_output:
            print(f"Output and logs kept in {workdir}.", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    results = results[1:] + results[:1]  # COPY last, under the paths it is compared with
    copy_seconds = copy_result.seconds
    print()
    print(
        f"Publication exports, {args.rows} published publications — "
        f"PostgreSQL {server_version(args.database_url)}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {datetime.date.today().isoformat()}"
    )
    print()
    print(table(results, copy_seconds))
    print()
    print(targets(results, copy_seconds))
    print()
    print(
        "Command line and admin export: the whole process (interpreter and Django start-up "
        "included), peak RSS from os.wait4. The admin export builds django-import-export's "
        "dataset in memory before writing, so it is not held to the streaming target. HTTP: request to last byte from a fresh wsgiref server per format, "
        "peak RSS = server VmHWM. COPY: one warm-up, then timed; its memory is PostgreSQL's."
    )
    driver_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB
    print(f"Driver peak RSS {driver_peak:.1f} MB (a lower bound of every command-line figure).")
    for result in results:
        if result.error:
            print(f"{result.path} {result.format}: {result.error}")


if __name__ == "__main__":
    main()
