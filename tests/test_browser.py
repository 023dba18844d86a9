"""A visitor in a real browser (Debian's Chromium through Playwright): the demo site can be
navigated, and its main page types have no WCAG 2.1 A/AA violations that axe-core detects."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo_content", verbosity=0)
    return live_server.url


def test_a_visitor_finds_a_programme_and_its_documents(page, demo_site):
    page.goto(demo_site)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Program").click()
    page.get_by_role("link", name="Jämställd regional tillväxt 2016–2018").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jämställd regional tillväxt")
    main = page.get_by_role("main")
    expect(main).to_contain_text("2016–2018")
    expect(main).to_contain_text("Programmet är avslutat")
    page.get_by_role("link", name="Jämställd tillväxt – handlingsplan 2016–2018").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jämställd tillväxt – handlingsplan 2016–2018"
    )
    expect(page.get_by_role("main")).to_contain_text("ingen fil")


def test_the_skip_link_moves_focus_to_the_main_content(page, demo_site):
    page.goto(demo_site)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/organisationer/lansstyrelsen-stockholm/",
        "/program/",
        "/program/jamstalld-regional-tillvaxt-2016-2018/",
        "/fokusomraden/tillvaxtskapande-samhallsplanering/",
        "/publikationer/",
        "/publikationer/jamstalld-tillvaxt-handlingsplan-2016-2018/",
        "/sidor/planer-for-tillvaxt/",
        "/nyheter/",
        "/evenemang/vaxa-eller-krympa/",
    ],
)
def test_no_wcag_violations_found_by_axe(page, demo_site, path):
    page.goto(demo_site + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
