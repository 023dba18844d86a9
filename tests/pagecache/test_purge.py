"""Purges of the reverse proxies (pagecache/purge.py): the keys a change retired reach every
configured proxy as ``PURGE`` with an ``xkey`` header, twice, from a background thread; a proxy
that is slow, down or failing is retried and logged, and never holds up the change.

The proxies here are small HTTP servers on loopback that the tests start themselves."""

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import checks
from django.db import transaction

from pagecache import purge
from pagecache.signals import keys_retired
from programmes.models import Programme
from tests.admin_forms import admin_form_data
from tests.editors import admin_url
from tests.factories import ProgrammeFactory
from tests.load.harness import REPO, wait_for_child

# Generous: the machine may be busy; every wait ends as soon as its condition holds.
DEADLINE = 15
# How long a held proxy keeps a purge unanswered unless the test lets it go sooner: far longer
# than anything the test waits for meanwhile.
HOLD = 120


def wait_until(condition, seconds=DEADLINE, message="condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"{message} not met within {seconds} s")


class Proxy:
    """A loopback HTTP server that records the purges it receives and answers each with the
    next status of ``statuses`` (200 once they run out). A proxy that ``holds`` answers
    nothing until ``release()``: a proxy that does not answer, for as long as the test wants."""

    def __init__(self, statuses=(), holds=False):
        self.received = []
        self.arrivals = []  # monotonic time each purge arrived
        self.answered = 0
        self.statuses = list(statuses)
        self.lock = threading.Lock()
        self.released = threading.Event()
        if not holds:
            self.released.set()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                with proxy.lock:
                    proxy.received.append((self.command, self.path, self.headers.get("xkey")))
                    proxy.arrivals.append(time.monotonic())
                    status = proxy.statuses.pop(0) if proxy.statuses else 200
                proxy.released.wait(HOLD)
                with proxy.lock:
                    proxy.answered += 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def purged_keys(self):
        """The keys of each purge received so far, as sets."""
        with self.lock:
            return [set(value.split()) for _, _, value in self.received]

    def release(self):
        self.released.set()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxies():
    started = []

    def start(statuses=(), holds=False):
        proxy = Proxy(statuses, holds)
        started.append(proxy)
        return proxy

    yield start
    # Whatever is still queued goes out (or gives up) before the servers close.
    for proxy in started:
        proxy.release()
    purge.flush()
    for proxy in started:
        proxy.close()


@pytest.fixture(autouse=True)
def _quick_purges(settings):
    """Short timeouts and pauses, and no repeated purge unless a test asks for it."""
    settings.PAGE_CACHE_PURGE_TIMEOUT = 0.5
    settings.PAGE_CACHE_PURGE_RETRIES = 2
    settings.PAGE_CACHE_PURGE_REPEAT_SECONDS = 0


@pytest.fixture
def silent_socket():
    """A port that accepts connections (the kernel completes them) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


@pytest.fixture
def refusing_port():
    """A port that refuses connections: bound and never listening, and kept so by the test,
    so that no other process can take it meanwhile."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


@pytest.fixture
def dead_proxy(request, silent_socket, refusing_port):
    """The URL of a proxy that never answers, or of a closed port (the test's parameter)."""
    return silent_socket if request.param == "never answers" else refusing_port


def retire(*keys):
    """What the page cache does after a committed change."""
    keys_retired.send(sender=None, keys=frozenset(keys))


def warnings_about(caplog, url):
    return [
        record
        for record in caplog.records
        if record.levelno == logging.WARNING
        and record.name == "pagecache.purge"
        and url in record.getMessage()
    ]


# --- What is sent -------------------------------------------------------------------------


def test_the_retired_keys_reach_every_proxy_as_a_purge(settings, proxies):
    first, second = proxies(), proxies()
    settings.PAGE_CACHE_PURGE_URLS = [first.url, second.url + "varnish/"]

    retire("programme:12", "list:programme")

    for proxy in (first, second):
        wait_until(lambda proxy=proxy: proxy.received, message=f"a purge at {proxy.url}")
    assert first.received == [("PURGE", "/", "list:programme programme:12")]
    assert second.received == [("PURGE", "/varnish/", "list:programme programme:12")]


def test_all_is_sent_alone(settings, proxies):
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]

    retire("programme:3", "all", "list:publication")

    wait_until(lambda: proxy.received, message="a purge")
    assert proxy.purged_keys() == [{"all"}]


