"""Nothing a visitor sends is shown on a public page or kept in the page cache, and a question
does not retire the cached pages of everyone else."""

import pytest
from django.core.cache import cache
from django.test import Client

from pagecache import keys, middleware
from tests.factories import ContentPageFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]

SECRET = "Min hemliga fråga om stödet till Norrbotten"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket", accepts_questions=True)


def test_a_question_appears_on_no_public_page_or_cached_page(organisation):
    page = ContentPageFactory(organisation=organisation, title="Samordning")
    visitor = Client()
    urls = [organisation.get_absolute_url(), page.get_absolute_url()]
    for url in urls:  # stored in the page cache before the question
        assert visitor.get(url).status_code == 200

    asker = Client()
    response = asker.post(
        "/organisationer/tillvaxtverket/fraga/",
        {"text": SECRET, "name": "Anna Hemlig", "email": "anna.hemlig@example.se"},
    )
    assert response.status_code == 302
    # The asker's own browser keeps no cookie that would mark it either.
    assert not response.cookies

    for client in (asker, visitor, Client()):
        for url in urls:
            states = []
            for _ in range(2):  # the second is a cache hit
                answer = client.get(url)
                assert answer.status_code == 200
                body = answer.content.decode()
                assert SECRET not in body and "Anna Hemlig" not in body
                assert "anna.hemlig@example.se" not in body
                states.append(answer[middleware.HEADER])
            assert states[-1] == "hit", (url, states)


def test_a_question_or_a_rejected_one_retires_no_page(organisation):
    seq = keys.start_seq()  # the change counter, which any retirement moves on
    client = Client()
    client.post("/organisationer/tillvaxtverket/fraga/", {"text": SECRET})
    client.post("/organisationer/tillvaxtverket/fraga/", {"text": "", "website": "spam"})
    client.post(
        "/tillganglighetsredogorelse/kontakt/", {"kind": "problem", "message": "Kontrasten."}
    )
    assert cache.get(keys.SEQ_KEY) == seq


def test_the_form_pages_keep_no_visitors_text():
    """The question form's page and thanks page are cacheable (no cookie, no token), and
    what a visitor typed into a form with errors is never cached (a 400 is not stored)."""
    OrganisationFactory(slug="tillvaxtverket", accepts_questions=True)
    client = Client()
    client.post("/organisationer/tillvaxtverket/fraga/", {"text": SECRET, "email": "fel"})
    for url in (
        "/organisationer/tillvaxtverket/fraga/",
        "/organisationer/tillvaxtverket/fraga/tack/",
    ):
        Client().get(url)
        second = Client().get(url)
        assert second[middleware.HEADER] == "hit", url
        assert SECRET not in second.content.decode()
