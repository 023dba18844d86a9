from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Sidor, nyheter och evenemang")

    def ready(self):
        from privacy.registry import register

        from .models import AccessibilityRequest

        # A visitor's name and e-mail address on an accessibility request are erased a number
        # of days after it was handled (erase_personal_data).
        register(
            AccessibilityRequest,
            email_field="email",
            fields=["name", "email"],
            received_field="created_at",
            done_field="handled_at",
        )
