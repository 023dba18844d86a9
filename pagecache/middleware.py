"""The page cache's middleware: anonymous visitors' pages from Django's cache, each stored
with the content version it was rendered under (pagecache/versions.py)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from .versions import VERSION_KEY, current_version, seconds_to_keep

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Headers that belong to one answer, not to the page.
UNSHARED_HEADERS = frozenset({"set-cookie", "date", "x-page-cache"})

# --- The middleware -----------------------------------------------------------------------


# Addresses whose answers are never stored, so their requests skip the lookup altogether.
NEVER_STORED_PREFIXES = ("/admin/", "/healthz", "/readyz", "/media/", "/static/")


def page_key(request):
    """The cache key of a page: today's date, scheme, host and the full address. The content version
    is stored with the page, so a newer version makes every older page a miss."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:page:{timezone.localdate().isoformat()}:{digest}"


def lookup(key):
    """The current content version and the stored page under ``key`` (None if none, or if it
    was rendered under another version), in one round trip. The version is created if there
    is none; (None, None) when the cache does not answer."""
    try:
        found = cache.get_many([VERSION_KEY, key])
    except Exception:
        logger.warning("page cache: the cache does not answer; serving fresh pages", exc_info=True)
        return None, None
    version = found.get(VERSION_KEY)
    if version is None:
        return current_version(), None
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, None
    return version, stored[1:]


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


def rebuild(request, stored):
    status, headers, content = stored
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
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
        version, stored = lookup(key)
        if version is None:
            return self.get_response(request)
        if stored is not None:
            return rebuild(request, stored)
        started = timezone.now()
        response = self.get_response(request)
        if storable(request, response):
            self.store(key, version, started, response)
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
    def store(key, version, started, response):
        try:
            timeout = seconds_to_keep(version, started)
            if timeout <= 0:
                return
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSHARED_HEADERS
            ]
            cache.set(key, (version, response.status_code, headers, response.content), timeout)
            response[HEADER] = "miss"
        except Exception:
            # A database error while looking up the schedule, or a cache that fails: the
            # visitor still gets the page; it is just not kept.
            logger.warning("page cache: could not store %s", key, exc_info=True)
