"""A page belongs visibly to its organisation: the organisation's banner (its logo or its
initials, its name, its own menu) above the page, and its contact details in the footer."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organisations.models import Organisation
from publishing.choices import PublishState
from tests.factories import (
    ContactFactory,
    ContentPageFactory,
    EventFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.pages import fetch

pytestmark = pytest.mark.django_db

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def banner(content):
    """The organisation banner's HTML, or "" when the page has none."""
    return content.partition('<div class="organisation-banner">')[2].partition("</nav>")[0]


def menu(content):
    """(link text, address) of the organisation's menu, in order."""
    found = re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', banner(content))
    return [(text, url) for url, text in found]


@pytest.fixture
def owner():
    organisation = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        short_name="Länsstyrelsen Stockholm",
        slug="lansstyrelsen-stockholm",
        address="Box 1\n100 00 Stockholm",
        phone="08-123 456 00",
        email="registrator@example.org",
        website="https://example.org/",
    )
    ContentPageFactory(organisation=organisation, title="Tillväxt", slug="tillvaxt", position=1)
    ContentPageFactory(organisation=organisation, title="Om oss", slug="om-oss", position=0)
    ContentPageFactory(
        organisation=organisation,
        title="Utkast",
        slug="utkast",
        publish_state=PublishState.DRAFT,
    )
    return organisation


def test_a_programme_page_shows_its_owners_banner_and_menu(client, owner):
    programme = ProgrammeFactory(organisation=owner)
    PublicationFactory(organisations=[owner])
    ContactFactory(organisation=owner)

    content, _text = fetch(client, programme.get_absolute_url())

    assert 'href="/organisationer/lansstyrelsen-stockholm/">Länsstyrelsen i Stockholms län</a>' in (
        banner(content)
    )
    # Without a logo, its initials, hidden from screen readers beside the written name.
    assert '<span class="organisation-logo organisation-mark" aria-hidden="true">LS</span>' in (
        banner(content)
    )
    # Its published top-level pages in their order (no draft), then its lists.
    assert menu(content) == [
        ("Om oss", "/sidor/om-oss/"),
        ("Tillväxt", "/sidor/tillvaxt/"),
        ("Program", "/program/?organisation=lansstyrelsen-stockholm"),
        ("Publikationer", "/publikationer/?organisation=lansstyrelsen-stockholm"),
        ("Kontaktpersoner", "/organisationer/lansstyrelsen-stockholm/#kontaktpersoner"),
    ]
    assert '<nav aria-label="Länsstyrelsen Stockholm: meny">' in content


def test_the_menu_marks_the_page_the_visitor_is_on(client, owner):
    content, _text = fetch(client, "/sidor/tillvaxt/")
    assert '<a href="/sidor/tillvaxt/" aria-current="page">Tillväxt</a>' in banner(content)
    assert '<a href="/sidor/om-oss/">Om oss</a>' in banner(content)


def test_the_menu_leaves_out_what_the_organisation_does_not_have(client):
    organisation = OrganisationFactory()
    programme = ProgrammeFactory(organisation=organisation)
    content, _text = fetch(client, programme.get_absolute_url())
    assert [text for text, _url in menu(content)] == ["Program"]


def test_the_banner_is_on_every_page_that_belongs_to_the_organisation(client, owner):
    news_item = NewsItemFactory(organisation=owner)
    for url in (owner.get_absolute_url(), "/sidor/om-oss/", news_item.get_absolute_url()):
        content, _text = fetch(client, url)
        assert "Länsstyrelsen i Stockholms län</a>" in banner(content), url


def test_pages_of_no_organisation_have_no_banner(client):
    for url in ("/", "/program/", "/publikationer/"):
        content, _text = fetch(client, url)
        assert 'class="organisation-banner"' not in content, url


def test_a_logo_replaces_the_initials(client, owner):
    owner.logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    owner.save()
    programme = ProgrammeFactory(organisation=owner)

    content, _text = fetch(client, programme.get_absolute_url())

    assert re.search(r'<img class="organisation-logo" src="[^"]+\.png" alt=""', banner(content))
    assert "organisation-mark" not in banner(content)
    # And on the programme's card in the list.
    listing, _text = fetch(client, "/program/")
    assert re.search(r'<img class="organisation-logo" src="[^"]+\.png" alt=""', listing)


def test_the_menu_follows_a_newly_published_page(client, owner):
    programme = ProgrammeFactory(organisation=owner)
    fetch(client, programme.get_absolute_url())
    ContentPageFactory(organisation=owner, title="Nyhetsbrev", slug="nyhetsbrev", position=5)
    content, _text = fetch(client, programme.get_absolute_url())
    assert ("Nyhetsbrev", "/sidor/nyhetsbrev/") in menu(content)


def test_the_footer_gives_the_organisations_contact_details_on_its_pages(client, owner):
    programme = ProgrammeFactory(organisation=owner)
    content, _text = fetch(client, programme.get_absolute_url())
    footer = content.partition('<footer class="site-footer">')[2]

    assert "<h2>Länsstyrelsen i Stockholms län</h2>" in footer
    assert "Box 1<br>100 00 Stockholm" in footer
    assert '<a href="tel:0812345600">08-123 456 00</a>' in footer
    assert '<a href="mailto:registrator@example.org">registrator@example.org</a>' in footer
    assert 'href="https://example.org/" rel="external"' in footer
    # Not on pages that belong to no organisation.
    content, _text = fetch(client, "/program/")
    assert (
        "Länsstyrelsen i Stockholms län" not in content.partition('<footer class="site-footer">')[2]
    )


@pytest.mark.parametrize(
    ("name", "short_name", "initials"),
    [
        ("Länsstyrelsen i Stockholms län", "", "LS"),
        ("Länsstyrelsen i Stockholms län", "Länsstyrelsen Stockholm", "LS"),
        ("Sveriges Kommuner och Landsting", "SKL", "SKL"),
        ("Europeiska unionen", "EU", "EU"),
        ("Tillväxtverket", "", "T"),
        ("Arena för Tillväxt", "", "AT"),
        ("regionala nätverket", "", "R"),
    ],
)
def test_initials(name, short_name, initials):
    assert Organisation(name=name, short_name=short_name).initials == initials


def test_a_publication_or_event_of_one_organisation_belongs_to_it(client, owner):
    other = OrganisationFactory(name="Tillväxtverket")
    alone = PublicationFactory(organisations=[owner])
    shared = PublicationFactory(organisations=[owner, other])
    event = EventFactory()
    event.organisers.set([owner])

    for url in (alone.get_absolute_url(), event.get_absolute_url()):
        content, _text = fetch(client, url)
        assert "Länsstyrelsen i Stockholms län</a>" in banner(content), url
    # Published by two: it belongs to neither, so no banner.
    content, _text = fetch(client, shared.get_absolute_url())
    assert 'class="organisation-banner"' not in content


def test_the_banner_is_a_region_named_after_the_organisation(client, owner):
    # Inside a landmark like everything else on the page, so screen readers can reach it.
    programme = ProgrammeFactory(organisation=owner)
    content, _text = fetch(client, programme.get_absolute_url())
    assert '<section class="width" aria-labelledby="organisation-banner-name">' in content
    assert re.search(
        r'<p class="organisation-banner__name" id="organisation-banner-name">.*'
        r">Länsstyrelsen i Stockholms län</a></p>",
        content,
        re.S,
    )
