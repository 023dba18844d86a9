"""Programme periods: validation, the status that follows from the period, and the editor's
override, in Python and in the database queries that must agree with it."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programmes.choices import ProgrammeStatus
from programmes.models import Programme
from programmes.models.programmes import format_period
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (2016, 2018, "2016–2018"),
        (2012, 2014, "2012–2014"),
        (2018, 2018, "2018"),
        (2021, None, "2021–"),
    ],
)
def test_period_uses_an_en_dash_without_spaces(start, end, expected):
    assert format_period(start, end) == expected
    assert ProgrammeFactory.build(start_year=start, end_year=end).period_display == expected


def test_str_names_title_and_period():
    programme = ProgrammeFactory(
        title="Jämställd regional tillväxt", start_year=2016, end_year=2018
    )
    assert str(programme) == "Jämställd regional tillväxt 2016–2018"


def test_end_year_before_start_year_is_refused_by_validation():
    programme = ProgrammeFactory.build(start_year=2018, end_year=2016)
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean(exclude=["organisation", "slug"])
    assert "end_year" in excinfo.value.message_dict


def test_end_year_before_start_year_is_refused_by_the_database():
    programme = ProgrammeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(start_year=2018, end_year=2016)


def test_same_start_and_end_year_is_valid():
    ProgrammeFactory(start_year=2018, end_year=2018).full_clean()


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"start_date": D(2015, 3, 1)}, "start_date"),
        ({"end_date": D(2019, 1, 1)}, "end_date"),
        ({"start_date": D(2016, 9, 1), "end_year": 2016, "end_date": D(2016, 8, 1)}, "end_date"),
        ({"end_year": None, "end_date": D(2018, 1, 1)}, "end_date"),
    ],
)
def test_exact_dates_must_fit_the_period(fields, error_field):
    programme = ProgrammeFactory(start_year=2016, end_year=2018)
    for name, value in fields.items():
        setattr(programme, name, value)
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert error_field in excinfo.value.message_dict


def test_a_programme_cannot_be_its_own_parent_or_predecessor():
    programme = ProgrammeFactory()
    programme.parent = programme
    programme.predecessor = programme
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert {"parent", "predecessor"} <= set(excinfo.value.message_dict)


def test_parent_cycles_are_refused():
    top = ProgrammeFactory()
    child = ProgrammeFactory(parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as excinfo:
        top.full_clean()
    assert "parent" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2015, 12, 31), ProgrammeStatus.PLANNED),
        (D(2016, 1, 1), ProgrammeStatus.ONGOING),
        (D(2018, 12, 31), ProgrammeStatus.ONGOING),
        (D(2019, 1, 1), ProgrammeStatus.FINISHED),
    ],
)
def test_status_follows_whole_years(today, expected):
    programme = ProgrammeFactory.build(start_year=2016, end_year=2018)
    assert programme.status_on(today) == expected


def test_exact_dates_decide_the_status_within_a_year():
    programme = ProgrammeFactory.build(
        start_year=2016, end_year=2018, start_date=D(2016, 5, 1), end_date=D(2018, 6, 30)
    )
    assert programme.status_on(D(2016, 4, 30)) == ProgrammeStatus.PLANNED
    assert programme.status_on(D(2016, 5, 1)) == ProgrammeStatus.ONGOING
    assert programme.status_on(D(2018, 6, 30)) == ProgrammeStatus.ONGOING
    assert programme.status_on(D(2018, 7, 1)) == ProgrammeStatus.FINISHED


def test_open_ended_programme_stays_ongoing():
    programme = ProgrammeFactory.build(start_year=2021, end_year=None)
    assert programme.status_on(D(2040, 1, 1)) == ProgrammeStatus.ONGOING


def test_editor_can_mark_a_programme_finished_early():
    programme = ProgrammeFactory.build(
        start_year=2016, end_year=2030, status_override=ProgrammeStatus.FINISHED
    )
    assert programme.status_on(D(2020, 1, 1)) == ProgrammeStatus.FINISHED
    assert programme.status_on(D(2020, 1, 1)).label == "Avslutat"


def test_status_property_uses_todays_date(monkeypatch):
    programme = ProgrammeFactory.build(start_year=2016, end_year=2018)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2017, 6, 1))
    assert programme.status == ProgrammeStatus.ONGOING
    assert not programme.is_finished


def test_status_queries_agree_with_the_status_property():
    """Every combination of years, exact dates and overrides, at dates around the edges."""
    years = [(2016, 2018), (2018, 2018), (2020, None)]
    exact = [(None, None), ("start", None), ("start", "end")]
    overrides = ["", *ProgrammeStatus.values]
    programmes = []
    for (start, end), (has_start, has_end), override in itertools.product(years, exact, overrides):
        if has_end and end is None:
            continue
        programme = ProgrammeFactory(
            start_year=start,
            end_year=end,
            start_date=D(start, 3, 1) if has_start else None,
            end_date=D(end, 9, 30) if has_end else None,
            status_override=override,
        )
        programme.full_clean()
        programmes.append(programme)
    todays = [D(2015, 6, 1), D(2016, 2, 29), D(2016, 3, 1), D(2018, 9, 30), D(2018, 10, 1)]
    todays += [D(2019, 1, 1), D(2020, 1, 1), D(2030, 1, 1)]
    for today in todays:
        for status in ProgrammeStatus:
            expected = {p.pk for p in programmes if p.status_on(today) == status}
            found = set(Programme.objects.with_status(status, today).values_list("pk", flat=True))
            assert found == expected, (today, status)
        assert set(Programme.objects.ongoing(today)) | set(Programme.objects.planned(today)) | set(
            Programme.objects.finished(today)
        ) == set(programmes)


def test_unknown_status_is_an_error():
    with pytest.raises(ValueError):
        Programme.objects.with_status("paused")


def test_active_in_a_year_means_the_year_falls_in_the_period():
    a = ProgrammeFactory(start_year=2012, end_year=2014)
    b = ProgrammeFactory(start_year=2016, end_year=2018)
    c = ProgrammeFactory(start_year=2018, end_year=None)
    assert set(Programme.objects.active_in(2013)) == {a}
    assert set(Programme.objects.active_in(2015)) == set()
    assert set(Programme.objects.active_in(2018)) == {b, c}
    assert set(Programme.objects.active_in(2030)) == {c}


def test_an_address_the_site_uses_itself_cannot_be_a_programme_slug():
    programme = ProgrammeFactory.build(
        slug="tidslinje", organisation=ProgrammeFactory().organisation
    )
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert "slug" in excinfo.value.message_dict
