"""Purges of the reverse proxies in front of the site (Varnish with the xkey vmod, see
deploy/varnish/default.vcl): after each committed change the keys it retired
(``signals.keys_retired``) go to every URL in ``settings.PAGE_CACHE_PURGE_URLS`` as

    PURGE <url>
    xkey: programme:12 list:programme ...

and the proxy drops every page that carries one of them.

How it stays out of the editor's way:

* The receiver only puts the keys on a queue. One daemon thread per proxy URL sends them, so
  a save never waits for a proxy, and a proxy that does not answer delays no other proxy.
  Keys that pile up while a proxy is slow go out together in the next purge.
* Each request has a short timeout (``PAGE_CACHE_PURGE_TIMEOUT``) and is tried again a few
  times with a growing pause (``PAGE_CACHE_PURGE_RETRIES``); a proxy that still does not
  answer, or refuses, is logged as a warning and skipped. Nothing here raises into a save.
* Keys go in batches whose header stays under 4 kB; ``all`` alone stands for every page.
* The threads start on first use in the process that enqueues, so each gunicorn worker (forked
  from a master that loaded the application) starts its own; a forked child forgets the
  parent's threads, which did not come with it.
* gunicorn's master starts none: the release's purge at start-up (growth_portal/wsgi.py) is
  sent ``at_once``, by the calling thread, before the master forks its workers.

Why each purge is sent twice: a visitor's request that read the old rows just before the
editor's commit can finish rendering, and reach the proxy, just after the first purge; the
proxy would then keep the old page until its ``s-maxage`` ends. The same keys are therefore
purged once more ``PAGE_CACHE_PURGE_REPEAT_SECONDS`` after the first purge went out, which
removes such a page (a render taking longer than that is not covered; the page's lifetime
then bounds how long it stays).

A process that exits (a management command such as ``rebuild_search_index``) waits a little
(``FLUSH_SECONDS``) for its first purges to go out; the repeats are dropped then.
"""

import atexit
import contextvars
import heapq
import itertools
import logging
import os
import queue
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from django.conf import settings

from .signals import keys_retired

logger = logging.getLogger(__name__)

# The one key that every page carries: purging it empties the proxy.
ALL = "all"
# Longest ``xkey`` header value per request (the keys joined by spaces).
MAX_HEADER = 4000
# Pause before the first retry; each further retry waits twice as long.
FIRST_BACKOFF = 0.5
# How long an exiting process waits for its pending purges.
FLUSH_SECONDS = 10


def batches(keys, limit=MAX_HEADER):
    """The keys as header values of at most ``limit`` characters, in a stable order; ``all``
    alone when it is among them."""
    if ALL in keys:
        return [ALL]
    values, current = [], ""
    for key in sorted(keys):
        if current and len(current) + 1 + len(key) > limit:
            values.append(current)
            current = ""
        current = f"{current} {key}" if current else key
    if current:
        values.append(current)
    return values


# Ignores http_proxy and the like from the environment: the purge goes to the URL as given.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def send(url, value, retries=None):
    """One PURGE of the keys in ``value`` to ``url``, retried (``retries`` times, by default
    ``PAGE_CACHE_PURGE_RETRIES``); True when the proxy accepted it. Failures are logged, never
    raised."""
    if retries is None:
        retries = settings.PAGE_CACHE_PURGE_RETRIES
    attempts = 1 + max(0, retries)
    pause = FIRST_BACKOFF
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, method="PURGE", headers={"xkey": value})
        try:
            with _opener.open(request, timeout=settings.PAGE_CACHE_PURGE_TIMEOUT) as response:
                response.read()
                logger.debug("purged %s at %s: %s", value, url, response.headers.get("X-Purged"))
                return True
        except urllib.error.HTTPError as error:
            if error.code < 500:
                # Refused (not in the proxy's ACL, no xkey support): trying again will not help.
                logger.warning("page cache purge: %s refused the purge (%s)", url, error.code)
                return False
            problem = f"HTTP {error.code}"
        except (OSError, ValueError) as error:
            # URLError, timeouts and refused connections are OSErrors; ValueError: a bad URL.
            problem = str(getattr(error, "reason", error)) or type(error).__name__
        if attempt < attempts:
            time.sleep(pause)
            pause *= 2
    keys = value.split()
    logger.warning(
        "page cache purge: %s does not answer (%s); %d attempt(s), %d key(s) not purged: %s",
        url,
        problem,
        attempts,
        len(keys),
        value if len(value) <= 200 else value[:200] + " …",
    )
    return False


