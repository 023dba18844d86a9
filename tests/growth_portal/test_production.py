"""Running in production: the deployment check, security headers and cookies on public and
admin pages, the health checks, the 503 page when the database does not answer, and the logs."""

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client

from growth_portal import health
from growth_portal.security import importmap_hash
from tests.editors import PASSWORD
from tests.factories import ProgrammeFactory

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    """The variables the README tells an operator to set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="growth_portal.settings",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="tillvaxtportalen.example.se",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://tillvaxtportalen.example.se",
        DATABASE_URL="postgres://portal@db.example.se:5432/portal",
        REDIS_URL="redis://cache.example.se:6379/0",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- check --deploy -----------------------------------------------------------------------


def test_check_deploy_with_production_variables_reports_nothing():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    # The one silenced check is django-ratelimit's "Django's Redis backend is not officially
    # supported" (settings.py says why it is fine).
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_check_deploy_warns_about_a_page_cache_in_local_memory():
    env = production_env()
    del env["REDIS_URL"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 1
    assert "growth_portal.W001" in result.stderr


def test_check_deploy_without_production_variables_warns():
    """The check is not a formality: the development settings fail it."""
    env = production_env()
    env["DJANGO_ENV"] = "development"
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 1
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W012" in result.stderr  # session cookie not secure


@pytest.fixture(scope="module")
def production_settings():
    """The security settings the production variables give, read from settings.py itself."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
    ]
    script = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=production_env(), capture_output=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- Headers on public and admin pages ----------------------------------------------------


@pytest.fixture
def in_production(settings, production_settings):
    for name, value in production_settings.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = ["tillvaxtportalen.example.se"]
    return settings


def secure_get(client, url, **kwargs):
    return client.get(url, secure=True, HTTP_HOST="tillvaxtportalen.example.se", **kwargs)


def csp_directives(response):
    csp = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def assert_security_headers(response, admin=False):
    directives = csp_directives(response)
    if admin:
        # The rich text editor's import map, by its hash (growth_portal/security.py).
        assert directives["script-src"] == ["'self'", importmap_hash()]
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    else:
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/program/", "/publikationer/", "/sok/?q=tillväxt", "/finns-inte/", "/healthz"],
)
def test_public_answers_carry_the_security_headers(in_production, url, org_a):
    ProgrammeFactory(organisation=org_a)
    response = secure_get(Client(), url)
    assert response.status_code in (200, 404)
    assert_security_headers(response)


