"""Swedish date ranges (programmes/dates.py), as event pages print them: one date, two days
of one month with an en dash and no spaces ("16–17 maj 2018"), or both dates in full with a
spaced en dash."""

import datetime

import pytest
from django.utils import translation

from programmes.dates import format_date_range


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2018, 5, 16), datetime.date(2018, 5, 17), "16–17 maj 2018"),
        (datetime.date(2018, 5, 16), None, "16 maj 2018"),
        (datetime.date(2018, 5, 16), datetime.date(2018, 5, 16), "16 maj 2018"),
        (datetime.date(2018, 5, 30), datetime.date(2018, 6, 2), "30 maj 2018 – 2 juni 2018"),
        (
            datetime.date(2018, 12, 31),
            datetime.date(2019, 1, 1),
            "31 december 2018 – 1 januari 2019",
        ),
    ],
)
def test_date_range(start, end, expected):
    with translation.override("sv"):
        assert format_date_range(start, end) == expected
