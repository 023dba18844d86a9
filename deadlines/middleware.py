"""Every query of a web request under its deadline (queries.py)."""

from django.core.exceptions import MiddlewareNotUsed
from django.db import connection

from .queries import guard


class QueryDeadlineMiddleware:
    """Installs ``guard`` on the database connection for the request. Outside the page cache,
    which queries the database when it stores a page (the schedule look-up), and around every
    middleware and view that does. Only for PostgreSQL: SQLite does not wait on a network."""

    def __init__(self, get_response):
        if connection.vendor != "postgresql":
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        with connection.execute_wrapper(guard):
            return self.get_response(request)
