"""The demo site has what the source pages say about the award Årets tillväxtkommun, the theme
J+ and the regional fund programmes 2014–2020, and nothing more."""

import io

import pytest
from django.core.management import call_command

from awards.models import Award, AwardWinner
from content.models import NewsItem
from geography.models import Municipality
from programmes.models import FocusArea, FundProgramme
from tests.pages import fetch, main_text
from themes.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def test_the_award_and_its_winner(client, demo):
    award = Award.objects.get(slug="arets-tillvaxtkommun")
    assert [str(org) for org in award.organisers.all()] == ["Arena för Tillväxt"]
    winner = AwardWinner.objects.get(award=award)
    assert (winner.year, winner.municipality.name, winner.edition) == (2018, "Uppsala", 21)

    content, _ = fetch(client, award.get_absolute_url())
    text = main_text(content)
    assert "Utdelas av Arena för Tillväxt" in text
    assert "2018: Uppsala" in text
    assert "Utdelad för 21:a gången" in text
    assert "visionära samhällsplanering" in text
    news = NewsItem.objects.get(slug="uppsala-ar-arets-tillvaxtkommun-2018")
    assert f'href="{news.get_absolute_url()}"' in content

    news_content, news_text = fetch(client, news.get_absolute_url())
    assert "Läs om Årets tillväxtkommun och alla vinnare" in news_text
    assert f'href="{award.get_absolute_url()}"' in news_content

    _, uppsala_text = fetch(client, Municipality.objects.get(name="Uppsala").get_absolute_url())
    assert "Årets tillväxtkommun 2018" in uppsala_text


def test_j_plus_has_a_theme_page(client, demo):
    theme = Theme.objects.get(name="J+")
    content, _ = fetch(client, theme.get_absolute_url())
    assert "Jämställd regional tillväxt 2016–2018" in main_text(content)
    list_content, _ = fetch(client, "/teman/")
    assert f'href="{theme.get_absolute_url()}"' in list_content


def test_the_regional_fund_programmes_are_a_record(client, demo):
    fund = FundProgramme.objects.get(slug="regionalfondsprogrammen-2014-2020")
    assert (fund.start_year, fund.end_year) == (2014, 2020)
    area = FocusArea.objects.get(slug="jamstalldhet-i-regionalfondsprogrammen")
    assert list(area.fund_programmes.all()) == [fund]

    content, _ = fetch(client, fund.get_absolute_url())
    text = main_text(content)
    assert "Period 2014–2020" in text
    assert "Jämställdhet i regionalfondsprogrammen 2014–2020" in text
    area_content, _ = fetch(client, area.get_absolute_url())
    assert f'href="{fund.get_absolute_url()}"' in area_content


def test_loading_twice_changes_nothing(demo):
    out = io.StringIO()
    call_command("load_demo_content", "--update", stdout=out)
    assert "0 created, 0 changed, 0 removed" in out.getvalue()
