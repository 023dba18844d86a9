"""Names and e-mail addresses are erased on schedule (manage.py erase_personal_data): those of
questions answered more than PERSONAL_DATA_DAYS_AFTER_ANSWER days ago and of unanswered ones
older than PERSONAL_DATA_DAYS_UNANSWERED days; the same for accessibility requests, handled
counting as answered. The command is safe to run every hour."""

import importlib
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import timezone

from content.models import AccessibilityRequest
from questions.models import Question
from tests.factories import AccessibilityRequestFactory, QuestionFactory

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PERSONAL_DATA_DAYS_AFTER_ANSWER = 30
    settings.PERSONAL_DATA_DAYS_UNANSWERED = 180


def erase(**options):
    out = StringIO()
    call_command("erase_personal_data", stdout=out, **options)
    return out.getvalue()


def question(received_ago, answered_ago=None):
    now = timezone.now()
    made = QuestionFactory(name="Anna Andersson", email="anna@example.se", answer="Svaret.")
    Question.objects.filter(pk=made.pk).update(
        created_at=now - received_ago,
        answered_at=None if answered_ago is None else now - answered_ago,
    )
    return made


def request_(received_ago, handled_ago=None):
    now = timezone.now()
    made = AccessibilityRequestFactory(name="Bo Berg", email="bo@example.se")
    AccessibilityRequest.objects.filter(pk=made.pk).update(
        created_at=now - received_ago,
        handled=handled_ago is not None,
        handled_at=None if handled_ago is None else now - handled_ago,
    )
    return made


def still_has_data(obj):
    obj.refresh_from_db()
    return bool(obj.name or obj.email)


def test_questions_just_before_and_after_each_limit():
    answered_kept = question(timedelta(days=100), answered_ago=timedelta(days=30) - MINUTE)
    answered_gone = question(timedelta(days=100), answered_ago=timedelta(days=30) + MINUTE)
    unanswered_kept = question(timedelta(days=180) - MINUTE)
    unanswered_gone = question(timedelta(days=180) + MINUTE)
    # Answered recently: the shorter limit counts from the answer, not from when it came in.
    old_but_recently_answered = question(timedelta(days=400), answered_ago=timedelta(days=1))

    output = erase()

    assert still_has_data(answered_kept)
    assert not still_has_data(answered_gone)
    assert still_has_data(unanswered_kept)
    assert not still_has_data(unanswered_gone)
    assert still_has_data(old_but_recently_answered)
    assert "frågor: 2 rensade" in output


def test_the_question_and_answer_are_kept_and_the_erasure_recorded():
    gone = question(timedelta(days=100), answered_ago=timedelta(days=31))
    erase()
    gone.refresh_from_db()
    assert (gone.name, gone.email) == ("", "")
    assert gone.text.startswith("Hur söker man stöd") and gone.answer == "Svaret."
    assert gone.answered_at is not None
    assert gone.personal_data_erased_at is not None


def test_accessibility_requests_just_before_and_after_each_limit():
    handled_kept = request_(timedelta(days=100), handled_ago=timedelta(days=30) - MINUTE)
    handled_gone = request_(timedelta(days=100), handled_ago=timedelta(days=30) + MINUTE)
    unhandled_kept = request_(timedelta(days=180) - MINUTE)
    unhandled_gone = request_(timedelta(days=180) + MINUTE)

    output = erase()

    assert still_has_data(handled_kept)
    assert not still_has_data(handled_gone)
    assert still_has_data(unhandled_kept)
    assert not still_has_data(unhandled_gone)
    handled_gone.refresh_from_db()
    assert handled_gone.message.startswith("Knappen går inte")
    assert "tillgänglighetsärenden: 2 rensade" in output


def test_the_limits_come_from_the_settings(settings):
    settings.PERSONAL_DATA_DAYS_AFTER_ANSWER = 7
    settings.PERSONAL_DATA_DAYS_UNANSWERED = 10
    answered = question(timedelta(days=9), answered_ago=timedelta(days=8))
    unanswered = question(timedelta(days=11))
    erase()
    assert not still_has_data(answered)
    assert not still_has_data(unanswered)


def test_running_again_changes_nothing():
    gone = question(timedelta(days=200))
    erase()
    gone.refresh_from_db()
    erased_at = gone.personal_data_erased_at

    output = erase()

    gone.refresh_from_db()
    assert gone.personal_data_erased_at == erased_at
    assert "frågor: 0 rensade" in output
    assert "tillgänglighetsärenden: 0 rensade" in output


def test_each_run_does_a_bounded_amount_of_work():
    for _ in range(5):
        question(timedelta(days=200))

    assert "frågor: 2 rensade" in erase(batch=2)
    assert Question.objects.exclude(email="").count() == 3
    assert "frågor: 2 rensade" in erase(batch=2)
    assert "frågor: 1 rensade" in erase(batch=2)
    assert not Question.objects.exclude(email="").exists()


def test_marking_a_request_handled_records_when():
    made = AccessibilityRequestFactory()
    assert made.handled_at is None
    made.handled = True
    made.save()
    made.refresh_from_db()
    first = made.handled_at
    assert first is not None
    made.save()
    made.refresh_from_db()
    assert made.handled_at == first
    made.handled = False
    made.save()
    made.refresh_from_db()
    assert made.handled_at is None


def test_the_admins_list_marks_a_request_handled_with_its_time(admin_client):
    from tests.editors import admin_url

    made = AccessibilityRequestFactory()
    response = admin_client.post(
        admin_url(AccessibilityRequest, "changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(made.pk),
            "form-0-handled": "on",
            "_save": "Spara",
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.handled and made.handled_at is not None


def test_requests_handled_before_the_handling_time_was_recorded_get_the_migrations_time():
    """The migration that adds ``handled_at`` dates the requests already handled, so that
    their names and addresses go 30 days later, not 180 days after they came in."""
    migration = importlib.import_module(
        "content.migrations.0009_handled_at_for_requests_already_handled"
    )
    handled = request_(received_ago=timedelta(days=100))
    AccessibilityRequest.objects.filter(pk=handled.pk).update(handled=True, handled_at=None)
    open_request = request_(received_ago=timedelta(days=100))

    migration.date_handled_requests(django_apps, None)

    handled.refresh_from_db()
    open_request.refresh_from_db()
    assert timezone.now() - handled.handled_at < timedelta(minutes=5)
    assert open_request.handled_at is None
    erase()
    assert still_has_data(handled) and still_has_data(open_request)
