"""The "Ställ en fråga" form: at the bottom of an organisation's page and its content pages
when the organisation takes questions, on its own page, with the personal-data notice; a
question is stored for the organisation's editors, never shown publicly."""

import re

import pytest
from django.urls import reverse

from questions.models import Question
from tests.factories import ContentPageFactory, OrganisationFactory
from tests.pages import fetch, main_text

pytestmark = pytest.mark.django_db

FORM_URL = "/organisationer/tillvaxtverket/fraga/"
THANKS_URL = "/organisationer/tillvaxtverket/fraga/tack/"


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Tillväxtverket",
        slug="tillvaxtverket",
        accepts_questions=True,
        personal_data_url="https://tillvaxtverket.se/personuppgifter",
    )


@pytest.fixture
def page(organisation):
    return ContentPageFactory(
        organisation=organisation, title="Samordning och uppföljning", slug="samordning"
    )


def test_url_map():
    assert reverse("questions:ask", kwargs={"slug": "tillvaxtverket"}) == FORM_URL
    assert reverse("questions:thanks", kwargs={"slug": "tillvaxtverket"}) == THANKS_URL


# --- where the form appears ----------------------------------------------------------------


def test_the_form_is_at_the_bottom_of_the_organisation_page(client, organisation):
    html, text = fetch(client, organisation.get_absolute_url())
    main = html.partition("<main")[2].partition("</main>")[0]

    section = main.rpartition('<section class="question-form"')[2]
    assert "<h2" in section and "Ställ en fråga</h2>" in section
    assert f'<form method="post" action="{FORM_URL}" novalidate>' in section
    assert '<input type="hidden" name="page_url" value="/organisationer/tillvaxtverket/"' in section
    assert '<label for="id_text">Din fråga <span aria-hidden="true">*</span></label>' in section
    assert '<label for="id_name">Ditt namn</label>' in section
    assert '<label for="id_email">Din e-postadress</label>' in section
    assert re.search(r"<textarea[^>]*maxlength=\"5000\"[^>]*required", section)
    # No CSRF token, so the page stays shareable by the page cache.
    assert "csrfmiddlewaretoken" not in html


def test_the_form_is_at_the_bottom_of_the_organisations_content_pages(client, page):
    html, _ = fetch(client, page.get_absolute_url())
    assert f'action="{FORM_URL}"' in html
    assert f'name="page_url" value="{page.get_absolute_url()}"' in html
    assert 'name="page_title" value="Samordning och uppföljning"' in html
    assert "csrfmiddlewaretoken" not in html


def test_no_form_where_the_organisation_takes_no_questions(client):
    other = OrganisationFactory(name="Arena för Tillväxt", slug="arena")
    other_page = ContentPageFactory(organisation=other)
    about = ContentPageFactory(organisation=None, title="Om webbplatsen")
    for url in (other.get_absolute_url(), other_page.get_absolute_url(), about.get_absolute_url()):
        html, text = fetch(client, url)
        assert "Ställ en fråga" not in text, url
        assert "question-form" not in html, url
    assert client.get("/organisationer/arena/fraga/").status_code == 404
    assert client.post("/organisationer/arena/fraga/", {"text": "Hej?"}).status_code == 404
    assert not Question.objects.exists()


# --- the personal-data notice ---------------------------------------------------------------


def test_the_notice_says_what_why_who_how_long_and_where_to_read_more(client, organisation):
    html, _ = fetch(client, organisation.get_absolute_url())
    text = main_text(html)

    assert "Behandling av personuppgifter" in text
    assert (
        "Din fråga sparas hos Tillväxtverket, och ditt namn och din e-postadress också om du fyller i dem."
        in text
    )
    assert (
        "Tillväxtverket ansvarar för uppgifterna och använder dem bara för att kunna svara på din fråga."
        in text
    )
    assert (
        "Namn och e-postadress raderas 30 dagar efter att frågan har besvarats, eller 180 dagar efter att den kom in om den inte besvaras."
        in text
    )
    assert "Själva frågan och svaret sparas utan namn och e-postadress" in text
    assert (
        '<a href="https://tillvaxtverket.se/personuppgifter">Läs mer om hur Tillväxtverket '
        "behandlar personuppgifter</a>" in html
    )


def test_the_notice_follows_the_settings(client, organisation, settings):
    settings.PERSONAL_DATA_DAYS_AFTER_ANSWER = 14
    settings.PERSONAL_DATA_DAYS_UNANSWERED = 1
    _, text = fetch(client, FORM_URL)
    assert (
        "raderas 14 dagar efter att frågan har besvarats, eller 1 dag efter att den kom in" in text
    )


