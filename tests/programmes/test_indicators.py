"""A programme's page shows the latest figures for women and men of the indicators it aims
at, in its region, and its participating municipalities on a map."""

import re

import pytest

from geography.models import Municipality, RegionLevel
from publishing.choices import PublishState
from tests.factories import ProgrammeFactory
from tests.indicators.figures import counties, indicator, observe, page_text, region

pytestmark = pytest.mark.django_db


def test_the_latest_figures_of_the_programmes_region_with_the_gap(client):
    country, first, _second, _third = counties(3)
    employed = indicator()
    observe(employed, first, 2020, women=100, men=150)
    observe(employed, first, 2021, women=1539, men=2516)
    observe(employed, country, 2021, women=9000, men=9000)
    programme = ProgrammeFactory(statistics_region=first)
    programme.indicators.add(employed)
    response = client.get(programme.get_absolute_url())
    text = page_text(response)
    assert "Statistik som arbetet vill påverka" in text
    assert "Län 01 2021: kvinnor 1 539, män 2 516 (antal personer)." in text
    assert "Männens värde är 977 högre än kvinnornas." in text
    assert 'href="/statistik/sysselsatta/?region=01"' in response.content.decode()


def test_without_a_region_the_figures_are_the_countrys(client):
    country, first, *_ = counties(1)
    employed = indicator()
    observe(employed, country, 2019, women=10, men=10)
    missing = indicator("arbetslosa", name="Arbetslösa")
    draft = indicator("utkast", name="Ett utkast", publish_state=PublishState.DRAFT)
    programme = ProgrammeFactory()
    programme.indicators.add(employed, missing, draft)
    text = page_text(client.get(programme.get_absolute_url()))
    assert "Riket 2019: kvinnor 10, män 10" in text
    assert "Värdet är lika för kvinnor och män." in text
    assert "Det finns inga värden för Riket." in text
    assert "Ett utkast" not in text


def test_a_programme_without_indicators_shows_no_statistics(client):
    counties(1)
    programme = ProgrammeFactory()
    assert "Statistik som arbetet vill påverka" not in page_text(
        client.get(programme.get_absolute_url())
    )


def test_the_participating_municipalities_are_marked_on_a_map_of_the_counties(client):
    country, first, second, _third = counties(3)
    region(RegionLevel.MUNICIPALITY, "0101", "Norrby", first)
    region(RegionLevel.MUNICIPALITY, "0201", "Söderby", second)
    programme = ProgrammeFactory()
    programme.municipalities.add(
        Municipality.objects.create(name="Norrby", slug="norrby", code="0101"),
        Municipality.objects.create(name="Söderby", slug="soderby", code="0201"),
        # A municipality without a code is listed but cannot be drawn.
        Municipality.objects.create(name="Okänd", slug="okand"),
    )
    html = client.get(programme.get_absolute_url()).content.decode()
    assert html.count('class="map-area map-background"') == 3
    assert re.findall(r'class="map-area map-highlight"><title>(\w+)</title>', html) == [
        "Norrby",
        "Söderby",
    ]
    assert "Karta över Sveriges län med 2 kommuner markerade: Norrby, Söderby" in html
    assert "Norrby, Okänd, Söderby" in page_text(html)


def test_without_codes_the_municipalities_are_only_listed(client):
    counties(1)
    programme = ProgrammeFactory()
    programme.municipalities.add(Municipality.objects.create(name="Okänd", slug="okand"))
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Okänd" in html and "map-highlight" not in html
