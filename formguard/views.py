"""The public forms' views: the rate limit, and the origin check of a form without a CSRF
token."""

import math

from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from .origin import is_same_origin
from .ratelimit import seconds_until_allowed


class RateLimitedFormMixin:
    """For a public form's ``CreateView``/``FormView``: each address may store
    ``settings.FORMGUARD_RATE`` posts per period. One more is not stored; the form comes back
    with everything the visitor typed, a Swedish message saying when to try again, status 429
    and ``Retry-After``. Posts with errors are not counted, so a visitor who corrects a mistake
    is not held back. A valid post is counted before it is stored (formguard/ratelimit.py), so
    posts sent at the same moment cannot pass the limit together."""

    def rate_limited(self, wait, form):
        minutes = math.ceil(wait / 60)
        form.add_error(
            None,
            ngettext(
                "Du har skickat flera meddelanden på kort tid. Vänta %(minutes)d minut och "
                "skicka igen. Det du har skrivit finns kvar.",
                "Du har skickat flera meddelanden på kort tid. Vänta %(minutes)d minuter och "
                "skicka igen. Det du har skrivit finns kvar.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        response["Retry-After"] = str(wait)
        return response

    def form_valid(self, form):
        wait = seconds_until_allowed(self.request)
        if wait:
            return self.rate_limited(wait, form)
        return super().form_valid(form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SameOriginPostMixin:
    """For a form view exempt from Django's CSRF check: a POST that a browser says came from
    another site is refused with 403 and a Swedish page saying why (formguard/origin.py)."""

    cross_site_template_name = "formguard/cross_site.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return TemplateResponse(request, self.cross_site_template_name, status=403)
        return super().dispatch(request, *args, **kwargs)
