"""Settings for growth_portal, read from the environment (12-factor).

With nothing set, the site runs for local development on an SQLite file. Production sets
``DJANGO_ENV=production`` and supplies the secret key, allowed hosts and ``DATABASE_URL``; the
README lists every variable.
"""

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from growth_portal.browser_policies import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY  # noqa: F401
from growth_portal.environment import env_bool, env_list
from growth_portal.logging_config import LOGGING  # noqa: F401

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV is 'production'.")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a long random value when DJANGO_ENV is 'production'."
        )
    # Local development and tests only; `check --deploy` flags this key as insecure.
    SECRET_KEY = "django-insecure-local-development-only-not-for-production"

LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else LOCAL_HOSTS)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names in production."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's own form templates, for the form renderer below.
    "django.forms",
    "taggit",
    "django_filters",
    "reversion",
    "reversion_compare",
    "django_prose_editor",
    "axes",
    "import_export",
    "csp",
    # Its system checks of the cache the rate limit counts in (see RATELIMIT_* below).
    "django_ratelimit",
    # The project package itself: site-wide pages, health checks, backup and restore.
    "growth_portal",
    # Domain apps, each importing only those below it (README, "Architecture").
    "search",
    "surveys",
    "awards",
    "themes",
    "content",
    "publications",
    "programmes",
    "indicators",
    "questions",
    "organisations",
    "geography",
    # Shared infrastructure, imported by the domain apps and never importing them.
    "pagecache",
    "editors",
    "history",
    "publishing",
    "images",
    "redirects",
    "richtext",
    "uploads",
    "formguard",
    "privacy",
    "deadlines",
]

MIDDLEWARE = [
    # Outermost: one log line per request, with its status and duration, static files included.
    "growth_portal.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Response headers for every answer, static files and cached pages included (they sit
    # outside whitenoise and the page cache).
    "growth_portal.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every answer that may be kept, and 304 to a conditional request, stored pages
    # included (Last-Modified comes from the page cache).
    "django.middleware.http.ConditionalGetMiddleware",
    # "private, no-store" on every answer the page cache did not mark public (pagecache/http.py).
    "pagecache.http.PrivateAnswersMiddleware",
    # A NUL in the address or the query gets the 400 page, whether or not the page reads it.
    "growth_portal.middleware.RejectNullBytesMiddleware",
    # Drops the query parameters the page does not read (?utm_source=…), before the cache's key.
    "pagecache.query.QueryStringMiddleware",
    # Each query waits for the database for a few seconds at most (deadlines/): the page
    # cache's own queries (its schedule look-up when it stores a page) included.
    "deadlines.middleware.QueryDeadlineMiddleware",
    # Answers anonymous visitors from the cache before sessions, CSRF and the views run.
    "pagecache.middleware.PageCacheMiddleware",
    # A database that does not answer gives the 503 page, not a 500 (middleware.py).
    "growth_portal.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Keeps the old address of an item whose slug changed working, with a 301 (only on 404s).
    "redirects.middleware.SlugRedirectMiddleware",
    # Last, as django-axes asks: locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user or address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The visitor's address behind the trusted proxies, gunicorn's (growth_portal/forwarded.py), from
# the header they append it to (in request.META's spelling; older: DJANGO_RATELIMIT_IP_META_KEY).
FORWARDED_ALLOW_IPS = env_list("GUNICORN_FORWARDED_ALLOW_IPS", ["127.0.0.1"])
try:
    [ipaddress.ip_network(entry) for entry in FORWARDED_ALLOW_IPS if entry != "*"]
except ValueError as error:
    raise ImproperlyConfigured(f"GUNICORN_FORWARDED_ALLOW_IPS: {error}") from error
FORWARDED_FOR_HEADER = "HTTP_" + (
    os.environ.get("DJANGO_FORWARDED_FOR_HEADER")
    or os.environ.get("DJANGO_RATELIMIT_IP_META_KEY", "").removeprefix("HTTP_")
    or "X-Forwarded-For"
).strip().upper().replace("-", "_")

# Admin login lockout (django-axes, growth_portal/login_lockout.py) for AXES_COOLOFF_TIME hours:
# of a user name from an address after AXES_FAILURE_LIMIT failures, of an address after more.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = "growth_portal.login_lockout.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "growth_portal.login_lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "growth_portal.forwarded.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# django-import-export: the admin's export needs its own permission ("Kan exportera
# publikationer"), so staff who may only view publications can still export them.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

ROOT_URLCONF = "growth_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "growth_portal.navigation.navigation",
                "growth_portal.footer.footer",
            ],
        },
    },
]

WSGI_APPLICATION = "growth_portal.wsgi.application"
ASGI_APPLICATION = "growth_portal.asgi.application"

