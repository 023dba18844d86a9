from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """What the site stores about visitors, how long, and the tools that find, export and
    erase it (registry.py)."""

    name = "privacy"
    verbose_name = _("Personuppgifter")
