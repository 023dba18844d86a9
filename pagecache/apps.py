from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The page cache: anonymous visitors' pages kept in Django's cache with the keys of what
    they show, and retired by the changes that touch one of those keys."""

    name = "pagecache"

    def ready(self):
        from . import changes, checks, purge  # noqa: F401  (registers the system checks)

        changes.connect_signals()
        purge.connect_signals()
