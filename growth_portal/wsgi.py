"""WSGI entry point for growth_portal (gunicorn growth_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")

application = get_wsgi_application()

# A new release (or a restart) retires every stored page: templates, code and the hashed names
# of static files may have changed. With gunicorn's preload_app this runs once, in the master,
# which then forks the workers: the reverse proxies' purge is sent here and now, so that no
# sending thread is left in the master (pagecache/purge.py).
from pagecache import purge  # noqa: E402
from pagecache.keys import content_changed  # noqa: E402

with purge.at_once():
    content_changed()
