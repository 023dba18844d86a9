"""Links in rich text that an editor chose from the site's pages: they carry a reference to the
page (data-page), which only real references keep; they follow the page when its address
changes; the admin lists the pages to choose from and the links whose page visitors cannot see;
and the demo's "Fler rapporter … på sidan Publikationer" is such a link."""

import datetime
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from content.models import NewsItem, PageSection
from publishing.choices import PublishState
from richtext.html import sanitize_html
from tests.factories import (
    ContentPageFactory,
    NewsItemFactory,
    PageSectionFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


def link(ref, href="/program/x/", text="programmet"):
    return f'<p>Läs om <a href="{href}" data-page="{ref}">{text}</a>.</p>'


# --- the sanitizer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        "programmes.programme:12",
        "publications.publication:1",
        "content.contentpage:7",
        "organisations.organisation:3",
        "programmes.focusarea:2",
        "publications:publication_list",
        "programmes:contact_list",
    ],
)
def test_the_sanitizer_keeps_a_reference_to_a_page_of_the_site(ref):
    assert sanitize_html(link(ref)) == link(ref)


@pytest.mark.parametrize(
    "forged",
    [
        "auth.user:1",  # not a page
        "programmes.programme:0",
        "programmes.programme:12 ",
        "programmes.programme:-1",
        "programmes.programme:1;x",
        "Programmes.Programme:1",
        "admin:index",  # a URL name that is not a list page
        "javascript:alert(1)",
        "",
    ],
)
def test_the_sanitizer_drops_a_forged_reference_and_keeps_the_link(forged):
    cleaned = sanitize_html(link(forged))
    assert "data-page" not in cleaned
    assert cleaned == '<p>Läs om <a href="/program/x/">programmet</a>.</p>'


def test_a_reference_does_not_make_a_dangerous_link_safe():
    cleaned = sanitize_html(link("programmes.programme:1", href="javascript:alert(1)"))
    assert "javascript" not in cleaned and 'data-page="programmes.programme:1"' in cleaned


# --- the admin's list of pages to link to -----------------------------------------------------


def test_only_staff_get_the_list_of_pages(client, django_user_model):
    url = reverse("richtext:site_pages")
    assert client.get(url).status_code == 403
    client.force_login(django_user_model.objects.create_user("besokare", "b@example.org", "x"))
    assert client.get(url).status_code == 403


def test_the_list_offers_list_pages_and_items_published_or_not(admin_client):
    programme = ProgrammeFactory(title="Jämställd tillväxt", publish_state=PublishState.DRAFT)
    publication = PublicationFactory(title="Tillstånd och trender")
    response = admin_client.get(reverse("richtext:site_pages"))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    pages = response.json()["pages"]
    assert {
        "type": "Listsida",
        "title": "Publikationer",
        "url": "/publikationer/",
        "reference": "publications:publication_list",
        "public": True,
    } in pages
    assert {"Program", "Organisationer", "Nyheter", "Kontakter", "Statistik"} <= {
        page["title"] for page in pages if page["type"] == "Listsida"
    }
    assert {
        "type": "Program",
        "title": str(programme),
        "url": f"/program/{programme.slug}/",
        "reference": f"programmes.programme:{programme.pk}",
        "public": False,
    } in pages
    assert {
        "type": "Publikation",
        "title": "Tillstånd och trender",
        "url": f"/publikationer/{publication.slug}/",
        "reference": f"publications.publication:{publication.pk}",
        "public": True,
    } in pages


def test_the_editor_gets_the_page_field_and_where_to_find_the_pages(admin_client):
    html = admin_client.get(reverse("admin:content_newsitem_add")).content.decode()
    match = re.search(
        r'<textarea name="body"[^>]*data-django-prose-editor-configurable="([^"]*)"', html
    )
    config = json.loads(unescape(match[1]))
    assert config["js_modules"] == ["/static/richtext/site_link.js"]
    site_link = config["extensions"]["SiteLink"]
    assert site_link["pagesUrl"] == "/admin/lankar/sidor/"
    assert site_link["texts"]["page"] == "Sida på webbplatsen"
    assert "Link" not in config["extensions"]  # the plain dialog would lose the reference