@pytest.mark.django_db
def test_static_files_carry_the_security_headers(in_production, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = secure_get(Client(), "/static/css/site.css")
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(in_production):
    response = Client().get("/program/", HTTP_HOST="tillvaxtportalen.example.se")
    assert response.status_code == 301
    assert response["Location"] == "https://tillvaxtportalen.example.se/program/"
    # A load balancer's health check over plain HTTP is answered, not redirected.
    assert Client().get("/healthz", HTTP_HOST="tillvaxtportalen.example.se").status_code == 200


@pytest.mark.django_db
def test_admin_pages_carry_the_headers_and_secure_http_only_cookies(
    in_production, django_user_model
):
    django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    client = Client(enforce_csrf_checks=True)
    login = secure_get(client, "/admin/login/")
    assert_security_headers(login, admin=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    token = login.context["csrf_token"]

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "chef", "password": PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_HOST="tillvaxtportalen.example.se",
        HTTP_REFERER="https://tillvaxtportalen.example.se/admin/login/",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"

    index = secure_get(client, "/admin/")
    assert index.status_code == 200
    assert_security_headers(index, admin=True)
    add = secure_get(client, "/admin/publications/publication/add/")
    assert add.status_code == 200
    assert_security_headers(add, admin=True)
    # The hash is that of the import map the page really carries.
    importmap = re.search(r'<script type="importmap">(.*?)</script>', add.content.decode(), re.S)
    digest = base64.b64encode(hashlib.sha256(importmap.group(1).encode()).digest()).decode()
    assert importmap_hash() == f"'sha256-{digest}'"


# --- Health checks ------------------------------------------------------------------------


def test_healthz_answers_without_the_database(monkeypatch, client):
    class NoDatabase:
        def __getitem__(self, alias):
            raise AssertionError("healthz must not touch the database")

    monkeypatch.setattr(health, "connections", NoDatabase())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # The same stand-in makes the readiness check fail: it is really in the way.
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_refuses(client, monkeypatch, caplog):
    def refused(result):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_probe", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "connection refused" in caplog.text


@pytest.mark.django_db
def test_readyz_does_not_hang_on_a_database_that_does_not_answer(client, monkeypatch, settings):
    settings.READY_TIMEOUT = 0.3
    monkeypatch.setattr(health, "_probe", lambda result: time.sleep(3))
    started = time.monotonic()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert time.monotonic() - started < 1.5


@pytest.mark.django_db
def test_readyz_waits_on_one_probe_at_a_time(client, monkeypatch, settings):
    """A balancer asking every second while the database hangs must not pile up threads."""
    import threading

    settings.READY_TIMEOUT = 0.2
    earlier = health._waiting["thread"]  # a probe an earlier test left waiting
    if earlier is not None:
        earlier.join(5)
    release = threading.Event()
    started = []

    def hanging(result):
        started.append(1)
        release.wait(5)

    monkeypatch.setattr(health, "_probe", hanging)
    try:
        for _ in range(4):
            assert client.get("/readyz").status_code == 503
        assert len(started) == 1
    finally:
        release.set()
    time.sleep(0.1)
    monkeypatch.undo()
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_needs_the_sites_tables(client, monkeypatch):
    """A database without the site's tables (an empty file, a wrong name) is not ready."""
    from django.db import connections

    wrapper = type(connections["default"])  # the probe's thread has a connection of its own
    real = wrapper.get_new_connection

    def empty_database(self, params):
        import sqlite3

        if self.vendor == "sqlite":
            return sqlite3.connect(":memory:")
        return real(self, {**params, "dbname": "postgres"})

    monkeypatch.setattr(wrapper, "get_new_connection", empty_database)
    assert client.get("/readyz").status_code == 503


# --- A database that does not answer ------------------------------------------------------


@pytest.mark.django_db
def test_a_database_error_in_a_view_answers_503(monkeypatch, caplog):
    from programmes.models import Programme

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Programme.objects, "published", down)
    response = Client(raise_request_exception=False).get("/program/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Tjänsten är tillfälligt otillgänglig" in body
    assert '<html lang="sv">' in body
    assert "server closed the connection unexpectedly" in caplog.text
    assert "Traceback" in caplog.text


@pytest.mark.django_db
def test_an_outage_does_not_bury_the_log_in_tracebacks(monkeypatch, caplog):
    from programmes.models import Programme

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Programme.objects, "published", down)
    client = Client(raise_request_exception=False)
    for _ in range(5):
        assert client.get("/program/").status_code == 503
    assert caplog.text.count("Traceback") == 1
    # Each answer still has its line.
    assert caplog.text.count("Service Unavailable: /program/") == 5


@pytest.mark.django_db
def test_a_database_error_in_a_middleware_answers_503(monkeypatch):
    """The redirect lookup for a missing page runs in a middleware, outside the view."""
    from redirects import middleware

    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(middleware.SlugRedirectMiddleware, "__call__", down)
    response = Client(raise_request_exception=False).get("/program/")
    assert response.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_still_answer_500(monkeypatch):
    from programmes.models import Programme

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Programme.objects, "published", broken)
    response = Client(raise_request_exception=False).get("/program/")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


# --- Logs -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_log_line_per_request_with_status_and_duration(client, caplog):
    caplog.set_level("INFO", logger="growth_portal.requests")
    client.get("/program/?status=ongoing")
    client.get("/finns-inte/")
    lines = [r for r in caplog.records if r.name == "growth_portal.requests"]
    assert [r.status_code for r in lines] == [200, 404]
    assert lines[0].getMessage().startswith('GET "/program/?status=ongoing" 200 ')
    assert lines[0].duration_ms > 0
    assert "ms cache=" in lines[0].getMessage()


def test_logs_go_to_stdout_with_the_traceback_of_errors():
    """In a process of its own with the real logging settings: the request line and an error
    with its traceback both come out on stdout."""
    script = """
import django
django.setup()
from django.test import Client
from growth_portal import health
from growth_portal.security import importmap_hash
def broken(text, status):
    raise RuntimeError("a bug in a view")
Client(HTTP_HOST="localhost").get("/healthz")
health._plain = broken
Client(raise_request_exception=False, HTTP_HOST="localhost").get("/healthz")
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "growth_portal.settings"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert 'growth_portal.requests GET "/healthz" 200 ' in out
    assert 'growth_portal.requests GET "/healthz" 500 ' in out
    assert "ERROR django.request Internal Server Error: /healthz" in out
    assert "Traceback (most recent call last)" in out
    assert "RuntimeError: a bug in a view" in out
    assert "Traceback" not in result.stderr
