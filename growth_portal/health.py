"""Health checks for a load balancer.

``/healthz`` says only that the process answers: it touches neither the database nor the
cache, so a database outage does not make the balancer restart healthy workers.
``/readyz`` says whether this instance can serve pages: the database must answer ``SELECT 1``
within ``READY_TIMEOUT`` seconds, on a connection of its own, so a hanging database gives a
503 in time rather than a hanging check.
"""

import logging
import threading

from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _probe(result):
    connection = connections["default"]
    params = connection.get_connection_params()
    if connection.vendor == "postgresql":
        params["connect_timeout"] = max(1, round(settings.READY_TIMEOUT))
    raw = connection.get_new_connection(params)
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT 1")
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

    # A daemon thread: a probe stuck on a dead network must not keep the worker from exiting.
    thread = threading.Thread(target=run, name="readyz-probe", daemon=True)
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
