from django.apps import AppConfig


class GrowthPortalConfig(AppConfig):
    """The project package as an app: its management commands (backup and restore), the page
    cache's signal handlers and its deployment checks."""

    name = "growth_portal"
    verbose_name = "Tillväxtportalen"

    def ready(self):
        from . import checks, pagecache  # noqa: F401  (registers checks and signal handlers)

        pagecache.connect_signals()
