"""The public pages: each one answers, carries its facts, keeps one h1 and a heading outline,
and runs the same number of queries however much data there is."""

import datetime
import itertools
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from content.models import PageLink
from organisations.choices import OrganisationKind
from programmes.choices import Commission, FocusAreaSetKind, ProgrammeKind, ProgrammeStatus
from programmes.dates import format_date_range
from programmes.models import ProgrammeLink
from publications.choices import Language, PublicationKind
from publishing.choices import PublishState
from richtext.templatetags.text_blocks import text_blocks as blocks_of
from tests.factories import (
    ContactFactory,
    ContentPageFactory,
    CountyFactory,
    EventFactory,
    FocusAreaFactory,
    FocusAreaSetFactory,
    KeyFigureFactory,
    MunicipalityFactory,
    NewsItemFactory,
    OrganisationFactory,
    PageSectionFactory,
    ProgrammeFactory,
    ProgrammeFocusPointFactory,
    ProgrammeGoalFactory,
    PublicationFactory,
)
from tests.queries import SCHEDULE_LOOKUPS, count_queries

pytestmark = pytest.mark.django_db

EXTERNAL = "(länk till annan webbplats)"
TODAY = timezone.localdate()


# --- helpers -------------------------------------------------------------------------------


# Elements that separate words in the rendered page, so "<dt>Typ</dt><dd>Rapport</dd>" reads
# as "Typ Rapport" in the visible text.
BLOCK_TAGS = {"p", "li", "dt", "dd", "div", "br", "h1", "h2", "h3", "h4", "ul", "ol", "dl"}


