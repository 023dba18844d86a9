"""A database that stops answering on open connections, without closing them.

The site runs in gunicorn with the production settings; between it and PostgreSQL sits a TCP
proxy of the test's own (proxy.py). The workers keep their connections open through it
(CONN_MAX_AGE). Then the proxy freezes: it passes nothing on in either direction, but the
kernel still acknowledges what the site sends, so no TCP timeout or keepalive fires and
PostgreSQL never sees the statement. That is a database server, connection pooler or network
path that hangs. Promised (deadlines/):

* a page that needs the database answers with the 503 page within a few seconds, not after
  gunicorn has killed the worker (30 s), and no worker is replaced;
* /healthz answers 200 meanwhile, /readyz 503;
* once the proxy passes data again, pages are served again, by the same workers.

The page cache and the cache of derived lists are off here, so that every page asks the
database.
"""

import html
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from .harness import discover_pages, get, prepare_database, site_env
from .proxy import FreezableProxy

pytestmark = pytest.mark.load

WORKERS = 2
# Longer than gunicorn's timeout (30 s), so that a worker that hangs shows as a slow answer or
# a dropped connection rather than as a client giving up.
CLIENT_TIMEOUT = 45
# The answer deadline is 6 s (DJANGO_DB_ANSWER_TIMEOUT) and a connection through the frozen
# proxy gives up after 3 s (DJANGO_DB_CONNECT_TIMEOUT); without the deadlines it is ~30 s.
ANSWER_LIMIT = 10.0
READY_LIMIT = 5.0
WAIT_LIMIT = 30.0


def wait_until(condition, what, limit=WAIT_LIMIT):
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {limit} s")
        time.sleep(0.05)


def at_once(base, paths):
    with ThreadPoolExecutor(len(paths)) as pool:
        return list(pool.map(lambda path: get(base + path, timeout=CLIENT_TIMEOUT), paths))


def describe(answers):
    return [(answer.status, round(answer.duration, 2)) for answer in answers]


def assert_unavailable_page(answer):
    assert answer.status == 503, (answer.status, answer.text[:500])
    assert answer.header("Retry-After")
    assert "Tjänsten är tillfälligt otillgänglig" in answer.text


def test_a_database_that_stops_answering(system_database, site_dirs, start_site, report_line):
    env = site_env(system_database, *site_dirs)
    prepare_database(env)
    # A programme's page: several queries, among them statements prepared per connection.
    path, expected = next(
        (p, text) for p, text in discover_pages(env) if p.startswith("/program/") and "?" not in p
    )
    expected = html.escape(expected)
    database = urlsplit(system_database)

    with FreezableProxy((database.hostname, database.port)) as proxy:
        through_proxy = f"postgres://postgres@127.0.0.1:{proxy.port}{database.path}"
        server = start_site(
            through_proxy,
            DJANGO_PAGE_CACHE_SECONDS=0,
            DJANGO_DERIVED_CACHE_SECONDS=0,
            # No background thread with a connection of its own: each connection through the
            # proxy is a worker's.
            DJANGO_SEARCH_PRELOAD=0,
        )
        base = server.base

        # Every worker serves pages and keeps its connection open.
        def warm():
            answers = at_once(base, [path] * 4)
            assert all(a.status == 200 and expected in a.text for a in answers), describe(answers)
            return proxy.counts()["open"] >= WORKERS

        wait_until(warm, "a connection of each worker through the proxy")
        workers = server.worker_pids()

        proxy.freeze()
        with ThreadPoolExecutor(1) as pool:
            stuck = pool.submit(get, base + path, timeout=CLIENT_TIMEOUT)
            wait_until(lambda: proxy.counts()["held_bytes"] > 0, "the worker's query")
            # The other worker answers the health checks meanwhile.
            health = get(base + "/healthz", timeout=CLIENT_TIMEOUT)
            ready = get(base + "/readyz", timeout=CLIENT_TIMEOUT)
            still_waiting = not stuck.done()
            try:
                first = stuck.result()
            except OSError as error:  # gunicorn killed the worker that hung
                pytest.fail(f"the page got no answer: {type(error).__name__}: {error}")
        assert health.status == 200 and health.text == "ok\n"
        assert still_waiting, "the page answered before the health check; nothing was frozen"
        assert ready.status == 503 and ready.duration <= READY_LIMIT, describe([ready])
        assert_unavailable_page(first)
        assert first.duration < ANSWER_LIMIT, describe([first])

        # Both workers at once, one on the connection it kept, one opening a new one.
        both = at_once(base, [path, path])
        for answer in both:
            assert_unavailable_page(answer)
            assert answer.duration < ANSWER_LIMIT, describe(both)

        proxy.thaw()
        thawed = time.monotonic()
        wait_until(lambda: get(base + path, timeout=CLIENT_TIMEOUT).status == 200, "a page")
        back_after = time.monotonic() - thawed
        after = at_once(base, [path] * 4)
        assert all(a.status == 200 and expected in a.text for a in after), describe(after)
        assert server.worker_pids() == workers, "gunicorn replaced workers"

    report_line(
        f"database stall: frozen proxy, first page {describe([first])}, both workers "
        f"{describe(both)}, /healthz {describe([health])}, /readyz {describe([ready])}; "
        f"pages again {back_after:.2f} s after the proxy passed data again"
    )
