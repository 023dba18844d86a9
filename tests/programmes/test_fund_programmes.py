"""Funding programmes as records with their period: their page with the focus areas that are
about them, and the link from each such focus area's page."""

import pytest
from django.core.exceptions import ValidationError

from programmes.models import FundProgramme
from publishing.choices import PublishState
from tests.factories import (
    FocusAreaFactory,
    FocusAreaSetFactory,
    FundProgrammeFactory,
    ProgrammeFactory,
)
from tests.pages import assert_queries_do_not_grow, fetch, main_text

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_period_and_the_focus_areas_about_it(client):
    fund = FundProgrammeFactory(
        name="Regionalfondsprogrammen 2014–2020",
        start_year=2014,
        end_year=2020,
        description="Programmen för perioden.",
    )
    area = FocusAreaFactory(
        name="Jämställdhet i regionalfondsprogrammen 2014–2020",
        focus_area_set=FocusAreaSetFactory(name="Nationella strategins områden"),
    )
    area.fund_programmes.add(fund)
    hidden = FocusAreaFactory(
        name="Ett utkastprograms område",
        focus_area_set=FocusAreaSetFactory(
            programme=ProgrammeFactory(publish_state=PublishState.DRAFT)
        ),
    )
    hidden.fund_programmes.add(fund)

    content, _ = fetch(client, fund.get_absolute_url())
    text = main_text(content)
    assert "Regionalfondsprogrammen 2014–2020" in text
    assert "Period 2014–2020" in text
    assert "Programmen för perioden." in text
    assert f'href="{area.get_absolute_url()}"' in content
    assert "Nationella strategins områden" in text
    assert "Ett utkastprograms område" not in text


def test_the_focus_area_page_links_to_its_fund_programmes(client):
    fund = FundProgrammeFactory(name="Regionalfondsprogrammen 2014–2020")
    area = FocusAreaFactory()
    area.fund_programmes.add(fund)

    content, text = fetch(client, area.get_absolute_url())
    assert "Fondprogram Regionalfondsprogrammen 2014–2020 period 2014–2020" in main_text(content)
    assert f'href="{fund.get_absolute_url()}"' in content


def test_periods_print_as_elsewhere():
    assert FundProgramme(start_year=2014, end_year=2020).period_display == "2014–2020"
    assert FundProgramme(start_year=2021, end_year=None).period_display == "2021–"


def test_the_end_cannot_come_before_the_start():
    fund = FundProgrammeFactory.build(start_year=2020, end_year=2014)
    with pytest.raises(ValidationError, match="Slutåret kan inte ligga före startåret"):
        fund.full_clean()


def test_breadcrumbs():
    fund = FundProgrammeFactory(name="Regionalfondsprogrammen 2014–2020")
    assert fund.breadcrumbs() == [
        ("Startsida", "/"),
        ("Regionalfondsprogrammen 2014–2020", fund.get_absolute_url()),
    ]


def _fund_programme_detail():
    fund = FundProgrammeFactory()

    def grow(n):
        for _ in range(n):
            FocusAreaFactory().fund_programmes.add(fund)

    return fund.get_absolute_url(), grow


def test_queries_do_not_grow_with_the_data(client):
    # The fund programme, its visible focus areas with their sets.
    assert_queries_do_not_grow(client, "fund_programme_detail", _fund_programme_detail, (2, 2))
