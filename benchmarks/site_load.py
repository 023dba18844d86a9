"""Load benchmark of the public site under gunicorn on PostgreSQL. Not a test: it measures and
prints a Markdown table, it never asserts a timing.

    .venv/bin/python benchmarks/site_load.py [--duration 10] [--connections 16]

Runs on the test data set of ``benchmarks/generate_data.py`` (run that first). It collects the
static files into a temporary folder and, for every row of the table, starts gunicorn on
127.0.0.1 with the production settings and 2 workers — with the page cache off
(``DJANGO_PAGE_CACHE_SECONDS=0``) or on — checks the address, warms it up and drives it with
wrk (Debian's, bounded: threads, connections and duration are fixed), then stops gunicorn:

- two floors, with the page cache off and on: a static file served by whitenoise through the
  same gunicorn, and ``/healthz``, a Django view through the whole middleware stack that
  touches neither the database nor the cache (with the page cache on, the cache middleware
  still looks the address up before the view runs);
- home, a filtered programme list, a programme, a filtered publication list, a publication and
  a search, uncached and from the page cache.

After the table, each uncached page's own SQL: the statements one request ran (written by
``site_pages.py queries --sql-script``) run by PostgreSQL's pgbench with one connection per
gunicorn worker for the same duration, with no Python and no HTTP. Its requests/s, as a share
of the minimal view's, is the most the page could reach with Django's own work at zero: a
page whose SQL alone falls short of a target cannot meet it by work on the Python side.

A fresh server per row: a sync worker still answers every request wrk left queued when it
stopped, and with pages that take a second that backlog would run into the next row.

The check before each row: 200, the text the page must show and, with the page cache on, a
second request that says ``X-Page-Cache: hit``. The warm-up is sequential requests from one
thread per worker, so it leaves no queue behind. Requests/s and p50/p99 come from wrk; each
row's requests/s is divided by the minimal view's with the page cache off (measured first and
once more at the end; the mean, and how far the two differ, are printed). Non-2xx answers,
socket errors and runs without a completed request are flagged in the table, and each row's
gunicorn log (one line per request) is read back: statuses other than 200, the share of
requests the page cache answered, and error lines.
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.export_publications import (  # noqa: E402
    PROTECTED_DATABASES,
    child_environment,
    server_version,
    tail,
)
from benchmarks.generate_data import DEFAULT_DATABASE_URL  # noqa: E402

PYTHON = sys.executable
HOST = "127.0.0.1"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"
DEFAULT_GUNICORN_CONFIG = "python:growth_portal.gunicorn_conf"
STATIC_FILE = "css/site.css"
CACHE_SECONDS = 600
FLOORS = ("static", "minimal")

# Floors, as shares of the minimal view's requests/s with the page cache off.
CACHED_SHARE = 0.70
DETAIL_SHARE = 0.08
LIST_SHARE = 0.03
HOME_SHARE = 0.025
P99_FACTOR = 10

LOG_LINE = re.compile(
    r" growth_portal\.requests (?P<method>\S+) \"(?P<path>.*)\" (?P<status>\d{3}) "
    r"(?P<ms>[\d.]+)ms cache=(?P<cache>\S+)"
)
DURATION = re.compile(r"([\d.]+)(us|ms|s|m|h)")
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Target:
    """One address to measure."""

    name: str
    kind: str  # static, minimal, home, list, detail, search
    url: str
    expect: str
    note: str = ""
    size: int | None = None


@dataclass
class Run:
    target: Target
    cache: str  # "off" or "on": the server's page cache
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    requests: int | None = None
    non_2xx: int = 0
    socket_errors: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    logged: Counter = field(default_factory=Counter)
    cache_answers: Counter = field(default_factory=Counter)
    log_errors: list = field(default_factory=list)
    load: float | None = None  # the machine's 1-minute load average as the row started

    @property
    def label(self):
        if self.target.kind in FLOORS:
            return f"page cache {self.cache}"
        return "cached" if self.cache == "on" else "uncached"

    @property
    def errors(self):
        parts = list(self.problems)
        if self.non_2xx:
            parts.append(f"{self.non_2xx} non-2xx/3xx")
        parts += [f"{count} socket {kind}" for kind, count in self.socket_errors.items() if count]
        other = {status: n for status, n in self.logged.items() if status != "200"}
        if other:
            parts.append("log: " + ", ".join(f"{n}× {s}" for s, n in sorted(other.items())))
        if self.log_errors:
            parts.append(f"log: {len(self.log_errors)} error lines")
        return "; ".join(parts)


# --- wrk -----------------------------------------------------------------------------------


def milliseconds(text):
    match = DURATION.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(output, run):
    """Fills ``run`` from wrk's report (``--latency``)."""
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("50%"):
            run.p50 = milliseconds(line.split(None, 1)[1])
        elif line.startswith("99%"):
            run.p99 = milliseconds(line.split(None, 1)[1])
        elif line.startswith("Requests/sec:"):
            run.rps = float(line.split()[1])
        elif " requests in " in line:
            run.requests = int(line.split()[0])
        elif line.startswith("Non-2xx or 3xx responses:"):
            run.non_2xx = int(line.split(":")[1])
        elif line.startswith("Socket errors:"):
            for part in line.split(":", 1)[1].split(","):
                kind, count = part.split()
                run.socket_errors[kind] = int(count)
    if run.rps is None or run.requests is None:
        run.problems.append("no wrk report")
    elif run.requests == 0:
        # wrk then prints zeros; there is no latency to speak of.
        run.p50 = run.p99 = None
        run.problems.append("no request completed")


