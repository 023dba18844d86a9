"""An image on a page in a real browser (Debian's Chromium through Playwright): the browser
loads a rendition that fits the screen, the image never makes the page scroll sideways at
320 px (WCAG 1.4.10), and axe-core finds nothing at WCAG 2.1 A/AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.storage import default_storage

from tests.browser import WCAG_21_AA
from tests.factories import ImageFactory, NewsItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The rendition the browser picks for the column's width (``sizes``) at a pixel ratio of 1.
@pytest.mark.parametrize(("screen", "expected"), [(320, 480), (1280, 1200)])
def test_a_news_item_with_an_image(page, live_server, media_root, screen, expected):
    image = ImageFactory(caption="Workshop i Flen", credit="Anna Berg")
    news_item = NewsItemFactory(image=image)
    page.set_viewport_size({"width": screen, "height": 800})
    page.goto(f"{live_server.url}{news_item.get_absolute_url()}")
    img = page.locator("main figure img")
    img.wait_for()
    page.wait_for_function("document.querySelector('main figure img').complete")
    chosen = {r["width"]: default_storage.url(r["name"]) for r in image.renditions}
    assert img.evaluate("element => element.currentSrc").endswith(chosen[expected])
    assert img.evaluate("element => element.naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= screen
    assert page.locator("main figcaption").inner_text().endswith("Foto: Anna Berg")
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
