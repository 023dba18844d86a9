"""gunicorn settings for `make serve`; every value can be changed from the environment.

GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (default 2 per CPU core + 1),
GUNICORN_THREADS (1), GUNICORN_TIMEOUT (30 s), GUNICORN_MAX_REQUESTS (0: never recycle).
"""

import os

wsgi_app = "growth_portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The cores this process may use (in a container, not the host's), times two, plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", len(os.sched_getaffinity(0)) * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A worker that has not answered in this time is killed and replaced, so a request stuck on
# something outside the database's timeouts cannot take a worker for good.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The application is loaded once in the master and the workers fork from it. New code then
# needs a full restart (SIGTERM and start), not SIGHUP.
preload_app = True
# Django writes one line per request (growth_portal.requests); gunicorn's own access log
# would repeat it. gunicorn's messages go to stdout like the application's.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        }
    },
    # gunicorn merges this into its defaults one level deep: the root logger must be named
    # here, or it would point at gunicorn's default handler, which this dict replaces.
    "root": {"handlers": ["stdout"], "level": loglevel.upper()},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
    },
}
# gunicorn's control socket (a shared file in the home folder) is not used; signals are.
control_socket_disable = True
# Behind a proxy that terminates TLS: trust its X-Forwarded-* headers (comma list of addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Each worker loads its search index in memory as it starts (search/engine.py), unless
    DJANGO_SEARCH_PRELOAD is off."""
    from search.follower import load_in_background

    load_in_background()
