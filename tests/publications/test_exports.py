"""Publication lists as files: the public "Ladda ner listan" links, the printable reference
list, ``manage.py export_publications`` and the admin's export (django-import-export).

Every file is parsed back and compared with rows computed here, independently of
publications/exports.py, from the queryset the filters select."""

import csv
import datetime
import io
import json
import zipfile
from unittest import mock

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publications import exports
from publications.choices import PublicationKind
from publications.filters import NEWEST_FIRST
from publications.models import Publication
from publishing.choices import PublishState
from tests.editors import login_editor
from tests.factories import (
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PUBLIC_KEYS = [column.key for column in exports.COLUMNS]
STAFF_KEYS = [column.key for column in exports.STAFF_COLUMNS]
PUBLIC_HEADERS = [
    "Titel",
    "Typ",
    "Utgivningsdatum",
    "Utgivningsår",
    "Utgivande organisationer",
    "Program",
    "Fokusområden",
    "Nyckelord",
    "Sammanfattning",
    "Webbadress",
    "Fil",
    "Filformat",
    "Filstorlek (byte)",
    "Antal sidor",
    "Filens språk",
    "Extern länk",
]
STAFF_HEADERS = [*PUBLIC_HEADERS, "Publiceringsstatus", "Senast ändrad"]
DATE_KEYS = {"publication_date"}
INT_KEYS = {"year", "file_size", "file_page_count"}
FORMULA_TITLE = '=HYPERLINK("http://example.com/?x=1";"Klicka")'


# --- data ------------------------------------------------------------------------------------


@pytest.fixture
def catalogue():
    """Published publications from two organisations, 2016–2019 and one without a year, and
    a draft, an unpublished and a scheduled one that visitors must never get."""
    tillvaxtverket = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket")
    ostergotland = OrganisationFactory(
        name="Länsstyrelsen Östergötland", slug="lansstyrelsen-ostergotland"
    )
    aland = OrganisationFactory(name="Ålands landskapsregering", slug="aland")
    programme = ProgrammeFactory(
        title="Jämställd regional tillväxt", slug="jamstalld", start_year=2016, end_year=2018
    )
    hidden_programme = ProgrammeFactory(
        title="Hemligt utkastprogram", slug="hemligt", publish_state=PublishState.DRAFT
    )
    area = FocusAreaFactory(name="Kvinnors företagande", slug="kvinnors-foretagande")

    plan = PublicationFactory(
        title="Handlingsplan för jämställd tillväxt 2016–2018",
        slug="handlingsplan",
        kind=PublicationKind.ACTION_PLAN,
        publication_date=datetime.date(2017, 3, 15),
        organisations=[ostergotland, tillvaxtverket],
        summary="<p>Om <strong>kvinnors</strong> företagande &amp; tillväxt i länet.</p>",
        external_url="https://www.example.se/plan",
    )
    plan.programmes.set([programme, hidden_programme])
    plan.focus_areas.set([area])
    plan.tags.add("jämställdhet", "tillväxt", "landsbygd")

    report = PublicationFactory(
        title=FORMULA_TITLE,
        slug="formel",
        kind=PublicationKind.REPORT,
        year=2018,
        organisations=[tillvaxtverket],
        summary="<p>+46 8 123 45 67 är numret.</p>",
    )
    report.tags.add("@konto")
    report.programmes.set([programme])

    analysis = PublicationFactory(
        title="Analys av attraktionskraft",
        slug="analys",
        kind=PublicationKind.ANALYSIS,
        year=2019,
        organisations=[aland],
        summary="",
    )
    # A stored file as the form would record it (the upload path is tested in test_uploads).
    Publication.objects.filter(pk=analysis.pk).update(
        file="publikationer/analys.pdf",
        file_size=123456,
        file_format="PDF",
        file_page_count=48,
        file_language="sv-SE",
    )

    PublicationFactory(
        title="Strategi utan år",
        slug="strategi",
        kind=PublicationKind.STRATEGY,
        year=None,
        organisations=[ostergotland],
    )
    PublicationFactory(
        title="Rapport 2016",
        slug="rapport-2016",
        kind=PublicationKind.REPORT,
        year=2016,
        organisations=[tillvaxtverket],
    )

    # Never in a public file.
    PublicationFactory(
        title="Utkast som inte är klart",
        slug="utkast",
        publish_state=PublishState.DRAFT,
        organisations=[tillvaxtverket],
    )
    PublicationFactory(
        title="Schemalagd rapport",
        slug="schemalagd",
        publish_from=timezone.now() + datetime.timedelta(days=3),
        organisations=[tillvaxtverket],
    )
    return {
        "tillvaxtverket": tillvaxtverket,
        "programme": programme,
        "area": area,
    }


HIDDEN_TITLES = {"Utkast som inte är klart", "Schemalagd rapport"}


# --- what the files must hold, computed independently ---------------------------------------


def expected_row(publication, staff=False):
    programmes = publication.programmes.all() if staff else publication.programmes.published()
    row = {
        "title": publication.title,
        "type": str(publication.get_kind_display()),
        "publication_date": publication.publication_date,
        "year": publication.year,
        "organisations": "; ".join(sorted(o.name for o in publication.organisations.all())),
        "programmes": "; ".join(
            sorted(f"{p.title} ({p.start_year}–{p.end_year})" for p in programmes)
        ),
        "focus_areas": "; ".join(sorted(a.name for a in publication.focus_areas.all())),
        "tags": "; ".join(sorted(t.name for t in publication.tags.all())),
        "summary": " ".join(
            publication.summary.replace("<p>", "")
            .replace("</p>", "")
            .replace("<strong>", "")
            .replace("</strong>", "")
            .replace("&amp;", "&")
            .split()
        ),
        "url": f"{BASE}/publikationer/{publication.slug}/",
        "file_url": f"{BASE}/media/{publication.file.name}" if publication.file else "",
        "file_format": publication.file_format,
        "file_size": publication.file_size,
        "file_page_count": publication.file_page_count,
        "file_language": {"sv-SE": "svenska", "": ""}[publication.file_language],
        "external_url": publication.external_url,
    }
    if staff:
        row["publishing_state"] = str(publication.publishing_display)
        row["updated_at"] = timezone.localtime(publication.updated_at).replace(
            tzinfo=None, second=0, microsecond=0
        )
    return row


def expected_rows(queryset, staff=False):
    return [expected_row(p, staff) for p in queryset.order_by(*NEWEST_FIRST).distinct()]


# --- parsing the files back ------------------------------------------------------------------


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _typed(key, value):
    """A CSV cell back as the value it was written from."""
    if value == "":
        return None if key in DATE_KEYS | INT_KEYS | {"updated_at"} else ""
    if key in DATE_KEYS:
        return datetime.date.fromisoformat(value)
    if key in INT_KEYS:
        return int(value)
    if key == "updated_at":
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M")
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return value[1:]  # the neutralising apostrophe
    return value


def parse(file_format, data, keys):
    """The rows of an exported file as dictionaries keyed like ``keys``."""
    if file_format == "csv":
        assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
        reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
        header, *rows = list(reader)
        assert header == (STAFF_HEADERS if keys == STAFF_KEYS else PUBLIC_HEADERS)
        return [
            {key: _typed(key, value) for key, value in zip(keys, row, strict=True)} for row in rows
        ]
    if file_format == "json":
        items = json.loads(data.decode("utf-8"))
        for item in items:
            assert list(item) == keys
            if item["publication_date"]:
                item["publication_date"] = datetime.date.fromisoformat(item["publication_date"])
            if "updated_at" in item:
                item["updated_at"] = datetime.datetime.fromisoformat(item["updated_at"])
        return items
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == (STAFF_HEADERS if keys == STAFF_KEYS else PUBLIC_HEADERS)
    parsed = []
    for row in rows:
        item = {}
        for key, value in zip(keys, row, strict=True):
            if key in DATE_KEYS and value is not None:
                assert isinstance(value, datetime.datetime), f"{key} is not a date cell"
                value = value.date()
            elif key in INT_KEYS and value is not None:
                assert isinstance(value, int), f"{key} is not a number cell"
            elif value is None and key not in DATE_KEYS | INT_KEYS | {"updated_at"}:
                value = ""
            item[key] = value
        parsed.append(item)
    return parsed


def comparable(rows):
    """Drops seconds from ``updated_at`` (CSV shows minutes) so every format compares."""
    for row in rows:
        if row.get("updated_at"):
            row["updated_at"] = row["updated_at"].replace(second=0, microsecond=0)
    return rows


# --- the public download ---------------------------------------------------------------------

FILTERS = [
    ({}, {}),
    ({"organisation": "tillvaxtverket"}, {"organisations__slug": "tillvaxtverket"}),
    ({"type": "report"}, {"kind": "report"}),
    ({"year_from": "2017", "year_to": "2018"}, {"year__gte": 2017, "year__lte": 2018}),
    ({"programme": "jamstalld"}, {"programmes__slug": "jamstalld"}),
    ({"focus_area": "kvinnors-foretagande"}, {"focus_areas__slug": "kvinnors-foretagande"}),
    ({"tag": "landsbygd"}, {"tags__slug": "landsbygd"}),
    ({"q": "attraktionskraft"}, {"title__icontains": "attraktionskraft"}),
]


def export_url(file_format, params=None):
    url = reverse("publications:publication_export", kwargs={"file_format": file_format})
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(("params", "lookups"), FILTERS, ids=lambda v: str(v) or "all")
def test_public_download_parses_back_to_the_filtered_published_list(
    client, catalogue, file_format, params, lookups
):
    response = client.get(export_url(file_format, params))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(exports.Format.CONTENT_TYPES[file_format])
    assert response["Content-Disposition"].startswith("attachment;")
    rows = parse(file_format, body(response), PUBLIC_KEYS)
    expected = expected_rows(Publication.objects.published().filter(**lookups))
    assert expected, "each filter must select something"
    assert rows == expected
    assert not HIDDEN_TITLES & {row["title"] for row in rows}


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_public_download_never_holds_drafts_scheduled_items_or_hidden_programmes(
    client, catalogue, file_format
):
    content = body(client.get(export_url(file_format, {"organisation": "tillvaxtverket"})))
    if file_format == "xlsx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    text = content.decode("utf-8", errors="replace")
    assert "Jämställd regional tillväxt (2016–2018)" in text
    for hidden in [*HIDDEN_TITLES, "Hemligt utkastprogram", "Publiceringsstatus", "Utkast"]:
        assert hidden not in text


def test_public_download_of_a_sorted_list_keeps_the_order(client, catalogue):
    rows = parse("json", body(client.get(export_url("json", {"sort": "title"}))), PUBLIC_KEYS)
    assert [row["title"] for row in rows] == list(
        Publication.objects.published().order_by("title", "pk").values_list("title", flat=True)
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_swedish_letters_and_the_en_dash_survive_every_format(client, catalogue, file_format):
    rows = parse(
        file_format,
        body(client.get(export_url(file_format, {"programme": "jamstalld"}))),
        PUBLIC_KEYS,
    )
    plan = next(row for row in rows if row["title"].startswith("Handlingsplan"))
    assert plan["title"] == "Handlingsplan för jämställd tillväxt 2016–2018"
    assert plan["organisations"] == "Länsstyrelsen Östergötland; Tillväxtverket"
    assert plan["programmes"] == "Jämställd regional tillväxt (2016–2018)"
    assert plan["summary"] == "Om kvinnors företagande & tillväxt i länet."


def test_xlsx_has_real_date_and_number_cells(client, catalogue):
    workbook = openpyxl.load_workbook(io.BytesIO(body(client.get(export_url("xlsx")))))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    date_column = header.index("Utgivningsdatum") + 1
    year_column = header.index("Utgivningsår") + 1
    size_column = header.index("Filstorlek (byte)") + 1
    dates = [
        row[date_column - 1] for row in sheet.iter_rows(min_row=2) if row[date_column - 1].value
    ]
    assert dates and all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in dates)
    years = [
        row[year_column - 1] for row in sheet.iter_rows(min_row=2) if row[year_column - 1].value
    ]
    assert years and all(cell.data_type == "n" for cell in years)
    sizes = [row[size_column - 1].value for row in sheet.iter_rows(min_row=2)]
    assert 123456 in sizes
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_formulas_are_neutralised_in_csv_and_xlsx(client, trigger):
    dangerous = f"{trigger}cmd|' /C calc'!A0"
    organisation = OrganisationFactory(name=f"{trigger}SUM(1+1)", slug="farlig")
    publication = PublicationFactory(title=dangerous, organisations=[organisation])
    publication.tags.add(f"{trigger}taggen")

    csv_text = body(client.get(export_url("csv"))).decode("utf-8-sig")
    cells = next(csv.reader(io.StringIO(csv_text, newline=""), delimiter=";"))  # header
    rows = list(csv.reader(io.StringIO(csv_text, newline=""), delimiter=";"))[1:]
    assert cells[0] == "Titel"
    (row,) = rows
    for cell in (row[0], row[4], row[7]):  # title, organisations, tags
        assert cell.startswith("'" + trigger), repr(cell)
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row if cell)

    data = body(client.get(export_url("xlsx")))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    for cell in (sheet["A2"], sheet["E2"], sheet["H2"]):
        assert cell.data_type == "s"
        assert cell.quotePrefix, "Excel must keep the cell as text, also when it is edited"
        assert cell.value.startswith(trigger) or trigger == "\r"


