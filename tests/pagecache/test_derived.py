"""What is derived from content and kept under the content version
(``pagecache.versions.remember``): computed once, kept until the content changes, never past
the next scheduled publication, per day and language, and computed every time when the cache
does not answer or when it is turned off."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from pagecache import versions
from publishing.choices import PublishState
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


class Counted:
    """A computation that counts how often it ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return {"run": self.runs}


def test_kept_until_the_content_changes():
    compute = Counted()
    assert versions.remember(("lists",), compute) == {"run": 1}
    assert versions.remember(("lists",), compute) == {"run": 1}
    assert versions.remember(("other",), compute) == {"run": 2}
    OrganisationFactory()  # any public change moves the version on
    assert versions.remember(("lists",), compute) == {"run": 3}


def test_never_kept_past_the_next_scheduled_publication():
    soon = timezone.now() + datetime.timedelta(minutes=5)
    ProgrammeFactory(publish_state=PublishState.PUBLISHED, publish_from=soon)
    compute = Counted()
    assert versions.remember(("lists",), compute) == {"run": 1}
    assert versions.remember(("lists",), compute) == {"run": 1}
    later = soon + datetime.timedelta(seconds=1)
    with mock.patch.object(timezone, "now", return_value=later):
        assert versions.remember(("lists",), compute) == {"run": 2}


def test_kept_per_day_and_language():
    compute = Counted()
    versions.remember(("lists",), compute)
    with translation.override("en"):
        assert versions.remember(("lists",), compute) == {"run": 2}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with mock.patch.object(timezone, "localdate", return_value=tomorrow):
        assert versions.remember(("lists",), compute) == {"run": 3}


def test_a_cache_that_does_not_answer_computes_every_time(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    compute = Counted()
    versions.remember(("lists",), compute)
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "get_many", down)
    assert versions.remember(("lists",), compute) == {"run": 2}
    assert versions.remember(("lists",), compute) == {"run": 3}


def test_turned_off_it_computes_every_time(settings):
    settings.DERIVED_CACHE_SECONDS = 0
    compute = Counted()
    versions.remember(("lists",), compute)
    versions.remember(("lists",), compute)
    assert compute.runs == 2
