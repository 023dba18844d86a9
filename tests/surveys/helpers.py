"""Surveys and programmes for the surveys tests."""

import itertools
from decimal import Decimal

from geography.models import County, Municipality
from publishing.choices import PublishState
from surveys.models import MunicipalProgramme, Survey, SurveyFigure

_numbers = itertools.count(1)


def survey(organisation, **kwargs):
    number = next(_numbers)
    values = {
        "title": f"Inventering {number}",
        "slug": f"inventering-{number}",
        "year": 2017,
        "season": "host",
        "method": "Genomgång av kommunernas webbplatser",
        "scope": "Sveriges alla kommuner",
        "scope_size": 290,
        "publish_state": PublishState.PUBLISHED,
        **kwargs,
    }
    return Survey.objects.create(organisation=organisation, **values)


def figure(survey, label, value, unit, key, qualifier="", stated_as="", position=0):
    return SurveyFigure.objects.create(
        survey=survey,
        label=label,
        value=Decimal(str(value)),
        unit=unit,
        key=key,
        qualifier=qualifier,
        stated_as=stated_as,
        position=position,
    )


def place(code, name, county_code="04", county_name="Södermanlands län"):
    county, _ = County.objects.get_or_create(
        code=county_code, defaults={"name": county_name, "slug": f"lan-{county_code}"}
    )
    municipality, _ = Municipality.objects.get_or_create(
        code=code, defaults={"name": name, "slug": f"kommun-{code}", "county": county}
    )
    return municipality


def programme(survey, municipality, **kwargs):
    number = next(_numbers)
    values = {
        "name": f"Näringslivsprogram {number}",
        "kind": "naringsliv",
        "start_year": 2016,
        "end_year": 2020,
        "url": f"https://kommun{number}.example.org/program",
        **kwargs,
    }
    return MunicipalProgramme.objects.create(survey=survey, municipality=municipality, **values)
