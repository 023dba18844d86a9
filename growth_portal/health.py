"""Health checks for a load balancer.

``/healthz`` says only that the process answers: it touches neither the database nor the
cache, so a database outage does not make the balancer restart healthy workers.
``/readyz`` says whether this instance can serve pages: the database must answer a query on
the site's own tables within ``READY_TIMEOUT`` seconds, on a connection of its own, so a
hanging database gives a 503 in time rather than a hanging check. At most one probe per
process waits for the database: while one is still waiting, the answer is 503 at once, so a
balancer asking every few seconds cannot pile up threads and connections.
"""

import logging
import threading

from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


# A table every migrated database has: SQLite would answer ``SELECT 1`` even from a missing
# file, which it creates.
PROBE = "SELECT 1 FROM django_migrations LIMIT 1"
_waiting = {"thread": None}
_lock = threading.Lock()


def _probe(result):
    connection = connections["default"]
    params = connection.get_connection_params()
    if connection.vendor == "postgresql":
        params["connect_timeout"] = max(1, round(settings.READY_TIMEOUT))
        # The server gives up on the query itself too, so the probe's connection ends.
        params["options"] = f"-c statement_timeout={round(settings.READY_TIMEOUT * 1000)}"
    raw = connection.get_new_connection(params)
    try:
        cursor = raw.cursor()
        cursor.execute(PROBE)
        result["answer"] = cursor.fetchone()[0]
        cursor.close()
    finally:
        raw.close()


def database_answers(timeout):
    """True if the database answers within ``timeout`` seconds; the reason otherwise."""
    result = {}

    def run():
        try:
            _probe(result)
        except Exception as error:  # Any failure means "not ready"; it is reported.
            result["error"] = error

    with _lock:
        previous = _waiting["thread"]
        if previous is not None and previous.is_alive():
            return "an earlier probe is still waiting for the database"
        # A daemon thread: a probe stuck on a dead network must not keep the worker from exiting.
        thread = threading.Thread(target=run, name="readyz-probe", daemon=True)
        _waiting["thread"] = thread
        thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return f"no answer within {timeout:g} s"
    if "error" in result:
        return f"{type(result['error']).__name__}: {result['error']}".strip()
    return True if result.get("answer") == 1 else "unexpected answer"


def _plain(text, status):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    return _plain("ok\n", 200)


@never_cache
@require_safe
def readyz(request):
    answer = database_answers(settings.READY_TIMEOUT)
    if answer is True:
        return _plain("ok\n", 200)
    logger.warning("readyz: the database is not ready: %s", answer)
    return _plain("database unavailable\n", 503)
