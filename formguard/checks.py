"""Deployment checks of the rate limit, run by ``manage.py check --deploy``."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def rate_limit_is_shared(app_configs, **kwargs):
    """django-ratelimit's own error for a local-memory cache is silenced in settings so that a
    development site without Redis runs; in production the limit would then count per worker
    process, so the deployment check says so."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The public forms' rate limit counts in local memory, per worker process.",
                hint="Set REDIS_URL so that every worker counts the same posts.",
                id="formguard.W001",
            )
        ]
    return []
