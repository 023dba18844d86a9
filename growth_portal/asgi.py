"""ASGI entry point for growth_portal."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")

application = get_asgi_application()
