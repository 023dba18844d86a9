from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The page cache: anonymous visitors' pages kept in Django's cache and retired by the
    content version that every change of public content moves on."""

    name = "pagecache"

    def ready(self):
        from . import checks, purge, versions  # noqa: F401  (registers the deployment checks)

        versions.connect_signals()
        purge.connect_signals()
