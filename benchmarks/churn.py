"""The "editorial churn" benchmark: the page cache while an editor works. Not a test: it
measures and prints a Markdown table, it never asserts a timing.

    .venv/bin/python benchmarks/churn.py [--duration 60] [--connections 32] [--save-every 5]

Runs on the test data set of ``benchmarks/generate_data.py`` (run that first). Visitors are
``wrk`` with ``benchmarks/zipf.lua``: each request asks one address of a list of every
published programme's page, a sample of the publications' pages (20 000 by default) and a few
dozen list pages, chosen Zipf-wise (the address of rank r with weight 1/r; the list pages take
the top ranks, the rest is shuffled once with a fixed seed). Meanwhile an editor, logged in to
the admin with a session like a browser, opens a published programme's change form and saves
it with a changed summary every few seconds; the programme is drawn Zipf-wise too, by its
page's rank, from a fixed sequence that every row repeats.

Rows, in one run, each on a fresh gunicorn (``site_load.py``'s settings: production, two sync
workers, Redis as the cache, whose keys are deleted before each row), with every list page
asked once and then a warm-up with the same mix and no editor:

- the minimal view (``/healthz``, page cache off), first and last: the reference;
- the global version (``DJANGO_PAGE_CACHE_INVALIDATION=global``: every save retires every
  page), with no editor and with the editor;
- per-key invalidation (``keys``), with no editor and with the editor;
- per-key behind Varnish: ``varnishd`` on loopback with the repository's VCL in front of
  gunicorn, which sends its purges to it (``DJANGO_PAGE_CACHE_PURGE_URLS``); the editor goes
  through Varnish too, as a browser would;
- then, on the same Varnish, the list pages alone (all cached), no editor: what Varnish
  serves of pages it holds.

Per row: requests/s (and as a share of the minimal view's), p50/p99 (wrk's latency
distribution), the share of page requests the cache answered (gunicorn's request log; for the
Varnish rows, Varnish's own counters and what reached gunicorn), the same share among the
requests of addresses asked before in the row, the saves done and errors.
After each row with the editor, the last saved programme's page is read as a visitor would,
through the same front, and must show the last change.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from benchmarks.export_publications import server_version  # noqa: E402
from benchmarks.generate_data import DEFAULT_DATABASE_URL  # noqa: E402
from benchmarks.site_load import (  # noqa: E402
    DEFAULT_GUNICORN_CONFIG,
    LOG_LINE,
    Server,
    free_port,
    get,
    git_commit,
    number,
    parse_wrk,
    require_test_data,
    run_child,
    server_environment,
    warm_up,
    wrk,
    wrk_version,
)

LUA = ROOT / "benchmarks" / "zipf.lua"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
CACHE_SECONDS = 600
# The start page and the two main lists take ranks 1–3 in this order (churn_pages.py);
# the other list pages follow, shuffled.
FIXED_TOP = 3
# Addresses of gunicorn's log that are not visitors' pages.
NOT_PAGES = ("/admin/", "/healthz", "/readyz", "/static/", "/media/")
MARKER = "Testdata – ändrad under belastningsprovet"

# Varnish's counters shown per row: varnishstat's name and what it counts.
VARNISH_COUNTERS = (
    ("MAIN.client_req", "requests"),
    ("MAIN.cache_hit", "hits"),
    ("MAIN.cache_miss", "misses"),
    ("MAIN.cache_hitmiss", "hit-for-miss"),
    ("MAIN.s_pass", "passed"),
    # An xkey purge removes objects as if they expired (measured with Varnish 7.1).
    ("MAIN.n_expired", "objects expired or purged"),
    ("MAIN.n_lru_nuked", "objects evicted for space"),
)

# Targets (issue 32), printed with a verdict, never asserted.
KEYS_HIT_RATIO = 0.95
VARNISH_FACTOR = 10


# --- The address list ----------------------------------------------------------------------


def ranked_addresses(lists, details, seed, fixed_top=FIXED_TOP):
    """The addresses in rank order: the first ``fixed_top`` list pages as given, the other
    list pages shuffled, then the detail pages shuffled (one generator, seeded: the same
    arguments give the same order)."""
    generator = random.Random(seed)
    top, other_lists, rest = list(lists[:fixed_top]), list(lists[fixed_top:]), list(details)
    generator.shuffle(other_lists)
    generator.shuffle(rest)
    return top + other_lists + rest


def zipf_draws(candidates, ranks, count, seed):
    """``count`` draws from ``candidates`` with weight 1/rank (``ranks`` gives each one's rank
    in the address list), from a generator of its own."""
    weights = [1 / rank for rank in ranks]
    return random.Random(seed).choices(candidates, weights=weights, k=count)


def harmonic_share(first, last, total):
    """The share of requests ranks ``first``..``last`` (1-based) get among ``total`` ranks."""
    everything = sum(1 / r for r in range(1, total + 1))
    return sum(1 / r for r in range(first, last + 1)) / everything


# --- The rows ------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    kind: str  # "minimal" or "pages"
    invalidation: str | None = None  # "global" or "keys"
    editor: bool = False
    varnish: bool = False
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    requests: int | None = None
    non_2xx: int = 0
    socket_errors: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    page_cache: Counter = field(default_factory=Counter)
    # Page requests of addresses asked before in the row, by page-cache answer, and the number
    # of first requests (gunicorn's log, read_log).
    repeats: Counter = field(default_factory=Counter)
    first_requests: int = 0
    log_errors: list = field(default_factory=list)
    proxy: dict = field(default_factory=dict)  # Varnish counters during the measurement
    saves: list = field(default_factory=list)  # (programme id, seconds, status) per save
    late_saves: int = 0
    fresh: str = ""  # the last change seen by a visitor after the row
    keys_header: str | None = None  # a page's Surrogate-Key, as checked before the row
    load: float | None = None

    @property
    def logged(self):
        return sum(self.page_cache.values())

    @property
    def django_hit_ratio(self):
        return self.page_cache["hit"] / self.logged if self.logged else None

    @property
    def proxy_hit_ratio(self):
        hits, misses = self.proxy.get("MAIN.cache_hit"), self.proxy.get("MAIN.cache_miss")
        if hits is None or misses is None or not hits + misses:
            return None
        return hits / (hits + misses)

    @property
    def hit_ratio(self):
        return self.proxy_hit_ratio if self.varnish else self.django_hit_ratio

    @property
    def repeat_hit_ratio(self):
        """The hit ratio of the requests whose address was asked before in the row. Behind
        Varnish: every request that reached gunicorn for such an address was a miss of
        Varnish's, among Varnish's hits and misses less the first requests."""
        if self.varnish:
            hits, misses = self.proxy.get("MAIN.cache_hit"), self.proxy.get("MAIN.cache_miss")
            if hits is None or misses is None:
                return None
            repeated = hits + misses - self.first_requests
            return 1 - sum(self.repeats.values()) / repeated if repeated > 0 else None
        repeated = sum(self.repeats.values())
        return self.repeats["hit"] / repeated if repeated else None

    @property
    def failed_saves(self):
        return [save for save in self.saves if save[2] != 302]

    @property
    def errors(self):
        parts = list(self.problems)
        if self.non_2xx:
            parts.append(f"{self.non_2xx} non-2xx/3xx")
        parts += [f"{count} socket {kind}" for kind, count in self.socket_errors.items() if count]
        other = {status: n for status, n in self.statuses.items() if status != "200"}
        if other:
            parts.append("log: " + ", ".join(f"{n}× {s}" for s, n in sorted(other.items())))
        if self.log_errors:
            parts.append(f"log: {len(self.log_errors)} error lines")
        if self.failed_saves:
            parts.append(f"{len(self.failed_saves)} saves failed")
        return "; ".join(parts)


ROW_GROUPS = ("global", "keys", "varnish")


def page_rows(groups, quiet=True):
    """The rows of pages of the chosen groups (``ROW_GROUPS``), each mode without the editor
    first when ``quiet``."""
    rows = []
    for mode in ("global", "keys"):
        if mode in groups:
            if quiet:
                rows.append(Row(f"{mode}, no editor", "pages", mode))
            rows.append(Row(f"{mode}, editor", "pages", mode, editor=True))
    if "varnish" in groups:
        rows.append(Row("keys behind Varnish, editor", "pages", "keys", editor=True, varnish=True))
        # Measured on the same Varnish right after the row above (measure_pages).
        rows.append(
            Row("Varnish, list pages only (cached), no editor", "cached", "keys", varnish=True)
        )
    return rows


# --- Redis ---------------------------------------------------------------------------------


def clear_cache(redis_url):
    """Deletes the site's keys (settings.CACHES' KEY_PREFIX) from the benchmark's Redis
    database; nothing else in it."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        batch = []
        for key in client.scan_iter(match="growth_portal:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
    finally:
        client.close()


# --- Varnish -------------------------------------------------------------------------------


class Proxy:
    """Varnish in front of gunicorn (tools/varnish.py: varnishd on loopback with the
    repository's VCL, its backend put in), with more storage than its default so that the
    whole mix fits, and its counters (``varnishstat``)."""

    STORAGE = "malloc,1g"

    def __init__(self, backend_port, log):
        from tools.varnish import Varnish

        self.varnish = Varnish(
            backend_port, listen=f"127.0.0.1:{free_port()}", log=log, storage=self.STORAGE
        )

    @property
    def base(self):
        return self.varnish.base

    @property
    def purge_url(self):
        """The socket where Varnish accepts purges, for DJANGO_PAGE_CACHE_PURGE_URLS."""
        return self.varnish.purge_url

    def start(self):
        self.varnish.start()

    def counters(self):
        """The MAIN counters by name (``varnishstat -1`` of this varnishd's working directory,
        which tools/varnish.py names ``work`` in its own folder)."""
        done = subprocess.run(
            ["varnishstat", "-1", "-n", str(self.varnish.dir / "work")],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        values = {}
        for line in done.stdout.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].startswith("MAIN.") and parts[1].isdigit():
                values[parts[0]] = int(parts[1])
        return values

    def stop(self):
        self.varnish.stop()


# --- The editor ----------------------------------------------------------------------------


class Editor:
    """An editor's browser in the admin (tests/load/harness.py's, which keeps the session
    and CSRF cookies itself over plain HTTP): opens a programme's change form and saves it
    with a line added to its summary, as the admin's own save path does it."""

    def __init__(self, base, username, password):
        from tests.load.harness import Browser

        self.browser = Browser(base)
        self.username, self.password = username, password
        self.originals = {}  # programme id → its summary before the first save
        self.marks = 0
        self.last = None  # (programme id, the line its last save added)

    def log_in(self):
        self.browser.log_in(self.username, self.password)

    def change(self, programme_id, summary=None, timeout=60):
        """Saves the programme with ``summary`` (default: the original with a marked line);
        the status of the POST (302 when saved)."""
        from tests.load.harness import FormParser

        path = f"/admin/programmes/programme/{programme_id}/change/"
        page = self.browser.get(path, timeout=timeout)
        if page.status != 200:
            return page.status
        form = FormParser.parse(page.text, form_id="programme_form")
        current = form.get("summary", "")
        self.originals.setdefault(programme_id, current)
        if summary is None:
            summary = f"{self.originals[programme_id]}<p>{self.mark(programme_id)}</p>"
        form.update(summary=summary, _save="Spara")
        return self.browser.post(path, form, timeout=timeout).status

    def mark(self, programme_id):
        self.marks += 1
        self.last = (programme_id, f"{MARKER} {self.marks}")
        return self.last[1]

    def restore(self):
        """Every changed programme's summary back as it was (through the admin too)."""
        failed = [pid for pid, text in self.originals.items() if self.change(pid, text) != 302]
        self.originals.clear()
        return failed


def edit_while(editor, programmes, every, stop, row):
    """Saves ``programmes`` in turn, one every ``every`` seconds, until ``stop`` is set; a
    save that starts late (the previous one took longer) is counted."""
    started = time.monotonic()
    for number_, programme_id in enumerate(programmes, 1):
        due = started + number_ * every
        if stop.wait(max(0.0, due - time.monotonic())):
            return
        if time.monotonic() > due + 1:
            row.late_saves += 1
        began = time.monotonic()
        try:
            status = editor.change(programme_id)
        except OSError as error:
            status = f"error {error}"
        row.saves.append((programme_id, time.monotonic() - began, status))


def shows_change(base, url, text, seconds=20):
    """Whether an anonymous visitor sees ``text`` on ``url`` within ``seconds`` (a proxy's
    purge is sent in the background, after the commit)."""
    deadline = time.monotonic() + seconds
    while True:
        status, _, body = get(base + url)
        if status == 200 and text in body:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.5)


