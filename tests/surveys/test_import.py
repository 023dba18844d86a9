"""The import of a survey's programmes from CSV and XLSX files built here: one Swedish error
per wrong row, and nothing written until the whole file is valid."""

import io

import pytest
from django.urls import reverse
from import_export.formats import base_formats
from openpyxl import Workbook

from surveys.models import MunicipalProgramme
from surveys.resources import MunicipalProgrammeResource
from tests.surveys.helpers import place, programme, survey

pytestmark = pytest.mark.django_db

HEADER = [
    "Kommunkod",
    "Program",
    "Typ",
    "År",
    "Länk",
    "Handlingsplan",
    "RUS",
    "Mellankommunal samverkan",
    "Hållbarhet",
]
GOOD = [
    [
        "0482",
        "Näringslivsprogram för Flen",
        "näringslivsprogram",
        "2016–2020",
        "https://www.flen.se/program",
        "ja",
        "nej",
        "1",
        "x",
    ],
    [
        "484",
        "Tillväxtstrategi",
        "Tillväxtprogram/-strategi",
        "2017",
        "https://www.eskilstuna.se/strategi",
        "no",
        "yes",
        "0",
        "",
    ],
]


def csv_bytes(rows):
    text = "\n".join(";".join(row) for row in [HEADER, *rows])
    return ("\ufeff" + text).encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def dataset(file_format, rows):
    if file_format == "csv":
        return base_formats.CSV().create_dataset(csv_bytes(rows).decode("utf-8-sig"), delimiter=";")
    return base_formats.XLSX().create_dataset(xlsx_bytes(rows))


@pytest.fixture
def places():
    return place("0482", "Flen"), place("0484", "Eskilstuna")


def run(target, file_format, rows, dry_run=False):
    resource = MunicipalProgrammeResource(survey=target)
    return resource.import_data(
        dataset(file_format, rows), dry_run=dry_run, rollback_on_validation_errors=True
    )


def errors_by_row(result):
    return {
        row.number: " ".join(str(e) for errors in row.error_dict.values() for e in errors)
        for row in result.invalid_rows
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_valid_file_adds_every_row_to_the_chosen_survey(org_a, places, file_format):
    target = survey(org_a)
    # A spreadsheet's empty trailing line is left out.
    result = run(target, file_format, [*GOOD, [""] * len(HEADER)])
    assert not result.has_errors() and not result.has_validation_errors()
    flen, eskilstuna = MunicipalProgramme.objects.filter(survey=target).order_by(
        "municipality__code"
    )
    assert (flen.municipality.name, flen.kind, flen.start_year, flen.end_year) == (
        "Flen",
        "naringsliv",
        2016,
        2020,
    )
    assert (flen.refers_to_action_plan, flen.linked_to_rus) == (True, False)
    assert (flen.linked_to_intermunicipal, flen.emphasises_sustainability) == (True, True)
    # "484" from a spreadsheet that dropped the leading zero.
    assert (eskilstuna.municipality.code, eskilstuna.kind) == ("0484", "tillvaxt")
    assert (eskilstuna.start_year, eskilstuna.end_year) == (2017, 2017)
    assert (eskilstuna.linked_to_rus, eskilstuna.emphasises_sustainability) == (True, False)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_each_wrong_row_has_its_swedish_error_and_nothing_is_written(org_a, places, file_format):
    target = survey(org_a)
    programme(target, places[1], name="Redan sparat program")
    bad = [
        GOOD[0],
        [
            "9999",
            "Program",
            "näringslivsprogram",
            "2017",
            "https://x.example.org/",
            "ja",
            "nej",
            "nej",
            "nej",
        ],
        [GOOD[0][0], GOOD[0][1].upper(), *GOOD[0][2:]],
        [
            "0482",
            "Annat program",
            "näringslivsprogram",
            "2017",
            "inte en adress",
            "ja",
            "nej",
            "nej",
            "nej",
        ],
        [
            "0482",
            "Tredje",
            "strategi för allt",
            "2017",
            "https://x.example.org/",
            "ja",
            "nej",
            "nej",
            "nej",
        ],
        [
            "0482",
            "Fjärde",
            "annat namn",
            "tjugohundra",
            "https://x.example.org/",
            "ja",
            "nej",
            "nej",
            "nej",
        ],
        [
            "0482",
            "Femte",
            "annat namn",
            "2020–2016",
            "https://x.example.org/",
            "ja",
            "nej",
            "nej",
            "nej",
        ],
        [
            "0484",
            "Redan sparat program",
            "annat",
            "2017",
            "https://x.example.org/",
            "ja",
            "nej",
            "nej",
            "nej",
        ],
        [
            "0482",
            "Sjätte",
            "annat",
            "2017",
            "https://x.example.org/",
            "kanske",
            "nej",
            "nej",
            "nej",
        ],
    ]
    for dry_run in (True, False):
        result = run(target, file_format, bad, dry_run=dry_run)
        errors = errors_by_row(result)
        assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8, 9]
        assert "Det finns ingen kommun med kommunkoden ”9999”" in errors[2]
        assert "Samma kommun och program finns redan på rad 1 i filen" in errors[3]
        assert "Fyll i en giltig URL" in errors[4]
        assert "Okänd typ ”strategi för allt”" in errors[5]
        assert "Skriv åren som 2017, 2016–2020 eller 2018–" in errors[6]
        assert "Slutåret i ”2020–2016” är tidigare än startåret" in errors[7]
        assert "Kommunen har redan ett program med det namnet i inventeringen" in errors[8]
        assert "Skriv ja eller nej" in errors[9]
        # All or nothing: the valid first row is not written either.
        assert list(MunicipalProgramme.objects.values_list("name", flat=True)) == [
            "Redan sparat program"
        ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_admin_import_checks_the_file_then_saves_it_on_confirmation(
    admin_client, org_a, places, file_format
):
    target = survey(org_a)
    url = reverse("admin:surveys_municipalprogramme_import")
    format_field = admin_client.get(url).context["form"].fields["format"]
    choices = {label: value for value, label in format_field.choices}
    build = csv_bytes if file_format == "csv" else xlsx_bytes

    def post(rows):
        # CSV with semicolons, as Excel with Swedish settings saves it.
        upload = io.BytesIO(build(rows))
        upload.name = f"program.{file_format}"
        return admin_client.post(
            url, {"survey": target.pk, "format": choices[file_format], "import_file": upload}
        )

    wrong = ["9999", "X", "annat", "2017", "https://x.example.org/", "", "", "", ""]
    response = post([*GOOD, wrong])
    content = response.content.decode()
    assert "Rader med fel" in content
    assert "Kommunkod: Det finns ingen kommun med kommunkoden ”9999”" in content
    assert "Bekräfta importen" not in content
    assert not MunicipalProgramme.objects.exists()

    response = post([*GOOD, [""] * len(HEADER)])
    content = response.content.decode()
    assert "Filen är rätt: 2 program läggs till" in content
    assert not MunicipalProgramme.objects.exists()
    confirm = response.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    response = admin_client.post(reverse("admin:surveys_municipalprogramme_process_import"), data)
    assert response.status_code == 302
    assert MunicipalProgramme.objects.filter(survey=target).count() == 2
