"""The pages of this change in Chromium: no WCAG 2.1 A/AA violations that axe-core finds at
375 and 1280 px, and no sideways scrolling; a visitor goes from the news item to the award and
on to the winner's municipality."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import WCAG_21_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/utmarkelser/",
    "/utmarkelser/arets-tillvaxtkommun/",
    "/kommuner/uppsala/",
    "/teman/",
    "/teman/j/",
    "/fondprogram/regionalfondsprogrammen-2014-2020/",
    "/fokusomraden/jamstalldhet-i-regionalfondsprogrammen/",
    "/nyheter/uppsala-ar-arets-tillvaxtkommun-2018/",
    "/publikationer/?tag=J%2B",
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


def test_from_the_news_item_to_the_award_and_the_municipality(page, demo_site):
    page.goto(demo_site + "/nyheter/uppsala-ar-arets-tillvaxtkommun-2018/")
    page.get_by_role("link", name="Läs om Årets tillväxtkommun och alla vinnare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Årets tillväxtkommun")
    page.get_by_role("main").get_by_role("link", name="Uppsala", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppsala")
    expect(page.get_by_role("main")).to_contain_text("Årets tillväxtkommun 2018")
