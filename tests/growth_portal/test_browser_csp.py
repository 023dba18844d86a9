"""The Content-Security-Policy in a real browser (Debian's Chromium through Playwright): the
admin keeps working under it (the rich text editor, inline rows, the date pickers, the export
page) and no page, public or admin, makes the browser refuse anything."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from programmes.models import Programme
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-långt-lösenord-för-csp-test"
# Runs before any page script and is not itself subject to the policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console error it reports collected."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: console.append(str(error)))
    return page, console


def violations(page):
    return page.evaluate("window.__violations")


def assert_clean(page, console, where):
    assert violations(page) == [], (where, violations(page))
    assert [line for line in console if "Content Security Policy" in line] == [], where


def test_the_admin_works_under_the_policy(watched, live_server, django_user_model):
    page, console = watched
    organisation = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket")
    django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    assert (
        "script-src 'self'"
        in page.context.request.get(f"{base}/admin/login/").headers["content-security-policy"]
    )
    page.get_by_label("Användarnamn").fill("chef")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Innehåll")
    assert_clean(page, console, "admin index")

    # A programme with an inline row added by the admin's script and a rich text field.
    page.goto(f"{base}/admin/programmes/programme/add/")
    page.wait_for_load_state("networkidle")
    assert_clean(page, console, "programme form")
    page.locator("#id_title").fill("Program under CSP")
    # The owner is chosen in the admin's autocomplete (select2 and a JSON request).
    page.locator("#id_organisation + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("Tillväxt")
    page.get_by_role("option", name=organisation.name).click()
    rows_before = page.locator(".dynamic-goals").count()
    page.locator("#goals-group .add-row a").click()
    expect(page.locator(".dynamic-goals")).to_have_count(rows_before + 1)
    page.locator(".dynamic-goals textarea").last.fill("Fler kvinnor driver företag.")
    page.locator("#id_start_year").fill("2016")
    page.locator("#id_end_year").fill("2018")
    editor = page.locator(".ProseMirror").first
    editor.click()
    page.keyboard.type("Skrivet i redigeraren.")
    assert_clean(page, console, "programme form")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Lade till program")
    saved = Programme.objects.get(title="Program under CSP")
    assert saved.organisation == organisation
    assert list(saved.goals.values_list("text", flat=True)) == ["Fler kvinnor driver företag."]
    assert "Skrivet i redigeraren." in saved.summary + saved.body

    for url in (
        "/admin/publications/publication/",
        "/admin/publications/publication/add/",
        "/admin/publications/publication/export/",
        "/admin/content/contentpage/add/",
        "/admin/content/newsitem/add/",
        "/admin/organisations/organisation/",
        f"/admin/programmes/programme/{Programme.objects.get(title='Program under CSP').pk}/history/",
    ):
        response = page.goto(f"{base}{url}")
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert_clean(page, console, url)


def test_public_pages_raise_no_violations(watched, live_server):
    page, console = watched
    call_command("load_demo_content", verbosity=0)
    base = live_server.url
    for url in (
        "/",
        "/program/",
        "/program/tidslinje/",
        "/publikationer/?typ=rapport",
        "/publikationer/utskrift/",
        "/sok/?q=tillväxt",
        "/organisationer/",
        "/nyheter/",
        "/tillganglighetsredogorelse/",
    ):
        response = page.goto(f"{base}{url}")
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert_clean(page, console, url)
    # The print button is added by a script from our own origin: it ran.
    page.goto(f"{base}/publikationer/utskrift/")
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
