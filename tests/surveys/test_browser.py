"""The survey pages in Chromium: no WCAG 2.1 A/AA violations that axe-core finds at 375 and
1280 px, with the demo survey's empty list and with programmes in it."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from geography.models import Municipality
from surveys.models import Survey
from tests.browser import WCAG_21_AA
from tests.surveys.helpers import programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO = "/inventeringar/kommunernas-naringslivs-och-tillvaxtprogram-2017/"


def check(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} is {overflow}px wider than the {width}px viewport"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/inventeringar/", DEMO, DEMO + "?lan=atlantis"])
def test_no_wcag_violations_found_by_axe(page, demo_site, path, width):
    check(page, demo_site + path, width)


@pytest.mark.parametrize("width", [375, 1280])
def test_no_wcag_violations_with_programmes_in_the_list(page, demo_site, width):
    survey = Survey.objects.get(slug=DEMO.strip("/").split("/")[-1])
    for number, municipality in enumerate(Municipality.objects.exclude(code=None)[:12]):
        programme(
            survey,
            municipality,
            name=f"Näringslivsprogram med ett långt namn {number}",
            kind=["naringsliv", "tillvaxt", "annat"][number % 3],
            linked_to_rus=number % 2 == 0,
        )
    check(page, demo_site + DEMO, width)
    check(page, demo_site + DEMO + "?typ=tillvaxt", width)
