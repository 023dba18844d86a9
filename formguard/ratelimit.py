"""How many posts one address has stored through the public forms, counted with
django-ratelimit in the default cache (Redis in production)."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# One budget per address for all the public forms, so that moving to another form does not
# double it.
GROUP = "formguard.public-forms"
# How long a post waits when its address cannot be read at all.
UNREADABLE_ADDRESS_WAIT = 60


def seconds_until_allowed(request):
    """Counts a post about to be stored against the request's address, and says whether it
    may be: 0 if so, otherwise the seconds until the address's window ends.

    The count is moved before the post is stored, in one atomic increment, so that posts sent
    at the same moment are each counted and no more than the limit pass. Only posts that would
    be stored are counted: the view asks once the form is valid."""
    try:
        usage = get_usage(
            request,
            group=GROUP,
            key="ip",
            rate=settings.FORMGUARD_RATE,
            method="POST",
            increment=True,
        )
    except (ImproperlyConfigured, ValueError):
        # No address, or a value that is not one, in the header RATELIMIT_IP_META_KEY names:
        # a proxy that is misconfigured or a client that wrote the header itself. Such a post
        # is not let through uncounted.
        logger.error(
            "formguard: no valid client address in the request (RATELIMIT_IP_META_KEY); "
            "the post is refused",
            exc_info=True,
        )
        return UNREADABLE_ADDRESS_WAIT
    except Exception:
        # Django's Redis backend raises when Redis does not answer: let the post through
        # rather than lose it (RATELIMIT_FAIL_OPEN says the same for django-ratelimit).
        logger.warning("formguard: the rate limit's cache does not answer", exc_info=True)
        return 0
    if usage is None or usage["count"] <= usage["limit"]:
        return 0
    return max(usage["time_left"], 1)
