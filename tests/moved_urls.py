"""A URL configuration with the public pages under other prefixes, for tests/test_addresses.py."""

from django.urls import include, path

urlpatterns = [
    path("flyttat/", include("programmes.urls")),
    path("flyttat/skrifter/", include("publications.urls")),
]