class _Outline(HTMLParser):
    """Collects heading levels and the visible text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels = []
        self.text_parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag in {"script", "style", "title"}:
            self._skip += 1
        if tag in BLOCK_TAGS:
            self.text_parts.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "title"}:
            self._skip -= 1
        if tag in BLOCK_TAGS:
            self.text_parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)


def fetch(client, url):
    """GET a public page, check its status and heading outline, return (html, visible text)."""
    response = client.get(url)
    assert response.status_code == 200, url
    content = response.content.decode()
    parser = _Outline()
    parser.feed(content)
    assert parser.levels.count(1) == 1, f"{url}: exactly one h1, got {parser.levels}"
    assert parser.levels[0] == 1, f"{url}: the h1 comes first, got {parser.levels}"
    for previous, current in itertools.pairwise(parser.levels):
        assert current <= previous + 1, f"{url}: heading level skipped in {parser.levels}"
    assert '<html lang="sv">' in content
    assert '<main id="main"' in content
    return content, re.sub(r"\s+", " ", "".join(parser.text_parts))


def swedish_date(value):
    with translation.override("sv"):
        return date_filter(timezone.localtime(value), "j F Y")


def ongoing_programme(**kwargs):
    return ProgrammeFactory(start_year=TODAY.year - 1, end_year=TODAY.year + 1, **kwargs)


# --- template filters ----------------------------------------------------------------------


def text_blocks(value):
    """Plain text as focus area pages show it."""
    return render_to_string("includes/text_blocks.html", {"blocks": blocks_of(value)})


def test_text_blocks_escapes_markup():
    rendered = text_blocks('Hej <script>alert("x")</script>\n\n- <b>punkt</b>')
    assert "<script>" not in rendered
    assert "<b>" not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered
    assert "<li>&lt;b&gt;punkt&lt;/b&gt;</li>" in rendered


def test_text_blocks_builds_paragraphs_and_lists():
    rendered = text_blocks("Inledning\nandra raden\n\n- ett\n- två\n\nAvslutning")
    assert rendered == (
        "<p>Inledning<br>andra raden</p>\n<ul><li>ett</li><li>två</li></ul>\n<p>Avslutning</p>"
    )


def test_text_blocks_splits_a_list_that_follows_a_line_without_blank_line():
    rendered = text_blocks("Vi ska:\r\n- mäta\r\n- lära")
    assert rendered == "<p>Vi ska:</p>\n<ul><li>mäta</li><li>lära</li></ul>"


def test_text_blocks_of_nothing_is_empty():
    assert text_blocks("") == ""
    assert text_blocks(None) == ""


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2018, 5, 16), datetime.date(2018, 5, 17), "16–17 maj 2018"),
        (datetime.date(2018, 5, 16), None, "16 maj 2018"),
        (datetime.date(2018, 5, 16), datetime.date(2018, 5, 16), "16 maj 2018"),
        (datetime.date(2018, 5, 30), datetime.date(2018, 6, 2), "30 maj 2018 – 2 juni 2018"),
        (
            datetime.date(2018, 12, 31),
            datetime.date(2019, 1, 1),
            "31 december 2018 – 1 januari 2019",
        ),
    ],
)
def test_date_range(start, end, expected):
    with translation.override("sv"):
        assert format_date_range(start, end) == expected


# --- home ----------------------------------------------------------------------------------


def test_home_shows_what_the_portal_holds(client):
    organisation = OrganisationFactory(name="Länsstyrelsen i Västra Götalands län")
    ongoing = ongoing_programme(title="Pågående satsning", organisation=organisation)
    finished = ProgrammeFactory(title="Avslutad satsning", start_year=2016, end_year=2018)
    ProgrammeFactory(title="Ett pilotprojekt", parent=ongoing, kind=ProgrammeKind.PILOT_PROJECT)
    publication = PublicationFactory(title="Lägesrapport om tillväxt")
    news_item = NewsItemFactory(title="Ny konferens i Flen", date=datetime.date(2018, 5, 16))

    content, text = fetch(client, reverse("home"))

    assert "Tillväxtportalen" in text
    assert "regionala tillväxtarbetet" in text
    assert f'href="{organisation.get_absolute_url()}"' in content
    assert f'href="{ongoing.get_absolute_url()}"' in content
    assert f'href="{finished.get_absolute_url()}"' in content
    assert f'href="{publication.get_absolute_url()}"' in content
    assert f'href="{news_item.get_absolute_url()}"' in content
    # Ongoing programmes are listed before the others; sub-projects stay on their parent.
    assert text.index("Pågående program") < text.index("Pågående satsning")
    assert text.index("Pågående satsning") < text.index("Andra program")
    assert text.index("Andra program") < text.index("Avslutad satsning 2016–2018")
    assert "Ett pilotprojekt" not in text
    for name in ("organisations:organisation_list", "programmes:programme_list"):
        assert f'href="{reverse(name)}"' in content
    assert f'href="{reverse("publications:publication_list")}"' in content
    assert f'href="{reverse("content:news_list")}"' in content


def test_home_shows_a_bounded_selection_with_links_to_the_full_lists(client):
    from growth_portal.views import HOME_ORGANISATION_COUNT, HOME_PROGRAMME_COUNT

    organisations = [OrganisationFactory(name=f"Organisation {n:02}") for n in range(30)]
    for n in range(25):
        ongoing_programme(title=f"Pågående {n:02}", organisation=organisations[0])
        ProgrammeFactory(title=f"Avslutat {n:02}", start_year=2010, end_year=2012)

    with CaptureQueriesContext(connection) as queries:
        content, text = fetch(client, reverse("home"))

    def items_under(heading):
        section = content.split(f"<h2>{heading}</h2>", 1)[1].split("</ul>", 1)[0]
        return section.count("<li")

    assert items_under("Organisationer") == HOME_ORGANISATION_COUNT
    assert items_under("Pågående program") == HOME_PROGRAMME_COUNT
    assert items_under("Andra program") == HOME_PROGRAMME_COUNT
    for name in ("organisations:organisation_list", "programmes:programme_list"):
        assert f'href="{reverse(name)}"' in content
    # The five lists (and, to know how long they may be kept, the next scheduled publication).
    assert len(queries) <= 6 + SCHEDULE_LOOKUPS


def test_base_layout(client):
    content, text = fetch(client, reverse("home"))
    assert 'href="#main"' in content
    assert "<title>" in content
    assert '<meta name="description" content="' in content
    assert re.search(r'<a class="site-name" href="/">Tillväxtportalen</a>', content)
    for label in ("Organisationer", "Program", "Publikationer", "Nyheter"):
        assert f">{label}</a>" in content
    assert "<footer" in content


# --- organisations -------------------------------------------------------------------------


def test_organisation_list(client):
    county = CountyFactory(name="Stockholms län")
    parent = OrganisationFactory(name="Länsstyrelserna", kind=OrganisationKind.NETWORK)
    organisation = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        kind=OrganisationKind.COUNTY_BOARD,
        county=county,
        parent=parent,
    )

    content, text = fetch(client, reverse("organisations:organisation_list"))

    assert f'href="{organisation.get_absolute_url()}"' in content
    assert "Länsstyrelsen i Stockholms län Länsstyrelse, Stockholms län" in text
    assert "del av Länsstyrelserna" in text


def test_organisation_detail(client):
    county = CountyFactory(name="Stockholms län")
    parent = OrganisationFactory(name="Länsstyrelserna", kind=OrganisationKind.NETWORK)
    organisation = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län",
        kind=OrganisationKind.COUNTY_BOARD,
        county=county,
        parent=parent,
        website="https://www.lansstyrelsen.se/stockholm",
        description="<p>Vi arbetar för tillväxt.</p><ul><li>landsbygd</li><li>jämställdhet</li></ul>",
    )
    page = ContentPageFactory(organisation=organisation, title="Tillväxt i länet")
    # The finished programme starts later, so default ordering alone would list it first.
    ongoing = ProgrammeFactory(
        organisation=organisation, title="Långsiktig satsning", start_year=2000, end_year=None
    )
    finished = ProgrammeFactory(
        organisation=organisation, title="Jämställd tillväxt", start_year=2016, end_year=2018
    )
    publication = PublicationFactory(title="Handlingsplan för länet", organisations=[organisation])
    with_email = ContactFactory(
        organisation=organisation,
        name="Anna Andersson",
        role="Processledare",
        email="anna@example.se",
    )
    ContactFactory(organisation=organisation, name="Bo Berg", role="Handläggare", phone="")
    news_item = NewsItemFactory(organisation=organisation, title="Nytt program startar")
    area_set = FocusAreaSetFactory(
        organisation=organisation,
        name="Länsstyrelsens arbetsområden",
        kind=FocusAreaSetKind.WORK_AREAS,
    )
    area = FocusAreaFactory(focus_area_set=area_set, name="Landsbygd")

    content, text = fetch(client, organisation.get_absolute_url())

    assert "<h1>Länsstyrelsen i Stockholms län</h1>" in content
    assert "Länsstyrelse" in text
    assert f'href="{parent.get_absolute_url()}"' in content
    assert "Stockholms län" in text
    assert f"https://www.lansstyrelsen.se/stockholm {EXTERNAL}" in text
    assert "<p>Vi arbetar för tillväxt.</p>" in content
    assert "<li>landsbygd</li>" in content
    assert f'href="{page.get_absolute_url()}"' in content
    assert "Långsiktig satsning 2000–" in text
    assert "Jämställd tillväxt 2016–2018" in text
    assert text.index("Långsiktig satsning") < text.index("Jämställd tillväxt")
    assert f'href="{ongoing.get_absolute_url()}"' in content
    assert f'href="{finished.get_absolute_url()}"' in content
    assert f'href="{publication.get_absolute_url()}"' in content
    assert "Anna Andersson, Processledare" in text
    assert f'href="mailto:{with_email.email}"' in content
    assert "Bo Berg, Handläggare" in text
    assert text.count("E-post:") == 1
    assert "Telefon:" not in text
    assert f'href="{news_item.get_absolute_url()}"' in content
    assert "Länsstyrelsens arbetsområden" in text
    assert f'href="{area.get_absolute_url()}"' in content


# --- programmes ----------------------------------------------------------------------------


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

    assert "Jämställd regional tillväxt 2016–2018 – Tillväxtverket Avslutat" in text
    assert f"Pågående program {ongoing.period_display} – Tillväxtverket Pågående" in text
    assert f'href="{pilot.get_absolute_url()}"' in content
    assert "ingår i Jämställd regional tillväxt" in text
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
    assert f"Publicerad {swedish_date(programme.created_at)}" in text
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


# --- publications --------------------------------------------------------------------------


def test_publication_list(client):
    first = OrganisationFactory(name="Tillväxtverket")
    second = OrganisationFactory(name="Länsstyrelsen Gävleborg")
    PublicationFactory(
        title="Handlingsplan 2018",
        kind=PublicationKind.ACTION_PLAN,
        year=2018,
        organisations=[first, second],
    )
    PublicationFactory(title="Odaterad analys", kind=PublicationKind.ANALYSIS, year=None)

    content, text = fetch(client, reverse("publications:publication_list"))

    assert "Handlingsplan 2018 Handlingsplan, 2018 – " in text
    assert "Tillväxtverket" in text
    assert "Länsstyrelsen Gävleborg" in text
    assert "Odaterad analys Analys –" in text
    assert "None" not in text


def test_publication_list_paginates(client):
    organisation = OrganisationFactory()
    for number in range(21):
        PublicationFactory(title=f"Rapport nummer {number:02}", organisations=[organisation])
    _, text = fetch(client, reverse("publications:publication_list"))
    assert "Sida 1 av 2" in text
    _, text = fetch(client, reverse("publications:publication_list") + "?page=2")
    assert text.count("Rapport nummer") == 1


def test_publication_detail_without_file(client):
    organisation = OrganisationFactory(name="Arena för Tillväxt")
    programme = ProgrammeFactory(title="Mötesplats", start_year=2016, end_year=2018)
    area = FocusAreaFactory(name="Innovation")
    publication = PublicationFactory(
        title="Att mäta tillväxt",
        kind=PublicationKind.REPORT,
        publication_date=datetime.date(2018, 5, 16),
        organisations=[organisation],
        language=Language.ENGLISH,
        summary="Om indikatorer.",
        external_url="https://www.example.se/rapport.pdf",
    )
    publication.programmes.add(programme)
    publication.focus_areas.add(area)
    publication.tags.add("indikatorer")

    content, text = fetch(client, publication.get_absolute_url())

    assert "<h1>Att mäta tillväxt</h1>" in content
    assert "Typ Rapport" in text
    assert "Utgiven 16 maj 2018" in text
    assert "Utgiven av Arena för Tillväxt" in text
    assert "Språk Engelska" in text
    assert "Om indikatorer." in text
    assert "Mötesplats 2016–2018" in text
    assert f'href="{area.get_absolute_url()}"' in content
    assert "indikatorer" in text
    assert "Det finns ingen fil till den här publikationen på webbplatsen." in text
    assert 'href="https://www.example.se/rapport.pdf"' in content
    assert EXTERNAL in text
    assert f"Publicerad {swedish_date(publication.created_at)}" in text


def pdf_of_size(size):
    """Bytes the upload checks take for a PDF (header, an object, end markers), padded."""
    head, tail = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%", b"\nstartxref\n9\n%%EOF\n"
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_publication_detail_with_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publication = PublicationFactory(
        title="Rapport med fil",
        year=2019,
        file=SimpleUploadedFile(
            "rapport.pdf", pdf_of_size(1_250_000), content_type="application/pdf"
        ),
    )

    content, text = fetch(client, publication.get_absolute_url())

    assert f'href="{publication.file.url}"' in content
    assert "(PDF, 1,2\xa0MB)</a>" in content  # filesizeformat keeps the number and unit together
    assert "Utgiven 2019" in text
    assert "Det finns ingen fil" not in text
    assert EXTERNAL not in text


def test_publication_detail_without_year(client):
    publication = PublicationFactory(year=None)
    _, text = fetch(client, publication.get_absolute_url())
    assert "Utgivningsår saknas" in text


# --- content pages, news and events --------------------------------------------------------


def test_content_page_detail(client):
    organisation = OrganisationFactory(name="Länsstyrelsen i Stockholms län")
    page = ContentPageFactory(
        organisation=organisation, title="Tillväxt", intro="Så arbetar vi med tillväxt."
    )
    sibling = ContentPageFactory(organisation=organisation, title="Landsbygd")
    other_organisations_page = ContentPageFactory(title="Någon annans sida")
    PageSectionFactory(page=page, heading="Andra avsnittet", body="Text två.", position=2)
    PageSectionFactory(
        page=page,
        heading="Första avsnittet",
        body="<p>Vi gör:</p><ul><li>analyser</li><li>dialoger</li></ul>",
        position=1,
    )
    KeyFigureFactory(page=page, value="116", label="program i länen")
    PageLink.objects.create(
        page=page, title="Tillväxtverket om program", url="https://tillvaxtverket.se"
    )
    document = PublicationFactory(title="Regional utvecklingsstrategi")
    page.publications.add(document)
    programme = ProgrammeFactory(title="Jämställd tillväxt", start_year=2016, end_year=2018)
    page.programmes.add(programme)
    contact = ContactFactory(name="David Dahl", role="Utvecklingsstrateg", phone="08-123 45 67")
    page.contacts.add(contact)
    area = FocusAreaFactory(name="Hållbar tillväxt")
    page.focus_areas.add(area)

    content, text = fetch(client, page.get_absolute_url())

    assert "<h1>Tillväxt</h1>" in content
    assert f'href="{organisation.get_absolute_url()}"' in content
    assert "Så arbetar vi med tillväxt." in text
    assert "<h2>Första avsnittet</h2>" in content
    assert text.index("Första avsnittet") < text.index("Andra avsnittet")
    assert "<li>analyser</li><li>dialoger</li>" in content
    assert "<dt>116</dt><dd>program i länen</dd>" in content
    assert f"Tillväxtverket om program {EXTERNAL}" in text
    assert "Relaterat" in text
    assert text.index("Relaterat") < text.index("Landsbygd")
    assert f'href="{sibling.get_absolute_url()}"' in content
    assert f'href="{page.get_absolute_url()}" aria-current="page"' in content
    assert f'href="{other_organisations_page.get_absolute_url()}"' not in content
    assert text.index("Relaterat") < text.index("Regional utvecklingsstrategi")
    assert "Jämställd tillväxt 2016–2018" in text
    assert "David Dahl, Utvecklingsstrateg" in text
    assert "Telefon: 08-123 45 67" in text
    assert 'href="tel:08-1234567"' in content
    assert f'href="{area.get_absolute_url()}"' in content
    assert f"Senast ändrad {swedish_date(page.updated_at)}" in text


def test_news_list(client):
    organisation = OrganisationFactory(name="Region Sörmland", short_name="")
    news_item = NewsItemFactory(
        title="Konferens om jämställdhet",
        organisation=organisation,
        date=datetime.date(2018, 5, 16),
        summary="Över hundra deltagare.",
    )
    news_item.municipalities.add(MunicipalityFactory(name="Flen"))
    NewsItemFactory(title="Nyhet utan datum", date=None)

    content, text = fetch(client, reverse("content:news_list"))

    assert f'href="{news_item.get_absolute_url()}"' in content
    assert "16 maj 2018 – Region Sörmland – Flen" in text
    assert "Över hundra deltagare." in text
    assert "Nyhet utan datum" in text
    assert "None" not in text


def test_news_detail(client):
    organisation = OrganisationFactory(name="Region Sörmland")
    event = EventFactory(title="Jämställdhetskonferensen", start_date=datetime.date(2018, 5, 16))
    news_item = NewsItemFactory(
        title="Konferens om jämställdhet",
        organisation=organisation,
        date=datetime.date(2018, 5, 18),
        summary="Över hundra deltagare.",
        body="<p>Första stycket.</p><p>Andra stycket.</p>",
        event=event,
    )
    news_item.municipalities.set(
        [MunicipalityFactory(name="Flen"), MunicipalityFactory(name="Eskilstuna")]
    )

    content, text = fetch(client, news_item.get_absolute_url())

    assert "<h1>Konferens om jämställdhet</h1>" in content
    assert "18 maj 2018 – Region Sörmland" in text
    assert "Över hundra deltagare." in text
    assert "<p>Första stycket.</p><p>Andra stycket.</p>" in content
    assert "Kommuner: Eskilstuna, Flen" in text
    assert f'href="{event.get_absolute_url()}"' in content


def test_news_detail_without_date(client):
    news_item = NewsItemFactory(date=None)
    _, text = fetch(client, news_item.get_absolute_url())
    assert "Datum saknas" in text


def test_event_detail(client):
    organisers = [
        OrganisationFactory(name="Region Sörmland"),
        OrganisationFactory(name="Flens kommun"),
    ]
    event = EventFactory(
        title="Jämställdhetskonferensen",
        kind="conference",
        start_date=datetime.date(2018, 5, 16),
        end_date=datetime.date(2018, 5, 17),
        municipality=MunicipalityFactory(name="Flen"),
        venue="Kulturhuset",
        participant_count=160,
        summary="Två dagar om jämställd tillväxt.",
        body="<p>Program:</p><ul><li>föreläsningar</li><li>workshoppar</li></ul>",
        organisers=organisers,
    )
    programme = ProgrammeFactory(title="Jämställd tillväxt", start_year=2016, end_year=2018)
    event.programmes.add(programme)
    news_item = NewsItemFactory(title="Rekordmånga deltagare", event=event)

    content, text = fetch(client, event.get_absolute_url())

    assert "<h1>Jämställdhetskonferensen</h1>" in content
    assert "Typ Konferens" in text
    assert "När 16–17 maj 2018" in text
    assert "Var Kulturhuset, Flen" in text
    assert "160 deltagare" in text
    assert "Region Sörmland, Flens kommun" in text or "Flens kommun, Region Sörmland" in text
    assert "Två dagar om jämställd tillväxt." in text
    assert "<li>föreläsningar</li><li>workshoppar</li>" in content
    assert "Jämställd tillväxt 2016–2018" in text
    assert f'href="{news_item.get_absolute_url()}"' in content


def test_event_over_two_months_shows_full_dates(client):
    event = EventFactory(start_date=datetime.date(2018, 5, 30), end_date=datetime.date(2018, 6, 2))
    _, text = fetch(client, event.get_absolute_url())
    assert "När 30 maj 2018 – 2 juni 2018" in text
    assert "deltagare" not in text


# --- unknown slugs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "route",
    [
        "organisations:organisation_detail",
        "programmes:programme_detail",
        "programmes:focus_area_detail",
        "publications:publication_detail",
        "content:page_detail",
        "content:news_detail",
        "content:event_detail",
    ],
)
def test_unknown_slug_is_404(client, route):
    response = client.get(reverse(route, kwargs={"slug": "finns-inte"}))
    assert response.status_code == 404


def test_url_map():
    assert reverse("organisations:organisation_list") == "/organisationer/"
    assert (
        reverse("organisations:organisation_detail", kwargs={"slug": "a"}) == "/organisationer/a/"
    )
    assert reverse("programmes:programme_list") == "/program/"
    assert reverse("programmes:programme_detail", kwargs={"slug": "a"}) == "/program/a/"
    assert reverse("programmes:focus_area_detail", kwargs={"slug": "a"}) == "/fokusomraden/a/"
    assert reverse("publications:publication_list") == "/publikationer/"
    assert reverse("publications:publication_detail", kwargs={"slug": "a"}) == "/publikationer/a/"
    assert reverse("content:page_detail", kwargs={"slug": "a"}) == "/sidor/a/"
    assert reverse("content:news_list") == "/nyheter/"
    assert reverse("content:news_detail", kwargs={"slug": "a"}) == "/nyheter/a/"
    assert reverse("content:event_detail", kwargs={"slug": "a"}) == "/evenemang/a/"


# --- number of queries ---------------------------------------------------------------------
#
# Each scenario builds a page and returns (url, grow); grow(n) adds n more rows of everything
# the page lists. The page must run the same number of queries before and after growing, and
# that number is pinned so that a new N+1 or an extra query shows up in review.

_tag_numbers = itertools.count()


def _home():
    def grow(n):
        for _ in range(n):
            ongoing_programme()
            ProgrammeFactory(start_year=2016, end_year=2018)
            PublicationFactory(organisations=[OrganisationFactory(), OrganisationFactory()])
            NewsItemFactory()

    return reverse("home"), grow


def _organisation_list():
    def grow(n):
        for _ in range(n):
            OrganisationFactory(parent=OrganisationFactory(), county=CountyFactory())

    return reverse("organisations:organisation_list"), grow


def _organisation_detail():
    organisation = OrganisationFactory(parent=OrganisationFactory(), county=CountyFactory())

    def grow(n):
        for _ in range(n):
            OrganisationFactory(parent=organisation)
            ContentPageFactory(organisation=organisation)
            ongoing_programme(organisation=organisation)
            ProgrammeFactory(organisation=organisation, start_year=2016, end_year=2018)
            PublicationFactory(organisations=[organisation])
            ContactFactory(organisation=organisation, email="a@example.se", phone="08-1")
            NewsItemFactory(organisation=organisation, date=datetime.date(2018, 5, 16))
            area_set = FocusAreaSetFactory(organisation=organisation)
            FocusAreaFactory.create_batch(2, focus_area_set=area_set)

    return organisation.get_absolute_url(), grow


def _programme_list():
    def grow(n):
        for _ in range(n):
            parent = ProgrammeFactory()
            ProgrammeFactory(parent=parent)

    return reverse("programmes:programme_list"), grow


def _programme_detail():
    programme = ProgrammeFactory(
        parent=ProgrammeFactory(),
        predecessor=ProgrammeFactory(),
        commission=Commission.GOVERNMENT_ASSIGNMENT,
        commissioned_by=OrganisationFactory(),
        pilot_project_count=3,
    )

    def grow(n):
        for _ in range(n):
            programme.funders.add(OrganisationFactory())
            ProgrammeGoalFactory(programme=programme)
            ProgrammeFocusPointFactory(programme=programme, rationale="Därför.")
            programme.focus_areas.add(FocusAreaFactory())
            programme.tags.add(f"tagg {next(_tag_numbers)}")
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

    return area.get_absolute_url(), grow


def _publication_list():
    def grow(n):
        for _ in range(n):
            publication = PublicationFactory(
                organisations=[OrganisationFactory(), OrganisationFactory()]
            )
            publication.programmes.add(ProgrammeFactory())

    return reverse("publications:publication_list"), grow


def _publication_detail():
    publication = PublicationFactory()

    def grow(n):
        for _ in range(n):
            publication.organisations.add(OrganisationFactory())
            publication.programmes.add(ProgrammeFactory())
            publication.focus_areas.add(FocusAreaFactory())
            publication.tags.add(f"tagg {next(_tag_numbers)}")

    return publication.get_absolute_url(), grow


def _content_page_detail():
    page = ContentPageFactory(parent=ContentPageFactory())

    def grow(n):
        for _ in range(n):
            PageSectionFactory(page=page)
            KeyFigureFactory(page=page)
            PageLink.objects.create(page=page, title="Länk", url="https://example.se")
            ContentPageFactory(organisation=page.organisation)
            page.publications.add(PublicationFactory())
            page.programmes.add(ProgrammeFactory())
            page.contacts.add(ContactFactory(email="a@example.se"))
            page.focus_areas.add(FocusAreaFactory())

    return page.get_absolute_url(), grow


def _news_list():
    def grow(n):
        for _ in range(n):
            news_item = NewsItemFactory(
                date=datetime.date(2018, 5, 16),
                event=EventFactory(start_date=datetime.date(2018, 5, 16)),
            )
            news_item.municipalities.add(MunicipalityFactory(), MunicipalityFactory())

    return reverse("content:news_list"), grow


def _news_detail():
    news_item = NewsItemFactory(event=EventFactory())

    def grow(n):
        news_item.municipalities.add(*(MunicipalityFactory() for _ in range(n)))

    return news_item.get_absolute_url(), grow


def _event_detail():
    event = EventFactory(start_date=datetime.date(2018, 5, 16), municipality=MunicipalityFactory())

    def grow(n):
        for _ in range(n):
            event.organisers.add(OrganisationFactory())
            event.programmes.add(ProgrammeFactory())
            NewsItemFactory(event=event)

    return event.get_absolute_url(), grow


QUERY_SCENARIOS = {
    "home": _home,
    "organisation_list": _organisation_list,
    "organisation_detail": _organisation_detail,
    "programme_list": _programme_list,
    "programme_detail": _programme_detail,
    "focus_area_detail": _focus_area_detail,
    "publication_list": _publication_list,
    "publication_detail": _publication_detail,
    "content_page_detail": _content_page_detail,
    "news_list": _news_list,
    "news_detail": _news_detail,
    "event_detail": _event_detail,
}


# (queries when nothing derived is kept, queries once it is): one query for the page's own
# rows plus one per prefetched relation (lists add a COUNT for pagination). What a page keeps
# under the content version (a list's options, the lists around a programme or publication)
# is read when the version is new, with the next scheduled publication (SCHEDULE_LOOKUPS).
# Update a number only together with the view's select/prefetch declaration.
EXPECTED_QUERIES = {
    "home": (7 + SCHEDULE_LOOKUPS, 0),
    "organisation_list": (1, 1),
    "organisation_detail": (11, 11),
    "programme_list": (5 + SCHEDULE_LOOKUPS, 2),
    "programme_detail": (17 + SCHEDULE_LOOKUPS, 1),
    "focus_area_detail": (4, 4),
    "publication_list": (8 + SCHEDULE_LOOKUPS, 4),
    "publication_detail": (5 + SCHEDULE_LOOKUPS, 1),
    "content_page_detail": (9, 9),
    "news_list": (3, 3),
    "news_detail": (2, 2),
    "event_detail": (4, 4),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    url, grow = QUERY_SCENARIOS[name]()
    grow(2)
    with_few = count_queries(client, url)[:2]
    grow(18)  # ten times as many rows
    with_many = count_queries(client, url)[:2]
    assert with_many == with_few, f"{name}: {with_few} queries with 2 rows, {with_many} with 20"
    assert with_few == EXPECTED_QUERIES[name]


def test_detail_pages_show_their_own_tags_in_the_order_they_were_added(client):
    """A programme and a publication with the same id keep their own tags, in the order they
    were added."""
    # The same id in both tables: only the content type tells their tags apart.
    shared_id = 10_000
    publication = PublicationFactory(pk=shared_id)
    programme = ProgrammeFactory(pk=shared_id)
    publication.tags.add("ö-tagg", "a-tagg")
    publication.tags.add("m-tagg")
    programme.tags.add("programtagg")
    programme_page = client.get(programme.get_absolute_url()).content.decode()
    assert "<li>programtagg</li>" in programme_page
    assert "m-tagg" not in programme_page
    page = client.get(publication.get_absolute_url()).content.decode()
    assert page.index("ö-tagg") < page.index("a-tagg") < page.index("m-tagg")
    assert "programtagg" not in page
