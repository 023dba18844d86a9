"""The keys of what a page shows, and their retirement when content changes.

Every cached page (pagecache/middleware.py) and every remembered value (``versions.remember``)
carries the keys of what it was built from, collected while it was built from the SQL text of
each query it runs (read by pagecache/sql.py):

* ``<model>:<pk>`` for each row a query asked for by primary key (found or not), and for each
  row of a public model it loaded (``post_init``; see ``compact`` for why those may go);
* ``<model>.<column>:<value>`` where a query asked only for the rows whose foreign key or
  unique column has a value (``WHERE "t"."parent_id" = %s``: the sub-programmes of one
  programme, the publication with one slug);
* ``<link>.<column>:<value>~<model>.<read>`` where a query read the column ``read`` of the rows
  of ``model`` linked to one row through a many-to-many table (the titles of a publication's
  programmes): a change of that column of one of those rows retires it;
* ``set:<model>`` and ``col:<model>.<column>`` where a query may depend on any row of the model
  (a list, a count, a filter through a joined table) but reads only the columns it names: the
  answer changes when a row is added or deleted (``set:``) or when one of those columns of a
  row changes (``col:``). A programme list that shows titles and years is not retired by a new
  summary of a programme;
* ``list:<model>`` where a query may depend on anything about any row of the model (SQL whose
  columns are unknown); every change of a row of the model retires it;
* ``day:<YYYY-MM-DD>`` where what it shows depends on today's date (``depends_on_today``);
* ``all``.

A change retires keys (changes.py says which); ``content_changed()`` retires ``all``.

How it stays exact: a change counter ``pagecache:seq`` and, per retired key, the counter's
value at its last retirement. A page remembers the counter as it was when it began to render and
is valid while none of its keys was retired since. Retiring happens when the change is made and
again when its transaction commits: a page rendered in between from the old rows began before
the second retirement, so it is invalid. The counter of a retired key is kept longer than
anything that carries the key can be kept (``counter_seconds``), and must not be evicted before
it (see the cache settings); the change counter is kept for good and, if the cache loses it,
recreated larger than any page saw.
"""

import functools
import logging
import threading
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from functools import lru_cache, partial

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from publishing.choices import PublishState

from . import sql
from .names import (
    ALL,
    MAX_LINKED_COLUMNS,
    column_key,
    day_key,
    linked_key,
    list_key,
    model_name,
    object_key,
    rows_key,
    set_key,
)
from .signals import keys_retired

logger = logging.getLogger(__name__)

SEQ_KEY = "pagecache:seq"
COUNTER_PREFIX = "pagecache:key:"


def is_public_model(model):
    """Whether visitors see rows of ``model``: the apps of ``PAGE_CACHE_PUBLIC_APPS``, except
    the models of ``PAGE_CACHE_PRIVATE_MODELS`` (a visitor's accessibility request must not
    retire anyone's pages)."""
    meta = model._meta
    return (
        meta.app_label in settings.PAGE_CACHE_PUBLIC_APPS
        and meta.label_lower not in settings.PAGE_CACHE_PRIVATE_MODELS
    )


# --- Key names ------------------------------------------------------------------------------


def now():
    """The time as a timestamp, from Django's clock (which tests may set)."""
    return timezone.now().timestamp()


def counter_key(key):
    return COUNTER_PREFIX + key


# --- The public tables ----------------------------------------------------------------------


@functools.cache
def schema():
    """For each public table: its model, and for pagecache/sql.py its primary key's column, the
    columns that narrow a query to some rows (primary, foreign and generic keys, unique
    columns) and, for a table that links two others (a many-to-many table, taggit's tagged
    items), its foreign-key columns and the tables they point at."""
    tables, parser = {}, {}
    links = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created:
            links.add(model)
        for field in model._meta.get_fields():
            if field.many_to_many and not field.auto_created and field.remote_field.through:
                links.add(field.remote_field.through)
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not is_public_model(model):
            continue
        columns = {
            field.column
            for field in meta.concrete_fields
            if field.primary_key or field.unique or field.many_to_one or field.one_to_one
        }
        columns |= {
            meta.get_field(field.fk_field).column
            for field in meta.private_fields
            if isinstance(field, GenericForeignKey)
        }
        pointers = {}
        if model in links:
            pointers = {
                field.column: field.related_model._meta.db_table
                for field in meta.concrete_fields
                if field.many_to_one
            }
        tables[meta.db_table] = model
        parser[meta.db_table] = (meta.pk.column, frozenset(columns), pointers)
    models = {model._meta.model_name: model for model in tables.values()}
    return tables, models, parser


