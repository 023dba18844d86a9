"""How long what was built from content may be kept, and values derived from content kept in
Django's cache (``remember``).

Keys (pagecache/keys.py) retire what an editor's change makes stale. Time does the rest:

* Scheduled publishing changes what visitors see without anyone saving. For each publishable
  model a page's queries depended on, the earliest future ``publish_from`` of a published item
  after the page began to render is looked up (once per change of that model, kept in the
  cache) and the page is not kept past it; a page whose rendering straddled it is not kept at
  all. A published item whose time has not come that a page loaded does the same.
* What depends on today's date carries a ``day:`` key and is not kept past local midnight.
"""

import datetime
import functools
import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import get_language

from publishing.choices import PublishState
from publishing.models import Publishable

from .keys import (
    SEQ_KEY,
    collecting,
    counter_key,
    current,
    ignored,
    is_public_model,
    now,
    start_seq,
    still_valid,
)
from .names import ALL, compact, list_key

__all__ = ["is_public_model", "register_schedule", "remember", "settle", "next_scheduled_change"]

logger = logging.getLogger(__name__)


# --- Scheduled publishing -----------------------------------------------------------------


# Models whose rows become visible at a time without a save: model → (the field with that
# time, the conditions a row must meet to become visible then).
_schedules = {}


def register_schedule(model, field, **conditions):
    """Rows of ``model`` become visible to visitors when the time in ``field`` comes, if they
    meet ``conditions``; a page that read ``model`` is not kept past the next such time.
    Publishable models are registered here; other apps register theirs (the search index's
    documents) when they are ready."""
    _schedules[model] = (field, conditions)


@functools.cache
def scheduled_models():
    for model in apps.get_models():
        if issubclass(model, Publishable) and is_public_model(model) and not model._meta.proxy:
            _schedules.setdefault(
                model, ("publish_from", {"publish_state": PublishState.PUBLISHED})
            )
    return dict(_schedules)


def next_scheduled_change(model, after):
    """The earliest time after ``after`` when a row of ``model`` becomes visible, or None."""
    field, conditions = scheduled_models()[model]
    rows = model._base_manager.filter(**conditions, **{f"{field}__gt": after})
    return rows.aggregate(pagecache_next=Min(field))["pagecache_next"]


def _next_key(model):
    return f"pagecache:next:{model._meta.label_lower}"


def _midnight_after(day):
    following = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(following).timestamp()


def settle(collector, seq):
    """The keys of what ``collector`` collected (compacted, with ``all``) and the time until
    which content does not change what was built (None if no such time is known), or None if
    it must not be kept: one of its keys was retired while it was built (since the change
    counter was ``seq``), a scheduled publication it depends on came while it was built, or
    the keys of one of its queries could not be read.
    One round trip to the cache to check, and one to keep new schedule look-ups."""
    if collector.unreadable:
        return None
    keys = compact(collector.keys | {ALL}, collector.loaded, collector.joined)
    scheduled = [model for model in collector.models if model in scheduled_models()]
    names = [counter_key(key) for key in keys if not key.startswith("day:")]
    names += [counter_key(list_key(model)) for model in scheduled]
    names += [_next_key(model) for model in scheduled]
    names.append(counter_key(ALL))
    found = cache.get_many(names)
    if any(found.get(counter_key(key), 0) > seq for key in keys):
        return None
    bound = collector.until
    started = datetime.datetime.fromtimestamp(collector.started, tz=datetime.UTC)
    looked_up = {}
    for model in scheduled:
        # Kept with the counters of the model's list key and of "all": valid until its rows
        # change (one by one or in bulk), or until it passes.
        stamp = (found.get(counter_key(list_key(model))), found.get(counter_key(ALL)))
        known = found.get(_next_key(model))
        if known is not None and known[0] == stamp and (not known[1] or known[1] > started):
            following = known[1]
        else:
            with ignored():
                following = next_scheduled_change(model, started)
            looked_up[_next_key(model)] = (stamp, following)
        if following is not None:
            moment = following.timestamp()
            bound = moment if bound is None else min(bound, moment)
    for key in keys:
        if key.startswith("day:"):
            moment = _midnight_after(datetime.date.fromisoformat(key[4:]))
            bound = moment if bound is None else min(bound, moment)
    if looked_up:
        cache.set_many(looked_up, timeout=max(settings.PAGE_CACHE_SECONDS, 60) * 6)
    if bound is not None and bound - now() < 1:
        return None
    return keys, bound


def keep_until(bound, seconds):
    """When something with content ``bound`` (or None) may be kept at most ``seconds``
    expires; None if it should not be kept at all (less than a second left)."""
    until = now() + seconds
    if bound is not None:
        until = min(until, bound)
    return until if until - now() >= 1 else None


# --- Derived data -------------------------------------------------------------------------


def remember(key, compute):
    """``compute()``, kept in Django's cache under ``key`` (and the language) while what it
    was computed from is unchanged: the keys it collected are checked on every use, and it is
    kept at most ``settings.DERIVED_CACHE_SECONDS``, never past the next scheduled publication
    it depends on or midnight if it depends on today. Its keys are added to the page being
    built, whether it was computed or found, so the page is retired with it. For what only
    changes when content changes (a filter's options, a page's related lists). ``key`` is a
    tuple of plain values; the value must pickle. A cache that does not answer is skipped: the
    value is then computed every time."""
    if settings.DERIVED_CACHE_SECONDS <= 0:
        return compute()
    parts = (get_language(), *key)
    cache_key = "pagecache:derived:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    try:
        found = cache.get_many([SEQ_KEY, cache_key])
        seq = found.get(SEQ_KEY) or start_seq()
        stored = found.get(cache_key)
        # Kept with the time it expires, checked here too: the cache's own expiry follows its
        # server's clock, the schedule follows the site's.
        if stored is not None and now() < stored[3] and still_valid(stored[0], stored[1]):
            _, keys, bound, _, value = stored
            outer = current()
            if outer is not None:
                outer.keys |= keys
                outer.bound(bound)
            return value
    except Exception:
        logger.warning("derived data: the cache does not answer", exc_info=True)
        return compute()
    with collecting() as collector:
        value = compute()
    try:
        settled = settle(collector, seq)
        if settled is not None:
            keys, bound = settled
            until = keep_until(bound, settings.DERIVED_CACHE_SECONDS)
            if until is not None:
                timeout = int(until - now()) + 1
                cache.set(cache_key, (seq, keys, bound, until, value), timeout)
    except Exception:
        # A database error while looking up the schedule, or a cache that fails: the value is
        # still returned; it is just not kept.
        logger.warning("derived data: could not keep %r", key, exc_info=True)
    return value
