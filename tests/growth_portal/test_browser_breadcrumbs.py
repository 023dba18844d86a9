"""The breadcrumbs in a real browser (Debian's Chromium through Playwright): on a page two
levels below an organisation's demo page they are a navigation landmark a keyboard user reaches
right after the header, axe-core finds no WCAG 2.1 A/AA violation, and the structured data
block raises no Content-Security-Policy violation."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from content.models import ContentPage
from tests.browser import WCAG_21_AA
from tests.factories import ContentPageFactory
from tests.growth_portal.test_browser_csp import RECORD_VIOLATIONS, assert_clean

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_keyboard_user_reaches_the_trail_of_a_nested_page(page, demo_site):
    demo_page = ContentPage.objects.get(slug="planer-for-tillvaxt")
    organisation = demo_page.organisation
    middle = ContentPageFactory(
        organisation=organisation, parent=demo_page, title="Regional utvecklingsstrategi"
    )
    nested = ContentPageFactory(
        organisation=organisation,
        parent=middle,
        # A long title, to wrap at 375 px, with markup the structured data must escape.
        title="Uppföljning av strategin för hållbar tillväxt <2030> & framåt i länets kommuner",
    )
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(demo_site + nested.get_absolute_url())

    trail = page.get_by_role("navigation", name="Brödsmulor")
    expect(trail.get_by_role("listitem")).to_have_text(
        [
            "Startsida",
            "Organisationer",
            organisation.display_name,
            demo_page.title,
            middle.title,
            nested.title,
        ]
    )
    expect(trail.locator('[aria-current="page"]')).to_have_text(nested.title)
    assert trail.get_by_role("link").count() == 5
    # The structured data block is not run, so the policy has nothing to refuse; it reads
    # back as the same trail.
    assert_clean(page, console, nested.get_absolute_url())
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert [item["name"] for item in data["itemListElement"]][-1] == nested.title
    # No sideways scrolling at 375 px with the long title.
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    # Tab from the top of the page: past the skip link and the header, to the trail's first
    # link, then on to the page above this one, which opens with Enter.
    page.goto(demo_site + nested.get_absolute_url())
    for _ in range(30):
        page.keyboard.press("Tab")
        if trail.get_by_role("link", name="Startsida").evaluate(
            "a => a === document.activeElement"
        ):
            break
    expect(trail.get_by_role("link", name="Startsida")).to_be_focused()
    for _ in range(4):
        page.keyboard.press("Tab")
    expect(trail.get_by_role("link", name=middle.title)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(middle.title)
    expect(
        page.get_by_role("navigation", name="Brödsmulor").locator('[aria-current="page"]')
    ).to_have_text(middle.title)
