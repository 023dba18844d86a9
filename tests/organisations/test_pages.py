"""The organisations' public pages: the list names each one's kind, county and parent; an
organisation's page shows its facts, description, pages, programmes (ongoing first),
publications, contacts, news and focus area sets; both run the same number of queries however
much data there is."""

import datetime

import pytest
from django.urls import reverse

from organisations.choices import OrganisationKind
from programmes.choices import FocusAreaSetKind
from tests.factories import (
    ContactFactory,
    ContentPageFactory,
    CountyFactory,
    FocusAreaFactory,
    FocusAreaSetFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.pages import EXTERNAL, assert_queries_do_not_grow, fetch, ongoing_programme

pytestmark = pytest.mark.django_db


def test_organisation_list(client):
    county = CountyFactory(name="Stockholms län")
    parent = OrganisationFactory(name="Länsstyrelserna", kind=OrganisationKind.NETWORK)
    organisation = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        kind=OrganisationKind.COUNTY_BOARD,
        county=county,
        parent=parent,
    )

    content, text = fetch(client, reverse("organisations:organisation_list"))

    assert f'href="{organisation.get_absolute_url()}"' in content
    assert "Länsstyrelsen i Stockholms län Länsstyrelse, Stockholms län" in text
    assert "del av Länsstyrelserna" in text


def test_organisation_detail(client):
    county = CountyFactory(name="Stockholms län")
    parent = OrganisationFactory(name="Länsstyrelserna", kind=OrganisationKind.NETWORK)
    organisation = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        kind=OrganisationKind.COUNTY_BOARD,
        county=county,
        parent=parent,
        website="https://www.lansstyrelsen.se/stockholm",
        description="<p>Vi arbetar för tillväxt.</p><ul><li>landsbygd</li><li>jämställdhet</li></ul>",
    )
    page = ContentPageFactory(organisation=organisation, title="Tillväxt i länet")
    # The finished programme starts later, so default ordering alone would list it first.
    ongoing = ProgrammeFactory(
        organisation=organisation, title="Långsiktig satsning", start_year=2000, end_year=None
    )
    finished = ProgrammeFactory(
        organisation=organisation, title="Jämställd tillväxt", start_year=2016, end_year=2018
    )
    publication = PublicationFactory(title="Handlingsplan för länet", organisations=[organisation])
    with_email = ContactFactory(
        organisation=organisation,
        name="Anna Andersson",
        role="Processledare",
        email="anna@example.se",
    )
    ContactFactory(organisation=organisation, name="Bo Berg", role="Handläggare", phone="")
    news_item = NewsItemFactory(organisation=organisation, title="Nytt program startar")
    area_set = FocusAreaSetFactory(
        organisation=organisation,
        name="Länsstyrelsens arbetsområden",
        kind=FocusAreaSetKind.WORK_AREAS,
    )
    area = FocusAreaFactory(focus_area_set=area_set, name="Landsbygd")

    content, text = fetch(client, organisation.get_absolute_url())

    assert "<h1>Länsstyrelsen i Stockholms län</h1>" in content
    assert "Länsstyrelse" in text
    assert f'href="{parent.get_absolute_url()}"' in content
    assert "Stockholms län" in text
    assert f"https://www.lansstyrelsen.se/stockholm {EXTERNAL}" in text
    assert "<p>Vi arbetar för tillväxt.</p>" in content
    assert "<li>landsbygd</li>" in content
    assert f'href="{page.get_absolute_url()}"' in content
    assert "Långsiktig satsning 2000–" in text
    assert "Jämställd tillväxt 2016–2018" in text
    assert text.index("Långsiktig satsning") < text.index("Jämställd tillväxt")
    assert f'href="{ongoing.get_absolute_url()}"' in content
    assert f'href="{finished.get_absolute_url()}"' in content
    assert f'href="{publication.get_absolute_url()}"' in content
    assert "Anna Andersson, Processledare" in text
    assert f'href="mailto:{with_email.email}"' in content
    assert "Bo Berg, Handläggare" in text
    assert text.count("E-post:") == 1
    assert "Telefon:" not in text
    assert f'href="{news_item.get_absolute_url()}"' in content
    assert "Länsstyrelsens arbetsområden" in text
    assert f'href="{area.get_absolute_url()}"' in content


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _organisation_list():
    def grow(n):
        for _ in range(n):
            OrganisationFactory(parent=OrganisationFactory(), county=CountyFactory())

    return reverse("organisations:organisation_list"), grow


def _organisation_detail():
    organisation = OrganisationFactory(parent=OrganisationFactory(), county=CountyFactory())

    def grow(n):
        for _ in range(n):
            OrganisationFactory(parent=organisation)
            ContentPageFactory(organisation=organisation)
            ongoing_programme(organisation=organisation)
            parent = ProgrammeFactory(organisation=organisation, start_year=2016, end_year=2018)
            # A pilot project's card names the programme it is part of.
            ProgrammeFactory(organisation=organisation, parent=parent, start_year=2017)
            PublicationFactory(organisations=[organisation])
            ContactFactory(organisation=organisation, email="a@example.se", phone="08-1")
            NewsItemFactory(organisation=organisation, date=datetime.date(2018, 5, 16))
            area_set = FocusAreaSetFactory(organisation=organisation)
            FocusAreaFactory.create_batch(2, focus_area_set=area_set)

    return organisation.get_absolute_url(), grow


QUERY_SCENARIOS = {
    "organisation_list": _organisation_list,
    "organisation_detail": _organisation_detail,
}

# (queries when nothing derived is kept, queries once it is); what they count is in
# tests/pages.py. Update a number only together with the view's select/prefetch declaration.
EXPECTED_QUERIES = {
    "organisation_list": (1, 1),
    # Cold, the organisation's menu in the banner too (its pages, and whether it has
    # programmes, publications and contacts: 2 queries), read when the content version is new,
    # with the next scheduled publication; kept after that (organisations.models.menu).
    "organisation_detail": (11 + 2, 11),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
