"""Importing the plain CSV format: what is read, what is refused (naming the row), and that
importing is all or nothing and can be repeated."""

from decimal import Decimal

import pytest

from indicators.imports import import_file, plan_file
from indicators.models import ImportBatch, Observation

from . import csv_file, make_indicator, make_regions

pytestmark = pytest.mark.django_db

# The layout of the regional statistics files: region_code, region_name, region_level, year,
# sex, value, unit.
SHARED_LAYOUT = """\
region_code,region_name,region_level,year,sex,value,unit
04,Södermanlands län,lan,2015,kvinnor,141883,antal personer
04,Södermanlands län,lan,2015,män,141829,antal personer
04,Södermanlands län,lan,2015,totalt,283712,antal personer
SE11,Stockholm,nuts2,2016,kvinnor,1539,antal personer
00,Riket,riket,2016,totalt,9995153,antal personer
"""


@pytest.fixture
def regions():
    return make_regions()


@pytest.fixture
def indicator():
    return make_indicator()


def stored(indicator):
    return {
        (o.region.key, o.year, o.sex): o.value
        for o in Observation.objects.filter(indicator=indicator).select_related("region")
    }


def test_the_shared_files_layout_imports_as_it_is(regions, indicator, django_user_model):
    user = django_user_model.objects.create_user("anna")
    plan = import_file(indicator, csv_file(SHARED_LAYOUT), file_name="folkmangd.csv", user=user)

    assert plan.is_valid
    assert (plan.added, plan.changed, plan.unchanged) == (5, 0, 0)
    assert stored(indicator) == {
        ("04", 2015, "kvinnor"): Decimal("141883"),
        ("04", 2015, "män"): Decimal("141829"),
        ("04", 2015, "totalt"): Decimal("283712"),
        ("SE11", 2016, "kvinnor"): Decimal("1539"),
        ("00", 2016, "totalt"): Decimal("9995153"),
    }
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.file_format, batch.imported_by) == ("folkmangd.csv", "csv", user)
    assert (batch.added, batch.changed, batch.unchanged) == (5, 0, 0)
    assert set(Observation.objects.values_list("batch", flat=True)) == {batch.pk}
    indicator.refresh_from_db()
    assert indicator.imported_at is not None


def test_importing_the_same_file_again_changes_nothing(regions, indicator):
    import_file(indicator, csv_file(SHARED_LAYOUT), file_name="a.csv")
    before = stored(indicator)
    indicator.refresh_from_db()
    imported_at = indicator.imported_at

    again = import_file(indicator, csv_file(SHARED_LAYOUT), file_name="a.csv")

    assert (again.added, again.changed, again.unchanged) == (0, 0, 5)
    assert again.batch is None
    assert stored(indicator) == before
    # Not even a record of the import, nor a new import time on the page.
    assert list(ImportBatch.objects.values_list("added", "changed", "unchanged")) == [(5, 0, 0)]
    indicator.refresh_from_db()
    assert indicator.imported_at == imported_at


def test_a_changed_value_is_found_and_written_and_others_are_left_alone(regions, indicator):
    import_file(indicator, csv_file(SHARED_LAYOUT), file_name="a.csv")
    corrected = (
        "region_code,year,sex,value\n"
        "04,2015,kvinnor,141884\n"  # changed
        "04,2015,män,141829\n"  # unchanged
        "0114,2015,totalt,47000\n"  # new
    )

    plan = import_file(indicator, csv_file(corrected), file_name="b.csv")

    assert (plan.added, plan.changed, plan.unchanged) == (1, 1, 1)
    [change] = plan.changes()
    assert (change.region, change.year, change.sex) == ("Södermanlands län", 2015, "Kvinnor")
    assert (change.old_value, change.new_value) == (Decimal("141883"), Decimal("141884"))
    values = stored(indicator)
    assert values[("04", 2015, "kvinnor")] == Decimal("141884")
    assert values[("0114", 2015, "totalt")] == Decimal("47000")
    # Not in the second file, still stored.
    assert values[("SE11", 2016, "kvinnor")] == Decimal("1539")
    assert len(values) == 6


def test_a_changed_source_is_a_change(regions, indicator):
    import_file(
        indicator, csv_file("region_code,year,sex,value\n01,2020,totalt,5\n"), file_name="a"
    )
    plan = import_file(
        indicator,
        csv_file("region_code,year,sex,value,source_url\n01,2020,totalt,5,https://www.scb.se/t\n"),
        file_name="b",
    )
    assert (plan.added, plan.changed, plan.unchanged) == (0, 1, 0)
    assert Observation.objects.get().source_url == "https://www.scb.se/t"


def test_semicolons_a_decimal_comma_a_bom_and_codes_without_their_leading_zero(regions, indicator):
    text = "Region_Code;Year;Sex;Value\n1;2020;Totalt;12,5\n114;2020;kvinnor;3\n"
    plan = import_file(indicator, csv_file("\ufeff" + text), file_name="excel.csv")

    assert plan.errors.messages == []
    assert stored(indicator) == {
        ("01", 2020, "totalt"): Decimal("12.5"),
        ("0114", 2020, "kvinnor"): Decimal("3"),
    }


