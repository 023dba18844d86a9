"""The demo content: Tillväxtverket takes questions, as its source page's personal-data notice
says, with its own page about personal data; no other organisation does. The portal's page
about personal data describes the questions and the erasure."""

import pytest
from django.core.management import call_command

from organisations.models import Organisation
from tests.pages import fetch, main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def test_only_tillvaxtverket_takes_questions(demo):
    asking = Organisation.objects.filter(accepts_questions=True)
    assert list(asking.values_list("slug", "personal_data_url")) == [
        ("tillvaxtverket", "https://tillvaxtverket.se/personuppgifter")
    ]
    assert not Organisation.objects.exclude(slug="tillvaxtverket").exclude(personal_data_url="")


def test_tillvaxtverkets_pages_carry_the_form_and_notice(client, demo):
    for url in ("/organisationer/tillvaxtverket/", "/sidor/samordning-och-uppfoljning/"):
        html, _ = fetch(client, url)
        text = main_text(html)
        assert "Ställ en fråga" in text, url
        assert "Tillväxtverket ansvarar för uppgifterna" in text, url
        assert 'href="https://tillvaxtverket.se/personuppgifter"' in html, url
    html, _ = fetch(client, "/organisationer/lansstyrelsen-stockholm/")
    assert "question-form" not in html


def test_the_personal_data_page_describes_questions_and_erasure(client, demo):
    html, _ = fetch(client, "/personuppgifter/")
    text = main_text(html)
    assert "Frågor och hur länge uppgifterna sparas" in text
    assert "formuläret Ställ en fråga" in text
    assert "tas bort automatiskt en tid efter att en fråga har besvarats" in text
    assert "texten sparas utan dem" in text


def test_loading_the_demo_twice_changes_nothing(demo):
    from io import StringIO

    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "0 created, 0 changed, 0 removed" in out.getvalue()