@pytest.mark.parametrize("title", ["\x01=1+1", "\x0b+1", "\x1f@SUM(A1)"])
def test_a_formula_behind_a_control_character_is_still_neutralised_in_xlsx(client, title):
    # XML cannot carry the control character, so it is dropped; what is left starts a formula.
    PublicationFactory(title=title)
    data = body(client.get(export_url("xlsx")))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    cell = openpyxl.load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.value == title[1:]
    assert cell.data_type == "s" and cell.quotePrefix


def test_file_names_say_what_the_list_holds_and_when_it_was_made(client, catalogue):
    with mock.patch(
        "publications.views.timezone.localdate", return_value=datetime.date(2026, 11, 21)
    ):
        names = {
            file_format: client.get(
                export_url(
                    file_format,
                    {"organisation": "tillvaxtverket", "year_from": 2018, "year_to": 2018},
                )
            )["Content-Disposition"]
            for file_format in ("csv", "xlsx", "json")
        }
        plain = client.get(export_url("csv"))["Content-Disposition"]
        ranged = client.get(
            export_url("csv", {"type": "report", "year_from": 2016, "year_to": 2018})
        )
    assert 'filename="publikationer-tillvaxtverket-2018-2026-11-21.xlsx"' in names["xlsx"]
    assert 'filename="publikationer-tillvaxtverket-2018-2026-11-21.csv"' in names["csv"]
    assert 'filename="publikationer-tillvaxtverket-2018-2026-11-21.json"' in names["json"]
    assert 'filename="publikationer-2026-11-21.csv"' in plain
    assert (
        'filename="publikationer-rapport-2016-2018-2026-11-21.csv"' in ranged["Content-Disposition"]
    )