# --- Measuring -----------------------------------------------------------------------------


def page_request(match):
    return match["method"] == "GET" and not match["path"].startswith(NOT_PAGES)


def read_log(row, path, start, end):
    """Statuses and page-cache answers of the visitors' page requests logged between two
    offsets of gunicorn's log, and its error lines. Each request is also sorted by whether its
    address was asked before since the row began (the log before ``start`` included): the
    first request of an address finds nothing in an emptied cache whatever the invalidation
    does, a repeated one is a miss only when its page was retired or expired."""
    with open(path, "rb") as log:
        before = log.read(start).decode("utf-8", "replace")
        chunk = log.read(end - start).decode("utf-8", "replace")
    seen = set()
    for line in before.splitlines():
        match = LOG_LINE.search(line)
        if match and page_request(match):
            seen.add(match["path"])
    for line in chunk.splitlines():
        match = LOG_LINE.search(line)
        if match:
            if page_request(match):
                row.statuses[match["status"]] += 1
                row.page_cache[match["cache"]] += 1
                if match["path"] in seen:
                    row.repeats[match["cache"]] += 1
                else:
                    row.first_requests += 1
                    seen.add(match["path"])
            if match["status"].startswith("5"):
                row.log_errors.append(line.strip())
        elif " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback"):
            row.log_errors.append(line.strip())


