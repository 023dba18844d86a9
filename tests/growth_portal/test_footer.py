"""The footer of every page: who runs the portal and how to reach them, the pages about the
website (about, personal data, accessibility), the sections and the feeds. The pages about the
website are editors' pages without an organisation, each at its own address."""

import pytest
from django.core.management import call_command

from tests.factories import ContentPageFactory, OrganisationFactory
from tests.pages import fetch, main_text

pytestmark = pytest.mark.django_db


def footer(content):
    return content.partition('<footer class="site-footer">')[2].partition("</footer>")[0]


def test_every_page_links_to_the_pages_about_the_website_and_the_feeds(client):
    for url in ("/", "/program/", "/publikationer/", "/sok/"):
        content, _text = fetch(client, url)
        part = footer(content)
        for link in (
            '<a href="/om-webbplatsen/">Om webbplatsen</a>',
            '<a href="/personuppgifter/">Så behandlar vi personuppgifter</a>',
            '<a href="/tillganglighetsredogorelse/">Tillgänglighetsredogörelse</a>',
            '<a href="/publikationer/flode/">Nya publikationer (Atom-flöde)</a>',
            '<a href="/nyheter/flode/">Nyheter (Atom-flöde)</a>',
            '<a href="/program/">Program</a>',
            # The lists that are in no section of the menu.
            '<a href="/teman/">Teman</a>',
            '<a href="/inventeringar/">Inventeringar</a>',
            '<a href="/utmarkelser/">Utmärkelser</a>',
        ):
            assert link in part, (url, link)


def test_the_portals_organisation_and_its_contact_details(client, settings):
    OrganisationFactory(
        name="Tillväxtverket",
        slug="tillvaxtverket",
        address="Box 2\n100 00 Stockholm",
        phone="08-000 00 00",
        email="info@example.org",
    )
    settings.PORTAL_ORGANISATION = "tillvaxtverket"

    content, _text = fetch(client, "/program/")

    part = footer(content)
    assert 'Drivs av <a href="/organisationer/tillvaxtverket/">Tillväxtverket</a>.' in part
    assert "Box 2<br>100 00 Stockholm" in part
    assert '<a href="mailto:info@example.org">info@example.org</a>' in part


@pytest.mark.parametrize("slug", ["", "finns-inte"])
def test_no_organisation_named_where_none_is_set(client, settings, slug):
    settings.PORTAL_ORGANISATION = slug
    content, _text = fetch(client, "/")
    assert "Drivs av" not in footer(content)


def test_the_pages_about_the_website_have_their_own_addresses(client):
    ContentPageFactory(organisation=None, slug="om-webbplatsen", title="Om Tillväxtportalen")
    ContentPageFactory(organisation=None, slug="personuppgifter", title="Personuppgifter")

    content, _text = fetch(client, "/om-webbplatsen/")
    assert "<h1>Om Tillväxtportalen</h1>" in content
    content, _text = fetch(client, "/personuppgifter/")
    assert "<h1>Personuppgifter</h1>" in content
    for slug, address in (
        ("om-webbplatsen", "/om-webbplatsen/"),
        ("personuppgifter", "/personuppgifter/"),
    ):
        response = client.get(f"/sidor/{slug}/")
        assert response.status_code == 301
        assert response["Location"] == address


def test_the_demo_content_has_the_pages_the_footer_links_to(client):
    call_command("load_demo_content", verbosity=0)
    for url, heading in (
        ("/om-webbplatsen/", "Om Tillväxtportalen"),
        ("/personuppgifter/", "Så behandlar vi personuppgifter"),
        ("/tillganglighetsredogorelse/", "Tillgänglighetsredogörelse"),
    ):
        content, _text = fetch(client, url)
        assert f"<h1>{heading}</h1>" in content, url
    content, _text = fetch(client, "/personuppgifter/")
    text = main_text(content)
    assert "Vi använder dem bara för att kunna svara dig." in text
    assert "Integritetsskyddsmyndigheten (IMY)" in text