def wrk(url, args, duration=None, script=None, script_args=()):
    """wrk's report of ``duration`` seconds (``args.duration`` by default) against ``url``,
    with a Lua ``script`` and its arguments if given (benchmarks/churn.py)."""
    duration = args.duration if duration is None else duration
    command = [
        args.wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        f"--timeout={args.timeout}s",
        "--latency",
    ]
    if script:
        command += ["--script", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *map(str, script_args)]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + args.timeout + 60
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def warm_up(url, seconds, threads):
    """Sequential GETs from ``threads`` threads for ``seconds`` (at least one each): every
    worker renders the page and opens its connections, and no request is left queued.
    Returns the statuses other than 200."""
    deadline = time.monotonic() + seconds
    others = Counter()
    lock = threading.Lock()

    def loop():
        while True:
            status = get(url)[0]
            if status != 200:
                with lock:
                    others[status] += 1
            if time.monotonic() >= deadline:
                return

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return others


# --- gunicorn ------------------------------------------------------------------------------


# What search/engine.py logs when a process has loaded its search index.
INDEX_LOADED = "Search index in memory loaded"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_environment(args, static_root, cache_seconds, port):
    env = child_environment(args.database_url)
    env.update(
        DJANGO_ENV="production",
        # Any long random value: the servers live for one run and sign nothing that is kept.
        DJANGO_SECRET_KEY=args.secret_key,
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        REDIS_URL=args.redis_url,
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_PAGE_CACHE_SECONDS=str(cache_seconds),
        GUNICORN_BIND=f"{HOST}:{port}",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_THREADS="1",
    )
    return env