@pytest.mark.parametrize(
    "params",
    [
        {"organisation": "finns-inte"},
        {"year_from": "20x8"},
        {"type": "roman"},
        {"year_from": 2019, "year_to": 2016},
    ],
)
def test_a_wrong_filter_answers_400_with_the_message_and_no_file(client, catalogue, params):
    response = client.get(export_url("csv", params))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    content = response.content.decode()
    assert "Listan kunde inte skapas" in content
    assert "Tillbaka till publikationerna och filtren" in content


def test_an_unknown_format_is_404(client, catalogue):
    assert client.get("/publikationer/ladda-ner.pdf").status_code == 404


def test_the_list_offers_the_downloads_for_the_current_filters(client, catalogue):
    content = client.get("/publikationer/", {"organisation": "tillvaxtverket", "page": 1}).content
    content = content.decode()
    assert "Ladda ner listan" in content
    for file_format in ("xlsx", "csv", "json"):
        assert (
            f'href="/publikationer/ladda-ner.{file_format}?organisation=tillvaxtverket"' in content
        )
    assert 'href="/publikationer/utskrift/?organisation=tillvaxtverket"' in content


# --- streaming -------------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_csv_and_json_stream_rows_read_in_chunks(client, file_format):
    organisation = OrganisationFactory()
    for number in range(5):
        PublicationFactory(title=f"Rapport {number}", organisations=[organisation])

    with (
        mock.patch.object(exports, "CHUNK_SIZE", 2),
        mock.patch.object(connection, "chunked_cursor", wraps=connection.chunked_cursor) as spy,
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(export_url(file_format))
        assert response.streaming
        assert not spy.called, "no rows may be read before the response is streamed"
        rows = parse(file_format, body(response), PUBLIC_KEYS)

    assert len(rows) == 5
    assert spy.called, "rows must be read through the database's chunked (server-side) cursor"
    organisation_loads = [
        q
        for q in queries.captured_queries
        if 'FROM "publications_publication_organisations"' in q["sql"]
    ]
    # Five rows in chunks of two: the publishers are loaded three times, once per chunk.
    assert len(organisation_loads) == 3


def test_xlsx_is_written_with_a_write_only_workbook(client, catalogue):
    with mock.patch("openpyxl.Workbook", wraps=openpyxl.Workbook) as workbook:
        response = client.get(export_url("xlsx"))
        body(response)
    workbook.assert_called_once_with(write_only=True)


@pytest.fixture
def add_linked_publications():
    """Adds publications with a publisher, a programme, a focus area and a tag each."""
    organisation = OrganisationFactory()
    programme = ProgrammeFactory()
    area = FocusAreaFactory()

    def add(count):
        for _ in range(count):
            publication = PublicationFactory(organisations=[organisation])
            publication.programmes.set([programme])
            publication.focus_areas.set([area])
            publication.tags.add("tillväxt")

    return add


def test_queries_do_not_grow_with_the_rows(client, add_linked_publications):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            body(client.get(export_url("csv")))
        return len(queries)

    add_linked_publications(3)
    few = count_queries()
    add_linked_publications(30)
    assert count_queries() == few


# --- the printable list ----------------------------------------------------------------------


def print_groups(content):
    import re

    return [
        heading.strip()
        for heading in re.findall(r'<h2 id="group-\d+">(.*?)</h2>', content, flags=re.S)
    ]


def test_the_printable_list_groups_by_year_newest_first(client, catalogue):
    response = client.get(reverse("publications:publication_print"), {"sort": "title"})
    assert response.status_code == 200
    content = response.content.decode()
    assert print_groups(content) == ["2019", "2018", "2017", "2016", "Utan år"]
    assert (
        "Länsstyrelsen Östergötland, Tillväxtverket (2017). "
        "<cite>Handlingsplan för jämställd tillväxt 2016–2018</cite>. Handlingsplan. "
        '<a href="http://testserver/publikationer/handlingsplan/">'
        "http://testserver/publikationer/handlingsplan/</a>"
    ) in content
    for hidden in HIDDEN_TITLES:
        assert hidden not in content
    assert 'href="/static/css/print.css"' in content
    assert '<meta name="robots" content="noindex">' in content


def test_the_printable_list_groups_by_organisation_in_swedish_order(client, catalogue):
    response = client.get(
        reverse("publications:publication_print"),
        {"gruppera": "organisation", "type": "action_plan"},
    )
    content = response.content.decode()
    # A publication with two publishers is listed under each.
    assert print_groups(content) == ["Länsstyrelsen Östergötland", "Tillväxtverket"]
    assert content.count("<cite>Handlingsplan för jämställd tillväxt 2016–2018</cite>") == 2

    everything = client.get(reverse("publications:publication_print"), {"gruppera": "organisation"})
    # Å after T in Swedish (not before L, as a code-point sort of "å" would not give either).
    assert print_groups(everything.content.decode()) == [
        "Länsstyrelsen Östergötland",
        "Tillväxtverket",
        "Ålands landskapsregering",
    ]


def test_the_printable_list_keeps_the_filters_in_its_links(client, catalogue):
    content = client.get(
        reverse("publications:publication_print"), {"organisation": "tillvaxtverket"}
    ).content.decode()
    assert 'href="?organisation=tillvaxtverket&amp;gruppera=organisation"' in content
    assert 'href="/publikationer/?organisation=tillvaxtverket"' in content
    assert "Schemalagd rapport" not in content


def test_print_css_is_for_a4_and_hides_the_site_around_the_list(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("css/print.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert "size: A4" in css
    assert "@media print" in css
    print_rules = css.split("@media print", 1)[1]
    for selector in (".site-header", ".site-footer", ".skip-link", ".screen-only"):
        assert selector in print_rules
    assert "break-inside: avoid" in print_rules


@pytest.mark.parametrize(
    "params", [{"gruppera": "titel"}, {"year_from": "tvåtusen"}, {"organisation": "nej"}]
)
def test_the_printable_list_refuses_wrong_values_with_400(client, catalogue, params):
    response = client.get(reverse("publications:publication_print"), params)
    assert response.status_code == 400
    assert "Listan kunde inte skapas" in response.content.decode()


def test_a_very_long_printable_list_is_cut_with_a_message(client, catalogue):
    with mock.patch("publications.views.PRINT_LIMIT", 2):
        content = client.get(reverse("publications:publication_print")).content.decode()
    assert content.count("<cite>") == 2
    assert "Listan visar de första 2 publikationerna" in content


# --- the command line ------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def run_export(*args, stdout=None, stderr=None):
    return call_command(
        "export_publications",
        *args,
        "--base-url",
        BASE,
        stdout=stdout or io.StringIO(),
        stderr=stderr or io.StringIO(),
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    ("args", "lookups"),
    [
        ([], {}),
        (["--organisation", "tillvaxtverket"], {"organisations__slug": "tillvaxtverket"}),
        (["--type", "report"], {"kind": "report"}),
        (["--type", "Handlingsplan"], {"kind": "action_plan"}),
        (["--year-from", "2017", "--year-to", "2018"], {"year__gte": 2017, "year__lte": 2018}),
        (["--programme", "jamstalld"], {"programmes__slug": "jamstalld"}),
        (["--focus-area", "kvinnors-foretagande"], {"focus_areas__slug": "kvinnors-foretagande"}),
        (["--tag", "landsbygd"], {"tags__slug": "landsbygd"}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_the_command_writes_the_filtered_published_list(
    tmp_path, catalogue, file_format, args, lookups
):
    output = tmp_path / f"lista.{file_format}"
    run_export("--format", file_format, "--output", str(output), *args)

    rows = parse(file_format, output.read_bytes(), PUBLIC_KEYS)
    assert rows == expected_rows(Publication.objects.published().filter(**lookups))
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_the_command_includes_drafts_with_their_state_when_asked(tmp_path, catalogue, file_format):
    output = tmp_path / f"alla.{file_format}"
    run_export("--format", file_format, "--output", str(output), "--include-unpublished")

    rows = comparable(parse(file_format, output.read_bytes(), STAFF_KEYS))
    assert rows == expected_rows(Publication.objects.all(), staff=True)
    states = {row["title"]: row["publishing_state"] for row in rows}
    assert states["Utkast som inte är klart"] == "Utkast"
    assert states["Schemalagd rapport"] == "Schemalagd"
    assert states["Rapport 2016"] == "Publicerad"


def test_the_command_writes_csv_and_json_to_standard_output(catalogue):
    stdout = io.StringIO()
    run_export("--format", "csv", "--organisation", "tillvaxtverket", stdout=stdout)
    text = stdout.getvalue()
    assert text.startswith("\ufeffTitel;Typ;")
    assert "Schemalagd rapport" not in text

    stdout = io.StringIO()
    run_export("--format", "json", "--type", "analysis", stdout=stdout)
    assert [item["title"] for item in json.loads(stdout.getvalue())] == [
        "Analys av attraktionskraft"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--organisation", "finns-inte"],
            "--organisation: no organisation with the slug 'finns-inte'",
        ),
        (["--type", "roman"], "--type: unknown publication type 'roman'"),
        (["--year-from", "20x8"], "--year-from: '20x8' is not a year"),
        (["--year-to", "1200"], "--year-to: '1200' is not a year"),
        (["--year-to", "²"], "--year-to: '²' is not a year"),
        (["--programme", "hemligt"], "--programme: no public programme with the slug 'hemligt'"),
        (["--year-from", "2019", "--year-to", "2016"], "--year-to:"),
        (["--format", "xlsx"], "XLSX is not written to a terminal"),
    ],
)
def test_bad_input_exits_with_code_2_and_a_clear_message(tmp_path, catalogue, args, message):
    output = tmp_path / "lista.csv"
    arguments = args if "--format" in args else ["--format", "csv", "--output", str(output), *args]
    with pytest.raises(CommandError) as error:
        run_export(*arguments, stdout=FakeTerminal())
    assert error.value.returncode == 2
    assert message in str(error.value)
    assert not output.exists()


@pytest.mark.parametrize("target", ["saknas/lista.csv", "."])
def test_an_output_that_is_not_a_writable_file_exits_with_code_2(tmp_path, catalogue, target):
    with pytest.raises(CommandError) as error:
        run_export("--format", "csv", "--output", str(tmp_path / target))
    assert error.value.returncode == 2
    assert "--output:" in str(error.value)


def test_the_command_shows_progress_on_an_interactive_terminal_only(tmp_path, catalogue):
    terminal = FakeTerminal()
    run_export("--format", "csv", "--output", str(tmp_path / "a.csv"), stderr=terminal)
    shown = terminal.getvalue()
    count = Publication.objects.published().count()
    assert f"\rExporting [{'#' * 30}] {count}/{count} (100%)" in shown
    assert "\rExporting [" + "-" * 30 + f"] 0/{count} (0%)" in shown

    piped = io.StringIO()
    run_export("--format", "csv", "--output", str(tmp_path / "b.csv"), stderr=piped)
    assert piped.getvalue() == ""


# --- the admin -------------------------------------------------------------------------------

EXPORT_URL = "/admin/publications/publication/export/"
CHANGELIST_URL = "/admin/publications/publication/"
ADMIN_FORMATS = {"csv": "0", "xlsx": "1", "json": "2"}


def admin_export(client, file_format, query=""):
    response = client.post(
        EXPORT_URL + query, {"format": ADMIN_FORMATS[file_format], "resource": "0"}
    )
    assert response.status_code == 200, response.content[:500]
    return response


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "x"))
    return client


def test_the_admin_export_page_is_swedish_and_offers_the_three_formats(superuser_client, catalogue):
    changelist = superuser_client.get(CHANGELIST_URL, {"kind__exact": "report"}).content.decode()
    assert f'href="{EXPORT_URL}?kind__exact=report"' in changelist
    assert ">Exportera</a>" in changelist
    page = superuser_client.get(EXPORT_URL).content.decode()
    assert "Filformat" in page and 'value="Exportera"' in page
    for title in ("csv", "xlsx", "json"):
        assert f">{title}</option>" in page


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    ("query", "lookups"),
    [
        ("", {}),
        ("?kind__exact=report", {"kind": "report"}),
        ("?publish_state__exact=draft", {"publish_state": "draft"}),
        ("?q=attraktionskraft", {"title__icontains": "attraktionskraft"}),
        (
            "?organisations__id__exact={tillvaxtverket}&year=2018",
            {"organisations__slug": "tillvaxtverket", "year": 2018},
        ),
    ],
)
def test_the_admin_exports_exactly_what_the_changelist_shows(
    superuser_client, catalogue, file_format, query, lookups
):
    query = query.format(tillvaxtverket=catalogue["tillvaxtverket"].pk)
    listed = superuser_client.get(CHANGELIST_URL + query)
    assert listed.status_code == 200
    shown = {publication.pk for publication in listed.context["cl"].queryset}

    response = admin_export(superuser_client, file_format, query)
    assert response["Content-Disposition"].startswith("attachment;")
    rows = comparable(parse(file_format, body(response), STAFF_KEYS))

    expected = expected_rows(Publication.objects.filter(**lookups), staff=True)
    assert sorted(rows, key=lambda row: row["url"]) == sorted(expected, key=lambda row: row["url"])
    assert {row["url"] for row in rows} == {
        f"{BASE}/publikationer/{p.slug}/" for p in Publication.objects.filter(pk__in=shown)
    }


def test_the_admin_exports_the_selected_rows(superuser_client, catalogue):
    chosen = list(Publication.objects.filter(slug__in=["analys", "utkast"]))
    form = superuser_client.post(
        CHANGELIST_URL,
        {"action": "export_admin_action", "_selected_action": [p.pk for p in chosen]},
    )
    assert form.status_code == 200
    assert "2 markerade publikationer exporteras." in form.content.decode()

    response = superuser_client.post(
        EXPORT_URL,
        {"format": ADMIN_FORMATS["json"], "resource": "0", "export_items": [p.pk for p in chosen]},
    )
    rows = parse("json", body(response), STAFF_KEYS)
    assert sorted(row["title"] for row in rows) == sorted(p.title for p in chosen)


@pytest.mark.parametrize(
    "query", ["?updated_at__gte=abc", "?foo=bar", "?organisations__id__exact=abc"]
)
def test_the_admin_export_refuses_wrong_filters_with_400(superuser_client, catalogue, query):
    assert superuser_client.get(EXPORT_URL + query).status_code == 400
    response = superuser_client.post(EXPORT_URL + query, {"format": "0", "resource": "0"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("file_format", ["", "99", "-1", "csv"])
def test_the_admin_export_refuses_an_unknown_format_with_400(
    superuser_client, catalogue, file_format
):
    response = superuser_client.post(EXPORT_URL, {"format": file_format, "resource": "0"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "Filformat" in response.content.decode()


def test_the_export_action_is_named_in_swedish(superuser_client, catalogue):
    changelist = superuser_client.get(CHANGELIST_URL).content.decode()
    assert "Exportera markerade publikationer" in changelist


def test_staff_with_the_export_permission_but_no_change_rights_can_export(
    client, django_user_model, catalogue
):
    from django.contrib.auth.models import Permission

    # A report writer at Tillväxtverket: may view and export its publications, not change them.
    reader = django_user_model.objects.create_user("lasare", "l@example.org", "x", is_staff=True)
    reader.user_permissions.add(
        Permission.objects.get(codename="view_publication"),
        Permission.objects.get(codename="export_publication"),
    )
    catalogue["tillvaxtverket"].editors.add(reader)
    client.force_login(reader)

    changelist = client.get(CHANGELIST_URL)
    assert not changelist.context["has_add_permission"]
    assert ">Exportera</a>" in changelist.content.decode()
    rows = parse("csv", body(admin_export(client, "csv")), STAFF_KEYS)
    expected = Publication.objects.filter(organisations=catalogue["tillvaxtverket"])
    assert sorted(row["title"] for row in rows) == sorted(p.title for p in expected)
    publication = expected.first()
    change_url = reverse("admin:publications_publication_change", args=[publication.pk])
    assert not client.get(change_url).context["has_change_permission"]


def test_staff_without_the_export_permission_cannot_export(client, django_user_model, catalogue):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("tittare", "t@example.org", "x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_publication"))
    client.force_login(viewer)

    assert ">Exportera</a>" not in client.get(CHANGELIST_URL).content.decode()
    assert client.get(EXPORT_URL).status_code == 403
    assert client.post(EXPORT_URL, {"format": "0", "resource": "0"}).status_code == 403
    assert "export_admin_action" not in client.get(CHANGELIST_URL).content.decode()


def test_an_editor_exports_only_their_organisations_publications(
    client, django_user_model, catalogue
):
    login_editor(client, django_user_model, "anna", catalogue["tillvaxtverket"])
    rows = parse("json", body(admin_export(client, "json")), STAFF_KEYS)
    expected = Publication.objects.filter(organisations=catalogue["tillvaxtverket"])
    assert sorted(row["title"] for row in rows) == sorted(p.title for p in expected)

    # Selected rows of another organisation are not exported either.
    other = Publication.objects.get(slug="analys")
    response = client.post(EXPORT_URL, {"format": "2", "resource": "0", "export_items": [other.pk]})
    assert "Analys av attraktionskraft" not in response.content.decode()


def test_the_admin_export_loads_relations_in_bulk(superuser_client, add_linked_publications):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            admin_export(superuser_client, "csv")
        return len(queries)

    add_linked_publications(3)
    few = count_queries()
    add_linked_publications(30)
    assert count_queries() == few
