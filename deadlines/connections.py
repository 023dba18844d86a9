"""Connections the server has closed are dropped before a request uses them.

The site keeps each worker's connection open between requests (``CONN_MAX_AGE``). After a
restart of PostgreSQL, or when the server ends an idle session, that connection is dead, and
the first query on it would fail. Django's ``CONN_HEALTH_CHECKS`` finds out with a ``SELECT 1``
before the request's first query, but that query bypasses every execute wrapper, so on a
database that has stopped answering it waits forever: the very hang the deadlines are there to
prevent. It is off (settings.py), and this check replaces it: a server that ends a connection
says so (an error message, then the end of the stream), which makes the idle connection's
socket readable. Looking at that costs no round trip and cannot wait; a readable idle
connection is closed, and the request opens a new one when it needs the database. A connection
that looks idle and is not answering either is left to the deadline of its next query.
"""

import select

from django.db import connections


def readable(fileno):
    poller = select.poll()
    poller.register(fileno, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


def drop_closed_connections(**kwargs):
    """``request_started``: close the PostgreSQL connections the server has closed."""
    for alias in connections:
        wrapper = connections[alias]
        if wrapper.vendor != "postgresql" or wrapper.connection is None:
            continue
        if wrapper.in_atomic_block:
            continue  # a test's transaction, never a request's start in production
        try:
            closed = readable(wrapper.connection.fileno())
        except Exception:  # the driver already knows it closed
            closed = True
        if closed:
            wrapper.close()
