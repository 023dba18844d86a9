"""Requests no page of the site can answer sensibly are refused before any view runs."""

from django.core.exceptions import BadRequest


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
