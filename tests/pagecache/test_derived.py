"""What is derived from content and kept with the keys of what it was computed from
(``pagecache.versions.remember``): computed once, kept until something it read changes (and
not when anything else changes), never past the next scheduled publication it depends on,
past midnight if it depends on today, per language, and computed every time when the cache
does not answer or when it is turned off."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from pagecache import keys, versions
from programmes.models import Programme
from publishing.choices import PublishState
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


class Counted:
    """A computation that counts how often it ran, reading ``read()`` each time."""

    def __init__(self, read=lambda: None):
        self.runs = 0
        self.read = read

    def __call__(self):
        self.runs += 1
        return {"run": self.runs, "read": self.read()}


def programme_titles():
    return sorted(Programme.objects.published().values_list("title", flat=True))


def test_kept_until_what_it_read_changes():
    programme = ProgrammeFactory(title="Första")
    compute = Counted(programme_titles)
    assert versions.remember(("lists",), compute) == {"run": 1, "read": ["Första"]}
    assert versions.remember(("lists",), compute)["run"] == 1
    assert versions.remember(("other",), compute)["run"] == 2
    OrganisationFactory()  # a change of something it did not read
    assert versions.remember(("lists",), compute)["run"] == 1
    programme.title = "Andra"
    programme.save()
    assert versions.remember(("lists",), compute) == {"run": 3, "read": ["Andra"]}


def test_a_value_that_reads_one_row_is_kept_while_others_change():
    programme, other = ProgrammeFactory(title="Ett"), ProgrammeFactory(title="Två")
    compute = Counted(lambda: Programme.objects.get(pk=programme.pk).title)
    assert versions.remember(("one",), compute) == {"run": 1, "read": "Ett"}
    other.title = "Tre"
    other.save()
    assert versions.remember(("one",), compute)["run"] == 1
    programme.title = "Fyra"
    programme.save()
    assert versions.remember(("one",), compute) == {"run": 2, "read": "Fyra"}


def test_never_kept_past_the_next_scheduled_publication():
    soon = timezone.now() + datetime.timedelta(minutes=5)
    ProgrammeFactory(publish_state=PublishState.PUBLISHED, publish_from=soon)
    compute = Counted(programme_titles)
    assert versions.remember(("lists",), compute)["run"] == 1
    assert versions.remember(("lists",), compute)["run"] == 1
    later = soon + datetime.timedelta(seconds=1)
    with mock.patch.object(timezone, "now", return_value=later):
        assert versions.remember(("lists",), compute)["run"] == 2


def test_kept_per_language_and_per_day_when_it_depends_on_today(settings):
    settings.DERIVED_CACHE_SECONDS = 3 * 24 * 3600

    def today():
        keys.depends_on_today()
        return timezone.localdate().isoformat()

    compute, plain = Counted(today), Counted()
    versions.remember(("today",), compute)
    versions.remember(("plain",), plain)
    with translation.override("en"):
        assert versions.remember(("today",), compute)["run"] == 2
    assert versions.remember(("today",), compute)["run"] == 1
    midnight = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=1), datetime.time.min
    )
    just_after = timezone.make_aware(midnight) + datetime.timedelta(seconds=30)
    with mock.patch.object(timezone, "now", return_value=just_after):
        assert versions.remember(("today",), compute)["run"] == 3
        assert versions.remember(("plain",), plain)["run"] == 1


def test_a_cache_that_does_not_answer_computes_every_time(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    compute = Counted()
    versions.remember(("lists",), compute)
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "get_many", down)
    assert versions.remember(("lists",), compute)["run"] == 2
    assert versions.remember(("lists",), compute)["run"] == 3
    assert "the cache is down" in caplog.text


def test_turned_off_it_computes_every_time(settings):
    settings.DERIVED_CACHE_SECONDS = 0
    compute = Counted()
    versions.remember(("lists",), compute)
    versions.remember(("lists",), compute)
    assert compute.runs == 2
