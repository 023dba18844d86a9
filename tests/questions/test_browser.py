"""The question form in a real browser (Debian's Chromium): no WCAG 2.1 A/AA violations that
axe-core finds on the organisation's page with the form, the form's page with errors and the
thanks page, at 375 and 1280 px; the honeypot is never reached with the Tab key."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from questions.models import Question
from tests.browser import WCAG_21_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [375, 1280]


def assert_no_violations(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_organisation_page_with_the_form(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/organisationer/tillvaxtverket/")
    expect(page.get_by_role("heading", name="Ställ en fråga")).to_be_visible()
    assert_no_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_content_page_with_the_form(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/sidor/samordning-och-uppfoljning/")
    expect(page.get_by_role("heading", name="Ställ en fråga")).to_be_visible()
    assert_no_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_form_page_with_errors(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/organisationer/tillvaxtverket/")
    page.get_by_label("Din e-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ställ en fråga till Tillväxtverket")
    expect(page.get_by_role("alert")).to_contain_text("Skriv din fråga.")
    expect(page.get_by_label("Din e-postadress")).to_have_value("inte-en-adress")
    assert_no_violations(page)
    assert not Question.objects.exists()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_question_sent_from_the_page_and_the_thanks_page(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/sidor/samordning-och-uppfoljning/")
    page.get_by_label("Din fråga").fill("Var finns statistiken per län?")
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din fråga")
    assert_no_violations(page)
    question = Question.objects.get()
    assert question.text == "Var finns statistiken per län?"
    assert question.page_url == "/sidor/samordning-och-uppfoljning/"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_accessibility_form_with_its_honeypot(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/tillganglighetsredogorelse/kontakt/")
    assert_no_violations(page)


@pytest.mark.parametrize(
    "path", ["/organisationer/tillvaxtverket/", "/tillganglighetsredogorelse/kontakt/"]
)
def test_the_honeypot_is_not_reached_with_tab(page, demo_site, path):
    page.goto(demo_site + path)
    focused = []
    for _ in range(150):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement && document.activeElement.name")
        focused.append(name)
        if name == "website":
            break
    assert "website" not in focused
    # The form's own fields were reached, so the walk went through the form.
    assert "message" in focused or "text" in focused


@pytest.mark.parametrize(
    "path", ["/organisationer/tillvaxtverket/", "/organisationer/tillvaxtverket/fraga/"]
)
def test_the_form_reflows_at_320_css_pixels(page, demo_site, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(demo_site + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the 320px viewport"
