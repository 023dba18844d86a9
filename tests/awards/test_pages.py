"""The award pages: the list of awards, an award with its winners by year, the link from the
news item that announced a winner, and the municipality's page with what the portal has about
it. Drafts never appear."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from awards.models import AwardWinner
from publishing.choices import PublishState
from tests.factories import (
    AwardFactory,
    AwardWinnerFactory,
    CountyFactory,
    EventFactory,
    MunicipalityFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
)
from tests.pages import assert_queries_do_not_grow, fetch, main_text

pytestmark = pytest.mark.django_db


def test_the_award_page_lists_its_winners_newest_first(client):
    arena = OrganisationFactory(name="Arena för Tillväxt")
    award = AwardFactory(name="Årets tillväxtkommun", organisers=[arena])
    uppsala = MunicipalityFactory(name="Uppsala", county=CountyFactory(name="Uppsala län"))
    news = NewsItemFactory(title="Uppsala är Årets Tillväxtkommun 2018")
    AwardWinnerFactory(
        award=award,
        year=2018,
        municipality=uppsala,
        edition=21,
        reasons="Visionär samhällsplanering.",
        news_item=news,
    )
    AwardWinnerFactory(award=award, year=2016, municipality=MunicipalityFactory(name="Flen"))
    AwardWinnerFactory(award=award, year=2017, municipality=MunicipalityFactory(name="Umeå"))

    content, text = fetch(client, award.get_absolute_url())

    text = main_text(content)
    assert "Årets tillväxtkommun" in text
    assert "Utdelas av Arena för Tillväxt" in text
    assert text.index("2018: Uppsala") < text.index("2017: Umeå") < text.index("2016: Flen")
    assert "Län Uppsala län" in text
    assert "Utdelad för 21:a gången" in text
    assert "Juryns motivering Visionär samhällsplanering." in text
    assert f'href="{news.get_absolute_url()}"' in content
    assert f'href="{uppsala.get_absolute_url()}">Uppsala</a>' in content
    assert f'href="{arena.get_absolute_url()}"' in content


def test_drafts_never_appear_on_the_award_pages(client):
    award = AwardFactory(name="Synligt pris")
    AwardWinnerFactory(award=award, year=2018, municipality=MunicipalityFactory(name="Visby"))
    AwardWinnerFactory(
        award=award,
        year=2019,
        municipality=MunicipalityFactory(name="Hemligstad"),
        publish_state=PublishState.DRAFT,
    )
    draft_news = NewsItemFactory(title="Hemlig nyhet", publish_state=PublishState.DRAFT)
    AwardWinnerFactory(
        award=award, year=2017, municipality=MunicipalityFactory(), news_item=draft_news
    )
    draft_award = AwardFactory(name="Utkastpris", publish_state=PublishState.DRAFT)

    content, text = fetch(client, award.get_absolute_url())
    assert "Visby" in text
    assert "Hemligstad" not in text
    assert draft_news.get_absolute_url() not in content
    assert client.get(draft_award.get_absolute_url()).status_code == 404
    _, list_text = fetch(client, reverse("awards:award_list"))
    assert "Synligt pris" in list_text
    assert "Utkastpris" not in list_text


def test_an_award_without_winners_says_so(client):
    award = AwardFactory()
    _, text = fetch(client, award.get_absolute_url())
    assert "Inga vinnare är inlagda ännu." in text


def test_one_winner_per_award_and_year():
    winner = AwardWinnerFactory(year=2018)
    with pytest.raises(IntegrityError):
        AwardWinner.objects.create(
            award=winner.award, year=2018, municipality=MunicipalityFactory()
        )


@pytest.mark.parametrize(
    ("edition", "shown"),
    [
        (1, "1:a"),
        (2, "2:a"),
        (3, "3:e"),
        (11, "11:e"),
        (12, "12:e"),
        (21, "21:a"),
        (22, "22:a"),
        (101, "101:a"),
        (111, "111:e"),
    ],
)
def test_editions_are_swedish_ordinals(edition, shown):
    assert AwardWinner(edition=edition).edition_display == shown


def test_the_news_item_links_to_the_award_it_announced(client):
    award = AwardFactory(name="Årets tillväxtkommun")
    news = NewsItemFactory()
    AwardWinnerFactory(award=award, news_item=news)

    content, text = fetch(client, news.get_absolute_url())
    assert "Läs om Årets tillväxtkommun och alla vinnare" in text
    assert f'href="{award.get_absolute_url()}"' in content


@pytest.mark.parametrize("draft", ["award", "winner"])
def test_the_news_item_does_not_link_to_a_draft(client, draft):
    award = AwardFactory(name="Hemligt pris")
    news = NewsItemFactory()
    winner = AwardWinnerFactory(award=award, news_item=news)
    target = award if draft == "award" else winner
    target.publish_state = PublishState.DRAFT
    target.save()

    content, text = fetch(client, news.get_absolute_url())
    assert "Hemligt pris" not in text
    assert award.get_absolute_url() not in content


def test_the_municipality_page_shows_what_the_portal_has_about_it(client):
    county = CountyFactory(name="Uppsala län")
    uppsala = MunicipalityFactory(name="Uppsala", county=county)
    award = AwardFactory(name="Årets tillväxtkommun")
    AwardWinnerFactory(award=award, year=2018, municipality=uppsala)
    AwardWinnerFactory(
        award=AwardFactory(name="Utkastpris", publish_state=PublishState.DRAFT),
        municipality=uppsala,
    )
    programme = ProgrammeFactory(title="Pilotprogrammet", start_year=2016, end_year=2018)
    programme.municipalities.add(uppsala)
    ProgrammeFactory(title="Utkastprogrammet", publish_state=PublishState.DRAFT).municipalities.add(
        uppsala
    )
    EventFactory(title="Konferensen i Uppsala", municipality=uppsala)
    NewsItemFactory(title="Nyheten om Uppsala").municipalities.add(uppsala)
    NewsItemFactory(title="Utkastnyheten", publish_state=PublishState.DRAFT).municipalities.add(
        uppsala
    )

    content, text = fetch(client, uppsala.get_absolute_url())
    text = main_text(content)
    assert "Län Uppsala län" in text
    assert "Årets tillväxtkommun 2018" in text
    assert f'href="{award.get_absolute_url()}"' in content
    assert "Pilotprogrammet 2016–2018" in text
    assert "Konferensen i Uppsala" in text
    assert "Nyheten om Uppsala" in text
    for draft in ["Utkastpris", "Utkastprogrammet", "Utkastnyheten"]:
        assert draft not in text


def test_a_municipality_without_content_says_so(client):
    _, text = fetch(client, MunicipalityFactory().get_absolute_url())
    assert "Portalen har ännu inget innehåll om kommunen." in text


def test_breadcrumbs(client):
    award = AwardFactory(name="Årets tillväxtkommun")
    municipality = MunicipalityFactory(name="Uppsala", slug="uppsala")
    assert award.breadcrumbs() == [
        ("Startsida", "/"),
        ("Utmärkelser", "/utmarkelser/"),
        ("Årets tillväxtkommun", award.get_absolute_url()),
    ]
    assert municipality.breadcrumbs() == [("Startsida", "/"), ("Uppsala", "/kommuner/uppsala/")]
    content = client.get(award.get_absolute_url()).content.decode()
    assert 'href="/utmarkelser/"' in content


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _award_list():
    def grow(n):
        for _ in range(n):
            AwardFactory(organisers=[OrganisationFactory(), OrganisationFactory()])

    return reverse("awards:award_list"), grow


def _award_detail():
    award = AwardFactory()

    def grow(n):
        for _ in range(n):
            award.organisers.add(OrganisationFactory())
            AwardWinnerFactory(
                award=award,
                municipality=MunicipalityFactory(county=CountyFactory()),
                edition=3,
                news_item=NewsItemFactory(),
            )

    return award.get_absolute_url(), grow


def _municipality_detail():
    municipality = MunicipalityFactory(county=CountyFactory())

    def grow(n):
        for _ in range(n):
            AwardWinnerFactory(municipality=municipality)
            ProgrammeFactory().municipalities.add(municipality)
            EventFactory(municipality=municipality)
            NewsItemFactory().municipalities.add(municipality)

    return municipality.get_absolute_url(), grow


QUERY_SCENARIOS = {
    "award_list": _award_list,
    "award_detail": _award_detail,
    "municipality_detail": _municipality_detail,
}

# (cold, warm): the page's rows and one query per prefetched relation; nothing of these pages
# is kept under the content version.
EXPECTED_QUERIES = {
    # The awards, their organisers.
    "award_list": (2, 2),
    # The award, its organisers, its winners with municipality, county and news item.
    "award_detail": (3, 3),
    # The municipality with its county, its awards, programmes, events and news.
    "municipality_detail": (5, 5),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
