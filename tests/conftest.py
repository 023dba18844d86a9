import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """{% static %} with the manifest storage needs collectstatic; tests use plain storage."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
