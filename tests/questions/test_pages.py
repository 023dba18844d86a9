"""The question form costs the organisation's pages no query, and its own pages run a fixed
number, however many questions are stored."""

import pytest

from content.models import ContentPage
from organisations.models import Organisation
from tests.content.test_pages import EXPECTED_QUERIES as CONTENT_QUERIES
from tests.content.test_pages import _content_page_detail as content_page_scenario
from tests.factories import ContentPageFactory, OrganisationFactory, QuestionFactory
from tests.organisations.test_pages import EXPECTED_QUERIES as ORGANISATION_QUERIES
from tests.organisations.test_pages import _organisation_detail as organisation_scenario
from tests.pages import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _asking_organisation():
    return OrganisationFactory(slug="tillvaxtverket", accepts_questions=True)


def _with_questions(scenario, organisation_of):
    """The other apps' scenario of the page, its organisation taking questions and growing
    questions as the page grows."""

    def wrapped():
        url, grow = scenario()
        organisation = organisation_of(url)
        Organisation.objects.filter(pk=organisation.pk).update(accepts_questions=True)

        def grow_more(n):
            grow(n)
            QuestionFactory.create_batch(n, organisation=organisation)

        return url, grow_more

    return wrapped


def _organisation_of_page(url):
    return ContentPage.objects.get(slug=url.strip("/").rpartition("/")[2]).organisation


def _organisation_by_slug(url):
    return Organisation.objects.get(slug=url.strip("/").rpartition("/")[2])


def _form_page(suffix=""):
    def scenario():
        organisation = _asking_organisation()

        def grow(n):
            for _ in range(n):
                QuestionFactory(organisation=organisation)
                ContentPageFactory(organisation=organisation)

        return f"/organisationer/tillvaxtverket/fraga/{suffix}", grow

    return scenario


QUERY_SCENARIOS = {
    "organisation_detail": _with_questions(organisation_scenario, _organisation_by_slug),
    "content_page_detail": _with_questions(content_page_scenario, _organisation_of_page),
    "question_form": _form_page(),
    "question_thanks": _form_page("tack/"),
}

# The organisation's pages run exactly what they run without the form (the numbers pinned by
# tests/organisations and tests/content): the form reads only the organisation's own fields.
# The form's pages: the organisation, and cold its menu in the banner (2) with the schedule.
EXPECTED_QUERIES = {
    "organisation_detail": ORGANISATION_QUERIES["organisation_detail"],
    "content_page_detail": CONTENT_QUERIES["content_page_detail"],
    "question_form": (1 + 2, 1),
    "question_thanks": (1 + 2, 1),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
