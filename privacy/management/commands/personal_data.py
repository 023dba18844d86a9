"""``personal_data export <email>`` prints, as JSON, everything stored about an e-mail address
(GDPR article 15); ``personal_data erase <email>`` deletes it (article 17, privacy/gdpr.py)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from privacy import gdpr


class Command(BaseCommand):
    help = "Visar (export) eller raderar (erase) allt som sparats om en e-postadress."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"Ogiltig e-postadress: {email}") from error
        if action == "export":
            self.stdout.write(gdpr.export(email))
            return
        for label, count in gdpr.erase(email).items():
            self.stdout.write(f"{label}: {count} raderade")
