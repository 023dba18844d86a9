"""Old addresses of items whose slug changed answer with a permanent redirect."""

from django.http import HttpResponsePermanentRedirect

from .models import SlugRedirect


class SlugRedirectMiddleware:
    """Looks up an address only when nothing else answered it (a 404), so a live page is never
    shadowed by an old redirect and ordinary pages cost no extra query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        redirect = SlugRedirect.objects.filter(old_path=request.path).first()
        if redirect is None:
            return response
        location = redirect.new_path
        # The whole query string the visitor sent: the page cache hands views only the
        # parameters they read (pagecache/query.py), but the new address may read others.
        query = request.META.get("ORIGINAL_QUERY_STRING", request.META.get("QUERY_STRING"))
        if query:
            location = f"{location}?{query}"
        return HttpResponsePermanentRedirect(location)
