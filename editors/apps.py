from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorsConfig(AppConfig):
    """Editors scoped to their organisations in the admin."""

    name = "editors"
    verbose_name = _("Redaktörer")
