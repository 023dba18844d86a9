"""``slug_url(view_name, slug)``: the address ``reverse(view_name, kwargs={"slug": slug})``
gives, for the detail pages of programmes, organisations, focus areas and publications; and
``fixed_url(view_name)``, what ``reverse(view_name)`` gives for a page without arguments (the
menu, the footer and the lists' own addresses, ``{% fixed_url %}`` in the templates).

``reverse()`` takes about 60 µs on these machines: it matches the arguments against every
possible pattern of the name and quotes the result. A list page links to a hundred objects, so
that was about a tenth of its time (benchmarks/README.md). Here the address is reversed once
per view name with a marker for the slug, and each slug the ``<slug:…>`` converter accepts is
put in its place; such a slug needs no quoting. Anything else goes to ``reverse()``, which
raises NoReverseMatch as before. An address without arguments is reversed once in the same
way; every public page links to a dozen of them.
"""

import functools
import re

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's <slug:…> path converter matches.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
MARKER = "slug-address-marker"


@functools.lru_cache(maxsize=64)
def _around_the_slug(view_name, resolver, script_prefix, language):
    """(before, after) the slug in the view's address. The resolver (a new one after the URL
    configuration changes), the script prefix and the language are part of the key."""
    address = reverse(view_name, kwargs={"slug": MARKER}, urlconf=resolver.urlconf_name)
    before, marker, after = address.partition(MARKER)
    if not marker:
        raise ValueError(f"{view_name}: the slug does not appear in {address!r}")
    return before, after


def _context():
    """What an address depends on besides its view and arguments: the resolver of the current
    URL configuration, the script prefix and the language (three context-local lookups)."""
    return get_resolver(get_urlconf()), get_script_prefix(), get_language()


def _plain(slug):
    """Whether ``slug`` is one the ``<slug:…>`` converter accepts, so it needs no quoting."""
    return isinstance(slug, str) and SLUG.fullmatch(slug) is not None


def slug_url(view_name, slug):
    if not _plain(slug):
        return reverse(view_name, kwargs={"slug": slug})
    before, after = _around_the_slug(view_name, *_context())
    return f"{before}{slug}{after}"


def slug_urls(view_name):
    """``slug_url(view_name, …)`` as a function of the slug, for the many addresses of one
    page: the URL configuration, the script prefix and the language, three context-local
    lookups that took longer than the rest of ``slug_url``, are read once, when it is made.
    Made per page (per call of a list's rows), never kept: the next request may have another
    language or prefix."""
    before, after = _around_the_slug(view_name, *_context())

    def address(slug):
        if not _plain(slug):
            return reverse(view_name, kwargs={"slug": slug})
        return f"{before}{slug}{after}"

    return address


@functools.lru_cache(maxsize=256)
def _fixed(view_name, arguments, resolver, script_prefix, language):
    return reverse(view_name, kwargs=dict(arguments), urlconf=resolver.urlconf_name)


def fixed_url(view_name, **kwargs):
    """``reverse(view_name, kwargs=kwargs)`` for an address whose arguments are fixed in the
    code or a template (a list's download in each format, say), reversed once per set of
    arguments, URL configuration, script prefix and language. The arguments must be hashable;
    a slug or other value that varies belongs in ``slug_url`` or ``reverse()``."""
    return _fixed(view_name, tuple(sorted(kwargs.items())), *_context())
