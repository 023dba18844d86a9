"""Everything stored about one e-mail address: exported as JSON and erased (GDPR articles 15
and 17), with ``manage.py personal_data`` and on the superusers' admin page."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from content.models import AccessibilityRequest
from questions.models import Question
from tests.editors import login_editor
from tests.factories import AccessibilityRequestFactory, QuestionFactory

pytestmark = pytest.mark.django_db

PAGE = "/admin/personuppgifter/"


@pytest.fixture
def stored():
    """Anna's question and request (her address typed in two cases), and Bo's question."""
    return {
        "question": QuestionFactory(text="Annas fråga", name="Anna", email="Anna@Example.se"),
        "request": AccessibilityRequestFactory(message="Annas rapport", email="anna@example.se"),
        "other": QuestionFactory(text="Bos fråga", name="Bo", email="bo@example.se"),
    }


def run(*args):
    out = StringIO()
    call_command("personal_data", *args, stdout=out)
    return out.getvalue()


# --- the command -----------------------------------------------------------------------------


def test_export_prints_everything_stored_about_the_address_as_json(stored):
    data = json.loads(run("export", "ANNA@example.se"))

    questions = data["found"]["questions.question"]
    requests = data["found"]["content.accessibilityrequest"]
    assert [q["fields"]["text"] for q in questions] == ["Annas fråga"]
    assert questions[0]["fields"]["name"] == "Anna"
    assert questions[0]["fields"]["email"] == "Anna@Example.se"
    assert questions[0]["fields"]["created_at"]
    assert [r["fields"]["message"] for r in requests] == ["Annas rapport"]
    assert "Bos fråga" not in json.dumps(data, ensure_ascii=False)


def test_erase_deletes_everything_stored_about_the_address_and_nothing_else(stored):
    output = run("erase", "anna@EXAMPLE.se")

    assert not Question.objects.filter(pk=stored["question"].pk).exists()
    assert not AccessibilityRequest.objects.filter(pk=stored["request"].pk).exists()
    assert Question.objects.filter(pk=stored["other"].pk).exists()
    assert "questions.question: 1 raderade" in output
    assert "content.accessibilityrequest: 1 raderade" in output
    assert json.loads(run("export", "anna@example.se"))["found"] == {
        "content.accessibilityrequest": [],
        "questions.question": [],
    }


def test_a_malformed_address_is_refused():
    with pytest.raises(CommandError, match="Ogiltig e-postadress"):
        run("export", "inte-en-adress")


# --- the admin page --------------------------------------------------------------------------


def test_only_superusers_reach_the_page(client, django_user_model, org_a):
    assert client.get(PAGE).status_code == 302  # to the admin's login
    editor = login_editor(client, django_user_model, "redaktor-gdpr", org_a)
    assert editor.get(PAGE).status_code == 403
    assert editor.post(PAGE, {"email": "anna@example.se", "action": "erase"}).status_code == 403


def test_a_superuser_finds_everything_about_an_address(admin_client, stored):
    response = admin_client.post(PAGE, {"email": "anna@example.se", "action": "search"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 poster med adressen anna@example.se" in html
    assert "Annas fråga" in html and "Anna" in html
    assert "Bos fråga" not in html
    assert 'value="export"' in html and 'value="confirm"' in html


def test_a_superuser_downloads_it_as_json(admin_client, stored):
    response = admin_client.post(PAGE, {"email": "anna@example.se", "action": "export"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["found"]["questions.question"][0]["fields"]["text"] == "Annas fråga"


def test_erasure_asks_for_a_confirmation_first(admin_client, stored):
    response = admin_client.post(PAGE, {"email": "anna@example.se", "action": "confirm"})

    html = response.content.decode()
    assert "Vill du radera 2 poster med adressen anna@example.se? Det går inte att ångra." in html
    assert 'value="erase"' in html
    assert Question.objects.count() == 2 and AccessibilityRequest.objects.count() == 1

    response = admin_client.post(PAGE, {"email": "anna@example.se", "action": "erase"}, follow=True)

    assert "2 poster med adressen anna@example.se raderades." in response.content.decode()
    assert list(Question.objects.values_list("text", flat=True)) == ["Bos fråga"]
    assert not AccessibilityRequest.objects.exists()


def test_nothing_found_says_so(admin_client):
    response = admin_client.post(PAGE, {"email": "ingen@example.se", "action": "search"})
    assert "Inget sparat med adressen ingen@example.se." in response.content.decode()


def test_a_malformed_address_on_the_page_is_a_400_that_keeps_it(admin_client):
    response = admin_client.post(PAGE, {"email": "inte-en-adress", "action": "erase"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv e-postadressen som namn@exempel.se." in html
    assert 'value="inte-en-adress"' in html
