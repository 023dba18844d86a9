"""Write the whole search index again, e.g. after loading data without signals:

manage.py rebuild_search_index
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Write the search index again from every searchable item."

    @transaction.atomic
    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Search index: {count} documents.")
