"""The programmes' public pages: the list with sub-projects after the top level, a programme's
page with every relation it shows (funders, commission, goals, focus points, places, parent,
predecessor and successor, its newest publications with a link to all of them, contacts, pages
and events), its status and the editor's override, and a focus area's page; each runs the same
number of queries however much data there is."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from geography.models import RegionLevel
from organisations.choices import OrganisationKind
from programmes.choices import Commission, FocusAreaSetKind, ProgrammeKind, ProgrammeStatus
from programmes.models import ProgrammeLink
from publishing.choices import PublishState
from tests.factories import (
    ContactFactory,
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    FocusAreaSetFactory,
    FundProgrammeFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeFocusPointFactory,
    ProgrammeGoalFactory,
    PublicationFactory,
)
from tests.indicators.figures import counties, indicator, observe, region
from tests.pages import (
    EXTERNAL,
    assert_queries_do_not_grow,
    cards,
    fetch,
    new_tag,
    ongoing_programme,
    swedish_date,
)

pytestmark = pytest.mark.django_db


def test_programme_list(client):
    owner = OrganisationFactory(name="Tillväxtverket", short_name="")
    finished = ProgrammeFactory(
        title="Jämställd regional tillväxt", organisation=owner, start_year=2016, end_year=2018
    )
    ongoing = ongoing_programme(title="Pågående program", organisation=owner)
    pilot = ProgrammeFactory(
        title="Pilotprojekt i Flen", parent=finished, kind=ProgrammeKind.PILOT_PROJECT
    )

    content, text = fetch(client, reverse("programmes:programme_list"))

    listed = cards(content)
    assert (
        "Jämställd regional tillväxt 2016–2018 Period 2016–2018 Typ Program eller satsning "
        "Avslutat T Tillväxtverket" in listed
    )
    period = ongoing.period_display
    assert (
        f"Pågående program {period} Period {period} Typ Program eller satsning "
        "Pågående T Tillväxtverket" in listed
    )
    assert f'href="{pilot.get_absolute_url()}"' in content
    assert "Ingår i Jämställd regional tillväxt 2016–2018" in text
    # Top level first, then the projects that belong to one.
    assert text.index("Pågående program") < text.index("Pilotprojekt i Flen")


@pytest.fixture
def full_programme():
    """A programme with every relation the detail page shows."""
    owner = OrganisationFactory(name="Länsstyrelsen i Stockholms län")
    government = OrganisationFactory(name="Regeringen", kind=OrganisationKind.GOVERNMENT)
    funders = [
        OrganisationFactory(name="Tillväxtverket"),
        OrganisationFactory(name="Europeiska socialfonden"),
    ]
    national = ProgrammeFactory(title="Nationellt program", start_year=2015, end_year=2019)
    predecessor = ProgrammeFactory(title="Tidigare satsning", start_year=2012, end_year=2014)
    programme = ProgrammeFactory(
        title="Jämställd tillväxt i Stockholms län",
        alternative_title="Jämställd tillväxt Stockholm",
        organisation=owner,
        start_year=2016,
        end_year=2018,
        commission=Commission.GOVERNMENT_ASSIGNMENT,
        commissioned_by=government,
        summary="<p>Länets arbete för jämställd tillväxt.</p>",
        body=(
            "<p>Första stycket <script>alert(1)</script></p>"
            "<ul><li>punkt ett</li><li>punkt två</li></ul>"
        ),
        pilot_project_count=12,
        knowledge_project_count=4,
        parent=national,
        predecessor=predecessor,
    )
    programme.funders.set(funders)
    ProgrammeGoalFactory(programme=programme, text="Andra målet", position=2)
    ProgrammeGoalFactory(programme=programme, text="Första målet", position=1)
    ProgrammeFocusPointFactory(
        programme=programme, text="Mäta resultat", rationale="Det som mäts blir gjort", position=1
    )
    ProgrammeFocusPointFactory(programme=programme, text="Sprida kunskap", position=2)
    focus_area = FocusAreaFactory(name="Jämställdhet")
    programme.focus_areas.add(focus_area)
    programme.tags.add("jämställdhet", "regional utveckling")
    programme.municipalities.set(
        [MunicipalityFactory(name="Nynäshamn"), MunicipalityFactory(name="Flen")]
    )
    ProgrammeLink.objects.create(
        programme=programme, title="Regeringsbeslutet", url="https://www.regeringen.se/beslut"
    )
    subproject = ProgrammeFactory(
        title="Pilot i Flen", parent=programme, kind=ProgrammeKind.PILOT_PROJECT
    )
    successor = ProgrammeFactory(
        title="Fortsatt jämställd tillväxt", predecessor=programme, start_year=2019, end_year=2021
    )
    publication = PublicationFactory(title="Slutrapport")
    publication.programmes.add(programme)
    contact = ContactFactory(
        name="Cecilia Carlsson", role="Projektledare", organisation=owner, email="cc@example.se"
    )
    contact.programmes.add(programme)
    page = ContentPageFactory(title="Om jämställd tillväxt")
    page.programmes.add(programme)
    event = EventFactory(title="Slutkonferens", start_date=datetime.date(2018, 11, 20))
    event.programmes.add(programme)
    return {
        "programme": programme,
        "national": national,
        "predecessor": predecessor,
        "subproject": subproject,
        "successor": successor,
        "focus_area": focus_area,
        "publication": publication,
        "page": page,
        "event": event,
    }


def test_programme_detail(client, full_programme):
    programme = full_programme["programme"]

    content, text = fetch(client, programme.get_absolute_url())

    assert "Jämställd tillväxt i Stockholms län 2016–2018" in text
    assert "Kallas också Jämställd tillväxt Stockholm" in text
    assert "Programmet är avslutat" in text
    assert "Status Avslutat" in text
    assert "Typ Program eller satsning" in text
    assert "Ansvarig organisation Länsstyrelsen i Stockholms län" in text
    # Funders come in name order.
    assert "Finansieras av Europeiska socialfonden och Tillväxtverket." in text
    assert "Uppdrag Regeringsuppdrag, från Regeringen" in text
    assert "Länets arbete för jämställd tillväxt." in text
    assert "<li>punkt ett</li><li>punkt två</li>" in content
    assert "Första stycket" in text
    # Rich text is sanitized: the script is gone, not shown as text.
    assert "<script>alert(1)</script>" not in content
    assert "alert(1)" not in content
    assert re.search(r"<ol>\s*<li>Första målet</li><li>Andra målet</li>\s*</ol>", content)
    assert "Mäta resultat Varför: Det som mäts blir gjort" in text
    assert text.index("Mäta resultat") < text.index("Sprida kunskap")
    assert "12 pilotprojekt" in text
    assert "4 kunskapsprojekt" in text
    assert "Flen, Nynäshamn" in text
    assert "Ingår i Nationellt program 2015–2019" in text
    assert "Föregångare: Tidigare satsning 2012–2014" in text
    assert "Efterföljare: Fortsatt jämställd tillväxt 2019–2021" in text
    for key in ("national", "predecessor", "subproject", "successor", "focus_area"):
        assert f'href="{full_programme[key].get_absolute_url()}"' in content, key
    for key in ("publication", "page", "event"):
        assert f'href="{full_programme[key].get_absolute_url()}"' in content, key
    assert "jämställdhet" in text
    assert "regional utveckling" in text
    assert f"Regeringsbeslutet {EXTERNAL}" in text
    assert 'href="https://www.regeringen.se/beslut"' in content
    assert "Cecilia Carlsson, Projektledare" in text
    assert 'href="mailto:cc@example.se"' in content
    assert f"Publicerad på webbplatsen {swedish_date(programme.publish_from)}." in text
    assert f"Senast ändrad {swedish_date(programme.updated_at)}" in text


def test_ongoing_programme_has_no_finished_notice(client):
    programme = ongoing_programme(title="Pågår ännu")
    _, text = fetch(client, programme.get_absolute_url())
    assert "Status Pågående" in text
    assert "Programmet är avslutat" not in text
    assert "pilotprojekt" not in text


def test_status_override_wins_on_the_page(client):
    programme = ongoing_programme(status_override=ProgrammeStatus.FINISHED)
    _, text = fetch(client, programme.get_absolute_url())
    assert "Programmet är avslutat" in text


def _publication_links(content, known):
    """The addresses of ``known`` publications that ``content`` links to, in page order."""
    return [url for url in re.findall(r'href="(/publikationer/[^"/?]+/)"', content) if url in known]


def test_programme_detail_shows_its_newest_publications_and_links_to_all_of_them(client):
    programme = ProgrammeFactory()
    published = []
    for year in [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2010, 2011]:
        publication = PublicationFactory(year=year)
        publication.programmes.add(programme)
        published.append(publication)
    draft = PublicationFactory(year=2030, publish_state=PublishState.DRAFT)
    scheduled = PublicationFactory(
        year=2031, publish_from=timezone.now() + datetime.timedelta(days=1)
    )
    for hidden in (draft, scheduled):
        hidden.programmes.add(programme)
    elsewhere = PublicationFactory(year=2032)
    elsewhere.programmes.add(ProgrammeFactory())
    known = {p.get_absolute_url() for p in [*published, draft, scheduled, elsewhere]}
    # The publication list's order: newest year first, then by title.
    newest_first = [
        p.get_absolute_url() for p in sorted(published, key=lambda p: (-p.year, p.title))
    ]

    content, text = fetch(client, programme.get_absolute_url())

    shown = _publication_links(content, known)
    assert shown == newest_first[:10]
    all_url = f"{reverse('publications:publication_list')}?programme={programme.slug}"
    assert f'<a href="{all_url}">Alla 12 publikationer från programmet</a>' in content

    # The link leads to the same publications, in the same order, and to all of them.
    list_content, list_text = fetch(client, all_url)
    assert "12 publikationer" in list_text
    assert _publication_links(list_content, known) == newest_first


def test_programme_detail_lists_a_few_publications_without_a_link_to_the_list(client):
    programme = ProgrammeFactory()
    publications = PublicationFactory.create_batch(3)
    for publication in publications:
        publication.programmes.add(programme)
    known = {p.get_absolute_url() for p in publications}

    content, text = fetch(client, programme.get_absolute_url())

    assert sorted(_publication_links(content, known)) == sorted(known)
    assert "publikationer från programmet" not in text
    assert "?programme=" not in content


def test_focus_area_detail(client):
    owner = OrganisationFactory(name="Tillväxtverket")
    area_set = FocusAreaSetFactory(
        name="Nationella strategins prioriteringar",
        kind=FocusAreaSetKind.STRATEGY,
        organisation=owner,
    )
    area = FocusAreaFactory(
        name="Kompetensförsörjning",
        focus_area_set=area_set,
        description="Tillgång till rätt kompetens.",
    )
    programme = ProgrammeFactory(title="Kompetenslyftet", start_year=2016, end_year=2018)
    programme.focus_areas.add(area)
    publication = PublicationFactory(title="Kompetensrapport")
    publication.focus_areas.add(area)
    page = ContentPageFactory(title="Kompetens i regionerna")
    page.focus_areas.add(area)

    content, text = fetch(client, area.get_absolute_url())

    assert "<h1>Kompetensförsörjning</h1>" in content
    assert "Fokusområde i Nationella strategins prioriteringar" in text
    assert "en strategis prioriterade områden eller mål" in text
    assert f'href="{owner.get_absolute_url()}"' in content
    assert "<p>Tillgång till rätt kompetens.</p>" in content
    assert "Kompetenslyftet 2016–2018" in text
    assert f'href="{publication.get_absolute_url()}"' in content
    assert f'href="{page.get_absolute_url()}"' in content


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _programme_list():
    def grow(n):
        for _ in range(n):
            parent = ProgrammeFactory()
            ProgrammeFactory(parent=parent)

    return reverse("programmes:programme_list"), grow


sequence = itertools.count(1000)


def _programme_detail():
    programme = ProgrammeFactory(
        parent=ProgrammeFactory(),
        predecessor=ProgrammeFactory(),
        commission=Commission.GOVERNMENT_ASSIGNMENT,
        commissioned_by=OrganisationFactory(),
        pilot_project_count=3,
    )
    country, county = counties(1)

    def grow(n):
        for _ in range(n):
            number = next(sequence)
            # Indicators with figures over the years, and municipalities drawn on the map.
            aimed_at = indicator(f"indikator-{number}")
            for year in range(2000, 2010):
                observe(aimed_at, country, year, women=number, men=year, total=year + number)
            programme.indicators.add(aimed_at)
            region(RegionLevel.MUNICIPALITY, f"{number:04d}", f"Kommun {number}", county)
            programme.municipalities.add(
                MunicipalityFactory(code=f"{number:04d}", name=f"Kommun {number}")
            )
            programme.funders.add(OrganisationFactory())
            ProgrammeGoalFactory(programme=programme)
            ProgrammeFocusPointFactory(programme=programme, rationale="Därför.")
            programme.focus_areas.add(FocusAreaFactory())
            programme.tags.add(new_tag())
            programme.municipalities.add(MunicipalityFactory())
            ProgrammeLink.objects.create(
                programme=programme, title="Länk", url="https://example.se"
            )
            ProgrammeFactory(parent=programme)
            ProgrammeFactory(predecessor=programme)
            PublicationFactory().programmes.add(programme)
            ContactFactory(email="a@example.se").programmes.add(programme)
            ContentPageFactory().programmes.add(programme)
            EventFactory(start_date=datetime.date(2018, 5, 16)).programmes.add(programme)

    return programme.get_absolute_url(), grow


def _focus_area_detail():
    area = FocusAreaFactory(focus_area_set=FocusAreaSetFactory(organisation=OrganisationFactory()))

    def grow(n):
        for _ in range(n):
            ProgrammeFactory().focus_areas.add(area)
            PublicationFactory().focus_areas.add(area)
            ContentPageFactory().focus_areas.add(area)
            FundProgrammeFactory().focus_areas.add(area)

    return area.get_absolute_url(), grow


QUERY_SCENARIOS = {
    "programme_list": _programme_list,
    "programme_detail": _programme_detail,
    "focus_area_detail": _focus_area_detail,
}

# (queries when nothing derived is kept, queries once it is); what they count is in
# tests/pages.py. Update a number only together with the view's select/prefetch declaration.
EXPECTED_QUERIES = {
    "programme_list": (5, 2),
    # 17, and the indicators, the country, their latest figures, the municipalities' outlines
    # and the counties' for the map; and the owner's menu in the banner (its pages, and
    # whether it has programmes, publications and contacts: 2), kept like the rest.
    "programme_detail": (24, 1),
    # The area, its programmes, publications, pages and fund programmes.
    "focus_area_detail": (5, 5),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
