"""Editors read the questions of their own organisations only, mark them answered (a field and
an action, recording when and by whom) and note the answer they sent; what the visitor sent is
read-only. Superusers see all."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import Client

from questions.models import Question
from tests.admin_forms import admin_form_data
from tests.editors import admin_url, login_editor
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model, org_a):
    return login_editor(client, django_user_model, "redaktor-a", org_a)


@pytest.fixture
def own(org_a):
    return QuestionFactory(organisation=org_a, text="Fråga till A", email="anna@example.se")


@pytest.fixture
def other(org_b):
    return QuestionFactory(organisation=org_b, text="Fråga till B", email="bo@example.se")


def test_an_editor_sees_only_their_own_organisations_questions(editor, own, other):
    response = editor.get(admin_url(Question, "changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fråga till A" in html
    assert "Fråga till B" not in html and "bo@example.se" not in html


def test_another_organisations_question_cannot_be_opened_or_changed(editor, other):
    response = editor.get(admin_url(Question, "change", other.pk))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    response = editor.post(
        admin_url(Question, "change", other.pk), {"answer": "Svar", "answered": "on"}
    )
    other.refresh_from_db()
    assert other.answer == "" and other.answered_at is None


def test_a_superuser_sees_all(admin_client, own, other):
    html = admin_client.get(admin_url(Question, "changelist")).content.decode()
    assert "Fråga till A" in html and "Fråga till B" in html


def test_nobody_adds_questions_in_the_admin(editor, admin_client):
    assert editor.get(admin_url(Question, "add")).status_code == 403
    assert admin_client.get(admin_url(Question, "add")).status_code == 403


def test_the_visitors_fields_are_read_only(editor, own):
    response = editor.get(admin_url(Question, "change", own.pk))
    form = response.context["adminform"].form
    assert set(form.fields) == {"answer", "answered"}
    html = response.content.decode()
    assert "Fråga till A" in html and "anna@example.se" in html

    data = {**admin_form_data(response), "text": "Ändrad", "email": "ny@example.se"}
    editor.post(admin_url(Question, "change", own.pk), data)
    own.refresh_from_db()
    assert (own.text, own.email) == ("Fråga till A", "anna@example.se")


def test_marking_answered_records_when_and_by_whom_and_the_answer(editor, own):
    response = editor.get(admin_url(Question, "change", own.pk))
    data = {**admin_form_data(response), "answered": "on", "answer": "Se vår sida om stöd."}

    response = editor.post(admin_url(Question, "change", own.pk), data)

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.answer == "Se vår sida om stöd."
    assert own.answered_at is not None
    assert own.answered_by.username == "redaktor-a"
    first = own.answered_at

    # Saving again keeps the first time; unticking clears it.
    editor.post(admin_url(Question, "change", own.pk), data)
    own.refresh_from_db()
    assert own.answered_at == first
    editor.post(admin_url(Question, "change", own.pk), {**data, "answered": ""})
    own.refresh_from_db()
    assert own.answered_at is None and own.answered_by is None


def test_the_action_marks_the_chosen_questions_answered(editor, org_a, own, other):
    second = QuestionFactory(organisation=org_a)

    response = editor.post(
        admin_url(Question, "changelist"),
        {"action": "mark_answered", "_selected_action": [own.pk, second.pk, other.pk]},
        follow=True,
    )

    assert "2 frågor markerades som besvarade." in response.content.decode()
    answered = Question.objects.filter(answered_at__isnull=False)
    assert set(answered) == {own, second}
    assert {q.answered_by.username for q in answered} == {"redaktor-a"}
    other.refresh_from_db()
    assert other.answered_at is None


def test_the_editor_group_may_view_and_change_questions_only(django_user_model, org_a):
    client = login_editor(Client(), django_user_model, "redaktor-perm", org_a)
    user = django_user_model.objects.get(username="redaktor-perm")
    assert user.has_perm("questions.view_question") and user.has_perm("questions.change_question")
    assert not user.has_perm("questions.add_question")
    assert not user.has_perm("questions.delete_question")
    assert client.get(admin_url(Question, "changelist")).status_code == 200


def test_questions_keep_no_revision_history():
    """Old versions would hold names and addresses that the erasure cannot reach."""
    import reversion

    assert admin.site.is_registered(Question)
    assert not reversion.is_registered(Question)


def test_the_changelist_links_superusers_to_the_personal_data_page(admin_client, editor):
    html = admin_client.get(admin_url(Question, "changelist")).content.decode()
    assert 'href="/admin/personuppgifter/"' in html
    html = editor.get(admin_url(Question, "changelist")).content.decode()
    assert 'href="/admin/personuppgifter/"' not in html


def test_the_admins_log_keeps_no_words_of_the_question(editor, own):
    """The admin's log keeps an object's name for good, beyond the reach of the erasure: a
    question's name must not quote what the visitor wrote. The list still shows its start."""
    response = editor.get(admin_url(Question, "change", own.pk))
    editor.post(
        admin_url(Question, "change", own.pk),
        {**admin_form_data(response), "answered": "on", "answer": "Svar"},
    )
    listing = editor.get(admin_url(Question, "changelist")).content.decode()

    entry = LogEntry.objects.get(object_id=str(own.pk))
    assert "Fråga till A" not in entry.object_repr
    assert entry.object_repr.startswith(f"Fråga {own.pk}, inkommen ")
    assert "Fråga till A" in listing