def test_without_its_own_page_the_notice_links_to_the_portals(client, organisation):
    organisation.personal_data_url = ""
    organisation.save()
    html, _ = fetch(client, organisation.get_absolute_url())
    assert (
        '<a href="/personuppgifter/">Läs mer om hur Tillväxtportalen behandlar personuppgifter</a>'
        in html
    )


# --- the form's own page, posting ------------------------------------------------------------


def test_the_form_page_has_breadcrumbs_and_the_organisations_banner(client, organisation):
    html, text = fetch(client, FORM_URL)
    assert "<h1>Ställ en fråga till Tillväxtverket</h1>" in html
    assert "<title>Ställ en fråga till Tillväxtverket – Tillväxtportalen</title>" in html
    crumbs = html.partition('aria-label="Brödsmulor"')[2].partition("</nav>")[0]
    assert f'<li><a href="{organisation.get_absolute_url()}">Tillväxtverket</a></li>' in crumbs
    assert '<span aria-current="page">Ställ en fråga</span>' in crumbs
    assert 'id="organisation-banner-name"' in html
    assert "Behandling av personuppgifter" in text


def test_a_question_is_stored_for_the_organisation_and_redirects(client, organisation):
    response = client.post(
        FORM_URL,
        {
            "text": "  Hur följer ni upp det regionala tillväxtarbetet?  ",
            "name": "Anna Andersson",
            "email": "anna@example.se",
            "page_url": "/sidor/samordning/",
            "page_title": "Samordning och uppföljning",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    question = Question.objects.get()
    assert question.organisation == organisation
    assert question.text == "Hur följer ni upp det regionala tillväxtarbetet?"
    assert (question.name, question.email) == ("Anna Andersson", "anna@example.se")
    assert (question.page_url, question.page_title) == (
        "/sidor/samordning/",
        "Samordning och uppföljning",
    )
    assert question.created_at is not None
    assert question.answered_at is None and question.personal_data_erased_at is None

    html, text = fetch(client, THANKS_URL)
    assert "<h1>Tack för din fråga</h1>" in html
    assert '<span aria-current="page">Tack för din fråga</span>' in html
    assert "Tillväxtverket har tagit emot din fråga." in text
    assert f'href="{organisation.get_absolute_url()}"' in html


def test_only_the_question_is_required(client, organisation):
    assert client.post(FORM_URL, {"text": "Finns statistiken per län?"}).status_code == 302
    question = Question.objects.get()
    assert (question.name, question.email, question.page_url) == ("", "", "")


def test_a_page_address_that_is_not_on_this_site_is_dropped(client, organisation):
    client.post(FORM_URL, {"text": "Hej?", "page_url": "https://elsewhere.example/"})
    client.post(FORM_URL, {"text": "Hej?", "page_url": "//elsewhere.example/"})
    assert list(Question.objects.values_list("page_url", flat=True)) == ["", ""]


def test_errors_answer_400_on_the_form_page_and_keep_what_was_typed(client, organisation):
    response = client.post(
        FORM_URL,
        {
            "text": "x" * 5001,
            "name": "Bo Berg",
            "email": "inte-en-adress",
            "page_url": "/sidor/samordning/",
            "page_title": "Samordning och uppföljning",
        },
    )

    assert response.status_code == 400
    assert not Question.objects.exists()
    html = response.content.decode()
    assert "<title>Fel: Ställ en fråga till Tillväxtverket" in html
    assert "Frågan kunde inte skickas" in html
    assert "Frågan får vara högst 5000 tecken lång (nu 5001)." in html
    assert "Skriv e-postadressen som namn@exempel.se." in html
    assert 'href="#id_text"' in html and 'href="#id_email"' in html
    assert re.search(r'<textarea[^>]*aria-invalid="true"', html)
    assert "x" * 5001 + "</textarea>" in html
    assert 'value="Bo Berg"' in html and 'value="inte-en-adress"' in html
    assert 'name="page_url" value="/sidor/samordning/"' in html


def test_an_empty_question_is_an_error(client, organisation):
    response = client.post(FORM_URL, {"text": "   ", "email": "anna@example.se"})
    assert response.status_code == 400
    assert "Skriv din fråga." in response.content.decode()


# --- cross-site posts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://testserver"},
    ],
)
def test_a_post_from_another_site_is_refused(client, organisation, headers):
    response = client.post(FORM_URL, {"text": "Hej?"}, headers=headers)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formuläret kunde inte skickas" in html
    assert "skickades från en annan webbplats" in html
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {},
    ],
)
def test_a_post_from_this_site_is_accepted_without_a_csrf_token(headers):
    from django.test import Client

    OrganisationFactory(slug="tillvaxtverket", accepts_questions=True)
    client = Client(enforce_csrf_checks=True)
    response = client.post(FORM_URL, {"text": "Hej?"}, headers=headers)
    assert response.status_code == 302
    assert Question.objects.count() == 1
