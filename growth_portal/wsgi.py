"""WSGI entry point for growth_portal (gunicorn growth_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")

application = get_wsgi_application()

# A new release (or a restart) retires every stored page: templates, code and the hashed names
# of static files may have changed. With gunicorn's preload_app this runs once, in the master.
from pagecache.keys import content_changed  # noqa: E402

content_changed()
