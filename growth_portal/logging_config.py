"""The log configuration, for growth_portal/settings.py."""

import os

# Logs go to stdout, one line per record: a line per request (growth_portal.requests, with
# status and duration) and every error with its traceback (django.request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    # A cache call skipped during a back-off is not logged: the back-off is, once.
    "filters": {"cache_skipped": {"()": "growth_portal.cache.SkippedCallFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["cache_skipped"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # The request line is written by RequestLogMiddleware; Django's own 4xx warnings
        # would say the same twice. Errors (5xx) still come with their traceback.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
    },
}
