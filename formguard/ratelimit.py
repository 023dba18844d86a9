"""How many posts one address has stored through the public forms, counted with
django-ratelimit in the default cache (Redis in production)."""

import logging

from django.conf import settings
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# One budget per address for all the public forms, so that moving to another form does not
# double it.
GROUP = "formguard.public-forms"


def _usage(request, increment):
    try:
        return get_usage(
            request,
            group=GROUP,
            key="ip",
            rate=settings.FORMGUARD_RATE,
            method="POST",
            increment=increment,
        )
    except Exception:
        # Django's Redis backend raises when Redis does not answer: let the post through
        # rather than lose it (RATELIMIT_FAIL_OPEN says the same for django-ratelimit).
        logger.warning("formguard: the rate limit's cache does not answer", exc_info=True)
        return None


def seconds_until_allowed(request):
    """0 if the request's address may store another post now; otherwise the seconds until
    its window ends. The count is read, not moved: a post with errors costs nothing."""
    usage = _usage(request, increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return 0
    return max(usage["time_left"], 1)


def count_stored_post(request):
    """Counts a post that was stored against the request's address."""
    _usage(request, increment=True)
