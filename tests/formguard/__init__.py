"""Tests of the public forms' abuse protection, and what the other apps' tests share of it."""

import itertools

from django.conf import settings
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from formguard.ratelimit import GROUP


def steady_addresses(count=2, margin=120):
    """``count`` client addresses whose rate-limit window has at least ``margin`` seconds left
    now, so that a test's posts all fall in one window (the windows' ends differ by address,
    django-ratelimit's jitter). Read through its public ``get_usage``, without counting."""
    found = []
    for n in itertools.count(1):
        address = f"192.0.2.{n}"
        request = RequestFactory().post("/", REMOTE_ADDR=address)
        usage = get_usage(
            request, group=GROUP, key="ip", rate=settings.FORMGUARD_RATE, method="POST"
        )
        if usage["time_left"] >= margin:
            found.append(address)
        if len(found) == count:
            return found
