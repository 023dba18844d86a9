"""WSGI entry point for growth_portal (gunicorn growth_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")

application = get_wsgi_application()
