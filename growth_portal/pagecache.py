"""The page cache: anonymous visitors' pages come from Django's cache, and every change an
editor makes retires all of them at once.

How it stays exact:

* Every cached page carries the *content version* it was rendered under, one counter in the
  cache, and is served only while that is still the current version. Page and version are
  read together, in one round trip to the cache (``get_many``, a single MGET in Redis). Any save,
  delete or relation change of a model visitors can see (``PUBLIC_APPS``) increments it, once
  when it happens and once more when its transaction commits. The second increment matters: a
  visitor's request that read the new version before the commit may have rendered the old
  rows, and what it stored is then under a version nobody asks for any more.
* Scheduled publishing changes what visitors see without anyone saving. The earliest future
  ``publish_from`` of anything published, after the moment a page began to render, is looked
  up (once per version) and no page is kept past it; a page whose rendering straddled it is
  not kept at all.
* Pages that depend on today's date (a programme's status, the timeline) are keyed by the
  local date too.
* Only anonymous GET and HEAD requests are served from it: a request with a session cookie
  (an editor, even on a public page) always gets a fresh page. Only complete 200 answers that
  set no cookie and are not marked private or ``no-store`` are stored, so a page with a CSRF
  token (a form) is never shared.
* Bulk writes that send no per-row signals (``rebuild_search_index``) send one of their own
  (``search.indexing.index_rebuilt``), or call :func:`content_changed`.

The cache is Redis when ``REDIS_URL`` is set and local memory otherwise; local memory is per
process, so with several gunicorn workers the increments of one are not seen by the others
(``check --deploy`` warns, see checks.py). A cache that fails is logged and skipped: pages
are then built fresh, never lost.
"""

import hashlib
import logging
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

# Apps whose rows visitors see; a change to any of their models changes some public page.
PUBLIC_APPS = frozenset({"programmes", "publications", "content", "search", "taggit"})
# Models in those apps that no public page shows: a visitor's accessibility request must not
# empty the cache for everyone.
PRIVATE_MODELS = frozenset({"content.accessibilityrequest"})

VERSION_KEY = "pagecache:version"
HEADER = "X-Page-Cache"
# Headers that belong to one answer, not to the page.
UNSHARED_HEADERS = frozenset({"set-cookie", "date", "x-page-cache"})


def is_public_model(model):
    meta = model._meta
    return meta.app_label in PUBLIC_APPS and meta.label_lower not in PRIVATE_MODELS


# --- The content version ------------------------------------------------------------------


def current_version():
    """The content version, creating it on first use; None if the cache does not answer."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # add() does nothing if another process created it meanwhile.
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
        return version
    except Exception:
        logger.warning("page cache: the cache does not answer; serving fresh pages", exc_info=True)
        return None


def bump_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # No version yet (or it was evicted): a new, never used one.
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.warning("page cache: could not retire cached pages", exc_info=True)


def content_changed(using=None):
    """Retire every cached page: now, and again when the current transaction commits."""
    bump_version()
    transaction.on_commit(bump_version, using=using)


def _model_changed(sender, using=None, **kwargs):
    if is_public_model(sender):
        content_changed(using)


def _relation_changed(sender, instance, action, model, using=None, **kwargs):
    if action.startswith("post_") and (is_public_model(type(instance)) or is_public_model(model)):
        content_changed(using)


def _index_rebuilt(sender, **kwargs):
    content_changed()


# The search index's rows change only with the items they describe (whose own signals retire
# the pages) or in bulk (rebuild, which sends index_rebuilt). Listening to their deletes would
# also make every bulk delete of them load each row first (Django's fast delete is off for a
# model with delete listeners).
NO_DELETE_LISTENER = frozenset(
    {"search.searchdocument", "search.searchterm", "search.searchremoval"}
)


def connect_signals():
    """Receivers per public model, not for every model: a delete listener on all models would
    turn off Django's fast delete for sessions and the like."""
    from search.indexing import index_rebuilt

    dispatch = "growth_portal.pagecache"
    for model in apps.get_models():
        if not is_public_model(model):
            continue
        label = model._meta.label_lower
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"{dispatch}.save.{label}")
        if label not in NO_DELETE_LISTENER:
            post_delete.connect(
                _model_changed, sender=model, dispatch_uid=f"{dispatch}.delete.{label}"
            )
    m2m_changed.connect(_relation_changed, dispatch_uid=f"{dispatch}.m2m")
    index_rebuilt.connect(_index_rebuilt, dispatch_uid=f"{dispatch}.search")


# --- Scheduled publishing -----------------------------------------------------------------


def publishable_models():
    from programmes.models.base import Publishable

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and is_public_model(model)
    ]


def next_scheduled_change(now):
    """The earliest future publish-from time of anything published, or None."""
    from programmes.choices import PublishState

    times = []
    for model in publishable_models():
        found = model._base_manager.filter(
            publish_state=PublishState.PUBLISHED, publish_from__gt=now
        ).aggregate(first=Min("publish_from"))["first"]
        if found is not None:
            times.append(found)
    return min(times, default=None)


def seconds_to_keep(version, rendered_from, now=None):
    """How long a page rendered from the database as it was at ``rendered_from`` may be kept:
    the configured time, but never past the next scheduled publication after that moment.
    0 (do not keep it) if such a publication has come by ``now``, while the page was being
    rendered."""
    keep = settings.PAGE_CACHE_SECONDS
    key = f"pagecache:next:{version}"
    next_change = cache.get(key)
    # A value looked up earlier under this version is still the next one unless it has passed.
    if next_change is None or (next_change and next_change <= rendered_from.timestamp()):
        found = next_scheduled_change(rendered_from)
        next_change = found.timestamp() if found else 0
        cache.set(key, next_change, timeout=keep + 60)
    if next_change:
        remaining = next_change - (now or timezone.now()).timestamp()
        if remaining < 1:
            return 0
        keep = min(keep, int(remaining))
    return keep


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
    from django.http import HttpResponse

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
