"""Abuse protection on every public form (the accessibility form and the question form): a
honeypot field and a per-address limit on stored posts. A rejected post keeps what the visitor
typed and says why in Swedish."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks
from django.db.models.signals import post_save
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from content.models import AccessibilityRequest
from formguard.ratelimit import GROUP
from questions.models import Question
from tests.factories import OrganisationFactory

from . import steady_addresses

pytestmark = pytest.mark.django_db

ACCESSIBILITY_URL = "/tillganglighetsredogorelse/kontakt/"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.FORMGUARD_RATE = "5/10m"


@pytest.fixture
def addresses():
    return steady_addresses()


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket", accepts_questions=True)


def accessibility_post(n):
    return ACCESSIBILITY_URL, {"kind": "problem", "message": f"Kontrasten är för låg ({n})."}


def question_post(n):
    return "/organisationer/tillvaxtverket/fraga/", {
        "text": f"Hur söker man stöd? ({n})",
        "name": "Anna Andersson",
        "email": "anna@example.se",
    }


# Each public form: (what a post looks like, the model it stores).
FORMS = {
    "accessibility": (accessibility_post, AccessibilityRequest),
    "question": (question_post, Question),
}


@pytest.fixture(params=list(FORMS))
def form(request, organisation):
    return FORMS[request.param]


def test_25_posts_from_one_address_store_only_the_limit(client, form, addresses):
    post, model = form
    statuses = [client.post(*post(n), REMOTE_ADDR=addresses[0]).status_code for n in range(25)]

    assert model.objects.count() == 5
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429] * 20


def test_another_address_is_unaffected(client, form, addresses):
    post, model = form
    for n in range(6):
        client.post(*post(n), REMOTE_ADDR=addresses[0])

    response = client.post(*post(99), REMOTE_ADDR=addresses[1])

    assert response.status_code == 302
    assert model.objects.count() == 6


def test_the_limit_is_shared_by_the_public_forms(client, organisation, addresses):
    for n in range(3):
        client.post(*accessibility_post(n), REMOTE_ADDR=addresses[0])
    for n in range(3):
        client.post(*question_post(n), REMOTE_ADDR=addresses[0])
    assert AccessibilityRequest.objects.count() + Question.objects.count() == 5


def test_a_post_over_the_limit_keeps_what_was_typed_and_says_when_to_try_again(
    client, form, addresses
):
    post, model = form
    for n in range(5):
        client.post(*post(n), REMOTE_ADDR=addresses[0])
    url, data = post("sista")

    response = client.post(url, data, REMOTE_ADDR=addresses[0])

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert "<title>Fel:" in html
    assert "Du har skickat flera meddelanden på kort tid. Vänta" in html
    assert "Det du har skrivit finns kvar." in html
    typed = data.get("message") or data.get("text")
    assert f"{typed}</textarea>" in html
    assert model.objects.count() == 5


def test_posts_with_errors_do_not_count(client, form, addresses):
    """A visitor who corrects a mistake is not held back."""
    post, model = form
    url, data = post(0)
    for _ in range(10):
        response = client.post(url, {**data, "email": "inte-en-adress"}, REMOTE_ADDR=addresses[0])
        assert response.status_code == 400
    for n in range(5):
        assert client.post(*post(n), REMOTE_ADDR=addresses[0]).status_code == 302
    assert model.objects.count() == 5


# --- the honeypot ----------------------------------------------------------------------------


def test_a_filled_honeypot_is_400_stores_nothing_and_keeps_the_text(client, form, addresses):
    post, model = form
    url, data = post(1)

    response = client.post(
        url, {**data, "website": "https://spam.example"}, REMOTE_ADDR=addresses[0]
    )

    assert response.status_code == 400
    assert not model.objects.exists()
    html = response.content.decode()
    assert "var ifyllt. Töm det fältet och skicka igen." in html
    typed = data.get("message") or data.get("text")
    assert f"{typed}</textarea>" in html
    # The honeypot itself comes back empty, so that a person who filled it can send again.
    assert "spam.example" not in html


def test_the_honeypot_is_hidden_labelled_and_out_of_the_tab_order(client, form):
    post, _ = form
    url, _ = post(0)
    if "fraga" in url:
        url = "/organisationer/tillvaxtverket/"  # the form at the bottom of the page
    html = client.get(url).content.decode()

    field = re.search(
        r'<div class="visually-hidden">\s*<label for="id_website">(.*?)</label>\s*'
        r"(<input[^>]*>)",
        html,
    )
    assert field, url
    assert field.group(1) == "Lämna det här fältet tomt"
    control = field.group(2)
    assert 'name="website"' in control
    assert 'tabindex="-1"' in control
    assert 'autocomplete="off"' in control
    assert 'value=""' in control


def test_no_captcha_and_no_third_party_script(client, organisation):
    for url in (ACCESSIBILITY_URL, "/organisationer/tillvaxtverket/fraga/"):
        html = client.get(url).content.decode()
        assert "captcha" not in html.lower()
        for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
            assert src.startswith("/"), src


# --- configuration ---------------------------------------------------------------------------


def test_behind_a_trusted_proxy_the_address_comes_from_its_header(
    client, form, settings, addresses
):
    """Behind the proxy every post comes from the proxy's address; the visitor's is the last
    entry of X-Forwarded-For, which the proxy appends. What the visitor wrote before it is
    not believed, so changing it does not reset the count."""
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    post, model = form
    for n in range(6):
        client.post(
            *post(n), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {addresses[0]}"
        )
    assert model.objects.count() == 5

    response = client.post(*post(7), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=addresses[1])

    assert response.status_code == 302
    assert model.objects.count() == 6


def test_the_forwarding_header_of_an_untrusted_peer_is_ignored(client, form, settings, addresses):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    post, model = form
    responses = [
        client.post(*post(n), REMOTE_ADDR=addresses[0], HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        for n in range(6)
    ]

    assert [response.status_code for response in responses] == [302] * 5 + [429]
    assert model.objects.count() == 5


@pytest.mark.parametrize("header", ["", "not an address", "192.0.2.1, junk"])
def test_an_unreadable_proxy_header_counts_against_the_proxy(
    client, form, settings, addresses, header
):
    """A proxy that sends no header, or one its visitor could have written, must not turn the
    limit off: such posts count against the proxy's own address."""
    proxy = addresses[0]
    settings.FORWARDED_ALLOW_IPS = [proxy]
    post, model = form
    responses = [
        client.post(*post(n), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=header) for n in range(6)
    ]

    assert [response.status_code for response in responses] == [302] * 5 + [429]
    assert model.objects.count() == 5