def is_link_table(model):
    return bool(schema()[2].get(model._meta.db_table, (None, None, {}))[2])


def key_fields(model):
    """The fields of ``model`` other than its primary key whose values make
    ``<model>.<column>:<value>`` keys."""
    _, key_columns, _ = schema()[2].get(model._meta.db_table, (None, frozenset(), {}))
    return [
        field
        for field in model._meta.concrete_fields
        if field.column in key_columns and not field.primary_key
    ]


@lru_cache(maxsize=4096)
def _dependencies(statement):
    return sql.dependencies(statement, schema()[2])


# --- Collecting a page's keys ---------------------------------------------------------------


class Collector:
    """The keys of what is being built, the models whose scheduled publications may change it
    (see versions.py) and the earliest time it must be rebuilt (None if none is known)."""

    def __init__(self):
        self.keys = set()
        self.loaded = set()  # the object keys of the rows loaded (compact() says why apart)
        self.joined = defaultdict(set)  # what covers rows loaded with others, if too many
        self.models = set()
        self.unreadable = False  # a query whose keys could not be read: keep nothing
        self.until = None
        self.started = now()

    def bound(self, timestamp):
        if timestamp is not None and (self.until is None or timestamp < self.until):
            self.until = timestamp

    def add(self, other):
        self.keys |= other.keys
        self.loaded |= other.loaded
        for name, found in other.joined.items():
            self.joined[name] |= found
        self.models |= other.models
        self.unreadable |= other.unreadable
        self.bound(other.until)

    def query(self, statement, params):
        tables = schema()[0]
        try:
            found_all = _dependencies(statement)
        except Exception:
            # A fault in the reader must not fail the page: it is sent, but not kept.
            logger.exception("page cache: could not read %r", statement[:200])
            self.unreadable = True
            return
        for found in found_all:
            model = tables[found.table]
            if isinstance(found, sql.Loaded | sql.Whole) and found.columns is not None:
                read = {set_key(model)} | {
                    column_key(model, column)
                    for column in found.columns
                    if column != model._meta.pk.column  # never changes: a new pk is a new row
                }
                if isinstance(found, sql.Loaded):
                    # Its rows become instances, whose object keys cover them (post_init).
                    self.joined[model_name(model)] |= read
                    continue
                self.keys |= read
                self.models.add(model)  # its scheduled publications may change the answer
                continue
            self.models.add(model)  # its scheduled publications may change the answer
            if isinstance(found, sql.Linked):
                link = tables[found.link]
                try:
                    value = params[found.param]
                except (TypeError, IndexError, KeyError):
                    value = None
                columns = (found.columns or frozenset()) - {model._meta.pk.column}
                if found.columns is None or value is None:
                    self.keys.add(list_key(model))
                elif len(columns) > MAX_LINKED_COLUMNS:
                    self.keys.add(linked_key(link, found.link_column, value, model))
                else:
                    self.keys |= {
                        linked_key(link, found.link_column, value, model, column)
                        for column in columns
                    }
                continue
            if isinstance(found, sql.Rows):
                try:
                    value = params[found.param]
                except (TypeError, IndexError, KeyError):
                    self.keys.add(list_key(model))
                    continue
                if found.column == model._meta.pk.column:
                    self.keys.add(object_key(model, value))
                else:
                    self.keys.add(rows_key(model, found.column, value))
            else:
                self.keys.add(list_key(model))


_collector = ContextVar("pagecache_collector", default=None)


def _record_query(execute, statement, params, many, context):
    collector = _collector.get()
    if collector is not None and not many:
        collector.query(statement, params)
    return execute(statement, params, many, context)


@contextmanager
def collecting():
    """Collects the keys of what the code in the block reads into a new ``Collector``; a
    collector around this one gets them too (a remembered value computed for a page)."""
    outer = _collector.get()
    collector = Collector()
    token = _collector.set(collector)
    try:
        if outer is not None:  # the queries are recorded already
            yield collector
        else:
            with ExitStack() as stack:
                for connection in connections.all():
                    stack.enter_context(connection.execute_wrapper(_record_query))
                yield collector
    finally:
        _collector.reset(token)
        if outer is not None:
            outer.add(collector)


def current():
    """The collector of what is being built, or None."""
    return _collector.get()


