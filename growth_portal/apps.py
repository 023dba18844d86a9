from django.apps import AppConfig


class GrowthPortalConfig(AppConfig):
    """The project package as an app: the site-wide pages, health checks, backup and restore
    commands, and the wiring of the other apps."""

    name = "growth_portal"
    verbose_name = "Tillväxtportalen"

    def ready(self):
        from .links import register_link_targets

        register_link_targets()
