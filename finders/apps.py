from django.apps import AppConfig


class FindersConfig(AppConfig):
    """Filterable lists: filters in the query string, selects that offer what leads to
    results."""

    name = "finders"