def test_many_keys_go_in_requests_whose_header_stays_under_4_kb(settings, proxies):
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]
    keys = {f"publication:{number}" for number in range(1000)}
    joined = len(" ".join(keys))  # about 16 kB

    retire(*keys)

    wait_until(lambda: set().union(*proxy.purged_keys()) == keys, message="every key purged")
    values = [value for _, _, value in proxy.received]
    assert len(values) >= joined / 4096
    assert all(len(value) <= 4096 for value in values)
    assert sum(len(found) for found in proxy.purged_keys()) == len(keys)


def test_each_purge_is_sent_again_a_little_later(settings, proxies):
    settings.PAGE_CACHE_PURGE_REPEAT_SECONDS = 0.5
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]

    retire("programme:7")
    wait_until(lambda: len(proxy.received) == 2, message="the repeated purge")

    # Due half a second after the first purge was answered, which it reached before.
    assert proxy.arrivals[1] - proxy.arrivals[0] >= 0.5
    assert proxy.purged_keys() == [{"programme:7"}, {"programme:7"}]


def test_nothing_is_sent_without_proxies(settings, proxies):
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = []
    retire("programme:1")

    # A later change with the proxy configured arrives alone: the first one sent nothing.
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]
    retire("programme:2")
    wait_until(lambda: proxy.received, message="the second purge")
    purge.flush()
    assert proxy.purged_keys() == [{"programme:2"}]


# --- Proxies that fail --------------------------------------------------------------------


def test_a_failing_proxy_is_tried_again(settings, proxies, caplog):
    proxy = proxies(statuses=[503, 502])
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]

    retire("programme:5")

    wait_until(lambda: len(proxy.received) == 3, message="two retries")
    purge.flush()
    assert proxy.purged_keys() == [{"programme:5"}] * 3
    assert not warnings_about(caplog, proxy.url)


def test_a_proxy_that_refuses_is_logged_and_not_retried(settings, proxies, caplog):
    proxy = proxies(statuses=[403])
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]

    retire("programme:5")

    wait_until(lambda: warnings_about(caplog, proxy.url), message="a warning")
    assert len(proxy.received) == 1
    assert "403" in warnings_about(caplog, proxy.url)[0].getMessage()


def test_a_proxy_that_does_not_answer_holds_up_neither_the_change_nor_another_proxy(
    settings, proxies
):
    held, alive = proxies(holds=True), proxies()
    settings.PAGE_CACHE_PURGE_URLS = [held.url, alive.url]
    settings.PAGE_CACHE_PURGE_TIMEOUT = 2 * HOLD  # the held purge waits for its answer

    retire("programme:9", "list:programme")

    # The change did not wait: the held proxy has answered nothing.
    assert held.answered == 0
    # The proxy that works got its purge while the other one still holds its own.
    wait_until(lambda: alive.received, message="the working proxy's purge")
    wait_until(lambda: held.received, message="the held proxy's purge")
    assert held.answered == 0
    held.release()
    wait_until(lambda: held.answered == 1, message="the held purge's answer")
    assert purge.flush()
    assert held.purged_keys() == alive.purged_keys() == [{"list:programme", "programme:9"}]


@pytest.mark.parametrize("dead_proxy", ["never answers", "closed port"], indirect=True)
def test_a_proxy_that_does_not_answer_is_logged(settings, proxies, dead_proxy, caplog):
    dead = dead_proxy
    settings.PAGE_CACHE_PURGE_URLS = [dead]

    retire("programme:9", "list:programme")

    wait_until(lambda: warnings_about(caplog, dead), message="a warning about the dead proxy")
    message = warnings_about(caplog, dead)[0].getMessage()
    assert "3 attempt(s)" in message
    assert "list:programme programme:9" in message


