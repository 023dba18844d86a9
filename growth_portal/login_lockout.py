"""Two limits on failed admin logins (django-axes), both per visitor address
(growth_portal/forwarded.py, so that visitors behind the same proxy are told apart):

* ``AXES_FAILURE_LIMIT`` failures for one user name from one address lock that pair out
  (someone guessing one editor's password);
* ``AXES_ADDRESS_FAILURE_LIMIT`` failures from one address across all user names lock the
  address out (someone trying many user names, each fewer times than the first limit).

Both count failures younger than ``AXES_COOLOFF_TIME`` and last that long. django-axes compares
its one limit with the largest count of its lockout parameters: the address joins the
parameters (``lockout_parameters``, axes' ``AXES_LOCKOUT_PARAMETERS`` callable) only once it has
reached its own, higher limit, so that its count, at least that limit and so above the first,
locks it out. ``lockout_response`` (``AXES_LOCKOUT_CALLABLE``) says which limit was reached.
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone

PAIR = ["username", "ip_address"]


def address_failures(request_or_attempt):
    """Failed logins from the address of a request (or of an axes ``AccessAttempt``) within
    the cool-off time, for every user name together."""
    if isinstance(request_or_attempt, HttpRequest):
        address = getattr(request_or_attempt, "axes_ip_address", None)
    else:
        address = request_or_attempt.ip_address
    if getattr(request_or_attempt, "axes_attempt_time", None):
        threshold = get_cool_off_threshold(request_or_attempt)
    else:
        threshold = timezone.now() - get_cool_off()
    if not address:
        return 0
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=threshold).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def address_locked(request_or_attempt):
    return address_failures(request_or_attempt) >= settings.AXES_ADDRESS_FAILURE_LIMIT


def lockout_parameters(request_or_attempt, credentials=None):
    """What django-axes counts failures by: the user name with the address, and the address
    alone once it has reached its own limit."""
    if address_locked(request_or_attempt):
        return [PAIR, "ip_address"]
    return [PAIR]


def lockout_response(request, original_response=None, credentials=None):
    """The Swedish lockout page (admin/locked_out.html), saying which limit was reached."""
    by_address = address_locked(request)
    context = {
        "by_address": by_address,
        "failure_limit": (
            settings.AXES_ADDRESS_FAILURE_LIMIT
            if by_address
            else get_failure_limit(request, credentials)
        ),
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