@contextmanager
def ignored():
    """Queries in the block are not what is being built (the page cache's own look-ups)."""
    token = _collector.set(None)
    try:
        yield
    finally:
        _collector.reset(token)


def depends_on_today():
    """Call where what visitors see depends on the local date (a programme's status, a
    timeline, "made on"): the page being built is then kept no longer than midnight."""
    collector = _collector.get()
    if collector is not None:
        collector.keys.add(day_key(timezone.localdate()))


def today():
    """The local date, for what visitors see (``depends_on_today``)."""
    depends_on_today()
    return timezone.localdate()


def instance_loaded(sender, instance, **kwargs):
    """``post_init``: a row of a public model loaded while something is being collected."""
    collector = _collector.get()
    if collector is None or instance.pk is None:
        return
    collector.loaded.add(object_key(sender, instance.pk))
    # A published item whose time has not come, loaded but not shown: rebuild when it comes.
    loaded = instance.__dict__
    publish_from = loaded.get("publish_from")
    if publish_from is not None and loaded.get("publish_state") == PublishState.PUBLISHED:
        moment = publish_from.timestamp()
        if moment > collector.started:
            collector.bound(moment)


# --- Retiring keys --------------------------------------------------------------------------


def start_seq():
    """The change counter, created on first use (or after the cache lost it) with a value no
    earlier page can have seen."""
    cache.add(SEQ_KEY, time.time_ns(), timeout=None)
    return cache.get(SEQ_KEY)


def counter_seconds():
    """How long the counter of a retired key is kept: longer than anything that carries the
    key can be kept (a page, a remembered value), so that nothing retired looks valid again
    when its counter goes. The change counter itself is kept for good."""
    return max(settings.PAGE_CACHE_SECONDS, settings.DERIVED_CACHE_SECONDS) + 60


def _write_counters(keys):
    try:
        try:
            seq = cache.incr(SEQ_KEY)
        except ValueError:  # no counter yet, or the cache lost it
            start_seq()
            seq = cache.incr(SEQ_KEY)
        counters = {counter_key(key): seq for key in keys}
        timeout = counter_seconds()
        cache.set_many(counters, timeout=timeout)
        # Two retirements at once may write in either order: the larger number must stay.
        for _ in range(3):
            found = cache.get_many(list(counters))
            lower = {name: seq for name in counters if found.get(name, 0) < seq}
            if not lower:
                break
            cache.set_many(lower, timeout=timeout)
    except Exception:
        logger.warning("page cache: could not retire %s", " ".join(sorted(keys)), exc_info=True)


_pending = threading.local()


def _pending_keys(alias):
    if not hasattr(_pending, "keys"):
        _pending.keys = defaultdict(set)
    return _pending.keys[alias]


def discard_pending():
    """Forgets keys retired in transactions that were rolled back (tests end that way); they
    would otherwise go out with this thread's next commit."""
    if hasattr(_pending, "keys"):
        _pending.keys.clear()


def _committed(alias):
    keys = frozenset(_pending_keys(alias))
    _pending_keys(alias).clear()
    if not keys:
        return  # sent with an earlier callback of the same transaction
    _write_counters(keys)
    keys_retired.send(sender=None, keys=keys)


def retire(keys, using=None):
    """Retires every page and remembered value that carries one of ``keys``: now, and again
    when the current transaction commits; then ``signals.keys_retired`` is sent once for the
    transaction (at once when there is none)."""
    keys = frozenset(keys)
    if not keys:
        return
    alias = using or DEFAULT_DB_ALIAS
    _pending_keys(alias).update(keys)
    if not transaction.get_connection(alias).in_atomic_block:
        # No transaction: the change is committed already. Asking the connection would open
        # one, which a new release's retirement in gunicorn's master must not do.
        _committed(alias)
        return
    _write_counters(keys)
    # Keys left over from a rolled-back transaction go with the next commit: retiring more is
    # always safe.
    transaction.on_commit(partial(_committed, alias), using=alias)


def content_changed(using=None):
    """Retires every cached page and remembered value (a bulk change, a new release)."""
    retire({ALL}, using=using)


def still_valid(seq, keys):
    """Whether none of ``keys`` was retired since the change counter was ``seq``: one round
    trip to the cache, whatever the number of keys."""
    names = [counter_key(key) for key in keys if not key.startswith("day:")]
    return all(value <= seq for value in cache.get_many(names).values())
