"""The award pages are stored for visitors like every public page, and an editor's change to an
award or a winner shows at once."""

import pytest
from django.test import Client

from pagecache import middleware
from publishing.choices import PublishState
from tests.factories import AwardFactory, AwardWinnerFactory, MunicipalityFactory, NewsItemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def body_of(url):
    return Client().get(url).content.decode()


def warm(url):
    Client().get(url)
    assert Client().get(url).get(middleware.HEADER) == "hit"


def test_a_new_or_published_winner_shows_at_once():
    award = AwardFactory()
    news = NewsItemFactory()
    pages = [award.get_absolute_url(), news.get_absolute_url()]
    for url in pages:
        warm(url)

    winner = AwardWinnerFactory(
        award=award,
        municipality=MunicipalityFactory(name="Nyvinnarby"),
        news_item=news,
        publish_state=PublishState.DRAFT,
    )
    assert "Nyvinnarby" not in body_of(award.get_absolute_url())
    warm(award.get_absolute_url())

    winner.publish_state = PublishState.PUBLISHED
    winner.save()
    assert "Nyvinnarby" in body_of(award.get_absolute_url())
    assert award.get_absolute_url() in body_of(news.get_absolute_url())