def measure_minimal(row, args, static_root, workdir, number_):
    row.load = os.getloadavg()[0]
    port = free_port()
    env = server_environment(args, static_root, 0, port)
    env["DJANGO_SEARCH_PRELOAD"] = "0"
    log = workdir / f"{number_:02d}-minimal.log"
    print(f"Measuring {row.name}…", file=sys.stderr, flush=True)
    server = Server(env, log, args.gunicorn_config)
    try:
        server.wait_ready()
        warm_up(server.base + "/healthz", 3, args.workers)
        parse_wrk(wrk(server.base + "/healthz", args, duration=args.minimal_duration), row)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        row.problems.append(str(error))
    finally:
        server.stop()
    return row


def measure_window(
    row, front, log, proxy, args, script_args, duration=None, editor=None, plan=None
):
    """wrk with ``script_args`` for ``duration`` seconds (``--duration``), the editor saving
    alongside if given; Varnish's counters and gunicorn's log over that time."""
    start = log.stat().st_size
    before = proxy.counters() if proxy else {}
    stop = threading.Event()
    saving = None
    if editor:
        saving = threading.Thread(
            target=edit_while, args=(editor, plan["saves"], args.save_every, stop, row)
        )
        saving.start()
    try:
        parse_wrk(wrk(front, args, duration=duration, script=LUA, script_args=script_args), row)
    finally:
        stop.set()
        if saving:
            saving.join()
    end = log.stat().st_size
    if proxy:
        after = proxy.counters()
        row.proxy = {name: after[name] - before.get(name, 0) for name in after}
    read_log(row, log, start, end)


