from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormguardConfig(AppConfig):
    """The public forms' protection against abuse: a honeypot field and a per-address limit
    on stored posts, with no CAPTCHA and no third-party script."""

    name = "formguard"
    verbose_name = _("Skydd av formulär")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