# --- links follow their page -------------------------------------------------------------------


def test_links_follow_a_page_whose_address_changes(client):
    programme = ProgrammeFactory(slug="gammal-adress")
    other = ProgrammeFactory(slug="annat-program")
    page = ContentPageFactory(slug="om-oss")
    ref = f"programmes.programme:{programme.pk}"
    section = PageSectionFactory(page=page, body=link(ref, "/program/gammal-adress/"))
    # The same text also links to another programme whose pk starts with the same digits.
    news = NewsItemFactory(
        body=link(ref, "/program/gammal-adress/")
        + link(f"programmes.programme:{other.pk}0", "/program/orord/")
    )
    before = NewsItem.objects.get(pk=news.pk).updated_at

    programme.slug = "ny-adress"
    programme.save()

    assert PageSection.objects.get(pk=section.pk).body == link(ref, "/program/ny-adress/")
    stored = NewsItem.objects.get(pk=news.pk)
    assert link(ref, "/program/ny-adress/") in stored.body
    assert 'href="/program/orord/"' in stored.body
    assert stored.updated_at == before  # its editor changed nothing
    html = client.get("/sidor/om-oss/").content.decode()
    assert f'<a href="/program/ny-adress/" data-page="{ref}">programmet</a>' in html
    assert "gammal-adress" not in html


def test_a_link_typed_by_hand_stays_as_it_was():
    programme = ProgrammeFactory(slug="gammal")
    typed = '<p>Läs om <a href="/program/gammal/">programmet</a>.</p>'
    section = PageSectionFactory(body=typed)
    programme.slug = "ny"
    programme.save()
    assert PageSection.objects.get(pk=section.pk).body == typed


# --- links to pages visitors cannot see ------------------------------------------------------


