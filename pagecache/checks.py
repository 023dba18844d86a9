"""Checks of our own: the page cache's deployment (``manage.py check --deploy``) and the
proxies it purges (every ``check``, so a typo stops the site from starting)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


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


@register(Tags.caches)
def purge_urls_are_urls(app_configs, **kwargs):
    """Each of PAGE_CACHE_PURGE_URLS must be an http(s) address with a host, or purges would
    fail on every change, quietly (pagecache/purge.py logs and goes on)."""
    errors = []
    for url in settings.PAGE_CACHE_PURGE_URLS:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            errors.append(
                Error(
                    f"DJANGO_PAGE_CACHE_PURGE_URLS holds {url!r}, which is not an http(s) URL.",
                    hint="Give the proxies' addresses, such as http://127.0.0.1:6081/, "
                    "separated by commas or spaces.",
                    id="growth_portal.E001",
                )
            )
    return errors