def measure_pages(row, plan, args, static_root, workdir, number_, cached_row=None):
    """One row of pages: a fresh gunicorn (and Varnish), the checks, the list pages asked
    once, the warm-up, then wrk with the editor saving alongside. Behind Varnish, with
    ``cached_row``, then also the list pages alone (all cached), without the editor."""
    row.load = os.getloadavg()[0]
    clear_cache(args.redis_url)
    port = free_port()
    env = server_environment(args, static_root, CACHE_SECONDS, port)
    env.update(DJANGO_SEARCH_PRELOAD="0", DJANGO_PAGE_CACHE_INVALIDATION=row.invalidation)
    proxy = None
    if row.varnish:
        proxy = Proxy(port, workdir / f"{number_:02d}-varnish.log")
        env["DJANGO_PAGE_CACHE_PURGE_URLS"] = proxy.purge_url
    log = workdir / f"{number_:02d}-{row.invalidation}-{'varnish' if row.varnish else 'django'}.log"
    print(f"Measuring {row.name}…", file=sys.stderr, flush=True)
    server = Server(env, log, args.gunicorn_config)
    editor = None
    try:
        server.wait_ready()
        if proxy:
            proxy.start()
        front = proxy.base if proxy else server.base
        problem = check(front, server.base, plan, row)
        if problem:
            row.problems.append(problem)
            return row
        if row.editor:
            editor = Editor(front, plan["editor"], args.editor_password)
            editor.log_in()
        others = prime(front, plan["lists"], args.workers)
        if others:
            row.problems.append(f"priming the lists: {dict(others)}")
        output = wrk(front, args, duration=args.warmup, script=LUA, script_args=plan["wrk_args"])
        if "requests in" not in output:
            row.problems.append("warm-up: no wrk report")
        measure_window(row, front, log, proxy, args, plan["wrk_args"], editor=editor, plan=plan)
        if editor and editor.originals:
            programme_id, text = editor.last
            seen = shows_change(front, plan["programme_urls"][programme_id], text)
            row.fresh = "yes" if seen else "**no**"
            failed = editor.restore()
            if failed:
                row.problems.append(f"could not restore programmes {failed}")
        if cached_row is not None:
            print(f"Measuring {cached_row.name}…", file=sys.stderr, flush=True)
            cached_row.load = os.getloadavg()[0]
            others = prime(front, plan["lists"], args.workers)
            if others:
                cached_row.problems.append(f"priming the lists: {dict(others)}")
            measure_window(
                cached_row, front, log, proxy, args, plan["lists_args"], args.minimal_duration
            )
    except (RuntimeError, OSError, AssertionError, subprocess.TimeoutExpired) as error:
        row.problems.append(str(error).splitlines()[0][:300])
    finally:
        if editor and editor.originals:
            try:
                editor.restore()
            except (OSError, AssertionError) as error:
                row.problems.append(f"restore: {error}")
        if proxy:
            proxy.stop()
        server.stop()
    return row


