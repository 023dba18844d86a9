from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Sök")

    def ready(self):
        from pagecache.versions import register_schedule

        from . import indexing
        from .models import SearchDocument

        indexing.connect_signals()
        # A search finds an item from its document's time on (search/engine.py): a search
        # page is not kept past the next one.
        register_schedule(SearchDocument, "visible_from")