def get(url, timeout=120):
    """(status, headers, body text) of a GET, also for 4xx and 5xx."""
    request = urllib.request.Request(url, headers={"User-Agent": "site-load-benchmark"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


class Server:
    """gunicorn with the project's configuration; its stdout (the request log) to a file."""

    def __init__(self, env, log, config):
        self.log = log
        self.base = f"http://{env['GUNICORN_BIND']}"
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "--config", config],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}): {tail(self.log)}")
            try:
                if get(self.base + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {seconds} s")

    def wait_for_log(self, text, times, seconds=180):
        """Until the log holds ``text`` on ``times`` lines (each worker's, say)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}): {tail(self.log)}")
            if self.log.read_text(errors="replace").count(text) >= times:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn's log did not say {text!r} {times} times within {seconds} s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # graceful: workers finish the request they are on
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def check(base, target, cache):
    """Before measuring: 200 with the expected text; from the page cache when it is on."""
    status, headers, body = get(base + target.url)
    if status != 200:
        return f"check: HTTP {status}"
    if target.expect not in body:
        return f"check: the page does not contain {target.expect!r}"
    target.size = len(body.encode("utf-8"))
    if target.kind in FLOORS:
        return None
    if cache == "on":
        status, headers, _ = get(base + target.url)
        if status != 200 or headers.get("X-Page-Cache") != "hit":
            return (
                f"check: a second request was not a page-cache hit ({headers.get('X-Page-Cache')})"
            )
    elif headers.get("X-Page-Cache"):
        return f"check: X-Page-Cache {headers.get('X-Page-Cache')} with the page cache off"
    return None


def read_log(run, path):
    """Statuses and page-cache answers of the row's address, and the log's error lines."""
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.search(line)
            if match:
                if match["path"] == run.target.url:
                    run.logged[match["status"]] += 1
                    run.cache_answers[match["cache"]] += 1
                if match["status"].startswith("5"):
                    run.log_errors.append(line.strip())
            elif " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback"):
                run.log_errors.append(line.strip())


def measure(number, target, cache, args, static_root, workdir):
    """One row: a fresh gunicorn, the check, the warm-up, wrk; then gunicorn is stopped and
    its log read."""
    run = Run(target, cache, load=os.getloadavg()[0])
    port = args.port or free_port()
    env = server_environment(args, static_root, CACHE_SECONDS if cache == "on" else 0, port)
    # Each worker loads the search index in memory as it starts (search/engine.py: about 5 s of
    # CPU per worker on the test data set), which would fall into the first seconds of a row.
    # Only the search reads it: every other row runs with it off, which changes nothing else
    # they do, and the search's rows wait until every worker has logged its index as loaded.
    uses_index = target.kind == "search"
    env["DJANGO_SEARCH_PRELOAD"] = "1" if uses_index else "0"
    log = workdir / f"{number:02d}-{target.kind}-{target.name.replace(' ', '-')}-{cache}.log"
    print(f"Measuring {target.name}, page cache {cache}…", file=sys.stderr, flush=True)
    server = Server(env, log, args.gunicorn_config)
    try:
        server.wait_ready()
        if uses_index:
            server.wait_for_log(INDEX_LOADED, args.workers)
        problem = check(server.base, target, cache)
        if problem:
            run.problems.append(problem)
            return run
        others = warm_up(server.base + target.url, args.warmup, args.workers)
        if others:
            run.problems.append(f"warm-up: {dict(others)}")
        parse_wrk(wrk(server.base + target.url, args), run)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        run.problems.append(str(error))
    finally:
        server.stop()
        read_log(run, log)
    return run


# --- The database alone ---------------------------------------------------------------------


@dataclass
class SqlAlone:
    run: Run  # the page's uncached row
    statements: int | None = None
    rps: float | None = None
    latency: float | None = None  # ms per run of all the page's statements
    problem: str = ""


def find_pgbench():
    found = shutil.which("pgbench")
    if found:
        return found
    # Debian installs it with the server, outside PATH.
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))
    return str(installed[-1]) if installed else None


def parse_pgbench(output, result):
    for line in output.splitlines():
        if line.startswith("tps = "):
            result.rps = float(line.split()[2])
        elif line.startswith("latency average = "):
            result.latency = float(line.split()[3])
    if result.rps is None:
        result.problem = "no pgbench report"


def sql_alone(run, args, static_root, workdir, pgbench):
    """The SQL of one uncached request of ``run``'s page, run by pgbench with one connection
    per gunicorn worker for ``--duration`` seconds."""
    result = SqlAlone(run)
    script = workdir / f"sql-{run.target.kind}-{run.target.name.replace(' ', '-')}.sql"
    env = server_environment(args, static_root, 0, 0)
    run_child(
        ["-m", "benchmarks.site_pages", "queries", run.target.url, "--sql-script", str(script)],
        env,
    )
    text = script.read_text(encoding="utf-8")
    result.statements = text.count(";\n")
    if not result.statements:
        result.problem = "no SQL: the page's lists are kept under the content version"
        return result
    info = conninfo_to_dict(args.database_url)
    command = [pgbench, "--no-vacuum", f"--client={args.workers}", f"--jobs={args.workers}"]
    command += [f"--time={args.duration}", f"--file={script}"]
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if info.get(key):
            command.append(f"{option}={info[key]}")
    pg_env = dict(os.environ, PGPASSWORD=str(info.get("password", "")))
    done = subprocess.run(
        [*command, info["dbname"]],
        capture_output=True,
        text=True,
        env=pg_env,
        timeout=args.duration + 60,
        check=False,
    )
    if done.returncode != 0:
        result.problem = f"pgbench exit {done.returncode}: {tail_text(done.stderr)}"
    else:
        parse_pgbench(done.stdout, result)
    return result


def tail_text(text, lines=3):
    return " / ".join(text.strip().splitlines()[-lines:])


def sql_alone_table(results, reference):
    lines = [
        "| page | statements | database alone req/s | ms per page's SQL | × minimal view "
        "| the page, uncached, req/s | page ÷ database alone |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        page = result.run.rps if not result.run.errors else None
        statements = "–" if result.statements is None else str(result.statements)
        cells = [
            result.run.target.name,
            statements,
            number(result.rps, 0 if (result.rps or 0) >= 100 else 1),
            number(result.latency, 1),
            "–" if result.rps is None or not reference else f"{result.rps / reference:.3f}",
            number(page, 0 if (page or 0) >= 100 else 1),
            "–" if not (page and result.rps) else f"{page / result.rps:.2f}",
        ]
        if result.problem:
            cells[-1] += f" **{result.problem}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- Report --------------------------------------------------------------------------------


def number(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def share(run, reference):
    if run.rps is None or run.problems or not reference:
        return None
    return run.rps / reference


def table(runs, reference):
    header = [
        "page",
        "cache",
        "req/s",
        "p50 ms",
        "p99 ms",
        "p99/p50",
        "× minimal view",
        "requests",
        "errors",
    ]
    lines = ["| " + " | ".join(header) + " |", "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for run in runs:
        ratio = run.p99 / run.p50 if run.p50 and run.p99 is not None else None
        factor = share(run, reference)
        cells = [
            run.target.name,
            run.label,
            number(run.rps, 0 if (run.rps or 0) >= 100 else 1),
            number(run.p50, 1),
            number(run.p99, 1),
            number(ratio, 1),
            "–" if factor is None else f"{factor:.3f}",
            "–" if run.requests is None else str(run.requests),
            f"**{run.errors}**" if run.errors else "none",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "NOT MET"


def share_target(label, runs, reference, minimum):
    if not runs:
        return f"Floor: {label}: nothing measured."
    parts, ok = [], True
    for run in runs:
        factor = share(run, reference)
        good = factor is not None and factor >= minimum and not run.errors
        ok &= good
        text = "not measured" if factor is None else f"{factor:.1%}"
        if run.errors:
            text += " with errors"
        parts.append(f"{run.target.name} {text}{'' if good else ' (not met)'}")
    return (
        f"Floor: {label} ≥ {minimum * 100:g} % of the minimal view: {verdict(ok)} — "
        + "; ".join(parts)
    )


def targets(runs, reference):
    pages = [r for r in runs if r.target.kind not in FLOORS]
    cached = [r for r in pages if r.cache == "on"]
    uncached = [r for r in pages if r.cache == "off"]
    lines = [
        share_target("cached pages", cached, reference, CACHED_SHARE),
        share_target(
            "uncached detail pages",
            [r for r in uncached if r.target.kind == "detail"],
            reference,
            DETAIL_SHARE,
        ),
        share_target(
            "uncached filtered lists and search",
            [r for r in uncached if r.target.kind in ("list", "search")],
            reference,
            LIST_SHARE,
        ),
        share_target(
            "the uncached home page",
            [r for r in uncached if r.target.kind == "home"],
            reference,
            HOME_SHARE,
        ),
    ]
    late = [
        f"{r.target.name} ({r.label}) "
        + ("not measured" if not (r.p50 and r.p99) else f"{r.p99 / r.p50:.1f}×")
        for r in pages
        if not (r.p50 and r.p99) or r.p99 >= P99_FACTOR * r.p50
    ]
    worst = max((r for r in pages if r.p50 and r.p99), key=lambda r: r.p99 / r.p50, default=None)
    lines.append(
        f"Floor: p99 below {P99_FACTOR}× p50 on every page, cached and uncached: "
        f"{verdict(not late)} — "
        + (
            "; ".join(late)
            if late
            else f"highest {worst.p99 / worst.p50:.1f}× ({worst.target.name}, {worst.label})"
        )
    )
    return "\n".join(lines)


def log_report(runs):
    lines = []
    for run in runs:
        total = sum(run.logged.values())
        text = f"{run.target.name}, {run.label} (load {run.load:.2f}): {total} requests logged"
        other = {status: n for status, n in run.logged.items() if status != "200"}
        text += f", **statuses other than 200: {other}**" if other else ", all 200"
        if run.cache == "on" and run.target.kind not in FLOORS and total:
            text += f", {run.cache_answers['hit'] / total:.2%} answered by the page cache"
        if run.log_errors:
            text += f"; **{len(run.log_errors)} error lines**, first: `{run.log_errors[0][:240]}`"
        lines.append(f"- {text}")
    return "\n".join(lines)


def git_commit():
    def git(*arguments):
        return subprocess.run(
            ["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return commit


def wrk_version(path):
    done = subprocess.run([path, "-v"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).split("\n")[0].split(" [")[0].strip()


# --- Main ----------------------------------------------------------------------------------


def run_child(arguments, env):
    done = subprocess.run(
        [PYTHON, *arguments], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed (exit {done.returncode}).")
    return done.stdout


def holds_test_data(url):
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            return connection.execute(
                "SELECT count(*) FROM organisations_organisation WHERE slug LIKE 'testdata-%'"
            ).fetchone()[0]
    except psycopg.Error:
        return 0


def require_test_data(url):
    """The name of the database ``url`` names; exits unless it is one of its own that holds the
    test data set."""
    name = conninfo_to_dict(url).get("dbname")
    if not name or name in PROTECTED_DATABASES:
        sys.exit(f"Refusing to use the database {name!r}: give the test data set's database.")
    if not holds_test_data(url):
        sys.exit(
            f"The database {name!r} holds no test data set: run "
            "`.venv/bin/python benchmarks/generate_data.py` first."
        )
    return name


def main():
    parser = argparse.ArgumentParser(
        description="Measure requests/s and latency of the public pages under gunicorn."
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per row")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of warm-up per row")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=int, default=30, help="wrk's request timeout (s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--gunicorn-config",
        default=DEFAULT_GUNICORN_CONFIG,
        help=f"gunicorn's --config (default {DEFAULT_GUNICORN_CONFIG})",
    )
    parser.add_argument("--port", type=int, default=0, help="default: a free port per row")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="PAGE",
        help="measure only these pages (home, programme-list, …) besides the floors",
    )
    parser.add_argument("--keep-logs", action="store_true", help="keep gunicorn's logs")
    parser.add_argument(
        "--skip-sql-alone",
        action="store_true",
        help="do not run each uncached page's SQL alone through pgbench",
    )
    args = parser.parse_args()
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads.")
    if not (shutil.which(args.wrk) or os.access(args.wrk, os.X_OK)):
        sys.exit(
            f"wrk is not installed ({args.wrk} not found): install it first, for example with "
            "`apt-get install wrk`, or give its path with --wrk."
        )
    args.secret_key = secrets.token_urlsafe(60)
    baseline = os.getloadavg()[0]

    name = require_test_data(args.database_url)

    workdir = Path(tempfile.mkdtemp(prefix="site-load-bench-"))
    static_root = workdir / "static"
    try:
        env = server_environment(args, static_root, 0, 0)
        print("collectstatic…", file=sys.stderr, flush=True)
        run_child(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
        manifest = json.loads((static_root / "staticfiles.json").read_text())
        css = (ROOT / "static" / STATIC_FILE).read_text()
        picked = json.loads(
            run_child(["-m", "benchmarks.site_pages", "pick", "--retire-cache"], env)
        )
        floors = [
            Target(
                "static file",
                "static",
                "/static/" + manifest["paths"][STATIC_FILE],
                css.strip().splitlines()[0],
                f"{STATIC_FILE} through whitenoise",
            ),
            Target("minimal view", "minimal", "/healthz", "ok", "the health check view"),
        ]
        pages = [Target(**page) for page in picked["pages"]]
        if args.only:
            wanted = {item.replace("-", " ") for item in args.only}
            names = {p.name.replace(" filtered", ""): p for p in pages}
            unknown = wanted - set(names)
            if unknown:
                sys.exit(f"Unknown pages {sorted(unknown)}; known: {sorted(names)}.")
            pages = [page for name, page in names.items() if name in wanted]
        plan = [(t, c) for t in floors for c in ("off", "on")]
        plan += [(t, c) for t in pages for c in ("off", "on")]
        # The reference once more at the end: how far the machine moved during the run.
        again = Target(**{**floors[1].__dict__, "name": "minimal view, again"})
        plan.append((again, "off"))
        started = time.perf_counter()
        runs = [
            measure(number, target, cache, args, static_root, workdir)
            for number, (target, cache) in enumerate(plan, 1)
        ]
        pgbench = None if args.skip_sql_alone else find_pgbench()
        alone = []
        if pgbench:
            for run in runs:
                if run.target.kind not in FLOORS and run.cache == "off":
                    print(f"SQL alone: {run.target.name}…", file=sys.stderr, flush=True)
                    alone.append(sql_alone(run, args, static_root, workdir, pgbench))
        elapsed = time.perf_counter() - started
        references = [
            r.rps for r in runs if r.target.kind == "minimal" and r.cache == "off" and not r.errors
        ]
        # The mean of the first and the last measurement of the minimal view.
        reference = sum(references) / len(references) if len(references) == 2 else None

        print()
        print(
            f"Site load benchmark — {datetime.date.today().isoformat()}, commit {git_commit()}, "
            f"Python {platform.python_version()}, PostgreSQL {server_version(args.database_url)}, "
            f"{os.cpu_count()} CPUs"
        )
        print()
        print(
            f"gunicorn: {args.workers} sync workers, `{args.gunicorn_config}`, production "
            f"settings, Redis cache `{args.redis_url}`, page cache {CACHE_SECONDS} s when on; a "
            f"fresh gunicorn per row. {wrk_version(args.wrk)}: {args.threads} threads, "
            f"{args.connections} connections, {args.duration} s per row after {args.warmup:g} s "
            f"of sequential warm-up, timeout {args.timeout} s. wrk, gunicorn, PostgreSQL and "
            f"Redis share the machine. {len(runs)} rows in {elapsed:.0f} s."
        )
        loads = [run.load for run in runs]
        print()
        print(
            f"Load average (1 min) before the run: {baseline:.2f} on {os.cpu_count()} CPUs; as "
            f"the rows started (this benchmark's own load included): {min(loads):.2f} to "
            f"{max(loads):.2f}."
            + (
                " **Other processes were busy before the run started: the numbers are low and "
                "noisy; compare runs made on an idle machine.**"
                if baseline > (os.cpu_count() or 1) / 2
                else ""
            )
        )
        print()
        print(
            f"Data set ({name}, counted): "
            + ", ".join(f"{count} {label}" for label, count in picked["counts"].items())
            + "."
        )
        print()
        print("Addresses:")
        for target in floors + pages:
            size = f"{target.size / 1024:.1f} KiB" if target.size else "size unknown"
            print(f"- {target.name}: `{target.url}` ({size}; {target.note})")
        print()
        print(table(runs, reference))
        print()
        drift = abs(references[1] - references[0]) / reference if reference else None
        print(
            "× minimal view: requests/s divided by the minimal view's with the page cache off, "
            f"the mean of its first and last rows ({number(reference, 0)} req/s; they differ by "
            f"{'–' if drift is None else f'{drift:.0%}'}"
            + (
                ", **more than 10 %: the machine's load changed during the run**"
                if drift and drift > 0.1
                else ""
            )
            + "); rows with errors get none. The page cache neither looks up nor stores the "
            "minimal view (/healthz), so its two rows differ by noise only."
        )
        print()
        print(targets(runs, reference))
        print()
        if alone:
            print(
                "Each uncached page's SQL alone: the statements of one request run by "
                f"pgbench, {args.workers} connections (one per gunicorn worker), "
                f"{args.duration} s; no Python, no HTTP. × minimal view as above. The statements "
                "are those of a request after the first, as under load: what a page keeps under "
                "the content version (a list's options, the lists around a programme) is not read "
                "again."
            )
            print()
            print(sql_alone_table(alone, reference))
            print()
        elif not args.skip_sql_alone:
            print("pgbench was not found: the pages' SQL was not measured alone.")
            print()
        print("gunicorn's request logs (checks and warm-up included):")
        print(log_report(runs))
    finally:
        if args.keep_logs:
            print(f"\nLogs kept in {workdir}.", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
