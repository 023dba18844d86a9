"""The header's navigation marks the section the page belongs to: aria-current="page" on the
section's own list, "true" on the pages within it, nothing elsewhere."""

import re

import pytest

from tests.factories import ProgrammeFactory, PublicationFactory
from tests.indicators.figures import indicator

pytestmark = pytest.mark.django_db


def current(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    nav = (
        response.content.decode()
        .partition('<nav class="width" aria-label="Huvudmeny">')[2]
        .partition("</nav>")[0]
    )
    assert nav.count("<li>") == 6
    return re.findall(r'<a href="[^"]+" aria-current="(\w+)">([^<]+)</a>', nav)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/program/", [("page", "Program")]),
        ("/program/tidslinje/", [("true", "Program")]),
        ("/publikationer/", [("page", "Publikationer")]),
        ("/statistik/", [("page", "Statistik")]),
        ("/kontakter/", [("page", "Kontakter")]),
        ("/nyheter/", [("page", "Nyheter")]),
        ("/organisationer/", [("page", "Organisationer")]),
        ("/", []),
        ("/tillganglighetsredogorelse/kontakt/", []),
    ],
)
def test_the_current_section_is_marked(client, url, expected):
    assert current(client, url) == expected


def test_pages_within_a_section_are_marked_as_in_it(client):
    programme = ProgrammeFactory()
    publication = PublicationFactory()
    indicator("sysselsatta")
    assert current(client, programme.get_absolute_url()) == [("true", "Program")]
    assert current(client, publication.get_absolute_url()) == [("true", "Publikationer")]
    assert current(client, "/statistik/sysselsatta/") == [("true", "Statistik")]


def test_a_missing_page_has_the_navigation_with_nothing_marked(client):
    assert current(client, "/finns-inte/", status=404) == []
