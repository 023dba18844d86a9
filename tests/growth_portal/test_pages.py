"""The start page and what every public page shares: the start page shows a bounded
selection of what the portal holds with links to the full lists, the layout has its skip link,
title, description, menu and footer, every public address is where the URL map puts it, an
unknown slug answers 404, and the start page runs the same number of queries however much
data there is. The other apps' pages are tested under tests/<app>/test_pages.py."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.choices import ProgrammeKind
from tests.factories import (
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.pages import assert_queries_do_not_grow, fetch, ongoing_programme
from tests.queries import schedule_lookup

pytestmark = pytest.mark.django_db


# --- home ----------------------------------------------------------------------------------


def test_home_shows_what_the_portal_holds(client):
    organisation = OrganisationFactory(name="Länsstyrelsen i Västra Götalands län")
    ongoing = ongoing_programme(title="Pågående satsning", organisation=organisation)
    finished = ProgrammeFactory(title="Avslutad satsning", start_year=2016, end_year=2018)
    ProgrammeFactory(title="Ett pilotprojekt", parent=ongoing, kind=ProgrammeKind.PILOT_PROJECT)
    publication = PublicationFactory(title="Lägesrapport om tillväxt")
    news_item = NewsItemFactory(title="Ny konferens i Flen", date=datetime.date(2018, 5, 16))

    content, text = fetch(client, reverse("home"))

    assert "Tillväxtportalen" in text
    assert "regionala tillväxtarbetet" in text
    assert f'href="{organisation.get_absolute_url()}"' in content
    assert f'href="{ongoing.get_absolute_url()}"' in content
    assert f'href="{finished.get_absolute_url()}"' in content
    assert f'href="{publication.get_absolute_url()}"' in content
    assert f'href="{news_item.get_absolute_url()}"' in content
    # Ongoing programmes are listed before the others; sub-projects stay on their parent.
    assert text.index("Pågående program") < text.index("Pågående satsning")
    assert text.index("Pågående satsning") < text.index("Andra program")
    assert text.index("Andra program") < text.index("Avslutad satsning 2016–2018")
    assert "Ett pilotprojekt" not in text
    for name in ("organisations:organisation_list", "programmes:programme_list"):
        assert f'href="{reverse(name)}"' in content
    assert f'href="{reverse("publications:publication_list")}"' in content
    assert f'href="{reverse("content:news_list")}"' in content


def test_home_shows_a_bounded_selection_with_links_to_the_full_lists(client):
    from growth_portal.views import HOME_ORGANISATION_COUNT, HOME_PROGRAMME_COUNT

    organisations = [OrganisationFactory(name=f"Organisation {n:02}") for n in range(30)]
    for n in range(25):
        ongoing_programme(title=f"Pågående {n:02}", organisation=organisations[0])
        ProgrammeFactory(title=f"Avslutat {n:02}", start_year=2010, end_year=2012)

    with CaptureQueriesContext(connection) as queries:
        content, text = fetch(client, reverse("home"))

    def items_under(heading):
        section = content.split(f"<h2>{heading}</h2>", 1)[1].split("</ul>", 1)[0]
        return section.count("<li")

    assert items_under("Organisationer") == HOME_ORGANISATION_COUNT
    assert items_under("Pågående program") == HOME_PROGRAMME_COUNT
    assert items_under("Andra program") == HOME_PROGRAMME_COUNT
    for name in ("organisations:organisation_list", "programmes:programme_list"):
        assert f'href="{reverse(name)}"' in content
    # The five lists (and, not counted, the look-ups of the next scheduled publication that
    # tell how long they may be kept).
    assert len([query for query in queries.captured_queries if not schedule_lookup(query)]) <= 6


def test_base_layout(client):
    content, text = fetch(client, reverse("home"))
    assert 'href="#main"' in content
    assert "<title>" in content
    assert '<meta name="description" content="' in content
    assert re.search(
        r'<a class="site-name" href="/"><svg [^>]+>.*</svg>\s*<span>Tillväxtportalen</span></a>',
        content,
    )
    for label in ("Organisationer", "Program", "Publikationer", "Nyheter", "Kontakter"):
        assert f">{label}</a>" in content
    assert "<footer" in content


# --- unknown slugs and the URL map -------------------------------------------------------


@pytest.mark.parametrize(
    "route",
    [
        "organisations:organisation_detail",
        "programmes:programme_detail",
        "programmes:focus_area_detail",
        "publications:publication_detail",
        "content:page_detail",
        "content:news_detail",
        "content:event_detail",
    ],
)
def test_unknown_slug_is_404(client, route):
    response = client.get(reverse(route, kwargs={"slug": "finns-inte"}))
    assert response.status_code == 404


def test_url_map():
    assert reverse("organisations:organisation_list") == "/organisationer/"
    assert (
        reverse("organisations:organisation_detail", kwargs={"slug": "a"}) == "/organisationer/a/"
    )
    assert reverse("programmes:programme_list") == "/program/"
    assert reverse("programmes:programme_detail", kwargs={"slug": "a"}) == "/program/a/"
    assert reverse("programmes:focus_area_detail", kwargs={"slug": "a"}) == "/fokusomraden/a/"
    assert reverse("publications:publication_list") == "/publikationer/"
    assert reverse("publications:publication_detail", kwargs={"slug": "a"}) == "/publikationer/a/"
    assert reverse("content:page_detail", kwargs={"slug": "a"}) == "/sidor/a/"
    assert reverse("content:news_list") == "/nyheter/"
    assert reverse("content:news_detail", kwargs={"slug": "a"}) == "/nyheter/a/"
    assert reverse("content:event_detail", kwargs={"slug": "a"}) == "/evenemang/a/"


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _home():
    def grow(n):
        for _ in range(n):
            ongoing_programme()
            ProgrammeFactory(start_year=2016, end_year=2018)
            PublicationFactory(organisations=[OrganisationFactory(), OrganisationFactory()])
            NewsItemFactory()

    return reverse("home"), grow


QUERY_SCENARIOS = {
    "home": _home,
}

# (queries when nothing derived is kept, queries once it is); what they count is in
# tests/pages.py. Update a number only together with the view's select/prefetch declaration.
EXPECTED_QUERIES = {
    "home": (7, 0),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
