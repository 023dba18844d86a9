from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    """Counties and municipalities."""

    name = "geography"
    verbose_name = _("Geografi")
