"""The rows of the public programme and publication lists, which programmes/markup.py writes in
Python instead of the template engine: the exact markup, editors' text escaped, and only what
visitors may see linked."""

import datetime

import pytest
from django.utils import timezone

from programmes import markup
from programmes.choices import ProgrammeStatus
from publications.choices import PublicationKind
from publishing.choices import PublishState
from tests.factories import (
    ContentPageFactory,
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

TRICKY = 'Tillväxt & "samverkan" <i>2.0</i>'
TRICKY_ESCAPED = "Tillväxt &amp; &quot;samverkan&quot; &lt;i&gt;2.0&lt;/i&gt;"


def results(content):
    """What the list of results holds, between its <ul class="items …"> and </ul>."""
    after = content.partition('<ul class="items')[2]
    return after.partition(">")[2].partition("</ul>")[0]


def test_a_programme_row_exactly():
    owner = OrganisationFactory(name="Länsstyrelsen i Jämtlands län", short_name="Länsstyrelsen")
    parent = ProgrammeFactory(title="Moderprogram", slug="moder", start_year=2014, end_year=None)
    programme = ProgrammeFactory(
        title=TRICKY,
        slug="pilot",
        organisation=owner,
        parent=parent,
        start_year=2016,
        end_year=2018,
        status_override=ProgrammeStatus.FINISHED,
    )
    html = markup.programme_rows([programme], datetime.date(2017, 6, 1), timezone.now())
    assert html == (
        "<li>\n"
        f'  <a href="/program/pilot/">{TRICKY_ESCAPED} 2016–2018</a>\n'
        '  <span class="meta">– Länsstyrelsen, ingår i '
        '<a href="/program/moder/">Moderprogram 2014–</a></span>\n'
        '  <span class="status status-finished">Avslutat</span>\n'
        "</li>"
    )


def test_a_programme_list_translates_each_status_once(monkeypatch):
    """The status labels are lazy translations: a list of programmes escapes each label
    it shows once, not once per row, and rows of different statuses keep their own."""
    from django.utils.functional import Promise

    translated = []
    escaped = markup.escaped

    def counted(value):
        if isinstance(value, Promise):
            translated.append(str(value))
        return escaped(value)

    monkeypatch.setattr(markup, "escaped", counted)
    programmes = [ProgrammeFactory(start_year=2016, end_year=2018) for _ in range(4)]
    programmes.append(ProgrammeFactory(start_year=2030, end_year=2032))
    html = markup.programme_rows(programmes, datetime.date(2017, 1, 1), timezone.now())
    assert sorted(translated) == sorted(
        [ProgrammeStatus.ONGOING.label, ProgrammeStatus.PLANNED.label]
    )
    assert html.count(f'status-ongoing">{ProgrammeStatus.ONGOING.label}<') == 4
    assert html.count(f'status-planned">{ProgrammeStatus.PLANNED.label}<') == 1


def test_a_programme_row_follows_the_dates_and_hides_a_draft_parent():
    draft = ProgrammeFactory(title="Hemligt utkast", publish_state=PublishState.DRAFT)
    programme = ProgrammeFactory(parent=draft, start_year=2016, end_year=2018)
    now = timezone.now()
    for today, status in (
        (datetime.date(2015, 12, 31), "planned"),
        (datetime.date(2017, 1, 1), "ongoing"),
        (datetime.date(2019, 1, 1), "finished"),
    ):
        html = markup.programme_rows([programme], today, now)
        assert f'class="status status-{status}">{ProgrammeStatus(status).label}<' in html
        assert "Hemligt utkast" not in html
        assert "ingår i" not in html


def test_the_programme_list_writes_the_rows(client):
    ProgrammeFactory(title=TRICKY)
    content = client.get("/program/").content.decode()
    assert f">{TRICKY_ESCAPED} 2016–2018</a>" in results(content)
    assert "<i>2.0</i>" not in content


def action_plan_of_two_publishers(slug):
    """A 2017 action plan with a title to escape, by Tillväxtverket and by a region listed
    under its short name, "Region JH"."""
    return PublicationFactory(
        title=TRICKY,
        slug=slug,
        kind=PublicationKind.ACTION_PLAN,
        year=2017,
        organisations=[
            OrganisationFactory(name="Tillväxtverket"),
            OrganisationFactory(name="Region Jämtland Härjedalen", short_name="Region JH"),
        ],
    )


def test_a_publication_row_exactly(client):
    shown = ProgrammeFactory(title="Synligt program", slug="synligt", start_year=2016)
    hidden = ProgrammeFactory(title="Utkastprogram", publish_state=PublishState.DRAFT)
    publication = action_plan_of_two_publishers("rapport")
    publication.programmes.set([shown, hidden])
    content = client.get("/publikationer/").content.decode()
    assert results(content).strip() == (
        "<li>\n"
        f'  <a href="/publikationer/rapport/">{TRICKY_ESCAPED}</a>\n'
        f'  <div class="meta">{PublicationKind.ACTION_PLAN.label}, 2017 – '
        "Region JH, Tillväxtverket</div>\n"
        '  <div class="meta">Program: <a href="/program/synligt/">Synligt program 2016–2018</a>'
        "</div>\n"
        "</li>"
    )


def test_a_publication_row_without_year_or_programmes(client):
    PublicationFactory(title="Utan år", year=None)
    rows = results(client.get("/publikationer/").content.decode())
    assert f'<div class="meta">{PublicationKind.REPORT.label} – ' in rows
    assert "Program:" not in rows


def test_an_empty_publication_list_says_so(client):
    rows = results(client.get("/publikationer/").content.decode())
    assert rows.strip() == "<li>Inga publikationer matchar sökningen.</li>"


def test_a_list_looks_up_its_addresses_context_once(monkeypatch):
    """The rows of a list read the URL configuration, the script prefix and the language once
    per kind of link (addresses.slug_urls), not once per row; the links are still those of
    get_absolute_url()."""
    from programmes import addresses

    lookups = []

    def counted(original):
        def lookup(*args):
            lookups.append(original.__name__)
            return original(*args)

        return lookup

    for name in ("get_urlconf", "get_script_prefix", "get_language"):
        monkeypatch.setattr(addresses, name, counted(getattr(addresses, name)))

    programmes = [ProgrammeFactory(slug=f"program-{n}") for n in range(3)]
    publications = [PublicationFactory(slug=f"rapport-{n}") for n in range(4)]
    for publication in publications:
        publication.listed_organisations = []
        publication.listed_programmes = programmes
    lookups.clear()
    rows = markup.publication_rows(publications)
    assert sorted(lookups) == sorted(["get_urlconf", "get_script_prefix", "get_language"] * 2)
    for item in [*publications, *programmes]:
        assert f'<a href="{item.get_absolute_url()}">' in rows

    lookups.clear()
    items = markup.publication_items(publications)
    assert len(lookups) == 3
    assert all(f'href="{publication.get_absolute_url()}"' in items for publication in publications)

    lookups.clear()
    today, now = timezone.localdate(), timezone.now()
    listed = markup.programme_rows(programmes, today, now)
    assert len(lookups) == 3
    assert all(f'href="{programme.get_absolute_url()}"' in listed for programme in programmes)


def test_the_items_of_a_short_publication_list_exactly():
    """{% publication_items %}: the markup the old include wrote for each publication, with the
    publishers (short name where there is one) when asked for them."""
    dated = action_plan_of_two_publishers("plan")
    agency = dated.organisations.get(name="Tillväxtverket")
    undated = PublicationFactory(title="Utan år", slug="utan-ar", year=None, organisations=[agency])
    publications = [dated, undated]
    assert markup.publication_items(publications) == (
        "<li>\n"
        f'  <a href="/publikationer/plan/">{TRICKY_ESCAPED}</a>\n'
        f'  <span class="meta">{PublicationKind.ACTION_PLAN.label}, 2017</span>\n'
        "</li>\n"
        "<li>\n"
        '  <a href="/publikationer/utan-ar/">Utan år</a>\n'
        f'  <span class="meta">{PublicationKind.REPORT.label}</span>\n'
        "</li>\n"
    )
    publishers = markup.publication_items(publications, show_organisations=True)
    assert (
        f'<span class="meta">{PublicationKind.ACTION_PLAN.label}, 2017 – '
        "Region JH, Tillväxtverket</span>"
    ) in publishers
    assert (
        f'<span class="meta">{PublicationKind.REPORT.label} – Tillväxtverket</span>' in publishers
    )
    assert markup.publication_items([]) == ""


def test_the_pages_with_short_publication_lists_write_the_items(client):
    """The programme page, the publisher's page, the focus area's page, a content page and the
    home page list a publication through {% publication_items %}, escaped."""
    owner = OrganisationFactory(name="Länsstyrelsen i Jämtlands län", slug="lst-jamtland")
    programme = ProgrammeFactory(slug="programmet", organisation=owner)
    publication = PublicationFactory(title=TRICKY, slug="rapporten", organisations=[owner])
    publication.programmes.set([programme])
    area = FocusAreaFactory(slug="omradet")
    publication.focus_areas.set([area])
    page = ContentPageFactory(slug="sidan")
    page.publications.set([publication])
    item = f'<a href="/publikationer/rapporten/">{TRICKY_ESCAPED}</a>\n  <span class="meta">'
    addresses = [programme, owner, area, page]
    for address in [*(shown.get_absolute_url() for shown in addresses), "/"]:
        content = client.get(address).content.decode()
        assert item in content, address
        assert "<i>2.0</i>" not in content, address