def check(base, direct, plan, row):
    """Before measuring: a few pages answer 200 through the front and come from a cache the
    second time; the keys a page carries, read from gunicorn ``direct`` (Varnish keeps them
    to itself; none in code without per-key invalidation)."""
    for url in plan["checks"]:
        status, headers, _ = get(base + url)
        if status != 200:
            return f"check: {url} answered {status}"
        status, headers, _ = get(base + url)
        cached = headers.get("X-Cache") == "HIT" or headers.get("X-Page-Cache") == "hit"
        if status != 200 or not cached:
            return f"check: a second request of {url} was not served from a cache"
    status, headers, _ = get(direct + plan["checks"][-1])
    row.keys_header = headers.get("Surrogate-Key") or headers.get("xkey")
    return None


def prime(base, urls, threads):
    """Asks each address once, from ``threads`` threads (one per gunicorn worker), so that
    every row starts with the list pages in the cache, as a site does that has run for a
    while; the statuses other than 200."""
    with ThreadPoolExecutor(threads) as pool:
        statuses = list(pool.map(lambda url: get(base + url)[0], urls))
    return Counter(status for status in statuses if status != 200)


def check_lists(base, lists):
    """Every list page answers 200 (once per run; the pages differ in the data set only)."""
    bad = []
    for url in lists:
        status = get(base + url)[0]
        if status != 200:
            bad.append(f"{url} ({status})")
    return bad


# --- Report --------------------------------------------------------------------------------


def percent(value, digits=1):
    return "–" if value is None else f"{value * 100:.{digits}f} %"


