"""Funders: the programme list and timeline filter by the organisation that finances a
programme ("Finansiär"), and an organisation's page shows the programmes it finances and the
ones it commissioned, not only those it owns."""

import re

import pytest
from django.urls import reverse

from publishing.choices import PublishState
from tests.factories import FocusAreaFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("programmes:programme_list")
TIMELINE_URL = reverse("programmes:programme_timeline")
SELECT = re.compile(r'<select name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>')


def options(content, name):
    body = dict(SELECT.findall(content))[name]
    return [value for value, _ in OPTION.findall(body) if value]


@pytest.fixture
def funded():
    """Tillväxtverket funds two programmes of a county board and one of a region; the EU funds
    one of them; a draft funded by a foundation; the government commissioned one."""
    agency = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket")
    eu = OrganisationFactory(name="Europeiska unionen", slug="eu")
    foundation = OrganisationFactory(name="Stiftelsen", slug="stiftelsen")
    government = OrganisationFactory(name="Regeringen", slug="regeringen")
    board = OrganisationFactory(name="Länsstyrelsen", slug="lansstyrelsen")
    region = OrganisationFactory(name="Regionen", slug="regionen")
    area = FocusAreaFactory(name="Jämställdhet", slug="jamstalldhet")
    equality = ProgrammeFactory(
        title="Jämställd tillväxt",
        organisation=board,
        start_year=2016,
        end_year=2018,
        commissioned_by=government,
    )
    equality.funders.add(agency, eu)
    equality.focus_areas.add(area)
    rural = ProgrammeFactory(title="Landsbygd", organisation=board, start_year=2019, end_year=2021)
    rural.funders.add(agency)
    coast = ProgrammeFactory(title="Kusten", organisation=region, start_year=2017, end_year=2017)
    coast.funders.add(agency)
    draft = ProgrammeFactory(
        title="Hemligt utkast", organisation=region, publish_state=PublishState.DRAFT
    )
    draft.funders.add(foundation)
    ProgrammeFactory(title="Utan finansiär", organisation=region, start_year=2016, end_year=2016)
    return {"agency": agency, "eu": eu, "government": government, "board": board}


@pytest.mark.parametrize("url", [LIST_URL, TIMELINE_URL])
def test_the_list_and_timeline_filter_by_funder(client, funded, url):
    content = client.get(url, {"funder": "tillvaxtverket"}).content.decode()
    for title in ("Jämställd tillväxt", "Landsbygd", "Kusten"):
        assert title in content
    assert "Utan finansiär" not in content
    eu_only = client.get(url, {"funder": "eu"}).content.decode()
    assert "Jämställd tillväxt" in eu_only and "Landsbygd" not in eu_only
    combined = client.get(url, {"funder": "tillvaxtverket", "organisation": "regionen"})
    assert "Kusten" in combined.content.decode()
    assert "Landsbygd" not in combined.content.decode()


def test_the_funder_select_offers_funders_of_public_programmes_narrowed_by_the_others(
    client, funded
):
    content = client.get(LIST_URL).content.decode()
    # Organisations in name order; the foundation funds only a draft.
    assert options(content, "funder") == ["eu", "tillvaxtverket"]
    assert '<label for="id_funder">Finansiär</label>' in content
    narrowed = client.get(LIST_URL, {"year": 2019}).content.decode()
    assert options(narrowed, "funder") == ["tillvaxtverket"]
    by_area = client.get(LIST_URL, {"focus_area": "jamstalldhet"}).content.decode()
    assert options(by_area, "funder") == ["eu", "tillvaxtverket"]
    # Choosing a funder narrows the owners offered to those of its programmes.
    chosen = client.get(LIST_URL, {"funder": "eu"}).content.decode()
    assert options(chosen, "organisation") == ["lansstyrelsen"]
    assert '<option value="eu" selected>Europeiska unionen</option>' in chosen


@pytest.mark.parametrize("value", ["stiftelsen", "finns-inte", "regeringen"])
def test_a_funder_of_no_public_programme_is_a_form_error(client, funded, value):
    response = client.get(LIST_URL, {"funder": value})
    assert response.status_code == 400
    assert "Det finns ingen sådan finansiär bland programmen." in response.content.decode()
    assert "Hemligt utkast" not in response.content.decode()


def test_links_between_list_and_timeline_keep_the_funder(client, funded):
    content = client.get(LIST_URL, {"funder": "eu"}).content.decode()
    assert f'href="{TIMELINE_URL}?funder=eu"' in content


def test_a_funders_page_shows_the_programmes_it_finances(client, funded):
    content = client.get(funded["agency"].get_absolute_url()).content.decode()
    section = content.partition("Program som Tillväxtverket finansierar</h2>")[2]
    section = section.partition("</ul>")[0]
    for title in ("Jämställd tillväxt 2016–2018", "Landsbygd 2019–2021", "Kusten 2017"):
        assert title in section
    assert "– Länsstyrelsen" in section  # each with its owner
    assert f'href="{LIST_URL}?funder=tillvaxtverket"' in content
    # The agency owns nothing: no list of its own programmes.
    assert "<h2>Program</h2>" not in content


def test_a_commissioners_page_shows_its_commissions_and_no_drafts(client, funded):
    content = client.get(funded["government"].get_absolute_url()).content.decode()
    assert "Program på uppdrag av Regeringen</h2>" in content
    assert "Jämställd tillväxt 2016–2018" in content
    assert "finansierar</h2>" not in content
    foundation = client.get(reverse("organisations:organisation_detail", args=["stiftelsen"]))
    assert "Hemligt utkast" not in foundation.content.decode()
    assert "finansierar</h2>" not in foundation.content.decode()
