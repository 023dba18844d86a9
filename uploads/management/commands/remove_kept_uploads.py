"""Removes the files kept for refused admin forms (uploads/kept.py) once they are a day old,
also when no editor submits a form for a long time. Safe to run as often as you like."""

from django.core.management.base import BaseCommand

from uploads.kept import remove_stale


class Command(BaseCommand):
    help = "Tar bort filer som sparats åt formulär med fel i administrationen och är äldre än ett dygn."

    def handle(self, *args, **options):
        removed = remove_stale()
        self.stdout.write(f"Kept uploads: {removed} files removed.")
