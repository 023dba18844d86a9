"""The content app's public pages: an organisation's content page with its sections, key
figures, links, related pages and what it links to; the news list and a news item; an event
with its dates, place, organisers and programmes; each runs the same number of queries however
much data there is."""

import datetime

import pytest
from django.urls import reverse

from content.models import PageLink
from tests.factories import (
    AwardWinnerFactory,
    ContactFactory,
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    KeyFigureFactory,
    MunicipalityFactory,
    NewsItemFactory,
    OrganisationFactory,
    PageSectionFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.pages import (
    EXTERNAL,
    assert_queries_do_not_grow,
    cards,
    fetch,
    main_text,
    swedish_date,
)

pytestmark = pytest.mark.django_db


def test_content_page_detail(client):
    organisation = OrganisationFactory(name="Länsstyrelsen i Stockholms län")
    page = ContentPageFactory(
        organisation=organisation, title="Tillväxt", intro="Så arbetar vi med tillväxt."
    )
    sibling = ContentPageFactory(organisation=organisation, title="Landsbygd")
    other_organisations_page = ContentPageFactory(title="Någon annans sida")
    PageSectionFactory(page=page, heading="Andra avsnittet", body="Text två.", position=2)
    PageSectionFactory(
        page=page,
        heading="Första avsnittet",
        body="<p>Vi gör:</p><ul><li>analyser</li><li>dialoger</li></ul>",
        position=1,
    )
    KeyFigureFactory(page=page, value="116", label="program i länen")
    PageLink.objects.create(
        page=page, title="Tillväxtverket om program", url="https://tillvaxtverket.se"
    )
    document = PublicationFactory(title="Regional utvecklingsstrategi")
    page.publications.add(document)
    programme = ProgrammeFactory(title="Jämställd tillväxt", start_year=2016, end_year=2018)
    page.programmes.add(programme)
    contact = ContactFactory(name="David Dahl", role="Utvecklingsstrateg", phone="08-123 45 67")
    page.contacts.add(contact)
    area = FocusAreaFactory(name="Hållbar tillväxt")
    page.focus_areas.add(area)

    content, text = fetch(client, page.get_absolute_url())

    assert "<h1>Tillväxt</h1>" in content
    assert f'href="{organisation.get_absolute_url()}"' in content
    assert "Så arbetar vi med tillväxt." in text
    assert "<h2>Första avsnittet</h2>" in content
    assert text.index("Första avsnittet") < text.index("Andra avsnittet")
    assert "<li>analyser</li><li>dialoger</li>" in content
    assert "<dt>116</dt><dd>program i länen</dd>" in content
    assert f"Tillväxtverket om program {EXTERNAL}" in text
    assert "Relaterat" in text
    main = main_text(content)
    assert main.index("Relaterat") < main.index("Landsbygd")
    assert f'href="{sibling.get_absolute_url()}"' in content
    assert f'href="{page.get_absolute_url()}" aria-current="page"' in content
    assert f'href="{other_organisations_page.get_absolute_url()}"' not in content
    assert main.index("Relaterat") < main.index("Regional utvecklingsstrategi")
    assert "Jämställd tillväxt 2016–2018" in text
    assert "David Dahl, Utvecklingsstrateg" in text
    assert "Telefon: 08-123 45 67" in text
    assert 'href="tel:08-1234567"' in content
    assert f'href="{area.get_absolute_url()}"' in content
    assert f"Senast ändrad {swedish_date(page.updated_at)}" in text


def test_news_list(client):
    organisation = OrganisationFactory(name="Region Sörmland", short_name="")
    news_item = NewsItemFactory(
        title="Konferens om jämställdhet",
        organisation=organisation,
        date=datetime.date(2018, 5, 16),
        summary="Över hundra deltagare.",
    )
    news_item.municipalities.add(MunicipalityFactory(name="Flen"))
    NewsItemFactory(title="Nyhet utan datum", date=None)

    content, text = fetch(client, reverse("content:news_list"))

    assert f'href="{news_item.get_absolute_url()}"' in content
    assert "Konferens om jämställdhet Datum 16 maj 2018 Plats Flen" in cards(content)[0]
    assert cards(content)[0].endswith("Region Sörmland")
    assert "Över hundra deltagare." in text
    assert "Nyhet utan datum" in text
    assert "None" not in text


def test_news_detail(client):
    organisation = OrganisationFactory(name="Region Sörmland")
    event = EventFactory(title="Jämställdhetskonferensen", start_date=datetime.date(2018, 5, 16))
    news_item = NewsItemFactory(
        title="Konferens om jämställdhet",
        organisation=organisation,
        date=datetime.date(2018, 5, 18),
        summary="Över hundra deltagare.",
        body="<p>Första stycket.</p><p>Andra stycket.</p>",
        event=event,
    )
    news_item.municipalities.set(
        [MunicipalityFactory(name="Flen"), MunicipalityFactory(name="Eskilstuna")]
    )

    content, text = fetch(client, news_item.get_absolute_url())

    assert "<h1>Konferens om jämställdhet</h1>" in content
    assert "Datum 18 maj 2018 Från Region Sörmland" in text
    assert "Över hundra deltagare." in text
    assert "<p>Första stycket.</p><p>Andra stycket.</p>" in content
    assert "Kommuner Eskilstuna, Flen" in text
    assert f'href="{event.get_absolute_url()}"' in content


def test_news_detail_without_date(client):
    news_item = NewsItemFactory(date=None)
    _, text = fetch(client, news_item.get_absolute_url())
    assert text.count("Nyhetens datum är inte känt.") == 1


def test_event_detail(client):
    organisers = [
        OrganisationFactory(name="Region Sörmland"),
        OrganisationFactory(name="Flens kommun"),
    ]
    event = EventFactory(
        title="Jämställdhetskonferensen",
        kind="conference",
        start_date=datetime.date(2018, 5, 16),
        end_date=datetime.date(2018, 5, 17),
        municipality=MunicipalityFactory(name="Flen"),
        venue="Kulturhuset",
        participant_count=160,
        summary="Två dagar om jämställd tillväxt.",
        body="<p>Program:</p><ul><li>föreläsningar</li><li>workshoppar</li></ul>",
        organisers=organisers,
    )
    programme = ProgrammeFactory(title="Jämställd tillväxt", start_year=2016, end_year=2018)
    event.programmes.add(programme)
    news_item = NewsItemFactory(title="Rekordmånga deltagare", event=event)

    content, text = fetch(client, event.get_absolute_url())

    assert "<h1>Jämställdhetskonferensen</h1>" in content
    assert "Typ Konferens" in text
    assert "När 16–17 maj 2018" in text
    assert "Var Kulturhuset, Flen" in text
    assert "160 deltagare" in text
    assert "Region Sörmland, Flens kommun" in text or "Flens kommun, Region Sörmland" in text
    assert "Två dagar om jämställd tillväxt." in text
    assert "<li>föreläsningar</li><li>workshoppar</li>" in content
    assert "Jämställd tillväxt 2016–2018" in text
    assert f'href="{news_item.get_absolute_url()}"' in content


def test_event_over_two_months_shows_full_dates(client):
    event = EventFactory(start_date=datetime.date(2018, 5, 30), end_date=datetime.date(2018, 6, 2))
    _, text = fetch(client, event.get_absolute_url())
    assert "När 30 maj 2018 – 2 juni 2018" in text
    assert "deltagare" not in text


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _content_page_detail():
    page = ContentPageFactory(parent=ContentPageFactory())

    def grow(n):
        for _ in range(n):
            PageSectionFactory(page=page)
            KeyFigureFactory(page=page)
            PageLink.objects.create(page=page, title="Länk", url="https://example.se")
            ContentPageFactory(organisation=page.organisation)
            page.publications.add(PublicationFactory())
            page.programmes.add(ProgrammeFactory())
            page.contacts.add(ContactFactory(email="a@example.se"))
            page.focus_areas.add(FocusAreaFactory())

    return page.get_absolute_url(), grow


def _news_list():
    def grow(n):
        for _ in range(n):
            news_item = NewsItemFactory(
                date=datetime.date(2018, 5, 16),
                event=EventFactory(start_date=datetime.date(2018, 5, 16)),
            )
            news_item.municipalities.add(MunicipalityFactory(), MunicipalityFactory())

    return reverse("content:news_list"), grow


def _news_detail():
    news_item = NewsItemFactory(event=EventFactory())

    def grow(n):
        news_item.municipalities.add(*(MunicipalityFactory() for _ in range(n)))
        for _ in range(n):
            AwardWinnerFactory(news_item=news_item)

    return news_item.get_absolute_url(), grow


def _event_detail():
    event = EventFactory(start_date=datetime.date(2018, 5, 16), municipality=MunicipalityFactory())

    def grow(n):
        for _ in range(n):
            event.organisers.add(OrganisationFactory())
            event.programmes.add(ProgrammeFactory())
            NewsItemFactory(event=event)

    return event.get_absolute_url(), grow


QUERY_SCENARIOS = {
    "content_page_detail": _content_page_detail,
    "news_list": _news_list,
    "news_detail": _news_detail,
    "event_detail": _event_detail,
}

# (queries when nothing derived is kept, queries once it is); what they count is in
# tests/pages.py. Update a number only together with the view's select/prefetch declaration.
EXPECTED_QUERIES = {
    # One query more for the surveys the page presents. Cold, the organisation's menu in the banner too (its pages, and whether it has
    # programmes, publications and contacts: 2 queries), read when the content version is new,
    # with the next scheduled publication; kept after that (organisations.models.menu).
    "content_page_detail": (10 + 2, 10),
    "news_list": (3, 3),
    # The news item, its municipalities and the award winners it announced (with their
    # award, for the link to the award's page).
    "news_detail": (3 + 2, 3),
    "event_detail": (4, 4),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
