"""The admin login's lockout (django-axes) behind the TLS proxy: visitors are told apart by the
address the trusted proxy forwards, and one address trying many user names is locked out too
(growth_portal/forwarded.py, growth_portal/login_lockout.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.editors import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
LOCKED = "Inloggningen är tillfälligt spärrad"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    # Many logins: a fast hasher keeps the test short (the limits do not depend on it).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "redaktor", "redaktor@example.org", PASSWORD, is_staff=True
    )


def log_in(client, username, password, *, forwarded=None, remote=PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **headers,
    )


def assert_logged_in(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("admin:index")


def test_visitors_behind_the_same_proxy_are_locked_out_each_on_their_own(editor):
    guesser, colleague = Client(), Client()
    statuses = [
        log_in(guesser, "redaktor", "fel-lösenord", forwarded="203.0.113.5").status_code
        for _attempt in range(5)
    ]
    assert statuses == [200] * 4 + [429]  # the fifth failure locks
    response = log_in(guesser, "redaktor", PASSWORD, forwarded="203.0.113.5")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "5 misslyckade inloggningsförsök för användarnamnet från din adress" in html

    # The same user name through the same proxy, from another visitor's address.
    assert_logged_in(log_in(colleague, "redaktor", PASSWORD, forwarded="203.0.113.6"))


def test_only_the_address_the_proxy_appended_counts(editor):
    """Entries before the proxy's own were written by the client and change nothing."""
    client = Client()
    for attempt in range(5):
        forwarded = f"198.51.100.{attempt}, 203.0.113.5"
        log_in(client, "redaktor", "fel", forwarded=forwarded)
    response = log_in(client, "redaktor", PASSWORD, forwarded="198.51.100.99, 203.0.113.5")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_the_forwarding_header_of_an_untrusted_peer_is_ignored(editor):
    """A client that is not the proxy cannot escape the lockout by sending the header itself."""
    client = Client()
    for attempt in range(5):
        log_in(client, "redaktor", "fel", forwarded=f"203.0.113.{attempt}", remote="198.51.100.7")
    response = log_in(client, "redaktor", PASSWORD, forwarded="203.0.113.77", remote="198.51.100.7")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()

    # The proxy's visitors are someone else.
    assert_logged_in(log_in(Client(), "redaktor", PASSWORD, forwarded="203.0.113.77"))


def test_many_user_names_from_one_address_lock_the_address_out(editor):
    client = Client()
    for attempt in range(7):
        response = log_in(client, f"gissning-{attempt}", "fel", forwarded="203.0.113.9")
        assert response.status_code == 200
    # Below the address's limit, a right password still lets the editor in.
    assert_logged_in(log_in(Client(), "redaktor", PASSWORD, forwarded="203.0.113.9"))

    assert log_in(client, "gissning-7", "fel", forwarded="203.0.113.9").status_code == 429
    response = log_in(Client(), "redaktor", PASSWORD, forwarded="203.0.113.9")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "8 misslyckade inloggningsförsök från din adress" in html

    # Another address is not affected.
    assert_logged_in(log_in(Client(), "redaktor", PASSWORD, forwarded="203.0.113.10"))