# SQLite file by default; PostgreSQL (or anything dj-database-url reads) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # Its SELECT 1 can hang; deadlines/ drops connections the server closed instead.
        conn_health_checks=False,
    )
}
# A database that is down, unreachable or silent gives a 503 within seconds, not a hung worker
# (README, "A database that does not answer"; deadlines/; manage.py has no statement timeout).
DB_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "5"))
DB_ANSWER_TIMEOUT = float(os.environ.get("DJANGO_DB_ANSWER_TIMEOUT", "6"))
DB_EXPORT_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_EXPORT_STATEMENT_TIMEOUT", "25"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": DB_CONNECT_TIMEOUT,
        "keepalives": 1,
        "keepalives_idle": int(os.environ.get("DJANGO_DB_KEEPALIVES_IDLE", "5")),
        "keepalives_interval": int(os.environ.get("DJANGO_DB_KEEPALIVES_INTERVAL", "2")),
        "keepalives_count": int(os.environ.get("DJANGO_DB_KEEPALIVES_COUNT", "3")),
        "tcp_user_timeout": int(float(os.environ.get("DJANGO_DB_TCP_USER_TIMEOUT", "5")) * 1000),
        "options": f"-c statement_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}",
        **DATABASES["default"].get("OPTIONS", {}),  # DATABASE_URL's own options win
    }
# /readyz waits at most this many seconds for the database (growth_portal/health.py).
READY_TIMEOUT = float(os.environ.get("DJANGO_READY_TIMEOUT", "2"))

# Cache: Redis when REDIS_URL is set (shared by every worker), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "growth_portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "growth_portal",
            # A Redis that does not answer is skipped for a while (growth_portal/cache.py).
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "backoff_seconds": (float(os.environ.get("DJANGO_CACHE_BACKOFF_SECONDS", "5"))),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "growth_portal",
            # Per process, so that visitors varying the query string cannot fill a worker's
            # memory. Besides pages it holds one small counter per retired key
            # (pagecache/keys.py), which must never be evicted before a page that depends on
            # it: a page would then look valid. When full, local memory evicts the least
            # recently used third, and a page is always used before the counters that
            # retire it, so they go after it. Room for them besides a few hundred pages.
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Anonymous public pages are kept this many seconds at most (0 turns the page cache off), and
# shared caches (a reverse proxy) are told they may keep them as long. Each page carries the
# keys of what it shows; an editor's change retires the pages with its keys at once
# (pagecache/keys.py).
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))
# Browsers may keep a cached page this many seconds (Cache-Control max-age; never more than
# the page has left): a browser is not told of an editor's change, a proxy is.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_BROWSER_SECONDS", "60"))
# "keys": a change retires the pages that show what changed. "global": every change retires
# every page, as the site did before keys; it exists only so that the churn benchmark
# (benchmarks/) can compare the two.
PAGE_CACHE_INVALIDATION = os.environ.get("DJANGO_PAGE_CACHE_INVALIDATION", "keys").strip()
if PAGE_CACHE_INVALIDATION not in ("keys", "global"):
    raise ImproperlyConfigured('DJANGO_PAGE_CACHE_INVALIDATION must be "keys" or "global".')
# The apps whose rows visitors see: their saves, deletes and relation changes retire the pages
# that show them. Models of those apps that no public page shows retire nothing.
PAGE_CACHE_PUBLIC_APPS = frozenset(
    {
        "geography",
        "indicators",
        "organisations",
        "programmes",
        "publications",
        "content",
        "images",
        "search",
        "surveys",
        "taggit",
        "awards",
    }
)
PAGE_CACHE_PRIVATE_MODELS = frozenset({"content.accessibilityrequest"})
# Reverse proxies in front of the site (Varnish, deploy/varnish/): after each committed change
# the keys it retired go to each of these URLs as `PURGE` with an `xkey` header, from a
# background thread (pagecache/purge.py). Comma- or space-separated; empty: no proxy.
PAGE_CACHE_PURGE_URLS = os.environ.get("DJANGO_PAGE_CACHE_PURGE_URLS", "").replace(",", " ").split()
# Seconds one purge request may take, and how many times a failed one is tried again.
PAGE_CACHE_PURGE_TIMEOUT = float(os.environ.get("DJANGO_PAGE_CACHE_PURGE_TIMEOUT", "2"))
PAGE_CACHE_PURGE_RETRIES = int(os.environ.get("DJANGO_PAGE_CACHE_PURGE_RETRIES", "2"))
# Each purge is sent again this many seconds later, for a page that was being rendered from
# the old rows while the first one went out (pagecache/purge.py); 0: once only.
PAGE_CACHE_PURGE_REPEAT_SECONDS = float(
    os.environ.get("DJANGO_PAGE_CACHE_PURGE_REPEAT_SECONDS", "5")
)
# Visitors' questions (questions/) are in no public app: they never retire a page.
# Lists derived from content (a filter's options, a page's related lists) are kept this many
# seconds at most, with the keys of what they were computed from, so an editor's change shows
# at once (pagecache.versions.remember); 0 computes them for every request.
DERIVED_CACHE_SECONDS = int(os.environ.get("DJANGO_DERIVED_CACHE_SECONDS", "3600"))

