"""Site-wide middleware: refusing requests no page can answer, a log line per request, and the
503 page when the database does not answer."""

import logging
import time

from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


class RejectNullBytesMiddleware:
    """A NUL character is never part of an address or a filter value here, and PostgreSQL
    refuses it in text (a database error, so a 500, in whatever view passed it on). Such
    requests get the 400 page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)


# --- Request log --------------------------------------------------------------------------

request_logger = logging.getLogger("growth_portal.requests")


class RequestLogMiddleware:
    """One log line per request: method, address, status, duration and whether the page
    cache answered. Outermost, so static files and cached pages are counted too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.INFO
        request_logger.log(
            level,
            '%s "%s" %s %.1fms cache=%s',
            request.method,
            request.get_full_path(),
            status,
            duration_ms,
            response.get("X-Page-Cache", "-"),
            extra={"status_code": status, "duration_ms": duration_ms},
        )
        return response


# --- A database that does not answer ------------------------------------------------------

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response():
    """The 503 page. Rendered without a request, so that no context processor can reach for
    the database that just failed."""
    response = HttpResponse(
        render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_error(error):
    return isinstance(error, DATABASE_ERRORS)


class DatabaseUnavailableMiddleware:
    """A view (or its template) that cannot reach the database answers 503 with Retry-After,
    so a load balancer and a visitor both know to come back. Django's connection handling
    (CONN_HEALTH_CHECKS) drops the broken connection, and the next request after the database
    is back simply works: no worker needs a restart.

    Django logs each 503 as an error line; the traceback is logged once per
    ``TRACEBACK_INTERVAL`` seconds per process, so an outage at fifty requests a second does not
    bury the log in identical tracebacks."""

    TRACEBACK_INTERVAL = 60

    def __init__(self, get_response):
        self.get_response = get_response
        self.last_traceback = None

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        now = time.monotonic()
        if self.last_traceback is None or now - self.last_traceback >= self.TRACEBACK_INTERVAL:
            self.last_traceback = now
            logging.getLogger("django.request").error(
                "Database unavailable (further tracebacks for %s s are left out): %s %s",
                self.TRACEBACK_INTERVAL,
                request.method,
                request.get_full_path(),
                exc_info=exception,
            )
        return database_unavailable_response()