class Sender:
    """A queue and a daemon thread that sends its keys to one proxy URL (see the module's
    docstring)."""

    def __init__(self, url):
        self.url = url
        self.queue = queue.SimpleQueue()
        self.pending = 0
        self.idle = threading.Condition()
        self.thread = threading.Thread(target=self.run, name=f"pagecache-purge {url}", daemon=True)
        self.thread.start()

    def put(self, keys):
        with self.idle:
            self.pending += 1
        self.queue.put(frozenset(keys))

    def run(self):
        repeats = []  # (due on the monotonic clock, sequence number, keys)
        sequence = itertools.count()
        while True:
            wait = max(0.0, repeats[0][0] - time.monotonic()) if repeats else None
            keys, taken = set(), 0
            try:
                keys |= self.queue.get(timeout=wait)
                taken += 1
                while True:
                    keys |= self.queue.get_nowait()
                    taken += 1
            except queue.Empty:
                pass
            now = time.monotonic()
            while repeats and repeats[0][0] <= now:
                keys |= heapq.heappop(repeats)[2]
            try:
                for value in batches(keys):
                    send(self.url, value)
            except Exception:
                logger.exception("page cache purge: could not purge %s", self.url)
            if taken:
                delay = settings.PAGE_CACHE_PURGE_REPEAT_SECONDS
                if delay > 0:
                    due = time.monotonic() + delay
                    heapq.heappush(repeats, (due, next(sequence), frozenset(keys)))
                with self.idle:
                    self.pending -= taken
                    self.idle.notify_all()

    def wait_idle(self, deadline):
        """Wait until every key put so far has been sent once, or the deadline (monotonic)."""
        with self.idle:
            return self.idle.wait_for(
                lambda: self.pending == 0, timeout=max(0.0, deadline - time.monotonic())
            )


_senders = {}
_senders_lock = threading.Lock()


def _forget_senders():
    """In a forked child: the parent's threads did not come along."""
    global _senders_lock
    _senders.clear()
    _senders_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_senders)


def sender_for(url):
    with _senders_lock:
        found = _senders.get(url)
        if found is None:
            found = _senders[url] = Sender(url)
        return found


# True within ``at_once``.
_sending_at_once = contextvars.ContextVar("sending_at_once", default=False)


@contextmanager
def at_once():
    """Purges asked for in the block are sent before ``purge`` returns, by the calling thread:
    each proxy is tried once, with the short timeout, and not again later. No thread is
    started, so a process that forks afterwards (gunicorn's master, at start-up) leaves none
    behind and holds no lock of one."""
    token = _sending_at_once.set(True)
    try:
        yield
    finally:
        _sending_at_once.reset(token)


def purge(keys):
    """Queue a purge of ``keys`` at every configured proxy; returns at once (within
    ``at_once``: once it was sent)."""
    if not keys:
        return
    for url in settings.PAGE_CACHE_PURGE_URLS:
        if _sending_at_once.get():
            for value in batches(keys):
                send(url, value, retries=0)
        else:
            sender_for(url).put(keys)


def flush(seconds=FLUSH_SECONDS):
    """Wait (at most ``seconds`` in all) until the keys queued so far have been sent once."""
    deadline = time.monotonic() + seconds
    with _senders_lock:
        senders = list(_senders.values())
    return all(found.wait_idle(deadline) for found in senders)


atexit.register(flush)


def _keys_retired(sender, keys, **kwargs):
    purge(keys)


def connect_signals():
    keys_retired.connect(_keys_retired, dispatch_uid="pagecache.purge")