def test_a_post_without_any_address_is_not_let_through_uncounted(client, form):
    """No peer address (a UNIX socket) and no header: the post is refused like one over the
    limit, and what was typed is kept."""
    post, model = form
    url, data = post(1)

    response = client.post(url, data, REMOTE_ADDR="")

    assert response.status_code == 429
    assert model.objects.count() == 0
    assert "Det du har skrivit finns kvar" in response.content.decode()


def test_a_valid_post_is_counted_before_it_is_stored(client, form, addresses):
    """The count moves before the row is written, so posts sent at the same moment cannot
    all pass: when the post is stored, its address's count already includes it."""
    post, model = form
    counts = []

    def count_at_save(sender, **kwargs):
        request = RequestFactory().post("/", REMOTE_ADDR=addresses[0])
        usage = get_usage(
            request, group=GROUP, key="ip", rate=django_settings.FORMGUARD_RATE, method="POST"
        )
        counts.append(usage["count"])

    post_save.connect(count_at_save, sender=model)
    try:
        client.post(*post(1), REMOTE_ADDR=addresses[0])
    finally:
        post_save.disconnect(count_at_save, sender=model)

    assert counts == [1]


def test_the_deploy_check_warns_about_a_rate_limit_in_local_memory(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "formguard.W001" in ids


def test_no_warning_with_a_shared_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "formguard.W001" not in ids


def test_with_redis_only_the_backend_notice_of_django_ratelimit_is_silenced():
    """django-ratelimit's error for a cache that is not shared is silenced only without
    REDIS_URL (a development site); with Redis only its "not officially supported" notice
    about Django's own Redis backend, whose incr is Redis's atomic INCR."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = "from django.conf import settings; print(sorted(settings.SILENCED_SYSTEM_CHECKS))"
    root = Path(__file__).resolve().parents[2]

    def silenced(**env):
        base = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=root,
            env={**base, "DJANGO_SETTINGS_MODULE": "growth_portal.settings", **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip()

    assert silenced(REDIS_URL="redis://127.0.0.1:6379/0") == "['django_ratelimit.W001']"
    assert silenced() == "['django_ratelimit.E003', 'django_ratelimit.W001']"
