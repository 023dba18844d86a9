"""A visitor in a real browser (Debian's Chromium through Playwright): the demo site can be
navigated, and its main page types have no WCAG 2.1 A/AA violations that axe-core detects."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organisations.models import Organisation
from programmes.models import Programme
from tests.browser import WCAG_21_AA
from tests.factories import PublicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
        "/nyheter/180-kommuner-har-anvant-arenans-tjanster/",
        "/evenemang/vaxa-eller-krympa/",
        "/organisationer/",
        "/program/tidslinje/",
        "/program/?organisation=tillvaxtverket&year=2017",
        "/program/?status=pausat",
        "/kontakter/",
        "/sidor/samordning-och-uppfoljning/",
        "/publikationer/?organisation=tillvaxtverket&type=report&sort=title",
        "/publikationer/?year_from=tjugo",
        "/publikationer/utskrift/",
        "/publikationer/utskrift/?gruppera=organisation&organisation=tillvaxtverket",
        "/publikationer/ladda-ner.csv?year_from=tjugo",
        "/sok/?q=tillväxt",
        "/sok/?q=tillväxt&typ=publikation",
        "/sok/?q=jämstäld",
        "/sok/?q=tillväxt&ar=tjugo",
        "/sok/",
    ],
)
def test_no_wcag_violations_found_by_axe(page, demo_site, path):
    page.goto(demo_site + path)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


REFLOW_PAGES = [
    "/",
    "/statistik/folkmangd/",
    "/statistik/forvarvsarbetande-c-tillverkning/?ar=2016&ar=2021&region=00&region=SE11",
    "/program/jamstalld-regional-tillvaxt-2016-2018/",
    "/publikationer/",
    "/sidor/samordning-och-uppfoljning/",
    "/sidor/planer-for-tillvaxt/",
    "/evenemang/vaxa-eller-krympa/",
    "/program/tidslinje/",
    "/publikationer/?year_from=tjugo",
    "/tillganglighetsredogorelse/kontakt/",
]


@pytest.mark.parametrize("path", REFLOW_PAGES)
def test_text_reflows_at_320_css_pixels(page, demo_site, path):
    """WCAG 1.4.10: at 320 px (the same as 1280 px at 400 % zoom) nothing needs sideways
    scrolling of the page itself."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(demo_site + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the 320px viewport"


def test_text_reflows_at_200_percent_zoom(browser, demo_site):
    """A 1280 px wide window zoomed to 200 % lays out like a 640 px one."""
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    page.goto(demo_site + "/program/jamstalld-regional-tillvaxt-2016-2018/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_keyboard_focus_is_visible(page, demo_site):
    page.goto(demo_site)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site name
    focused = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {tag: document.activeElement.tagName, outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert focused["tag"] == "A"
    assert focused["outline"] != "none" and focused["width"] >= 2


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_filters_publications_opens_one_and_reaches_its_programme(
    browser, demo_site, javascript
):
    """The core task of the issue, also without JavaScript."""
    tillvaxtverket = Organisation.objects.get(slug="tillvaxtverket")
    cities = Programme.objects.get(slug="utveckla-svenska-stader")
    PublicationFactory(
        title="Testrapport om städernas utveckling",
        year=2018,
        organisations=[tillvaxtverket],
    ).programmes.add(cities)
    PublicationFactory(
        title="Testrapport från ett annat år", year=2016, organisations=[tillvaxtverket]
    )
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo_site)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Publikationer"
    ).click()
    page.get_by_label("Utgivande organisation").select_option(label="Tillväxtverket")
    page.get_by_label("Från och med år").fill("2018")
    page.get_by_label("Till och med år").fill("2018")
    page.get_by_role("button", name="Visa publikationer").click()
    assert "organisation=tillvaxtverket" in page.url and "year_from=2018" in page.url
    expect(page.get_by_role("status")).to_have_text("1 publikation")
    page.get_by_role("link", name="Testrapport om städernas utveckling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testrapport om städernas utveckling")
    page.get_by_role("link", name="Utveckla svenska städer 2016–2019").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utveckla svenska städer")
    expect(page.get_by_role("main")).to_contain_text("7 pilotprojekt")
    context.close()
