"""Settings read from the environment. Each case imports the settings in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "HOST": db.get("HOST", ""),
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECRET_KEY": settings.SECRET_KEY,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
}))
"""


def read_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="growth_portal.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    return result


def test_defaults_give_a_local_site_on_sqlite_with_debug_off():
    result = read_settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(ROOT / "db.sqlite3")
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert values["MEDIA_ROOT"] == str(ROOT / "media")


def test_database_url_selects_postgresql():
    result = read_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/growth")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert (values["NAME"], values["HOST"]) == ("growth", "127.0.0.1")


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_debug_only_when_asked_for(value):
    assert json.loads(read_settings(DJANGO_DEBUG=value).stdout)["DEBUG"] is True


def test_an_ambiguous_debug_value_is_refused():
    result = read_settings(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_production_requires_a_real_secret_key():
    result = read_settings(DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_requires_allowed_hosts_and_refuses_debug():
    key = "k" * 60
    missing_hosts = read_settings(DJANGO_ENV="production", DJANGO_SECRET_KEY=key)
    assert "DJANGO_ALLOWED_HOSTS must list" in missing_hosts.stderr
    with_debug = read_settings(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=key,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DJANGO_DEBUG="1",
    )
    assert "DJANGO_DEBUG must be off" in with_debug.stderr


def test_production_with_its_variables():
    result = read_settings(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="portal.example.org, www.portal.example.org",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SECRET_KEY"] == "k" * 60
    assert values["ALLOWED_HOSTS"] == ["portal.example.org", "www.portal.example.org"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["DEBUG"] is False


def test_swedish_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True


def test_static_files_are_compressed_and_hashed(tmp_path):
    """collectstatic with the project's own storage writes hashed and compressed files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_STATIC_ROOT=str(tmp_path), DJANGO_SETTINGS_MODULE="growth_portal.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
