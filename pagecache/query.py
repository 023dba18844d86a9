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

A reverse proxy in front keys its objects on the address too. Varnish (deploy/varnish/
default.vcl) therefore asks first, with the request header ``X-Normalise-Query``, and such a
request whose query loses a parameter is answered at once, without the page: a redirect to the
address with only the parameters the page reads, marked ``X-Query-Normalised``. Varnish follows
it inside (a restart) and looks up that address, so ``?cb=<random>`` makes no new object
there either; the visitor sees the page at the address they asked for. Only the proxy sends
the header (it removes a visitor's own).
"""

import functools

from django.http import HttpResponseRedirect, QueryDict
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path

# The request.META key that keeps the query string as the visitor sent it, when it was cut.
ORIGINAL_QUERY_STRING = "ORIGINAL_QUERY_STRING"

# Addresses whose query strings are left alone: the admin reads many parameters of its own.
UNTOUCHED_PREFIXES = ("/admin/", "/static/", "/media/")

# The proxy's request header that asks for the address without the unread parameters, and the
# header that marks that answer (see the module's docstring).
NORMALISE_HEADER = "X-Normalise-Query"
NORMALISED_HEADER = "X-Query-Normalised"


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
            query = self.query_read(request)
            if query is not None:
                if request.headers.get(NORMALISE_HEADER):
                    return normalised_address(request, query)
                keep_only(request, query)
        return self.get_response(request)

    @staticmethod
    def query_read(request):
        """The query string with only the parameters the page reads, when that is not the one
        the visitor sent; otherwise None."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            # No page here: the 404 (or the redirect to the address with a slash, which keeps
            # the query) is never stored.
            return None
        query = kept_query(request.GET, parameters_read(match.func))
        return None if query == request.META["QUERY_STRING"] else query


def keep_only(request, query):
    """The request as if the visitor had sent ``query``."""
    # What the visitor sent, for an answer that sends them on (redirects/middleware.py).
    request.META[ORIGINAL_QUERY_STRING] = request.META["QUERY_STRING"]
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query, encoding=request.encoding)


def normalised_address(request, query):
    """The proxy's answer for an address whose query loses parameters: where the page is."""
    location = escape_uri_path(request.path) + (f"?{query}" if query else "")
    response = HttpResponseRedirect(location)
    response[NORMALISED_HEADER] = "1"
    return response
