"""An editor in a real browser (Debian's Chromium through Playwright) links a word of a news
item to one of the site's pages by choosing the page in the link dialog, and a visitor then
finds that link on the news item, pointing at the page's current address."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from content.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-långt-lösenord-för-länktest"


def test_an_editor_chooses_a_page_in_the_link_dialog(page, live_server, django_user_model):
    organisation = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket")
    django_user_model.objects.create_user("anna", password=PASSWORD)
    call_command("create_editor_group", user="anna", organisation=["tillvaxtverket"], verbosity=0)
    programme = ProgrammeFactory(
        title="Jämställd regional tillväxt", slug="jamstalld", organisation=organisation
    )
    news = NewsItemFactory(
        title="Ny handlingsplan", slug="ny-handlingsplan", organisation=organisation, body=""
    )
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Innehåll")

    page.goto(f"{base}/admin/content/newsitem/{news.pk}/change/")
    body = page.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("Programmet")
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+k")
    dialog = page.get_by_role("dialog")
    field = dialog.get_by_label("Sida på webbplatsen")
    expect(field).to_be_visible()
    # The pages are offered in a list under the field, by title and kind.
    label = "Jämställd regional tillväxt 2016–2018 (Program)"
    expect(dialog.locator(f'datalist option[value="{label}"]')).to_be_attached()
    field.fill(label)
    expect(dialog.get_by_label("Adress (URL)")).to_have_value("/program/jamstalld/")
    dialog.get_by_role("button", name="Spara länken").click()
    expect(body.get_by_role("link", name="Programmet")).to_be_visible()
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    expect(page.locator(".messagelist")).to_contain_text("Ändrade nyhet")

    ref = f"programmes.programme:{programme.pk}"
    assert f'data-page="{ref}"' in NewsItem.objects.get(pk=news.pk).body

    # The programme moves; the news item's link follows it.
    programme.slug = "jamstalld-tillvaxt"
    programme.save()
    page.goto(f"{base}/nyheter/ny-handlingsplan/")
    link = page.get_by_role("main").get_by_role("link", name="Programmet")
    expect(link).to_have_attribute("href", "/program/jamstalld-tillvaxt/")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jämställd regional tillväxt")
