"""An editor in a real browser (Debian's Chromium through Playwright): logs in, writes a draft's
summary in the rich text editor, previews the draft, publishes it from the list, and only then
does a visitor see it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from publications.models import Publication
from publishing.choices import PublishState
from tests.browser import WCAG_21_AA
from tests.factories import OrganisationFactory, PublicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-långt-lösenord-för-test"


@pytest.fixture
def editor(django_user_model):
    organisation = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket")
    user = django_user_model.objects.create_user("anna", password=PASSWORD)
    call_command("create_editor_group", user="anna", organisation=["tillvaxtverket"], verbosity=0)
    user.refresh_from_db()
    return user, organisation


def log_in(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Innehåll")


def test_an_editor_writes_previews_and_publishes_a_draft(page, browser, live_server, editor):
    _, organisation = editor
    draft = PublicationFactory(
        title="Regional tillväxt 2026",
        slug="regional-tillvaxt-2026",
        organisations=[organisation],
        summary="",
        publish_state=PublishState.DRAFT,
    )
    public_url = f"{live_server.url}/publikationer/regional-tillvaxt-2026/"
    visitor = browser.new_page()
    assert visitor.goto(public_url).status == 404

    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/publications/publication/{draft.pk}/change/")
    editor_area = page.locator(".ProseMirror").first
    editor_area.click()
    page.keyboard.type("Läget i ")
    page.keyboard.press("Control+b")
    page.keyboard.type("alla län")
    page.keyboard.press("Control+b")
    page.keyboard.type(" efter pandemin.")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    expect(page.locator(".messagelist")).to_contain_text("Ändrade publikation")
    draft.refresh_from_db()
    assert draft.summary == "<p>Läget i <strong>alla län</strong> efter pandemin.</p>"
    assert draft.publish_state == PublishState.DRAFT

    page.get_by_role("link", name="Förhandsgranska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional tillväxt 2026")
    expect(page.get_by_role("note")).to_contain_text("Förhandsvisning")
    expect(page.get_by_role("main").locator("strong")).to_have_text("alla län")
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    assert visitor.goto(public_url).status == 404

    page.goto(f"{live_server.url}/admin/publications/publication/")
    page.get_by_role("row", name="Regional tillväxt 2026").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Publicera markerade publikationer")
    page.get_by_role("button", name="Utför").click()
    expect(page.locator(".messagelist")).to_contain_text("publicerades")
    assert Publication.objects.published().filter(pk=draft.pk).exists()

    assert visitor.goto(public_url).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Regional tillväxt 2026")
    expect(visitor.get_by_role("note")).to_have_count(0)
    # Let both pages finish before the live server's database is torn down.
    for open_page in (page, visitor):
        open_page.wait_for_load_state("networkidle")
    visitor.close()