def table(rows, reference):
    header = [
        "row",
        "req/s",
        "× minimal view",
        "p50 ms",
        "p99 ms",
        "requests",
        "cache hit ratio",
        "hit ratio, repeated addresses",
        "page requests that reached gunicorn (page-cache hits)",
        "saves",
        "errors",
    ]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * 9 + "---|"]
    for row in rows:
        share = row.rps / reference if row.rps and reference and not row.problems else None
        if row.kind == "minimal":
            hits, repeated, reached, saves = "–", "–", "–", "–"
        else:
            hits = percent(row.hit_ratio)
            repeated = percent(row.repeat_hit_ratio)
            if row.varnish:
                hits += " (Varnish)"
            reached = f"{row.logged} ({percent(row.django_hit_ratio)})"
            saves = str(len(row.saves)) if row.editor else "–"
            if row.late_saves:
                saves += f" ({row.late_saves} late)"
        cells = [
            row.name,
            number(row.rps, 0 if (row.rps or 0) >= 100 else 1),
            "–" if share is None else f"{share:.2f}",
            number(row.p50, 1),
            number(row.p99, 1),
            "–" if row.requests is None else str(row.requests),
            hits,
            repeated,
            reached,
            saves,
            f"**{row.errors}**" if row.errors else "none",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(ok):
    return "met" if ok else "NOT MET"


def targets(rows, reference):
    lines = []
    keys = next((r for r in rows if r.name == "keys, editor"), None)
    if keys:
        for label, ratio in (
            ("all page requests", keys.hit_ratio),
            ("requests of addresses asked before in the row", keys.repeat_hit_ratio),
        ):
            ok = ratio is not None and ratio >= KEYS_HIT_RATIO and not keys.errors
            lines.append(
                f"Target: hit ratio ≥ {KEYS_HIT_RATIO:.0%} under churn with per-key "
                f"invalidation, {label}: {verdict(ok)} — {percent(ratio)}"
                + (" (with errors)" if keys.errors else "")
            )
    for proxy in (r for r in rows if r.varnish):
        factor = proxy.rps / reference if proxy.rps and reference else None
        ok = factor is not None and factor >= VARNISH_FACTOR and not proxy.errors
        lines.append(
            f"Target: through Varnish ≥ {VARNISH_FACTOR}× the minimal view's requests/s, "
            f"{proxy.name}: {verdict(ok)} — {'–' if factor is None else f'{factor:.1f}×'}"
            + (" (with errors)" if proxy.errors else "")
        )
    churned = {r.invalidation: r for r in rows if r.editor and not r.varnish}
    if "global" in churned and "keys" in churned:
        first, second = churned["global"], churned["keys"]
        if first.rps and second.rps:
            lines.append(
                f"Per-key against global under churn: {second.rps / first.rps:.2f}× the "
                f"requests/s, hit ratio {percent(first.hit_ratio)} → {percent(second.hit_ratio)}."
            )
    return "\n".join(lines)


def notes(rows):
    lines = []
    for row in rows:
        if row.kind == "minimal":
            continue
        load = "–" if row.load is None else f"{row.load:.2f}"
        text = f"{row.name} (load {load} as it started)"
        text += f"; first requests of an address in the row: {row.first_requests}"
        if row.editor:
            durations = sorted(seconds for _, seconds, _ in row.saves)
            if durations:
                text += (
                    f"; {len(row.saves)} saves through the admin, each (GET of the change form "
                    f"and POST) {durations[len(durations) // 2]:.2f} s median, "
                    f"{durations[-1]:.2f} s longest"
                )
            text += f"; the last change seen by a visitor afterwards: {row.fresh or '–'}"
        if row.varnish and row.proxy:
            text += "; Varnish: " + ", ".join(
                f"{label} {row.proxy.get(name, 0)}"
                for name, label in VARNISH_COUNTERS
                if name in row.proxy
            )
        text += f"; page keys: `{(row.keys_header or 'none')[:120]}`"
        if row.log_errors:
            text += f"; **first error line**: `{row.log_errors[0][:240]}`"
        lines.append(f"- {text}")
    return "\n".join(lines)


# --- Main ----------------------------------------------------------------------------------


def make_plan(data, args, workdir):
    lists = data["lists"]
    programmes = data["programmes"]
    generator = random.Random(args.seed)
    publications = data["publications"]
    sample = generator.sample(publications, min(args.publications, len(publications)))
    details = [url for _, url in programmes] + sample
    ranked = ranked_addresses(lists, details, args.seed)
    rank_of = {url: rank for rank, url in enumerate(ranked, 1)}
    saves_needed = math.ceil(args.duration / args.save_every) + 1
    saves = zipf_draws(
        [pid for pid, _ in programmes],
        [rank_of[url] for _, url in programmes],
        saves_needed,
        args.seed,
    )
    path = workdir / "addresses.txt"
    path.write_text("\n".join(ranked) + "\n", encoding="utf-8")
    # The list pages alone, in the same order (Varnish's cached pages, without the tail).
    lists_path = workdir / "lists.txt"
    lists_path.write_text("\n".join(ranked[: len(lists)]) + "\n", encoding="utf-8")
    return {
        "ranked": ranked,
        "lists": lists,
        "sample": len(sample),
        "saves": saves,
        "programme_urls": dict(map(tuple, programmes)),
        "programme_ranks": sorted(rank_of[url] for _, url in programmes),
        "wrk_args": [path, args.seed],
        "lists_args": [lists_path, args.seed],
        # Pages checked before each row: the start page, a programme, a publication.
        "checks": [lists[0], programmes[len(programmes) // 2][1], sample[0]],
        "counts": data["counts"],
        "editor": None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS_URL,
        help="the cache; the site's keys in it are deleted before every row and at the end",
    )
    parser.add_argument("--duration", type=int, default=60, help="seconds of wrk per row")
    parser.add_argument(
        "--warmup", type=int, default=20, help="seconds of the same mix, no editor, per row"
    )
    parser.add_argument(
        "--minimal-duration", type=int, default=20, help="seconds of wrk for the minimal view"
    )
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=int, default=30, help="wrk's request timeout (s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--save-every", type=float, default=5, help="seconds between saves")
    parser.add_argument(
        "--publications", type=int, default=20000, help="publication pages in the mix"
    )
    parser.add_argument("--seed", type=int, default=2016, help="for the order and the saves")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=ROW_GROUPS,
        default=list(ROW_GROUPS),
        help="the rows to measure besides the minimal view (default: all)",
    )
    parser.add_argument("--skip-quiet", action="store_true", help="no rows without the editor")
    parser.add_argument(
        "--gunicorn-config",
        default=DEFAULT_GUNICORN_CONFIG,
        help=f"gunicorn's --config (default {DEFAULT_GUNICORN_CONFIG})",
    )
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument("--keep-logs", action="store_true", help="keep gunicorn's logs")
    args = parser.parse_args()
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads.")
    if not (shutil.which(args.wrk) or os.access(args.wrk, os.X_OK)):
        sys.exit(f"wrk is not installed ({args.wrk} not found): `apt-get install wrk`.")
    if "varnish" in args.only:
        from tools.varnish import Varnish

        if Varnish.missing():
            sys.exit(f"{Varnish.missing()}; or leave the row out with --only global keys.")
    args.secret_key = secrets.token_urlsafe(60)
    args.editor_password = secrets.token_urlsafe(24)
    baseline = os.getloadavg()[0]

    name = require_test_data(args.database_url)

    workdir = Path(tempfile.mkdtemp(prefix="churn-bench-"))
    static_root = workdir / "static"
    try:
        env = server_environment(args, static_root, 0, 0)
        print("collectstatic, addresses, the editor's account…", file=sys.stderr, flush=True)
        run_child(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
        plan = make_plan(
            json.loads(run_child(["-m", "benchmarks.churn_pages", "addresses"], env)),
            args,
            workdir,
        )
        plan["editor"] = json.loads(
            run_child(
                ["-m", "benchmarks.churn_pages", "editor"],
                {**env, "CHURN_EDITOR_PASSWORD": args.editor_password},
            )
        )["username"]
        plan["bad_lists"] = lists_answering(plan, args, static_root, workdir)
        rows = [Row("minimal view", "minimal")] + page_rows(args.only, not args.skip_quiet)
        rows.append(Row("minimal view, again", "minimal"))
        started = time.perf_counter()
        for number_, row in enumerate(rows, 1):
            if row.kind == "minimal":
                measure_minimal(row, args, static_root, workdir, number_)
            elif row.kind == "pages":
                following = rows[number_] if number_ < len(rows) else None
                cached = following if following and following.kind == "cached" else None
                measure_pages(row, plan, args, static_root, workdir, number_, cached)
        elapsed = time.perf_counter() - started
        report(rows, plan, args, name, baseline, elapsed)
    finally:
        clear_cache(args.redis_url)
        if args.keep_logs:
            print(f"\nLogs kept in {workdir}.", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def lists_answering(plan, args, static_root, workdir):
    """The list pages that do not answer 200, on a gunicorn of their own (once per run)."""
    port = free_port()
    env = server_environment(args, static_root, 0, port)
    env["DJANGO_SEARCH_PRELOAD"] = "0"
    server = Server(env, workdir / "00-lists.log", args.gunicorn_config)
    try:
        server.wait_ready()
        return check_lists(server.base, plan["lists"])
    finally:
        server.stop()


def report(rows, plan, args, name, baseline, elapsed):
    minimal = [r.rps for r in rows if r.kind == "minimal" and r.rps and not r.errors]
    reference = sum(minimal) / len(minimal) if minimal else None
    total = len(plan["ranked"])
    lists = len(plan["lists"])
    print()
    print(
        f"Editorial churn benchmark — {datetime.date.today().isoformat()}, commit "
        f"{git_commit()}, Python {platform.python_version()}, PostgreSQL "
        f"{server_version(args.database_url)}, {os.cpu_count()} CPUs"
    )
    print()
    print(
        f"gunicorn: {args.workers} sync workers, `{args.gunicorn_config}`, production settings, "
        f"Redis cache `{args.redis_url}` (the site's keys deleted before each row), page cache "
        f"{CACHE_SECONDS} s; a fresh gunicorn per row. {wrk_version(args.wrk)} with "
        f"`benchmarks/zipf.lua`: {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per row after {args.warmup} s of warm-up with the same mix and no "
        f"editor; the minimal view {args.minimal_duration} s, first and last. {len(rows)} rows "
        f"in {elapsed:.0f} s. wrk, gunicorn, PostgreSQL, Redis and Varnish share the machine."
    )
    print()
    print(
        f"Load average (1 min) before the run: {baseline:.2f} on {os.cpu_count()} CPUs"
        + (
            "; **other processes were busy: the numbers are low and noisy**."
            if baseline > (os.cpu_count() or 1) / 2
            else "."
        )
    )
    print()
    print(
        f"Data set ({name}, counted): "
        + ", ".join(f"{count} {label}" for label, count in plan["counts"].items())
        + "."
    )
    print()
    ranks = plan["programme_ranks"]
    print(
        f"The mix: {total} addresses — {lists} list pages at ranks 1–{lists} (the start page, "
        f"/publikationer/, /program/, then the other lists and filtered lists shuffled), "
        f"{len(ranks)} published programmes and {plan['sample']} publications (a sample "
        f"drawn with seed {args.seed}) shuffled below them. Rank r is asked with weight 1/r: "
        f"the list pages get {harmonic_share(1, lists, total):.0%} of the requests, ranks "
        f"1–1000 {harmonic_share(1, min(1000, total), total):.0%}, the last half "
        f"{harmonic_share(total // 2 + 1, total, total):.1%}. The editor saves a published "
        f"programme every {args.save_every:g} s through the admin (a logged-in session; GET of "
        f"the change form, POST with a line added to the summary), drawn Zipf-wise by its "
        f"page's rank (the programmes' ranks run from {ranks[0]} to {ranks[-1]}), the same "
        f"sequence in every row; the changed summaries are restored after each row."
    )
    if plan.get("bad_lists"):
        print()
        print(f"**List pages that did not answer 200**: {', '.join(plan['bad_lists'])}")
    print()
    print(table(rows, reference))
    print()
    drift = abs(minimal[0] - minimal[1]) / reference if len(minimal) == 2 else None
    print(
        "× minimal view: requests/s divided by the minimal view's (`/healthz`, page cache off), "
        f"the mean of its first and last rows ({number(reference, 0)} req/s; they differ by "
        f"{'–' if drift is None else f'{drift:.0%}'}"
        + (", **more than 10 %: the machine's load changed**" if drift and drift > 0.1 else "")
        + "). Cache hit ratio: page requests the page cache answered among those in gunicorn's "
        "log during the measurement; behind Varnish, Varnish's hits among its hits and misses "
        "(varnishstat), and the next column what still reached gunicorn."
    )
    print()
    print(targets(rows, reference))
    print()
    print("Per row:")
    print(notes(rows))


if __name__ == "__main__":
    main()
