"""The accessibility statement (an editor's content page at a fixed address, linked from every
page) and its form for reporting a problem or asking for an accessible version."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import (
    ACCESSIBILITY_STATEMENT_SLUG,
    AccessibilityRequest,
    ContentPage,
    Event,
    NewsItem,
)
from organisations.models import Organisation
from programmes.models import FocusArea, Programme
from publications.models import Publication
from tests.browser import WCAG_21_AA
from tests.factories import (
    AccessibilityRequestFactory,
    ContentPageFactory,
    PageSectionFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

STATEMENT_URL = "/tillganglighetsredogorelse/"
FORM_URL = "/tillganglighetsredogorelse/kontakt/"
THANKS_URL = "/tillganglighetsredogorelse/kontakt/tack/"
FOOTER_LINK = f'<a href="{STATEMENT_URL}">Tillgänglighetsredogörelse</a>'


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def visible_text(html):
    body = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def get_page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    return html, visible_text(html)


def footer_of(html):
    return html.split("<footer", 1)[1]


# --- the statement -------------------------------------------------------------------------


def test_url_map():
    assert reverse("content:accessibility_statement") == STATEMENT_URL
    assert reverse("content:accessibility_request") == FORM_URL
    assert reverse("content:accessibility_request_thanks") == THANKS_URL


def test_the_demo_statement_has_what_the_law_asks_for(client, demo):
    html, text = get_page(client, STATEMENT_URL)

    assert "<h1>Tillgänglighetsredogörelse</h1>" in html
    # How far the site complies, and why not fully.
    assert "<h2>Hur tillgänglig är webbplatsen?</h2>" in html
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in text
    assert "WCAG 2.1 på nivå AA" in text
    assert "på grund av de brister som beskrivs nedan" in text
    # The known shortcomings.
    assert "<h2>Innehåll som inte är tillgängligt</h2>" in html
    assert "finns inte här som filer" in text
    assert "på andra webbplatser" in text and "står inte under vår kontroll" in text
    # How and when the site was tested.
    assert "<h2>Så har vi testat webbplatsen</h2>" in html
    assert "axe-core" in text and "Chromium" in text and "WCAG 2.1 på nivå A och AA" in text
    assert "vid varje ändring" in text
    assert "tangentbord" in text
    assert "Den senaste bedömningen gjordes i november 2026" in text
    # How to report a problem or ask for an accessible version: the form.
    assert "<h2>Rapportera brister eller be om ett tillgängligt format</h2>" in html
    assert f'href="{FORM_URL}"' in html
    # The supervising authority, with its own reporting service.
    assert "<h2>Tillsyn</h2>" in html
    assert "Myndigheten för digital förvaltning (Digg) har tillsyn" in text
    assert re.search(
        r'<a href="https://www\.digg\.se/tdosanmalan" rel="external">'
        r"Anmäl bristande tillgänglighet till Digg",
        html,
    )


def test_the_demo_statement_invents_no_contact_details(client, demo):
    html, _ = get_page(client, STATEMENT_URL)
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "mailto:" not in main and "tel:" not in main
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", visible_text(main))


def test_the_statement_is_an_editors_page_without_organisation(client, demo):
    page = ContentPage.objects.get(slug=ACCESSIBILITY_STATEMENT_SLUG)
    assert page.organisation is None
    assert page.get_absolute_url() == STATEMENT_URL

    page.title = "Tillgänglighet på Tillväxtportalen"
    page.save()
    PageSectionFactory(page=page, heading="Ett nytt avsnitt", body="Redaktörens text.")
    html, text = get_page(client, STATEMENT_URL)

    assert "<h1>Tillgänglighet på Tillväxtportalen</h1>" in html
    assert "<title>Tillgänglighet på Tillväxtportalen – Tillväxtportalen</title>" in html
    assert "Redaktörens text." in text
    assert "None" not in text
    assert "Om webbplatsen" in text  # the side menu of pages about the website


def test_the_old_content_page_address_redirects_to_the_statement(client, demo):
    response = client.get(f"/sidor/{ACCESSIBILITY_STATEMENT_SLUG}/")
    assert response.status_code == 301
    assert response["Location"] == STATEMENT_URL


def test_no_statement_page_is_404(client):
    ContentPageFactory(slug="nagot-annat")
    assert client.get(STATEMENT_URL).status_code == 404


def test_a_page_without_organisation_renders(client):
    about = ContentPageFactory(organisation=None, title="Om Tillväxtportalen", slug="om")
    other = ContentPageFactory(organisation=None, title="Cookies", slug="cookies")
    organisations_page = ContentPageFactory(title="En organisations sida")

    html, text = get_page(client, about.get_absolute_url())

    assert "<title>Om Tillväxtportalen – Tillväxtportalen</title>" in html
    assert '<p class="meta">' not in html
    assert "None" not in text
    assert f'href="{other.get_absolute_url()}"' in html
    assert f'href="{about.get_absolute_url()}" aria-current="page"' in html
    assert f'href="{organisations_page.get_absolute_url()}"' not in html


def test_the_footer_links_to_the_statement_on_every_page_type(client, demo):
    urls = [
        "/",
        "/organisationer/",
        "/program/",
        "/publikationer/",
        "/nyheter/",
        STATEMENT_URL,
        FORM_URL,
        THANKS_URL,
    ]
    urls += [
        model.objects.order_by("pk").first().get_absolute_url()
        for model in (Organisation, Programme, FocusArea, Publication, NewsItem, Event)
    ]
    urls.append(ContentPage.objects.exclude(organisation=None).first().get_absolute_url())
    for url in urls:
        html, _ = get_page(client, url)
        assert FOOTER_LINK in footer_of(html), url
    html, _ = get_page(client, "/finns-inte/", status=404)
    assert FOOTER_LINK in footer_of(html)


# --- the form: GET -------------------------------------------------------------------------


def test_the_form_has_a_label_for_every_control(client):
    html, text = get_page(client, FORM_URL)

    assert "<h1>Rapportera ett tillgänglighetsproblem eller be om ett tillgängligt format</h1>" in (
        html
    )
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    for control_id in ("id_page_url", "id_message", "id_name", "id_email"):
        assert f'<label for="{control_id}">' in html, control_id
        assert f'id="{control_id}"' in html
    assert "<legend>Vad gäller det?" in html
    for value, label_id in (("problem", "id_kind_0"), ("accessible_version", "id_kind_1")):
        assert re.search(rf'<input[^>]*value="{value}"[^>]*id="{label_id}"', html)
        assert f'<label for="{label_id}">' in html
    # Help texts are tied to their fields.
    assert re.search(r'<input[^>]*aria-describedby="id_email_helptext"', html)
    assert 'id="id_email_helptext"' in html
    # The required field is marked, and the mark explained.
    assert "Fält som måste fyllas i är markerade med *." in text
    assert re.search(r"<textarea[^>]*required", html)
    # The default is a problem report, with no document.
    assert re.search(r'value="problem"[^>]*checked', html)
    assert "Det gäller dokumentet" not in text


def test_the_form_says_what_is_stored_and_why(client):
    _, text = get_page(client, FORM_URL)
    assert "Om dina uppgifter" in text
    assert "Vi sparar det du skickar" in text
    assert "Vi använder uppgifterna bara för att" in text
    assert "Namn och e-post är frivilliga" in text


def test_a_link_from_a_document_preselects_an_accessible_version(client):
    publication = PublicationFactory(title="Handlingsplan för jämställd tillväxt")

    html, text = get_page(client, f"{FORM_URL}?publikation={publication.slug}")

    assert "Det gäller dokumentet: Handlingsplan för jämställd tillväxt" in text
    assert f'href="{publication.get_absolute_url()}"' in html
    assert re.search(r'value="accessible_version"[^>]*checked', html)
    assert not re.search(r'value="problem"[^>]*checked', html)
    assert re.search(rf'<input type="hidden" name="publication" value="{publication.slug}"', html)


def test_an_unknown_document_still_shows_the_form(client):
    html, text = get_page(client, f"{FORM_URL}?publikation=finns-inte")
    assert "Det gäller dokumentet" not in text
    assert '<textarea name="message"' in html
    assert re.search(r'value="accessible_version"[^>]*checked', html)


def test_the_partial_links_to_the_form_for_its_document():
    publication = PublicationFactory(title="Rapport 2018", slug="rapport-2018")
    html = render_to_string("includes/accessible_version_link.html", {"publication": publication})
    assert f'href="{FORM_URL}?publikation=rapport-2018"' in html
    assert "Behöver du dokumentet i ett mer tillgängligt format?" in html
    assert "Rapport 2018" in html  # names the document for screen-reader link lists


# --- the form: POST ------------------------------------------------------------------------


def test_a_valid_report_is_saved_and_redirects(client):
    publication = PublicationFactory()

    response = client.post(
        FORM_URL,
        {
            "kind": "accessible_version",
            "publication": publication.slug,
            "page_url": "https://example.se/publikationer/rapport/",
            "message": "  Jag behöver rapporten i ett format som fungerar med skärmläsare.  ",
            "name": "Anna Andersson",
            "email": "anna@example.se",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    saved = AccessibilityRequest.objects.get()
    assert saved.kind == AccessibilityRequest.Kind.ACCESSIBLE_VERSION
    assert saved.publication == publication
    assert saved.page_url == "https://example.se/publikationer/rapport/"
    assert saved.message == "Jag behöver rapporten i ett format som fungerar med skärmläsare."
    assert (saved.name, saved.email) == ("Anna Andersson", "anna@example.se")
    assert saved.handled is False
    assert saved.created_at is not None

    _, text = get_page(client, response["Location"])
    assert "Tack för ditt meddelande" in text


def test_a_report_with_only_a_message_is_enough(client):
    response = client.post(FORM_URL, {"kind": "problem", "message": "Kontrasten är för låg."})
    assert response.status_code == 302
    saved = AccessibilityRequest.objects.get()
    assert (saved.kind, saved.publication, saved.name, saved.email, saved.page_url) == (
        "problem",
        None,
        "",
        "",
        "",
    )


def test_an_unknown_document_slug_is_dropped_not_an_error(client):
    response = client.post(
        FORM_URL, {"kind": "accessible_version", "publication": "finns-inte", "message": "Hej"}
    )
    assert response.status_code == 302
    assert AccessibilityRequest.objects.get().publication is None


def test_an_invalid_report_answers_400_and_keeps_what_was_typed(client):
    publication = PublicationFactory(title="Regional utvecklingsstrategi")

    response = client.post(
        FORM_URL,
        {
            "kind": "accessible_version",
            "publication": publication.slug,
            "page_url": "/publikationer/strategi/",
            "message": "   ",
            "name": "Bo Berg",
            "email": "inte-en-adress",
        },
    )

    assert response.status_code == 400
    assert not AccessibilityRequest.objects.exists()
    html = response.content.decode()
    text = visible_text(html)
    assert "<title>Fel:" in html
    assert "Formuläret kunde inte skickas" in text
    assert "Skriv ett meddelande så att vi vet vad det gäller." in text
    assert "Skriv e-postadressen som namn@exempel.se." in text
    # The summary links to the fields; the fields point at their messages.
    assert 'href="#id_message"' in html and 'href="#id_email"' in html
    assert re.search(r'<textarea[^>]*aria-describedby="id_message_helptext id_message_error"', html)
    assert re.search(r'<textarea[^>]*aria-invalid="true"', html)
    assert 'id="id_message_error"' in html and 'id="id_email_error"' in html
    # Everything typed is still there, the document too.
    assert 'value="inte-en-adress"' in html
    assert 'value="Bo Berg"' in html
    assert 'value="/publikationer/strategi/"' in html
    assert re.search(r'value="accessible_version"[^>]*checked', html)
    assert "Det gäller dokumentet: Regional utvecklingsstrategi" in text


def test_an_invalid_report_keeps_the_typed_message(client):
    response = client.post(
        FORM_URL, {"kind": "problem", "message": "Menyn går inte att öppna.", "email": "fel@"}
    )
    assert response.status_code == 400
    assert "Menyn går inte att öppna.</textarea>" in response.content.decode()


def test_an_unknown_kind_is_an_error_not_a_500(client):
    response = client.post(FORM_URL, {"kind": "något annat", "message": "Hej"})
    assert response.status_code == 400
    assert 'href="#id_kind_0"' in response.content.decode()


def test_a_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(FORM_URL, {"kind": "problem", "message": "Hej"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()
    assert 'lang="sv"' in response.content.decode()
    assert not AccessibilityRequest.objects.exists()


def test_a_post_with_the_csrf_token_from_the_form_is_accepted():
    client = Client(enforce_csrf_checks=True)
    html = client.get(FORM_URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        FORM_URL, {"kind": "problem", "message": "Hej", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert AccessibilityRequest.objects.count() == 1


# --- number of queries ---------------------------------------------------------------------


def _count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def test_statement_and_form_queries_do_not_grow_with_the_data(client):
    statement = ContentPageFactory(organisation=None, slug=ACCESSIBILITY_STATEMENT_SLUG)
    publication = PublicationFactory()
    form_url = f"{FORM_URL}?publikation={publication.slug}"

    def grow(n):
        for _ in range(n):
            ContentPageFactory(organisation=None)
            PageSectionFactory(page=statement)
            statement.publications.add(PublicationFactory())
            AccessibilityRequestFactory(publication=publication)

    grow(2)
    few = (_count_queries(client, STATEMENT_URL), _count_queries(client, form_url))
    grow(18)
    many = (_count_queries(client, STATEMENT_URL), _count_queries(client, form_url))
    assert few == many
    # The content page's own queries (its surveys among them); the form looks up its
    # document once.
    assert few == (10, 1)


# --- the model and the admin ---------------------------------------------------------------


def test_requests_are_listed_newest_first():
    first = AccessibilityRequestFactory()
    second = AccessibilityRequestFactory()
    assert list(AccessibilityRequest.objects.all()) == [second, first]
    assert str(second).startswith("Rapportera ett problem med tillgängligheten, ")


def test_deleting_a_publication_keeps_the_request():
    publication = PublicationFactory()
    request = AccessibilityRequestFactory(publication=publication)
    publication.delete()
    request.refresh_from_db()
    assert request.publication is None


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "x")
    client.force_login(user)
    return client


def test_the_admin_lists_filters_and_searches_requests(editor_client):
    assert admin.site.is_registered(AccessibilityRequest)
    AccessibilityRequestFactory(message="Kontrasten på knappen är låg.")
    AccessibilityRequestFactory(
        kind=AccessibilityRequest.Kind.ACCESSIBLE_VERSION,
        message="Rapporten som Word-fil, tack.",
        handled=True,
    )
    url = reverse("admin:content_accessibilityrequest_changelist")

    def messages(params):
        response = editor_client.get(url, params)
        assert response.status_code == 200
        return [r.message for r in response.context["cl"].result_list]

    assert len(messages({})) == 2
    assert messages({"kind__exact": "accessible_version"}) == ["Rapporten som Word-fil, tack."]
    assert messages({"handled__exact": "0"}) == ["Kontrasten på knappen är låg."]
    assert messages({"q": "Kontrasten"}) == ["Kontrasten på knappen är låg."]


def test_a_received_request_is_read_only_except_handled(editor_client):
    request = AccessibilityRequestFactory(message="Originaltext")
    url = reverse("admin:content_accessibilityrequest_change", args=[request.pk])
    response = editor_client.post(url, {"message": "Ändrad text", "handled": "on"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.message == "Originaltext"
    assert request.handled is True


# --- in a browser: axe-core finds no WCAG 2.1 A/AA violations on the new page types ---------


def _no_axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    [
        STATEMENT_URL,
        FORM_URL,
        f"{FORM_URL}?publikation=jamstalld-tillvaxt-handlingsplan-2016-2018",
        THANKS_URL,
        "/finns-inte/",
    ],
)
def test_no_wcag_violations_on_the_statement_pages(page, demo_site, path):
    page.goto(demo_site + path)
    _no_axe_violations(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_sends_a_report_and_sees_errors_first(page, demo_site):
    from playwright.sync_api import expect

    page.goto(demo_site)
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")
    page.get_by_role(
        "link", name="Rapportera ett problem eller be om ett tillgängligt format"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapportera")

    # Submit empty: the error page is itself accessible and keeps the choice.
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv ett meddelande")
    _no_axe_violations(page)

    page.get_by_role("textbox", name="Ditt meddelande").fill("Länkarna i sidfoten syns dåligt.")
    page.get_by_role("textbox", name="Ditt meddelande").press("Tab")  # to the name field
    page.keyboard.press("Tab")  # to the e-mail field
    page.keyboard.press("Tab")  # to the button
    expect(page.get_by_role("button", name="Skicka")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för ditt meddelande")
    assert AccessibilityRequest.objects.get().message == "Länkarna i sidfoten syns dåligt."
