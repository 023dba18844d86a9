from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """Revision history in the admin: compare, revert and recover deleted objects."""

    name = "history"
    verbose_name = _("Historik")
