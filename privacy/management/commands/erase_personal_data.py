"""Blank visitors' names and e-mail addresses once their time is up (privacy/registry.py).

Safe to run every hour (README, "Erasing personal data"): it touches only rows that still
hold personal data and whose time is up, so a second run finds nothing; each run blanks at
most ``--batch`` rows per model, so a backlog is worked off over several runs.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from privacy.registry import registered


class Command(BaseCommand):
    help = (
        "Raderar namn och e-postadresser i frågor och tillgänglighetsärenden som besvarats "
        "eller kommit in för länge sedan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            type=int,
            default=1000,
            help="Högst så många rader per modell i varje körning (standard 1000).",
        )

    def handle(self, *args, batch=1000, **options):
        for entry in registered():
            with transaction.atomic():
                due = entry.due().order_by("pk").values("pk")[:batch]
                pks = list(due.values_list("pk", flat=True))
                erased = entry.erase(entry.model._default_manager.filter(pk__in=pks))
            self.stdout.write(f"{entry.label}: {erased} rensade")
