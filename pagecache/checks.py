"""System checks of the page cache: its deployment (``manage.py check --deploy``), its keys,
and the proxies it purges (every ``check``, so a typo stops the site from starting)."""

from collections import defaultdict
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .keys import is_public_model


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """With local-memory caching each gunicorn worker keeps its own pages and its own change
    counters, so an editor's change retires the pages of one worker only."""
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
                    hint="Give the proxies' purge addresses, such as http://127.0.0.1:6091/, "
                    "separated by commas or spaces.",
                    id="pagecache.E002",
                )
            )
    return errors


@register(Tags.caches)
def public_model_names_are_unique(app_configs, **kwargs):
    """A page's keys name models by ``model_name`` alone (``programme:12``), so two public
    models of different apps must not share one."""
    public = [
        model for model in apps.get_models(include_auto_created=True) if is_public_model(model)
    ]
    return [
        Error(
            f"Public models {', '.join(labels)} share the name {name!r}, which the page "
            "cache's keys use on their own.",
            hint="Rename one of them, or list it in PAGE_CACHE_PRIVATE_MODELS.",
            id="pagecache.E001",
        )
        for name, labels in shared_names(public).items()
    ]


def shared_names(models):
    """{model_name: sorted labels} of the names that more than one concrete model has."""
    labels = defaultdict(set)
    for model in models:
        concrete = model._meta.concrete_model._meta
        labels[concrete.model_name].add(concrete.label)
    return {name: sorted(found) for name, found in sorted(labels.items()) if len(found) > 1}
