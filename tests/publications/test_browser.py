"""The publication list's downloads and printable list in a real browser (Debian's Chromium
through Playwright); a publication's file details and document links, checked with axe."""

import csv
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import WCAG_21_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_downloads_the_filtered_list_and_opens_the_printable_list(page, demo_site):
    page.goto(demo_site + "/publikationer/")
    page.get_by_label("Utgivande organisation").select_option(label="Tillväxtverket")
    page.get_by_role("button", name="Visa publikationer").click()
    titles = page.locator("ul.cards > li.card > h3 > a").all_inner_texts()
    assert titles

    downloads = page.get_by_role("region", name="Ladda ner listan")
    with page.expect_download() as event:
        downloads.get_by_role("link", name="CSV").click()
    download = event.value
    assert download.suggested_filename.startswith("publikationer-tillvaxtverket-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows[0][0] == "Titel"
    assert sorted(row[0] for row in rows[1:]) == sorted(titles)

    with page.expect_download() as event:
        downloads.get_by_role("link", name="Excel (XLSX)").click()
    assert event.value.suggested_filename.endswith(".xlsx")

    downloads.get_by_role("link", name="Utskriftsvänlig lista").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publikationer")
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    page.get_by_role("link", name="organisation", exact=True).click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("Tillväxtverket")


def test_the_printable_list_prints_without_the_site_around_it_on_a4(page, demo_site):
    page.goto(demo_site + "/publikationer/utskrift/")
    header = page.locator(".site-header")
    expect(header).to_be_visible()
    page.emulate_media(media="print")
    expect(header).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut")).to_be_hidden()
    expect(page.locator("ol.references li").first).to_be_visible()

    # The page's own @page rule decides the paper: A4 is 595 × 842 points.
    pdf = page.pdf(prefer_css_page_size=True)
    mediabox = pdf.split(b"/MediaBox", 1)[1][:40].decode("latin-1")
    numbers = [float(n) for n in mediabox.strip(" [").split("]")[0].split()]
    assert [round(n) for n in numbers[2:4]] == [595, 842]


# --- The file's details and the request for an accessible version -----------------------


@pytest.fixture
def pdf_publication(demo_site, media_root):
    """A publication of the demo's organisations with a 12-page Swedish PDF, newest in the list."""
    from organisations.models import Organisation
    from tests.factories import PublicationFactory
    from tests.publications.test_documents import make_pdf, upload

    return PublicationFactory(
        title="Lägesrapport om regional tillväxt",
        year=2100,
        file=upload("lagesrapport.pdf", make_pdf(12, "sv-SE")),
        organisations=[Organisation.objects.get(slug="tillvaxtverket")],
    )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("where", ["page", "list"])
def test_document_links_and_file_details_have_no_wcag_violations(
    page, demo_site, pdf_publication, width, where
):
    page.set_viewport_size({"width": width, "height": 900})
    path = pdf_publication.get_absolute_url() if where == "page" else "/publikationer/"
    page.goto(demo_site + path)
    main = page.get_by_role("main")
    expect(main).to_contain_text("PDF, 12 sidor, svenska")
    request = main.get_by_role(
        "link", name=re.compile(r"tillgängligt format.*\(Lägesrapport om regional tillväxt\)")
    )
    expect(request).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0

    request.click()
    expect(page.get_by_role("main")).to_contain_text("Lägesrapport om regional tillväxt")
