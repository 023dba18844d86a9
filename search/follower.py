"""Each web process's search index, kept current with the database (search/engine.py).

``SearchDocument`` rows stay the source of truth, written by the signals of search/indexing.py
in the same transaction as the item. Each process holds its own ``Engine`` (``current()``) and,
before every search, catches up with the table: the documents written and removed since its
last look (``SearchDocument.updated_at``, ``SearchRemoval``), so a search never shows what an
editor has changed before it.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import connections
from django.db.models import Max
from django.utils import timezone

from .engine import Engine
from .indexing import CATCH_UP_MARGIN, REMOVALS_KEPT
from .models import SearchDocument, SearchRemoval

logger = logging.getLogger(__name__)
LOAD_BATCH = 2000
# A document written this long before a process's last look may still have been committed
# after it (a long transaction, clocks of several servers): each look reads again what was
# written since its previous look minus this margin, and applies what it has not applied.
MARGIN = CATCH_UP_MARGIN


class Follower:
    """An ``Engine`` kept current with the search documents of the database, for one process.

    ``current()`` loads the whole index the first time, then, at each call, reads which
    documents were written (``updated_at``) or removed (``SearchRemoval``) since the previous
    call, less ``MARGIN``, and applies the ones it has not applied yet. A removal without a
    document (a rebuild or a restore), or a previous look older than the removals are kept,
    loads the whole index again. Both reads use an index and usually find nothing."""

    def __init__(self):
        self.engine = None
        self._lock = threading.Lock()
        self._looked = None  # when the previous look started
        self._written = {}  # document id → updated_at, of the documents inside the margin
        self._removals = set()  # SearchRemoval ids inside the margin, applied
        self._reloads = 0  # the newest SearchRemoval id without a document, applied

    def current(self):
        with self._lock:
            started = timezone.now()
            if self.engine is None or started - self._looked > REMOVALS_KEPT - MARGIN:
                self._load(started)
            else:
                self._catch_up(started)
            self._looked = started
            return self.engine

    def _load(self, started):
        began = time.perf_counter()
        window = started - MARGIN
        self._reloads = (
            SearchRemoval.objects.filter(document_id=None).aggregate(newest=Max("pk"))["newest"]
            or 0
        )
        self._removals = set(
            SearchRemoval.objects.filter(removed_at__gt=window).values_list("pk", flat=True)
        )
        self._written = {}
        engine = Engine()  # the old one, if any, answers until this one is complete

        def recorded(documents):
            for document in documents:
                if document.updated_at > window:
                    self._written[document.pk] = document.updated_at
                yield document

        engine.load(recorded(SearchDocument.objects.order_by("pk").iterator(chunk_size=LOAD_BATCH)))
        self.engine = engine
        logger.info(
            "Search index in memory loaded: %d documents in %.1f s",
            engine.index.searcher().num_docs,
            time.perf_counter() - began,
        )

    def _catch_up(self, started):
        since = min(self._looked, started) - MARGIN
        removals = list(
            SearchRemoval.objects.filter(removed_at__gt=since).values_list("pk", "document_id")
        )
        if any(document is None and pk > self._reloads for pk, document in removals):
            self._load(started)
            return
        removed = [
            document
            for pk, document in removals
            if document is not None and pk not in self._removals
        ]
        written = dict(
            SearchDocument.objects.filter(updated_at__gt=since).values_list("pk", "updated_at")
        )
        changed = [pk for pk, at in written.items() if self._written.get(pk) != at]
        if removed or changed:
            documents = list(SearchDocument.objects.filter(pk__in=changed)) if changed else []
            self.engine.apply(removed + changed, documents)
        self._written = written
        self._removals = {pk for pk, _ in removals}


_follower = Follower()


def current():
    """This process's search index, caught up with the database."""
    return _follower.current()


def load_in_background():
    """Starts loading this process's index in a thread of its own (gunicorn's
    ``post_worker_init``), so that the first search does not wait for all of it. If the
    database cannot be read then, the first search tries again. Returns the thread (None when
    ``settings.SEARCH_PRELOAD`` is off: the first search loads the index)."""
    if not settings.SEARCH_PRELOAD:
        return None

    def load():
        try:
            current()
        except Exception:
            logger.exception("The search index could not be loaded; the next search tries again.")
        finally:
            connections.close_all()

    thread = threading.Thread(target=load, name="search-index", daemon=True)
    thread.start()
    return thread


def forget():
    """Drops this process's index; the next search loads it again (tests, whose rows are
    rolled back under it)."""
    global _follower
    _follower = Follower()
