from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    """Old addresses of items whose slug changed, sent on to the new one with a permanent
    redirect."""

    name = "redirects"
    verbose_name = _("Omdirigeringar")
