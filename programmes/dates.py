"""Swedish date ranges such as "16–17 maj 2018"."""

from django.template.defaultfilters import date as format_date

FULL = "j F Y"


def format_date_range(start, end=None):
    """One date: "16 maj 2018". Two dates in the same month: "16–17 maj 2018" (en dash, no
    spaces). Otherwise both dates in full, with a spaced en dash because each side has spaces:
    "30 maj 2018 – 2 juni 2018".
    """
    if not start:
        return ""
    if not end or end == start:
        return format_date(start, FULL)
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_date(start, 'j')}–{format_date(end, FULL)}"
    return f"{format_date(start, FULL)} – {format_date(end, FULL)}"
