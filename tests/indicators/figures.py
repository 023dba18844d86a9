"""Regions, an indicator and its observations made directly, for the tests of the statistics
pages (the whole set of regions is loaded by the tests of load_regions)."""

import re
from decimal import Decimal

from geography.models import Region, RegionLevel
from indicators.models import Indicator, Observation, Sex
from publishing.choices import PublishState

# A small square per region, so maps have something to draw.
SQUARE = "M0 0 10 0 10 10 0 10Z"


def region(level, code, name, parent=None, key=None):
    return Region.objects.create(
        level=level,
        code=code,
        key=key or code,
        name=name,
        parent=parent,
        rank=RegionLevel.rank(level),
        outline=SQUARE,
    )


def counties(count=3):
    """The country and ``count`` counties."""
    country = region(RegionLevel.COUNTRY, "00", "Riket")
    made = [country]
    for number in range(1, count + 1):
        made.append(region(RegionLevel.COUNTY, f"{number:02d}", f"Län {number:02d}", country))
    return made


def indicator(slug="sysselsatta", **fields):
    values = {
        "name": "Sysselsatta",
        "unit": "antal personer",
        "description": "Antal sysselsatta efter kön.",
        "source": "SCB",
        "source_url": "https://www.scb.se/",
        "publish_state": PublishState.PUBLISHED,
        **fields,
    }
    return Indicator.objects.create(slug=slug, **values)


def observe(indicator, region, year, women=None, men=None, total=None):
    for sex, value in ((Sex.WOMEN, women), (Sex.MEN, men), (Sex.TOTAL, total)):
        if value is not None:
            Observation.objects.create(
                indicator=indicator,
                region=region,
                year=year,
                sex=sex,
                value=Decimal(value),
                source_url=f"https://www.scb.se/tabell-{year}/",
            )


def page_text(response_or_html):
    """The text of a page without its tags, spaces run together."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
