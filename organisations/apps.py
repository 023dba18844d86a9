from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """The organisations that own, finance and publish everything on the site, their editors
    and their public pages."""

    name = "organisations"
    verbose_name = _("Organisationer")