def test_the_level_chooses_between_a_county_and_an_fa_region_with_the_same_code(regions, indicator):
    text = "region_code,region_level,year,sex,value\n01,fa,2020,totalt,1\n01,lan,2020,totalt,2\n"
    import_file(indicator, csv_file(text), file_name="a.csv")
    assert stored(indicator) == {("FA01", 2020, "totalt"): 1, ("01", 2020, "totalt"): 2}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("0199,,2020,totalt,1,", "Rad 3: okänd regionkod 0199."),
        ("0114,lan,2020,totalt,1,", "Rad 3: regionkoden 0114 finns inte på nivån lan."),
        ("0114,stad,2020,totalt,1,", "Rad 3: okänd regionnivå stad"),
        ("0114,,1899,totalt,1,", "Rad 3: året 1899 är inte ett heltal mellan 1900 och 2100."),
        ("0114,,2020.5,totalt,1,", "Rad 3: året 2020.5 är inte ett heltal"),
        ("0114,,2020,båda,1,", "Rad 3: okänt kön båda"),
        ("0114,,2020,totalt,..,", "Rad 3: värdet ”..” är inte ett tal"),
        ("0114,,2020,totalt,-,", "Rad 3: värdet ”-” är inte ett tal"),
        ("0114,,2020,totalt,,", "Rad 3: värdet ”” är inte ett tal"),
        ("0114,,2020,totalt,tolv,", "Rad 3: värdet ”tolv” är inte ett tal"),
        ("0114,,2020,totalt,1,procent", "Rad 3: enheten procent stämmer inte med indikatorns"),
        ("0114,,2020,totalt", "Rad 3: raden har 4 fält men rubrikraden 6."),
        ("0480,,2020,totalt,2,", "Rad 3: samma region, år och kön som Rad 2."),
    ],
)
def test_each_bad_row_is_named_and_nothing_is_written(regions, indicator, row, message):
    text = f"region_code,region_level,year,sex,value,unit\n0480,,2020,totalt,1,\n{row}\n"

    plan = import_file(indicator, csv_file(text), file_name="bad.csv")

    assert not plan.is_valid
    assert plan.errors.count == 1
    assert plan.errors.messages[0].startswith(message)
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_missing_required_column_is_named(regions, indicator):
    plan = plan_file(indicator, csv_file("region_code,year,value\n01,2020,1\n"))
    assert plan.errors.messages == [
        "Rubrikraden saknar kolumnerna sex. Den ska ha region_code, year, sex, value."
    ]


def test_a_file_that_is_not_utf8_is_refused(regions, indicator):
    plan = plan_file(indicator, csv_file("region_code,year,sex,value\n01,2020,män,1\n", "latin-1"))
    assert plan.errors.count == 1
    assert "UTF-8" in plan.errors.messages[0]


def test_the_errors_reported_are_capped(regions, indicator):
    rows = "".join(f"9999,2020,totalt,{n}\n" for n in range(250))
    plan = plan_file(indicator, csv_file("region_code,year,sex,value\n" + rows))

    assert plan.errors.count == 250
    assert len(plan.errors.messages) == 100
    assert plan.errors.more == 150
    assert plan.errors.messages[0] == "Rad 2: okänd regionkod 9999."


def many_rows(years, value=1, bad_year=None):
    lines = ["region_code,year,sex,value"]
    for year in years:
        for sex in ("kvinnor", "män", "totalt"):
            lines.append(f"01,{'tjugo' if year == bad_year else year},{sex},{value}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 4 rows, so that a small file spans many of them."""
    from indicators.imports import plan

    monkeypatch.setattr(plan, "CHUNK", 4)


def test_a_file_is_compared_and_written_chunk_by_chunk(regions, indicator, small_chunks):
    import_file(indicator, csv_file(many_rows(range(2000, 2010))), file_name="a.csv")
    assert Observation.objects.filter(indicator=indicator).count() == 30
    plan = import_file(
        indicator, csv_file(many_rows(range(2005, 2015), value=2)), file_name="b.csv"
    )
    assert (plan.added, plan.changed, plan.unchanged) == (15, 15, 0)
    assert len(plan.changes()) == 15
    values = dict(Observation.objects.filter(sex="män").values_list("year", "value"))
    assert values[2004] == 1 and values[2005] == 2 and values[2014] == 2


def test_an_error_in_a_later_chunk_writes_nothing(regions, indicator, small_chunks):
    plan = import_file(
        indicator, csv_file(many_rows(range(2000, 2010), bad_year=2008)), file_name="a.csv"
    )
    assert not plan.is_valid and plan.errors.count == 3
    assert (plan.added, plan.changed, plan.unchanged) == (0, 0, 0)
    assert not Observation.objects.exists()


def test_a_repeated_row_in_another_chunk_is_found(regions, indicator, small_chunks):
    text = many_rows(range(2000, 2004)) + "01,2000,män,5\n"
    plan = plan_file(indicator, csv_file(text))
    assert plan.errors.messages == ["Rad 14: samma region, år och kön som Rad 3."]
