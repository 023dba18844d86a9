from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Visitors' questions to an organisation, asked with the form on its pages."""

    name = "questions"
    verbose_name = _("Frågor från besökare")

    def ready(self):
        from privacy.registry import register

        from .models import Question

        # The visitor's name and e-mail address are erased a number of days after the
        # question was answered, or after it came in if it never was (erase_personal_data).
        register(
            Question,
            email_field="email",
            fields=["name", "email"],
            received_field="created_at",
            done_field="answered_at",
            erased_field="personal_data_erased_at",
        )
