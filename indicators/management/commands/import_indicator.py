"""Import an indicator's observations from a CSV or JSON-stat file.

    manage.py import_indicator folkmangd data/folkmangd.csv
    manage.py import_indicator sysselsatta tabell.json --format json-stat --contents AM0207J1
    manage.py import_indicator folkmangd data/folkmangd.csv --dry-run

Prints what the import adds, changes and leaves unchanged, or the errors per row; a file
with any error writes nothing and the command fails.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.imports import import_file
from indicators.models import ImportBatch, Indicator


def report(command, plan, dry_run):
    """Prints the plan's counts or its errors; raises CommandError when it has errors."""
    if not plan.is_valid:
        for message in plan.errors.messages:
            command.stderr.write(message)
        if plan.errors.more:
            command.stderr.write(f"… och {plan.errors.more} fel till.")
        raise CommandError(
            f"Filen har {plan.errors.count} fel. Inget importerades till {plan.indicator.slug}."
        )
    verb = "Skulle importera" if dry_run else "Importerade"
    command.stdout.write(
        f"{verb} {plan.rows} rader till {plan.indicator.slug}: {plan.added} nya, "
        f"{plan.changed} ändrade, {plan.unchanged} oförändrade värden."
    )
    for change in plan.changes(10):
        command.stdout.write(
            f"  {change.region} {change.year} {change.sex}: {change.old_value} → {change.new_value}"
        )
    if dry_run:
        command.stdout.write("Provkörning: inget sparades.")


def get_indicator(slug):
    try:
        return Indicator.objects.get(slug=slug)
    except Indicator.DoesNotExist as exc:
        raise CommandError(f"Det finns ingen indikator med kortnamnet {slug!r}.") from exc


class Command(BaseCommand):
    help = (
        "Importerar en indikators värden från en CSV-fil eller en JSON-stat-fil från SCB. "
        "En fil med fel importeras inte alls."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Indikatorns kortnamn.")
        parser.add_argument("path", type=Path, help="Filen att importera.")
        parser.add_argument(
            "--format",
            choices=[ImportBatch.Format.CSV, ImportBatch.Format.JSON_STAT],
            help="Filens format; utan det avgör filens början.",
        )
        parser.add_argument(
            "--contents",
            metavar="CODE",
            help="Tabellinnehållet (ContentsCode) att importera när en JSON-stat-fil har flera.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle ändras utan att spara."
        )

    def handle(self, *args, slug, path, format=None, contents=None, dry_run=False, **options):
        indicator = get_indicator(slug)
        try:
            file = path.open("rb")
        except OSError as exc:
            raise CommandError(f"Kan inte öppna {path}: {exc.strerror}.") from exc
        with file:
            plan = import_file(
                indicator,
                file,
                file_name=path.name,
                file_format=format,
                contents=contents,
                dry_run=dry_run,
            )
        report(self, plan, dry_run)
