"""What browsers and proxies may keep.

The page cache marks the anonymous pages it may share as ``public`` (pagecache/middleware.py).
Everything else is for one person or one moment: an editor's page, a page with a form (it sets
the CSRF cookie), anything for a request with a session, an error or a redirect. Without a
word from us a browser or a proxy may still keep such an answer by its own heuristics, so
:class:`PrivateAnswersMiddleware` says ``private, no-store`` on every answer that did not say
otherwise, and on every answer that sets a cookie or goes to someone with a session, whatever
it said.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

PRIVATE = {"private": True, "no_store": True}


def for_one_person(request, response):
    return bool(
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or response.cookies
        or response.has_header("Set-Cookie")
    )


class PrivateAnswersMiddleware:
    """Outside the page cache and inside whitenoise (static files keep their own headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if for_one_person(request, response) or not response.has_header("Cache-Control"):
            # Added to what the view said (never_cache's max-age=0 stays); "public" goes.
            patch_cache_control(response, **PRIVATE)
        return response