def test_a_process_forked_after_purging_sends_its_own_purges(settings, proxies):
    """gunicorn forks its workers from the master; a worker must not count on a sending
    thread that stayed behind in its parent."""
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]
    retire("programme:1")
    wait_until(lambda: proxy.received, message="the parent's purge")

    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        code = 1
        try:
            retire("programme:2")
            code = 0 if purge.flush(DEADLINE) else 1
        finally:
            os._exit(code)

    assert wait_for_child(pid) == 0
    wait_until(lambda: len(proxy.received) == 2, message="the child's purge")
    assert proxy.purged_keys() == [{"programme:1"}, {"programme:2"}]


# --- Changes in the database --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_change_is_purged_once_its_transaction_commits(settings, proxies, org_a):
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]

    with transaction.atomic():
        programme = ProgrammeFactory(organisation=org_a)
        # Everything queued so far has gone out: nothing, before the commit.
        assert purge.flush()
        assert proxy.received == []

    wait_until(lambda: proxy.received, message="the purge after the commit")
    purge.flush()
    assert len(proxy.received) == 1
    assert {f"programme:{programme.pk}", "list:programme"} <= proxy.purged_keys()[0]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_is_not_purged(settings, proxies, org_a):
    proxy = proxies()
    settings.PAGE_CACHE_PURGE_URLS = [proxy.url]

    with pytest.raises(RuntimeError), transaction.atomic():
        ProgrammeFactory(organisation=org_a)
        raise RuntimeError("the editor's request failed")

    assert purge.flush()
    assert proxy.received == []


@pytest.mark.django_db(transaction=True)
def test_an_editors_save_is_not_held_up_by_a_proxy_that_does_not_answer(
    settings, proxies, client, admin_user, org_a
):
    programme = ProgrammeFactory(organisation=org_a, title="Före")
    held = proxies(holds=True)
    settings.PAGE_CACHE_PURGE_URLS = [held.url]
    settings.PAGE_CACHE_PURGE_TIMEOUT = 2 * HOLD  # the held purge waits for its answer
    client.force_login(admin_user)
    change = admin_url(Programme, "change", programme.pk)
    data = admin_form_data(client.get(change))
    data["title"] = "Efter"

    response = client.post(change, data)

    # Saved and answered while the proxy has not answered the purge.
    assert held.answered == 0
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    assert programme.title == "Efter"
    wait_until(lambda: held.received, message="the purge of the change")
    assert "list:programme" in held.purged_keys()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("dead_proxy", ["never answers", "closed port"], indirect=True)
def test_a_save_whose_purge_fails_is_logged_with_its_keys(
    settings, dead_proxy, caplog, client, admin_user, org_a
):
    programme = ProgrammeFactory(organisation=org_a, title="Före")
    dead = dead_proxy
    settings.PAGE_CACHE_PURGE_URLS = [dead]
    client.force_login(admin_user)
    change = admin_url(Programme, "change", programme.pk)
    data = admin_form_data(client.get(change))
    data["title"] = "Efter"

    response = client.post(change, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    # The warning names the keys (sorted, the first 200 characters of them).
    wait_until(
        lambda: any(
            "col:programme.title" in record.getMessage() for record in warnings_about(caplog, dead)
        ),
        message="a warning that the programme's keys were not purged",
    )


# --- Settings -----------------------------------------------------------------------------


def test_a_purge_url_that_is_not_an_http_url_stops_the_checks(settings):
    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:6081/", "127.0.0.1:6081"]
    errors = [error for error in checks.run_checks() if error.id == "pagecache.E002"]
    assert len(errors) == 1
    assert "'127.0.0.1:6081'" in errors[0].msg


# --- A new release ------------------------------------------------------------------------


def test_a_new_release_is_purged_at_start_up_without_a_thread_left_behind(proxies):
    """gunicorn's master loads the application (growth_portal/wsgi.py retires every page) and
    then forks its workers: the release's purge has gone out by the time the application is
    loaded, and no sending thread stays in the master."""
    proxy = proxies()
    script = (
        "import os, threading\n"
        "import growth_portal.wsgi\n"
        "print(sorted(thread.name for thread in threading.enumerate()), flush=True)\n"
        "os._exit(0)  # without the exit handlers, which would wait for queued purges\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "growth_portal.settings",
        "DJANGO_PAGE_CACHE_PURGE_URLS": proxy.url,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['MainThread']", result.stderr
    assert proxy.received == [("PURGE", "/", "all")]
