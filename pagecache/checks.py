"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """With local-memory caching each gunicorn worker keeps its own pages and its own content
    version, so an editor's change retires the pages of one worker only."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS > 0 and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache uses local memory, which each worker process keeps for itself.",
                hint="Set REDIS_URL so that every worker sees an editor's change at once, "
                "or set DJANGO_PAGE_CACHE_SECONDS=0.",
                id="growth_portal.W001",
            )
        ]
    return []
