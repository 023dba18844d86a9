"""A Redis that accepts connections and never answers (growth_portal/cache.py): the first call
waits for the timeout, then the cache is skipped for a while instead of costing every page the
timeout again; pages are still served, and the log says it once."""

import io
import logging
import selectors
import socket
import threading

import pytest
from django.core.cache import cache, caches

from publishing.choices import PublishState
from tests.factories import ProgrammeFactory
from tests.load.harness import ManualClock, redis_url

pytestmark = pytest.mark.django_db


class SilentServer:
    """A loopback TCP server that accepts connections and reads everything sent to it, and
    never answers. It counts the connections and the bytes: what the site asked of it."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.setblocking(False)
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.connections = 0
        self.received = 0
        self.open = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="silent-redis", daemon=True)
        self.thread.start()

    def asked(self):
        with self.lock:
            return self.connections, self.received

    def run(self):
        with selectors.DefaultSelector() as selector:
            selector.register(self.listener, selectors.EVENT_READ)
            while not self.stopping.is_set():
                for key, _ in selector.select(timeout=0.1):
                    if key.fileobj is self.listener:
                        connection, _ = self.listener.accept()
                        connection.setblocking(False)
                        selector.register(connection, selectors.EVENT_READ)
                        self.open.append(connection)
                        with self.lock:
                            self.connections += 1
                        continue
                    try:
                        data = key.fileobj.recv(65536)
                    except OSError:
                        data = b""
                    if not data:
                        selector.unregister(key.fileobj)
                        continue
                    with self.lock:
                        self.received += len(data)

    def stop(self):
        self.stopping.set()
        self.thread.join(10)
        for connection in [*self.open, self.listener]:
            connection.close()


@pytest.fixture
def silent_redis(settings):
    server = SilentServer()

    def use(backoff_seconds):
        settings.CACHES = {
            "default": {
                "BACKEND": "growth_portal.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{server.port}/0",
                "KEY_PREFIX": f"backoff-{backoff_seconds}",
                "OPTIONS": {
                    "socket_connect_timeout": 0.5,
                    "socket_timeout": 0.5,
                    "backoff_seconds": backoff_seconds,
                },
            }
        }

    server.use = use
    yield server
    server.stop()


def backoff_warnings(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "growth_portal.cache" and record.levelno == logging.WARNING
    ]


@pytest.fixture
def site_log():
    """What the site's log handler (settings.LOGGING, standard output) writes, read back."""
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert handlers, "the site's log handler is not installed"
    written = io.StringIO()
    previous = [handler.setStream(written) for handler in handlers]
    yield written
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


@pytest.mark.page_cache
def test_after_one_timeout_pages_skip_the_cache_and_are_still_served(
    client, org_a, silent_redis, caplog, site_log
):
    ProgrammeFactory(organisation=org_a, title="Syns ändå", publish_state=PublishState.PUBLISHED)
    silent_redis.use(backoff_seconds=300)

    response = client.get("/program/")
    assert response.status_code == 200
    assert "Syns ändå" in response.content.decode()
    asked = silent_redis.asked()
    assert asked[0] >= 1 and asked[1] > 0, "the first page did not ask Redis"

    for path in ["/program/", "/", "/publikationer/", "/program/?sida=1", "/nyheter/"]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Syns ändå" in client.get("/program/").content.decode()

    # Redis was not asked again, and the log says so once.
    assert silent_redis.asked() == asked
    assert len(backoff_warnings(caplog)) == 1
    assert "it is skipped for 300 s" in backoff_warnings(caplog)[0].getMessage()
    # The callers' own warnings about the skipped calls are left out of the site's log: it
    # has the back-off and, at most, a caller's warning about the one call that timed out.
    log = site_log.getvalue()
    assert log.count("it is skipped for 300 s") == 1, log
    assert "CacheSkipped" not in log, log
    assert len([line for line in log.splitlines() if " WARNING " in line]) <= 2, log


def test_after_the_back_off_one_call_asks_again(silent_redis, caplog, monkeypatch):
    silent_redis.use(backoff_seconds=5)
    clock = ManualClock()
    monkeypatch.setattr(caches["default"].backoff, "clock", clock)
    with pytest.raises(Exception):  # noqa: B017 - whatever the client raises for a timeout
        cache.get("anything")
    first = silent_redis.asked()
    assert first[1] > 0

    # Within the back-off nothing is asked, up to its last moment.
    for _ in range(3):
        with pytest.raises(Exception):  # noqa: B017
            cache.get_many(["a", "b"])
    clock.advance(4.9)
    with pytest.raises(Exception):  # noqa: B017
        cache.get("anything")
    assert silent_redis.asked() == first

    clock.advance(0.2)  # the back-off is over
    with pytest.raises(Exception):  # noqa: B017
        cache.get("anything")
    second = silent_redis.asked()
    assert second[1] > first[1], "the call after the back-off did not ask Redis"
    # It failed again: a new back-off, logged again, and nothing more is asked.
    with pytest.raises(Exception):  # noqa: B017
        cache.set("a", 1)
    assert silent_redis.asked() == second
    assert len(backoff_warnings(caplog)) == 2


def test_changes_are_still_sent_during_the_back_off(silent_redis):
    """Moving the content version on (an editor's change) is tried even during a back-off,
    so that it reaches a Redis that has come back."""
    silent_redis.use(backoff_seconds=300)
    with pytest.raises(Exception):  # noqa: B017
        cache.get("anything")
    before = silent_redis.asked()

    with pytest.raises(Exception):  # noqa: B017
        cache.incr("pagecache:version")

    assert silent_redis.asked()[1] > before[1]


def test_a_redis_that_answers_is_used(settings):
    url = redis_url(14)
    settings.CACHES = {
        "default": {
            "BACKEND": "growth_portal.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "backoff-tests",
            "OPTIONS": {"socket_timeout": 0.5, "backoff_seconds": 300},
        }
    }
    cache.set("fråga", "svar", 60)
    assert cache.get("fråga") == "svar"
    assert cache.get_or_set("annan", lambda: "beräknad", 60) == "beräknad"
    assert cache.incr(cache.get_or_set("räknare", 1) and "räknare") == 2
    cache.delete_many(["fråga", "annan", "räknare"])
    assert cache.get_many(["fråga", "annan"]) == {}
