"""The statistics pages in Chromium: no WCAG 2.1 A/AA violations that axe-core finds at 375
and 1280 px, charts whose values the accessibility tree gives in reading order, and the
keyboard reaching each year of a line chart."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import WCAG_21_AA

pytestmark = pytest.mark.browser

PAGES = [
    "/statistik/",
    # Bars for one year and a map of the riksområden.
    "/statistik/forvarvsarbetande-c-tillverkning/",
    # Lines over the years, several regions, the map of women.
    "/statistik/forvarvsarbetande-f-byggverksamhet/?region=SE11&region=SE33&ar=2019&ar=2020&ar=2021&kon=kvinnor",
    # Counties, most of them without values.
    "/statistik/folkmangd/",
    # A wrong choice: the form with its message.
    "/statistik/folkmangd/?ar=1850",
    # A programme with its indicators' figures.
    "/program/jamstalld-regional-tillvaxt-2016-2018/",
    # A programme with its pilot municipalities on a map.
    "/program/starkt-lokal-attraktionskraft/",
]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations_found_by_axe(page, demo_site, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the {width}px viewport"


def test_a_bar_charts_values_are_read_region_by_region(page, demo_site):
    page.goto(demo_site + "/statistik/folkmangd/?region=07&region=09&ar=2021")
    tree = page.locator("svg.bar-chart").aria_snapshot().replace("\xa0", " ")
    expected = [
        "Kronobergs län",
        "Kvinnor 99 654",
        "Män 103 686",
        "Gotlands län",
        "Kvinnor 30 603",
        "Män 30 398",
    ]
    positions = [tree.find(text) for text in expected]
    assert -1 not in positions, tree
    assert positions == sorted(positions), tree
    assert 'group "Folkmängd 31 december, 2021: kvinnor och män (antal personer)"' in tree


def test_a_line_chart_names_each_year_in_order_and_the_keyboard_reaches_them(page, demo_site):
    page.goto(demo_site + "/statistik/folkmangd/?region=09&ar=2019&ar=2020&ar=2021")
    chart = page.locator("svg.line-chart")
    tree = chart.aria_snapshot().replace("\xa0", " ")
    years = [tree.find(f'img "{year}: kvinnor') for year in (2019, 2020, 2021)]
    assert -1 not in years and years == sorted(years), tree
    # One tab stop per chart (the latest year); the arrow keys move between the years.
    bands = chart.locator(".chart-band")
    bands.last.focus()
    assert "2021: kvinnor 30 603, män 30 398" in chart.locator(
        ".chart-tooltip"
    ).text_content().replace("\xa0", " ")
    page.keyboard.press("ArrowLeft")
    tooltip = chart.locator(".chart-tooltip").text_content().replace("\xa0", " ")
    assert tooltip.startswith("2020: kvinnor ")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("2020:")


@pytest.mark.parametrize("width", [375, 1280])
def test_an_indicator_by_municipality_has_no_wcag_violations(page, live_server, width):
    """All 290 municipalities: a list box instead of checkboxes, and a map of them all."""
    from geography.models import Region, RegionLevel
    from geography.regions import load_regions
    from tests.indicators.figures import indicator, observe

    load_regions()
    by_municipality = indicator("kommuner", name="Per kommun")
    chosen = []
    for number, place in enumerate(Region.objects.filter(level=RegionLevel.MUNICIPALITY)):
        if number % 7:  # some municipalities without a value
            observe(by_municipality, place, 2020, women=number, men=2 * number, total=3 * number)
            chosen.append(place.key)
    page.set_viewport_size({"width": width, "height": 900})
    query = f"region={chosen[0]}&region={chosen[-1]}&ar=2020"
    page.goto(live_server.url + "/statistik/kommuner/?" + query)
    assert page.locator("select#id_region option:checked").count() == 2
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
