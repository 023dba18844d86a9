"""The page cache's content version: anonymous visitors' pages come from Django's cache
(pagecache/middleware.py), and every change an editor makes retires all of them at once.

How it stays exact:

* Every cached page carries the *content version* it was rendered under, one counter in the
  cache, and is served only while that is still the current version. Page and version are
  read together, in one round trip to the cache (``get_many``, a single MGET in Redis). Any save,
  delete or relation change of a model visitors can see (``settings.PAGE_CACHE_PUBLIC_APPS``) increments it, once
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
* Bulk writes that send no per-row signals (``rebuild_search_index``, a restore) call
  :func:`content_changed` themselves.

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
from django.utils.translation import get_language

from publishing.choices import PublishState
from publishing.models import Publishable

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"


def is_public_model(model):
    """Whether visitors see rows of ``model``: the apps of ``PAGE_CACHE_PUBLIC_APPS``, except
    the models of ``PAGE_CACHE_PRIVATE_MODELS`` (a visitor's accessibility request must not
    empty the cache for everyone)."""
    meta = model._meta
    return (
        meta.app_label in settings.PAGE_CACHE_PUBLIC_APPS
        and meta.label_lower not in settings.PAGE_CACHE_PRIVATE_MODELS
    )


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


# The search index's rows change only with the items they describe (whose own signals retire
# the pages) or in bulk (a rebuild, which calls content_changed() itself). Listening to their deletes would
# also make every bulk delete of them load each row first (Django's fast delete is off for a
# model with delete listeners).
NO_DELETE_LISTENER = frozenset({"search.searchdocument", "search.searchremoval"})


def connect_signals():
    """Receivers per public model, not for every model: a delete listener on all models would
    turn off Django's fast delete for sessions and the like."""
    dispatch = "pagecache"
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


# --- Scheduled publishing -----------------------------------------------------------------


def publishable_models():

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and is_public_model(model)
    ]


def next_scheduled_change(now):
    """The earliest future publish-from time of anything published, or None."""
    times = []
    for model in publishable_models():
        found = model._base_manager.filter(
            publish_state=PublishState.PUBLISHED, publish_from__gt=now
        ).aggregate(first=Min("publish_from"))["first"]
        if found is not None:
            times.append(found)
    return min(times, default=None)


def seconds_to_keep(version, rendered_from, now=None, keep=None):
    """How long something rendered from the database as it was at ``rendered_from`` may be
    kept: ``keep`` seconds (the page cache's time by default), but never past the next
    scheduled publication after that moment. 0 (do not keep it) if such a publication has come
    by ``now``, while it was being rendered."""
    if keep is None:
        keep = settings.PAGE_CACHE_SECONDS
    key = f"pagecache:next:{version}"
    next_change = cache.get(key)
    # A value looked up earlier under this version is still the next one unless it has passed.
    if next_change is None or (next_change and next_change <= rendered_from.timestamp()):
        found = next_scheduled_change(rendered_from)
        next_change = found.timestamp() if found else 0
        cache.set(key, next_change, timeout=max(keep, settings.PAGE_CACHE_SECONDS) + 60)
    if next_change:
        remaining = next_change - (now or timezone.now()).timestamp()
        if remaining < 1:
            return 0
        keep = min(keep, int(remaining))
    return keep


# --- Derived data -------------------------------------------------------------------------


def remember(key, compute):
    """``compute()``, kept in Django's cache under ``key`` for as long as the content it was
    computed from is current: the key is joined with the content version, today's date and the
    language, and the value is kept at most ``settings.DERIVED_CACHE_SECONDS`` and never past
    the next scheduled publication (``seconds_to_keep``). For what only changes when content
    changes (a filter's options, a page's related lists), so that a change shows at once while
    an unchanged site does not compute it again for every visitor. ``key`` is a tuple of plain
    values; the value must pickle. A cache that does not answer is skipped: the value is then
    computed every time."""
    if settings.DERIVED_CACHE_SECONDS <= 0:
        return compute()
    version = current_version()
    if version is None:
        return compute()
    parts = (version, timezone.localdate().isoformat(), get_language(), *key)
    cache_key = "pagecache:derived:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    try:
        found = cache.get(cache_key)
    except Exception:
        logger.warning("derived data: the cache does not answer", exc_info=True)
        return compute()
    # Kept with the time it expires, checked here too: the cache's own expiry follows its
    # server's clock, the schedule follows the site's.
    if found is not None and timezone.now().timestamp() < found[0]:
        return found[1]
    started = timezone.now()
    value = compute()
    try:
        seconds = seconds_to_keep(version, started, keep=settings.DERIVED_CACHE_SECONDS)
        if seconds > 0:
            cache.set(cache_key, (started.timestamp() + seconds, value), seconds)
    except Exception:
        # A database error while looking up the schedule, or a cache that fails: the value is
        # still returned; it is just not kept.
        logger.warning("derived data: could not keep %r", key, exc_info=True)
    return value
