"""The site search in a real browser (Debian's Chromium through Playwright)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_searches_from_the_header_and_narrows_by_type(page, demo_site):
    page.goto(demo_site + "/program/")
    header_search = page.get_by_role("search").first
    header_search.get_by_label("Sök på webbplatsen").fill("jämställd tillväxt")
    header_search.get_by_role("button", name="Sök").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("träffar för ”jämställd tillväxt”")
    total = int(re.match(r"(\d+)", status.inner_text()).group(1))
    assert total > 1
    results = page.locator("ol.search-results > li > a")
    expect(results.first).to_be_visible()

    facets = page.get_by_role("navigation", name="Avgränsa sökningen")
    link = facets.get_by_role("link", name=re.compile(r"^Publikation \(\d+"))
    expected = int(re.search(r"\((\d+)", link.inner_text()).group(1))
    link.click()
    expect(page.get_by_role("status")).to_contain_text(f"{expected} träff")
    assert results.count() == min(expected, 20)
    expect(page.locator('[aria-current="true"]')).to_contain_text("Publikation")
    assert "typ=publikation" in page.url and "q=" in page.url

    page.get_by_role("link", name="Ta bort avgränsningen Publikation").click()
    expect(page.get_by_role("status")).to_contain_text(f"{total} träff")


def test_a_misspelt_word_gets_a_suggestion_that_finds_hits(page, demo_site):
    """As after `make run` (the demo content, the index rebuilt), on SQLite as on PostgreSQL:
    a misspelt word finds nothing and the page offers the word it was probably meant to be."""
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    page.goto(demo_site + "/")
    header_search = page.get_by_role("search").first
    header_search.get_by_label("Sök på webbplatsen").fill("jämstäldhet")
    header_search.get_by_role("button", name="Sök").click()

    expect(page.get_by_role("status")).to_contain_text("0 träffar för ”jämstäldhet”")
    suggestion = page.locator("p.suggestion")
    expect(suggestion).to_have_text("Menade du jämställdhet?")
    suggestion.get_by_role("link", name="jämställdhet").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("träffar för ”jämställdhet”")
    assert int(re.match(r"(\d+)", status.inner_text()).group(1)) > 1
    results = page.locator("ol.search-results > li > a")
    expect(results.first).to_be_visible()
    expect(page.locator("ol.search-results mark").first).to_be_visible()
    expect(page.locator("p.suggestion")).to_have_count(0)
