"""The filter forms' narrowing in a real browser (Debian's Chromium through Playwright): with
too many programmes for a select the form says how to narrow the list, a visitor gets there
without JavaScript, and the pages have no WCAG 2.1 A/AA violations that axe-core detects."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from programmes.models import Programme
from publications import filters as publication_filters
from search import query as search_query
from tests.browser import WCAG_21_AA
from tests.factories import OrganisationFactory, PublicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page (axe needs the page's JavaScript)."""
    results = Axe().run(page, options=WCAG_21_AA)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_narrows_the_list_before_choosing_a_programme(
    browser, demo_site, monkeypatch, javascript
):
    # The demo content has a handful of programmes; a lower limit shows what a site with
    # thousands of them shows.
    monkeypatch.setattr(publication_filters, "PROGRAMME_OPTIONS", 1)
    region = OrganisationFactory(name="Testregionen")
    cities = Programme.objects.get(slug="utveckla-svenska-stader")
    for title in ("Testrapport ett", "Testrapport två"):
        PublicationFactory(title=title, organisations=[region]).programmes.add(cities)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo_site + "/publikationer/")

    main = page.get_by_role("main")
    expect(main.get_by_label("Program", exact=True)).to_have_count(0)
    expect(main).to_contain_text("hör till fler än 1 program")
    if javascript:
        count, report = axe_violations(page)
        assert count == 0, report

    main.get_by_label("Utgivande organisation").select_option(label="Testregionen")
    main.get_by_role("button", name="Visa publikationer").click()
    programme = main.get_by_label("Program", exact=True)
    expect(programme).to_have_count(1)
    assert programme.locator("option").all_inner_texts() == ["Alla program", str(cities)]
    programme.select_option(label=str(cities))
    main.get_by_role("button", name="Visa publikationer").click()
    expect(main.get_by_role("status")).to_have_text("2 publikationer")
    assert "programme=utveckla-svenska-stader" in page.url
    if javascript:
        count, report = axe_violations(page)
        assert count == 0, report
    context.close()


def test_the_search_shows_all_organisations_on_request(page, demo_site, monkeypatch):
    monkeypatch.setattr(search_query, "ORGANISATION_FACET_SIZE", 1)
    page.goto(demo_site + "/sok/?q=tillväxt")
    link = page.get_by_role("link", name="Visa alla", exact=False)
    expect(link.first).to_be_visible()
    count, report = axe_violations(page)
    assert count == 0, report
    link.first.click()
    expect(
        page.get_by_role("link", name="Visa bara organisationerna med flest träffar")
    ).to_be_visible()
    count, report = axe_violations(page)
    assert count == 0, report
