"""Whether a POST comes from a page of this site, read from the headers browsers send."""

from django.conf import settings

# What Sec-Fetch-Site says of a request the visitor made from one of our pages ("none": they
# typed or bookmarked it).
SAME_SITE_FETCH = frozenset({"same-origin", "none"})


def is_same_origin(request):
    """False if the browser says the post came from another site: ``Sec-Fetch-Site`` other
    than same-origin, or an ``Origin`` that is not this site (``null`` included). A request
    with neither header comes from no current browser's cross-site form (they all send
    Origin with a POST), so a script run by its own sender: nobody else's browser, and so
    no forged request."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in SAME_SITE_FETCH:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
