from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Drafts, scheduled and published content: the states, the editors' preview and the
    admin's publishing actions."""

    name = "publishing"
    verbose_name = _("Publicering")
