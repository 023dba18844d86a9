"""The page cache's middleware: anonymous visitors' pages from Django's cache, each stored
with the keys of what it shows (pagecache/keys.py) and valid while none of them is retired.

* Only anonymous GET and HEAD requests are served from it: a request with a session cookie
  (an editor, even on a public page) always gets a fresh page. Only complete 200 answers that
  set no cookie and are not marked private, ``no-store`` or ``no-cache`` are stored, so a page
  with a CSRF token (a form) is never shared.
* A page is stored with the change counter as it was when it began to render, its keys, and
  the time it expires (pagecache/versions.py). A hit takes two round trips to the cache, however
  many keys the page has: the counter with the page, then the page's keys' counters.
* Stored pages carry HTTP caching headers for browsers and shared caches: ``Cache-Control:
  public`` with ``s-maxage`` the time the page has left, ``Last-Modified`` (when it was
  rendered) and its keys in ``Surrogate-Key`` (which CDNs read) and, where the site purges a
  proxy (``PAGE_CACHE_PURGE_URLS``), in ``xkey`` too (Varnish's xkey module reads that one).
  Each header's length is capped in pagecache/keys.py so that a proxy's header buffer holds
  it.
  A page that could not be stored because it went stale while it was rendered is sent with
  ``Cache-Control: no-cache``.
* A cache that fails is logged and skipped: pages are then built fresh, never lost.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.http import http_date

from .keys import SEQ_KEY, collecting, now, start_seq, still_valid
from .versions import keep_until, settle

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Headers that belong to one answer, not to the page, or that are set anew for each answer.
UNSHARED_HEADERS = frozenset(
    {
        "set-cookie",
        "date",
        "x-page-cache",
        "cache-control",
        "last-modified",
        "surrogate-key",
        "xkey",
    }
)

# Addresses whose answers are never stored, so their requests skip the lookup altogether.
NEVER_STORED_PREFIXES = ("/admin/", "/healthz", "/readyz", "/media/", "/static/")


def page_key(request):
    """The cache key of a page: scheme, host and the full address."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:page:{digest}"


class Page:
    """A stored page: what is kept in the cache, as a plain tuple."""

    def __init__(self, seq, keys, status, headers, content, rendered_at, expires_at):
        self.seq, self.keys, self.status, self.headers = seq, keys, status, headers
        self.content, self.rendered_at, self.expires_at = content, rendered_at, expires_at

    def astuple(self):
        return (
            self.seq,
            self.keys,
            self.status,
            self.headers,
            self.content,
            self.rendered_at,
            self.expires_at,
        )


def lookup(key):
    """The change counter and the valid stored page under ``key`` (None if none): the counter
    with the page in one round trip, the page's keys in a second. The counter is created if
    there is none; (None, None) when the cache does not answer."""
    try:
        found = cache.get_many([SEQ_KEY, key])
        seq = found.get(SEQ_KEY)
        if seq is None:
            return start_seq(), None
        stored = found.get(key)
        if stored is None:
            return seq, None
        page = Page(*stored)
        if now() >= page.expires_at or not still_valid(page.seq, page.keys):
            return seq, None
        return seq, page
    except Exception:
        logger.warning("page cache: the cache does not answer; serving fresh pages", exc_info=True)
        return None, None


def storable(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not cache_control & {"private", "no-store", "no-cache"}


def describe(response, keys, rendered_at, expires_at):
    """The HTTP caching headers of a stored page with ``keys``, ``expires_at``."""
    remaining = max(int(expires_at - now()), 0)
    browser = min(settings.PAGE_CACHE_BROWSER_SECONDS, remaining)
    response["Cache-Control"] = f"public, max-age={browser}, s-maxage={remaining}"
    response["Last-Modified"] = http_date(rendered_at)
    response["Surrogate-Key"] = " ".join(sorted(keys))
    if settings.PAGE_CACHE_PURGE_URLS:
        # Only a proxy that the site purges reads it; without one it would only double the
        # size of the headers a proxy in front must hold.
        response["xkey"] = response["Surrogate-Key"]


def rebuild(request, page):
    response = HttpResponse(b"" if request.method == "HEAD" else page.content, status=page.status)
    for name, value in page.headers:
        response[name] = value
    describe(response, page.keys, page.rendered_at, page.expires_at)
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves anonymous visitors' GET and HEAD requests from the cache and stores what they
    get (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        seq, page = lookup(key)
        if page is not None:
            return rebuild(request, page)
        if seq is None:
            response = self.get_response(request)
            if storable(request, response):
                response["Cache-Control"] = "no-cache"
            return response
        with collecting() as collector:
            response = self.get_response(request)
        if storable(request, response):
            self.store(key, seq, collector, response)
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(NEVER_STORED_PREFIXES)
        )

    @staticmethod
    def store(key, seq, collector, response):
        """Stores the page, unless it went stale while it was rendered; sets its headers."""
        try:
            settled = settle(collector, seq)
            until = None
            if settled is not None:
                keys, bound = settled
                until = keep_until(bound, settings.PAGE_CACHE_SECONDS)
            if until is None:
                response["Cache-Control"] = "no-cache"
                return
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSHARED_HEADERS
            ]
            rendered_at = int(collector.started)
            page = Page(
                seq, keys, response.status_code, headers, response.content, rendered_at, until
            )
            cache.set(key, page.astuple(), int(until - now()) + 1)
            describe(response, keys, rendered_at, until)
            response[HEADER] = "miss"
        except Exception:
            # A database error while looking up the schedule, or a cache that fails: the
            # visitor still gets the page; it is just not kept.
            response["Cache-Control"] = "no-cache"
            logger.warning("page cache: could not store %s", key, exc_info=True)