# --- Public forms: honeypot and rate limit (formguard/) ------------------------------------
# Each address may store this many posts of the public forms (the accessibility form, the
# question form) per period, in django-ratelimit's notation: "5/10m" is five per ten minutes.
# Posts with errors do not count. The counts live in the default cache.
FORMGUARD_RATE = os.environ.get("DJANGO_FORM_RATE_LIMIT", "5/10m")
# The visitor's address, also behind the trusted proxy (FORWARDED_ALLOW_IPS above).
RATELIMIT_IP_META_KEY = "growth_portal.forwarded.client_address"
# A cache that does not answer lets posts through (logged); the honeypot still applies.
RATELIMIT_FAIL_OPEN = True
# django-ratelimit's checks know Django's Redis backend only as "not officially supported"
# (W001); its incr is Redis's atomic INCR, which is what the count needs. Without REDIS_URL the
# cache is local memory (E003: not shared), so each worker process counts for itself: a
# development set-up, which `check --deploy` warns about (formguard/checks.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# --- Personal data (privacy/) ------------------------------------------------------------
# Names and e-mail addresses that visitors sent with a question or an accessibility request are
# erased this many days after it was answered, or after it came in if it never was
# (manage.py erase_personal_data, run every hour; the forms' notices quote these numbers).
PERSONAL_DATA_DAYS_AFTER_ANSWER = int(os.environ.get("DJANGO_PERSONAL_DATA_DAYS_ANSWERED", "30"))
PERSONAL_DATA_DAYS_UNANSWERED = int(os.environ.get("DJANGO_PERSONAL_DATA_DAYS_UNANSWERED", "180"))

# The site search is answered by an index in memory in each process (search/engine.py), kept
# current with the search documents in the database. On: each gunicorn worker loads it as it
# starts (growth_portal/gunicorn_conf.py); off: the first search of each worker loads it.
SEARCH_PRELOAD = env_bool("DJANGO_SEARCH_PRELOAD", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Web addresses typed without a scheme are taken as https (Django 6 behaviour).
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Upload limits in megabytes; larger files are refused with a message (uploads/).
MAX_DOCUMENT_UPLOAD_MB = float(os.environ.get("DJANGO_MAX_DOCUMENT_MB", "50"))
MAX_LOGO_UPLOAD_MB = float(os.environ.get("DJANGO_MAX_LOGO_MB", "2"))
MAX_IMAGE_UPLOAD_MB = float(os.environ.get("DJANGO_MAX_IMAGE_MB", "15"))
MAX_INDICATOR_IMPORT_MB = float(os.environ.get("DJANGO_MAX_INDICATOR_IMPORT_MB", "50"))
# Where an indicator import file waits between the admin's preview and its confirmation
# (indicators/imports/pending.py); files older than a day are removed.
INDICATOR_IMPORT_DIR = Path(
    os.environ.get("DJANGO_INDICATOR_IMPORT_DIR")
    or Path(tempfile.gettempdir()) / "growth_portal_indicator_imports"
)
# Where a file chosen in an admin form that was refused for another field waits for the next
# submit (uploads/kept.py); files older than a day are removed.
KEPT_UPLOAD_DIR = Path(
    os.environ.get("DJANGO_KEPT_UPLOAD_DIR")
    or Path(tempfile.gettempdir()) / "growth_portal_kept_uploads"
)
# Widgets find their templates in templates/ too (templates/uploads/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# The site's public address, for links in files made outside a request (export_publications).
# The organisation that runs this installation of the portal, by its slug: the footer of
# every page names it with its contact details. Empty: the footer names none.
PORTAL_ORGANISATION = os.environ.get("DJANGO_PORTAL_ORGANISATION", "")

SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with content hashes in their names, served by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The rich text editor's link dialog with a choice of the site's pages (richtext/references.py):
# its module (static_lazy: its hashed name in production), and what it may write (a link with
# an href, a title and a page reference).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("richtext/site_link.js")],
        "extensions": {"SiteLink": html_tags(["a"], {"a": ["href", "title", "data-page"]})},
    }
]

# --- Security headers (every response) -------------------------------------------------------
# Content-Security-Policy and Permissions-Policy: growth_portal/browser_policies.py.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie; forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A load balancer asks these over plain HTTP; they must not be redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is on by default: the portal is served over HTTPS only, on its own host. A site
    # under a parent domain whose other hosts are not all HTTPS sets DJANGO_HSTS_PRELOAD=0.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)

# Logs go to stdout, one line per record (growth_portal/logging_config.py).
