"""The visitor's address behind the trusted proxy (growth_portal/forwarded.py): what the login
lockout and the public forms' rate limit count by."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from growth_portal.forwarded import client_address

ROOT = Path(__file__).resolve().parents[2]


def address(remote, forwarded=None, **headers):
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


@pytest.fixture(autouse=True)
def _proxies(settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.1", "10.1.0.0/16", "2001:db8::1"]
    settings.FORWARDED_FOR_HEADER = "HTTP_X_FORWARDED_FOR"


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # A visitor without a proxy, whatever it sends.
        ("198.51.100.7", None, "198.51.100.7"),
        ("198.51.100.7", "203.0.113.5", "198.51.100.7"),
        # The trusted proxy's last entry; the client's own entries before it are not believed.
        ("10.0.0.1", "203.0.113.5", "203.0.113.5"),
        ("10.0.0.1", "192.0.2.66, 203.0.113.5", "203.0.113.5"),
        ("10.0.0.1", " 192.0.2.66 ,203.0.113.5 ", "203.0.113.5"),
        # Proxies in a chain (a cache behind the TLS proxy): each trusted hop is passed over.
        ("10.1.4.4", "192.0.2.66, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        # IPv6, and entries with a port as some proxies write them.
        ("2001:db8::1", "2001:db8:ffff::5", "2001:db8:ffff::5"),
        ("10.0.0.1", "[2001:db8:ffff::5]:4711", "2001:db8:ffff::5"),
        ("10.0.0.1", "203.0.113.5:4711", "203.0.113.5"),
        ("10.0.0.1", "::ffff:203.0.113.5", "203.0.113.5"),
        # A proxy that sends nothing readable is its own visitor; what stands before the
        # unreadable entry is never reached.
        ("10.0.0.1", None, "10.0.0.1"),
        ("10.0.0.1", "", "10.0.0.1"),
        ("10.0.0.1", "203.0.113.5, unknown", "10.0.0.1"),
        ("10.1.4.4", "203.0.113.5, junk, 10.0.0.1", "10.0.0.1"),
    ],
)
def test_client_address(remote, forwarded, expected):
    assert address(remote, forwarded) == expected


def test_another_header_can_be_named(settings):
    settings.FORWARDED_FOR_HEADER = "HTTP_X_REAL_IP"
    assert address("10.0.0.1", "192.0.2.66", HTTP_X_REAL_IP="203.0.113.5") == "203.0.113.5"
    assert address("198.51.100.7", HTTP_X_REAL_IP="203.0.113.5") == "198.51.100.7"


def test_with_every_peer_trusted_only_the_last_entry_counts(settings):
    settings.FORWARDED_ALLOW_IPS = ["*"]
    assert address("198.51.100.7", "192.0.2.66, 203.0.113.5") == "203.0.113.5"


def read_setting(name, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="growth_portal.settings")
    script = f"from django.conf import settings; print(settings.{name})"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_the_trusted_proxies_are_gunicorns():
    result = read_setting(
        "FORWARDED_ALLOW_IPS", GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.1, 10.2.0.0/16"
    )
    assert result.stdout.strip() == "['10.0.0.1', '10.2.0.0/16']", result.stderr
    assert read_setting("FORWARDED_ALLOW_IPS").stdout.strip() == "['127.0.0.1']"

    result = read_setting("FORWARDED_ALLOW_IPS", GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.1, proxy")
    assert result.returncode != 0
    assert "ImproperlyConfigured: GUNICORN_FORWARDED_ALLOW_IPS: 'proxy'" in result.stderr


def test_the_header_is_named_as_http_names_it():
    result = read_setting("FORWARDED_FOR_HEADER", DJANGO_FORWARDED_FOR_HEADER="X-Real-IP")
    assert result.stdout.strip() == "HTTP_X_REAL_IP", result.stderr
    # The older variable of the forms' rate limit, in request.META's spelling, still works.
    result = read_setting("FORWARDED_FOR_HEADER", DJANGO_RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP")
    assert result.stdout.strip() == "HTTP_X_REAL_IP", result.stderr
    assert read_setting("FORWARDED_FOR_HEADER").stdout.strip() == "HTTP_X_FORWARDED_FOR"
