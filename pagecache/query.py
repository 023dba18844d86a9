"""The query-string parameters a public page reads, and nothing else.

A visitor's address may carry parameters that no view reads (``?utm_source=…`` from a
newsletter, ``?cb=…`` from a cache-busting script). The page is the same, but to the page cache
and to a proxy in front each variant is a new address, so a hundred variants would render and
keep the same page a hundred times. :class:`QueryStringMiddleware` therefore hands the views only
the parameters their view declares, before the page cache computes its key:

* a view class lists them in ``query_parameters``; a paginated list view reads its
  ``page_kwarg`` and a django-filter view the names of its filterset's filters without saying so;
* a view function is wrapped with :func:`reads_query`.

A parameter a view reads but does not declare is therefore never seen by it, in tests as in
production, so a missing declaration shows as a feature that does not work, never as a wrong
page served from the cache.
"""

import functools

from django.http import QueryDict
from django.urls import Resolver404, resolve

# The request.META key that keeps the query string as the visitor sent it, when it was cut.
ORIGINAL_QUERY_STRING = "ORIGINAL_QUERY_STRING"

# Addresses whose query strings are left alone: the admin reads many parameters of its own.
UNTOUCHED_PREFIXES = ("/admin/", "/static/", "/media/")


def reads_query(*names):
    """Wrap a view function that reads the query parameters ``names``."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.query_parameters = frozenset(names)
        return wrapper

    return decorate


def filterset_parameters(filterset_class):
    """The query parameters a django-filter filterset reads: one per filter."""
    return frozenset(filterset_class.base_filters)


def parameters_read(view):
    """The query parameters the view function ``view`` (as the URL resolver returns it) reads."""
    view_class = getattr(view, "view_class", None)
    owner = view if view_class is None else view_class
    names = set(getattr(owner, "query_parameters", ()))
    if view_class is not None:
        if getattr(view_class, "paginate_by", None):
            names.add(view_class.page_kwarg)
        filterset_class = getattr(view_class, "filterset_class", None)
        if filterset_class is not None:
            names |= filterset_parameters(filterset_class)
    return frozenset(names)


def kept_query(query, names):
    """``query`` (a QueryDict) with only the parameters ``names``, in their order, as a query
    string."""
    kept = QueryDict(mutable=True)
    for name in query:
        if name in names:
            kept.setlist(name, query.getlist(name))
    return kept.urlencode()


class QueryStringMiddleware:
    """Drops the query parameters the requested page does not read (see the module's
    docstring). Before the page cache, so its key and the proxy's see the same address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and request.META.get("QUERY_STRING")
            and not request.path_info.startswith(UNTOUCHED_PREFIXES)
        ):
            self.keep_parameters_read(request)
        return self.get_response(request)

    @staticmethod
    def keep_parameters_read(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            # No page here: the 404 (or the redirect to the address with a slash, which keeps
            # the query) is never stored.
            return
        query = kept_query(request.GET, parameters_read(match.func))
        if query != request.META["QUERY_STRING"]:
            # What the visitor sent, for an answer that sends them on (redirects/middleware.py).
            request.META[ORIGINAL_QUERY_STRING] = request.META["QUERY_STRING"]
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query, encoding=request.encoding)
