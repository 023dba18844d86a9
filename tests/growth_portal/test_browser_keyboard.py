"""The main tasks with the keyboard alone, in Debian's Chromium: reach a programme's documents
from the home page, filter the publications, and use the navigation that folds behind "Meny"
on a narrow screen. Every step is a Tab, an Enter, a Space or typing; nothing is clicked."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import WCAG_21_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# More Tab presses than any of these pages has stops before the one looked for.
MAX_TABS = 150


def tab_to(page, role, name):
    """Press Tab until the element with ``role`` and accessible ``name`` has the focus, and
    check the focus is visible there; fail if it never gets it."""
    return tab_to_element(page, page.get_by_role(role, name=name, exact=True).first, name)


def tab_to_element(page, target, name):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            # The focus style: an outline a sighted keyboard user can see.
            outline = target.evaluate("element => getComputedStyle(element).outlineStyle")
            assert outline != "none", f"{name}: no visible focus"
            return target
    pytest.fail(f"Tab never reached {name!r}")


def test_from_the_home_page_to_a_programmes_documents(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site)
    tab_to(page, "link", "Program")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Program")

    tab_to(page, "link", "Jämställd regional tillväxt 2016–2018")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jämställd regional tillväxt")

    tab_to(page, "link", "Jämställd tillväxt – handlingsplan 2016–2018")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jämställd tillväxt – handlingsplan 2016–2018"
    )


def test_filtering_the_publications(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + "/publikationer/")
    tab_to(page, "combobox", "Utgivande organisation")
    # A select takes the option whose label begins with what is typed.
    page.keyboard.type("Tillväxtverket")
    tab_to(page, "button", "Visa publikationer")
    page.keyboard.press("Enter")

    page.wait_for_url("**/publikationer/?*organisation=tillvaxtverket*")
    status = page.get_by_role("status").first
    expect(status).to_have_text("3 publikationer")
    expect(
        page.get_by_role("link", name="Tillstånd och trender för regional tillväxt 2018")
    ).to_be_visible()


def test_the_navigation_folds_behind_a_button_on_a_narrow_screen(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Publikationer")).to_be_hidden()

    summary = tab_to_element(page, page.locator(".site-menu > summary"), "Meny")
    expect(summary).to_have_text("Meny")
    page.keyboard.press("Enter")
    expect(menu.get_by_role("link", name="Publikationer")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Organisationer")).to_be_focused()
    tab_to(page, "link", "Publikationer")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Publikationer")
    # The list page's section is marked in the folded menu too.
    page.locator(".site-menu > summary").press("Enter")
    expect(menu.get_by_role("link", name="Publikationer")).to_have_attribute("aria-current", "page")


def test_the_navigation_is_open_on_a_wide_screen(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    for label in (
        "Organisationer",
        "Program",
        "Publikationer",
        "Statistik",
        "Nyheter",
        "Kontakter",
    ):
        expect(menu.get_by_role("link", name=label)).to_be_visible()
    expect(page.locator(".site-menu > summary")).to_be_hidden()
