"""Django's Redis cache, skipped for a short while after Redis failed to answer.

Every caller of the cache already carries on without it (the page cache builds the page,
``remember`` computes the list, the forms' rate limit lets the post through), but each call
first waits for the client's ``socket_timeout``. A Redis that accepts connections and never
answers would so add that wait to every page, several times over. ``RedisCache`` here fails
fast instead: after a call fails with a connection error or a timeout, calls raise
``CacheSkipped`` (a ``redis.exceptions.ConnectionError``, what an unreachable Redis raises, so
every caller's existing path applies) for ``backoff_seconds`` (in ``OPTIONS``), without asking
Redis. When the period is over, the next call asks again, alone: the others keep failing fast
until it answers (the cache is used again) or fails (another period). One warning per period
in the log, one line when Redis answers again; the callers' own warnings about a skipped call
are left out of the log (``SkippedCallFilter``, in settings.LOGGING).

Calls that retire what the cache holds (``delete``, ``delete_many``, ``incr`` and ``decr``,
``clear``: an editor's change moving the content version on) are always tried, so that a
change saved during a back-off still reaches a Redis that has come back. They are rare; they may
wait for the timeout.

The state is per process and per Redis location, shared by every thread's cache object.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DEFAULT_BACKOFF_SECONDS = 5


class CacheSkipped(RedisConnectionError):
    """Redis was not asked: it failed to answer a moment ago."""


class SkippedCallFilter(logging.Filter):
    """Leaves out log records about a call that failed because it was skipped: the back-off
    that skipped it was logged once, when it began."""

    def filter(self, record):
        return not (record.exc_info and isinstance(record.exc_info[1], CacheSkipped))


class BackOff:
    """Whether calls to one Redis fail fast now, for all the threads of a process. ``clock``
    gives the time back-offs are measured on (seconds, never going back)."""

    def __init__(self, location, seconds, clock=time.monotonic):
        self.location = location
        self.seconds = seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.until = None  # monotonic time the back-off ends; None while Redis answers
        self.logged_until = 0.0

    def skipping(self):
        """True while calls should not ask Redis. The first caller after a period ends is let
        through, and the period is pushed on for the others while it asks."""
        if self.until is None:
            return False
        with self.lock:
            now = self.clock()
            if self.until is None:
                return False
            if now < self.until:
                return True
            self.until = now + self.seconds
            return False

    def failed(self, error):
        with self.lock:
            now = self.clock()
            self.until = now + self.seconds
            if now < self.logged_until:
                return
            self.logged_until = self.until
        logger.warning(
            "The cache (Redis at %s) does not answer (%s: %s); it is skipped for %g s.",
            self.location,
            type(error).__name__,
            error,
            self.seconds,
        )

    def answered(self):
        if self.until is None:
            return
        with self.lock:
            self.until = None
            self.logged_until = 0.0
        logger.info("The cache (Redis at %s) answers again.", self.location)


_backoffs = {}
_backoffs_lock = threading.Lock()


def backoff_for(location, seconds):
    """The one ``BackOff`` of this process for a Redis location."""
    with _backoffs_lock:
        key = (location, seconds)
        if key not in _backoffs:
            _backoffs[key] = BackOff(location, seconds)
        return _backoffs[key]


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that fails fast for
    ``OPTIONS["backoff_seconds"]`` (default 5) after Redis failed to answer. The methods
    Django builds from others (``get_or_set``, ``decr``, ``incr_version``, the async ones) go
    through these."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        seconds = float(options.pop("backoff_seconds", DEFAULT_BACKOFF_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        location = server if isinstance(server, str) else ",".join(server)
        self.backoff = backoff_for(location, seconds)

    def guarded(self, call, *args, retiring=False, **kwargs):
        if not retiring and self.backoff.skipping():
            raise CacheSkipped(f"skipped for {self.backoff.seconds:g} s after a failed call")
        try:
            result = call(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self.backoff.failed(error)
            raise
        except Exception:
            self.backoff.answered()  # Redis answered, with an error (incr of a missing key)
            raise
        self.backoff.answered()
        return result

    # Reading and storing: fail fast during a back-off.

    def get(self, *args, **kwargs):
        return self.guarded(super().get, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self.guarded(super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self.guarded(super().has_key, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self.guarded(super().set, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self.guarded(super().set_many, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self.guarded(super().add, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self.guarded(super().touch, *args, **kwargs)

    # Retiring: always tried.

    def delete(self, *args, **kwargs):
        return self.guarded(super().delete, *args, retiring=True, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self.guarded(super().delete_many, *args, retiring=True, **kwargs)

    def incr(self, *args, **kwargs):
        return self.guarded(super().incr, *args, retiring=True, **kwargs)

    def clear(self, *args, **kwargs):
        return self.guarded(super().clear, *args, retiring=True, **kwargs)
