"""The demo content: every fact on the five reference pages in shared/seeds, as structured data.

Facts (names, periods, counts, titles, dates) are exact; the descriptive Swedish text is written
for this project. Nothing here is invented: a document the pages name without a file is a
record without a file, and a news item whose date the page does not give has no date. The one
inference is the year 2018 for the three Arena för Tillväxt events, whose page gives day and
month only and lists them among its 2018 news.

One page is not from the reference pages: the accessibility statement about this website
(slug ``tillganglighetsredogorelse``), whose shortcomings and test method are this project's own.

Records are keyed by slug (child rows by their position), which is what makes loading twice
harmless. The loader is growth_portal/management/commands/load_demo_content.py, in the
project package because it loads the demo content of every app.

The records, one module per kind: organisations.py (counties, municipalities, organisations,
their sets of focus areas), programmes.py (with their own sets of focus areas and the
contacts), publications.py, pages.py, news.py (events and news), awards.py (the award and its
winner, and the funding programmes focus areas refer to) and indicators.py (SCB's figures, in
the CSV files of statistics/).
"""

from .awards import AWARDS, FUND_PROGRAMMES
from .indicators import INDICATORS
from .news import EVENTS, NEWS
from .organisations import (
    COUNTIES,
    FOCUS_AREA_SETS,
    MUNICIPALITIES,
    ORGANISATIONS,
    PILOT_MUNICIPALITIES,
)
from .pages import PAGES
from .programmes import CONTACTS, PROGRAMME_FOCUS_AREA_SETS, PROGRAMMES
from .publications import PUBLICATIONS
from .surveys import SURVEYS

__all__ = [
    "AWARDS",
    "CONTACTS",
    "COUNTIES",
    "EVENTS",
    "FOCUS_AREA_SETS",
    "FUND_PROGRAMMES",
    "INDICATORS",
    "MUNICIPALITIES",
    "NEWS",
    "ORGANISATIONS",
    "PAGES",
    "PILOT_MUNICIPALITIES",
    "PROGRAMMES",
    "PROGRAMME_FOCUS_AREA_SETS",
    "PUBLICATIONS",
    "SURVEYS",
]
