"""The deadline of each query a web request sends to PostgreSQL.

Two limits work together (settings, README "A database that does not answer"):

* PostgreSQL's ``statement_timeout`` (``DB_STATEMENT_TIMEOUT``, set for every connection of
  the site in settings.py): a statement that runs too long is cancelled by the server, which
  answers with an error on a connection that stays usable;
* the answer deadline here (``DB_ANSWER_TIMEOUT``, a little longer): when not even that error
  comes back, the server or the path to it has stopped answering, and the connection is shut
  down (watchdog.py). The query then fails with ``QueryStalled`` (even when its answer arrived
  as the connection was being shut down), an ``OperationalError`` that
  DatabaseUnavailableMiddleware answers with the 503 page, and Django drops the connection at
  the end of the request; the next request opens a new one.

``guard`` is installed with ``connection.execute_wrapper`` around each web request
(middleware.py). ``longer_deadline`` gives a view that legitimately runs long statements (the
admin's export of every publication) a larger budget for both limits.

What the wrapper does not see is not guarded: the rows of a server-side cursor fetched after its
first batch (the streamed exports), and the COMMIT at the end of a transaction.
"""

from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection

from .watchdog import watchdog

# Seconds of PostgreSQL's statement timeout in force for the current request, when a view
# has set a larger one (longer_deadline); None: settings.DB_STATEMENT_TIMEOUT.
statement_budget = ContextVar("statement_budget", default=None)


class QueryStalled(OperationalError):
    """The database did not answer a query within its deadline; its connection was shut."""


def answer_timeout():
    """Seconds a query of the current request may wait for an answer."""
    budget = statement_budget.get()
    if budget is None:
        return settings.DB_ANSWER_TIMEOUT
    return budget + max(settings.DB_ANSWER_TIMEOUT - settings.DB_STATEMENT_TIMEOUT, 1)


def guard(execute, sql, params, many, context):
    """``connection.execute_wrapper``: runs the query under the watchdog."""
    try:
        fileno = context["connection"].connection.fileno()
    except Exception:  # the driver's own error: no socket to watch, a closed connection
        return execute(sql, params, many, context)  # fails on its own, at once
    seconds = answer_timeout()
    with watchdog.watch(fileno, seconds) as watch:
        try:
            result = execute(sql, params, many, context)
        except DatabaseError as error:
            if watch.expired:
                raise stalled(seconds) from error
            raise
    if watch.expired:
        # The answer came as the deadline passed: the connection is shut down all the same,
        # and the request is past its deadline. It ends as an expired one does; the next
        # request replaces the connection (connections.py: a shut connection is readable).
        raise stalled(seconds)
    return result


def stalled(seconds):
    return QueryStalled(
        f"The database did not answer within {seconds:g} s; the connection was closed."
    )


@contextmanager
def longer_deadline(setting):
    """For a view whose statements may run up to the seconds in ``settings.<setting>`` (such as
    ``DB_EXPORT_STATEMENT_TIMEOUT``): PostgreSQL's statement timeout on the request's
    connection and the answer deadline of its queries are raised while it runs, and put back
    afterwards. A decorator too."""
    seconds = getattr(settings, setting)
    token = statement_budget.set(seconds)
    try:
        set_statement_timeout(seconds)
        yield
    finally:
        statement_budget.reset(token)
        # A broken connection is dropped anyway; a new one starts with the default.
        with suppress(DatabaseError):
            set_statement_timeout(None)


def set_statement_timeout(seconds):
    """PostgreSQL's statement timeout for the connection, or (None) back to the value it was
    opened with (its options)."""
    if connection.vendor != "postgresql" or (seconds is None and connection.connection is None):
        return
    with connection.cursor() as cursor:
        if seconds is None:
            cursor.execute("RESET statement_timeout")
        else:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