def test_the_admin_lists_links_to_deleted_drafts_and_scheduled_pages(admin_client):
    draft = ProgrammeFactory(title="Utkastprogram", publish_state=PublishState.DRAFT)
    scheduled = PublicationFactory(
        title="Kommande rapport", publish_from=timezone.now() + datetime.timedelta(days=3)
    )
    deleted = PublicationFactory(title="Borttagen rapport")
    published = PublicationFactory(title="Synlig rapport")
    page = ContentPageFactory(title="Sidan med länkarna")
    PageSectionFactory(
        page=page,
        heading="Läs mer",
        body=link(f"programmes.programme:{draft.pk}")
        + link(f"publications.publication:{scheduled.pk}")
        + link(f"publications.publication:{deleted.pk}")
        + link(f"publications.publication:{published.pk}")
        + link("publications:publication_list"),
    )
    deleted_pk = deleted.pk
    deleted.delete()

    response = admin_client.get(reverse("richtext:hidden_links"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Länkar till sidor som inte visas" in html
    assert "Program: Utkastprogram" in html
    assert "Publikation: Kommande rapport" in html
    assert f"(publications.publication:{deleted_pk})" in html
    assert "Synlig rapport" not in html
    assert html.count("Sidan är ett utkast eller inte publicerad ännu.") == 2
    assert html.count("Sidan är borttagen.") == 1
    assert reverse("admin:content_contentpage_change", args=[page.pk]) in html
    assert "Avsnitt: Läs mer" in html


def test_the_list_of_links_to_hidden_pages_says_when_there_are_none(admin_client):
    PageSectionFactory(body=link(f"publications.publication:{PublicationFactory().pk}"))
    html = admin_client.get(reverse("richtext:hidden_links")).content.decode()
    assert "Alla länkar till webbplatsens sidor leder till sidor som besökare kan se." in html


def test_only_staff_see_the_links_to_hidden_pages(client):
    response = client.get(reverse("richtext:hidden_links"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- the demo content -------------------------------------------------------------------------


def test_the_demo_page_links_to_the_publication_list(client):
    call_command("load_demo_content", verbosity=0)
    html = client.get("/sidor/samordning-och-uppfoljning/").content.decode()
    assert (
        "Fler rapporter från Tillväxtverket finns på sidan "
        '<a href="/publikationer/" data-page="publications:publication_list">Publikationer</a>.'
    ) in html


def test_links_follow_a_deleted_page_recovered_at_a_new_address():
    """Recovering from the history saves the item raw, with its old primary key."""
    from django.core import serializers

    publication = PublicationFactory(slug="gammal-rapport")
    ref = f"publications.publication:{publication.pk}"
    section = PageSectionFactory(body=link(ref, "/publikationer/gammal-rapport/"))
    publication.slug = "ny-rapport"
    stored = serializers.serialize("json", [publication])
    publication.delete()
    for obj in serializers.deserialize("json", stored):
        obj.save()
    assert PageSection.objects.get(pk=section.pk).body == link(ref, "/publikationer/ny-rapport/")


def test_the_admin_start_page_leads_to_the_links_to_hidden_pages(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert (
        f'<a href="{reverse("richtext:hidden_links")}">Länkar till sidor som inte visas</a>' in html
    )
    assert reverse("admin:content_newsitem_changelist") in html  # the app list is still there


# --- editors scoped to their organisations ----------------------------------------------------


def test_an_editor_may_link_to_own_drafts_and_to_what_is_published(
    client, django_user_model, org_a, org_b
):
    from tests.editors import login_editor

    own_draft = ProgrammeFactory(organisation=org_a, publish_state=PublishState.DRAFT)
    others_draft = ProgrammeFactory(organisation=org_b, publish_state=PublishState.DRAFT)
    others_published = ProgrammeFactory(organisation=org_b)
    login_editor(client, django_user_model, "anna", org_a)
    response = client.get(reverse("richtext:site_pages"))
    assert response.status_code == 200
    references = {page["reference"] for page in response.json()["pages"]}
    assert f"programmes.programme:{own_draft.pk}" in references
    assert f"programmes.programme:{others_published.pk}" in references
    assert f"programmes.programme:{others_draft.pk}" not in references
    assert f"organisations.organisation:{org_b.pk}" in references  # always public


def test_an_editor_sees_the_hidden_links_of_their_own_texts_only(
    client, django_user_model, org_a, org_b
):
    from tests.editors import login_editor

    others_draft = ProgrammeFactory(
        title="Hemligt utkast", organisation=org_b, publish_state=PublishState.DRAFT
    )
    ref = f"programmes.programme:{others_draft.pk}"
    PageSectionFactory(
        page=ContentPageFactory(title="Vår sida", organisation=org_a), body=link(ref)
    )
    PageSectionFactory(
        page=ContentPageFactory(title="Deras sida", organisation=org_b), body=link(ref)
    )
    login_editor(client, django_user_model, "anna", org_a)
    html = client.get(reverse("richtext:hidden_links")).content.decode()
    assert "Vår sida" in html
    assert "Deras sida" not in html
    assert "Hemligt utkast" not in html  # another organisation's draft is named by its kind
    assert "Sidan är ett utkast eller inte publicerad ännu." in html


def test_a_text_saved_with_an_old_address_gets_the_current_one():
    """As when an earlier version of a page is restored from the history."""
    programme = ProgrammeFactory(slug="nu")
    ref = f"programmes.programme:{programme.pk}"
    gone = f"publications.publication:{PublicationFactory(slug='borta').pk}"
    section = PageSectionFactory(
        body=link(ref, "/program/forr/")
        + link("publications:publication_list", "/gamla-publikationer/")
        + link(gone, "/publikationer/borta/")
    )
    PublicationFactory._meta.model.objects.filter(pk=int(gone.split(":")[1])).delete()
    section.save()
    assert PageSection.objects.get(pk=section.pk).body == (
        link(ref, "/program/nu/")
        + link("publications:publication_list", "/publikationer/")
        + link(gone, "/publikationer/borta/")
    )
