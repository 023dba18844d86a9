"""Importing SCB PxWeb's JSON-stat 2.0: the cube read cell by cell, missing values skipped,
errors named by the cell's codes."""

import io
from decimal import Decimal

import pytest

from indicators.imports import import_file, plan_file
from indicators.models import ImportBatch, Observation

from . import make_indicator, make_regions
from .jsonstat_samples import as_bytes, dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    make_regions()
    return make_indicator()


def stored(indicator):
    return {
        (o.region.key, o.year, o.sex): o.value
        for o in Observation.objects.filter(indicator=indicator).select_related("region")
    }


def test_the_cube_is_read_row_major_and_nulls_are_missing_values(indicator):
    # Region 0114: män 2019, 2020; kvinnor 2019, 2020; then region 0480 likewise.
    data = dataset(values=[1, 2, 3, None, 5, 6, None, 8])

    plan = import_file(indicator, io.BytesIO(as_bytes(data)), file_name="scb.json")

    assert plan.is_valid, plan.errors.messages
    assert stored(indicator) == {
        ("0114", 2019, "män"): 1,
        ("0114", 2020, "män"): 2,
        ("0114", 2019, "kvinnor"): 3,
        ("0480", 2019, "män"): 5,
        ("0480", 2020, "män"): 6,
        ("0480", 2020, "kvinnor"): 8,
    }
    assert ImportBatch.objects.get().file_format == "json-stat"


def test_a_sparse_value_object_and_index_as_a_list(indicator):
    data = dataset(regions=("00",), years=("2020",), values=[])
    data["dimension"]["Region"]["category"]["index"] = ["00"]
    data["value"] = {"1": 12.5}

    import_file(indicator, io.BytesIO(as_bytes(data)), file_name="scb.json")

    assert stored(indicator) == {("00", 2020, "kvinnor"): Decimal("12.5")}


def test_without_a_sex_dimension_every_value_is_the_total(indicator):
    data = dataset(regions=("SE11",), years=("2020", "2021"))
    data["id"] = ["Region", "Tid"]
    data["size"] = [1, 2]
    del data["dimension"]["Kon"], data["dimension"]["ContentsCode"]
    data["value"] = [7, 8]

    import_file(indicator, io.BytesIO(as_bytes(data)), file_name="scb.json")

    assert stored(indicator) == {("SE11", 2020, "totalt"): 7, ("SE11", 2021, "totalt"): 8}


def test_sex_by_label_and_the_total_code(indicator):
    data = dataset(regions=("01",), years=("2020",), values=[1, 2])
    data["dimension"]["Kon"]["category"] = {
        "index": {"1+2": 0, "K": 1},
        "label": {"1+2": "totalt", "K": "Kvinnor"},
    }

    import_file(indicator, io.BytesIO(as_bytes(data)), file_name="scb.json")

    assert stored(indicator) == {("01", 2020, "totalt"): 1, ("01", 2020, "kvinnor"): 2}


def test_errors_name_the_cell_by_its_codes_and_nothing_is_written(indicator):
    data = dataset(regions=("0114", "0199"), years=("2020",), values=[1, 2, 3, 4])

    plan = import_file(indicator, io.BytesIO(as_bytes(data)), file_name="scb.json")

    assert plan.errors.messages == [
        "Region=0199, Kon=1, Tid=2020: okänd regionkod 0199.",
        "Region=0199, Kon=2, Tid=2020: okänd regionkod 0199.",
    ]
    assert not Observation.objects.exists()


def test_a_year_that_is_not_a_year_is_named(indicator):
    data = dataset(regions=("0114",), years=("2020M01",), values=[1, 2])
    plan = plan_file(indicator, io.BytesIO(as_bytes(data)))
    assert plan.errors.messages[0] == (
        "Region=0114, Kon=1, Tid=2020M01: året 2020M01 är inte ett heltal mellan 1900 och 2100."
    )


def two_contents():
    data = dataset(regions=("0114",), years=("2020",), values=[1, 2, 3, 4])
    data["size"] = [1, 2, 2, 1]
    data["dimension"]["ContentsCode"]["category"] = {
        "index": {"BE0101N1": 0, "BE0101N2": 1},
        "label": {"BE0101N1": "Folkmängd", "BE0101N2": "Folkökning"},
    }
    return data


def test_with_several_contents_one_must_be_chosen(indicator):
    plan = plan_file(indicator, io.BytesIO(as_bytes(two_contents())))
    assert plan.errors.messages == [
        "Filen har flera tabellinnehåll (BE0101N1, BE0101N2). Ange vilket som ska importeras."
    ]

    import_file(
        indicator,
        io.BytesIO(as_bytes(two_contents())),
        file_name="scb.json",
        contents="BE0101N2",
    )
    # Kon=1: N1 1, N2 2; Kon=2: N1 3, N2 4.
    assert stored(indicator) == {("0114", 2020, "män"): 2, ("0114", 2020, "kvinnor"): 4}


def test_an_unknown_contents_code_is_refused(indicator):
    plan = plan_file(indicator, io.BytesIO(as_bytes(two_contents())), contents="XX")
    assert plan.errors.messages == [
        "Tabellinnehållet XX finns inte i filen. Filen har: BE0101N1, BE0101N2."
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "Filen är inte giltig JSON"),
        (b'{"class": "collection"}', "Filen är inte ett JSON-stat 2.0-dataset"),
        (as_bytes(dataset(value=[1, 2])), "Datasetet har 2 värden men dimensionerna ger 8 celler."),
        (as_bytes(dataset(role={}, id=["Omr", "Kon", "ContentsCode", "Tid"])), "Dimensionen Omr"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(indicator, content, message):
    plan = plan_file(indicator, io.BytesIO(content), "json-stat")
    assert plan.errors.count == 1
    assert plan.errors.messages[0].startswith(message)


def test_a_region_dimension_found_by_its_role(indicator):
    data = dataset(regions=("01",), years=("2020",), values=[1, 2])
    data["id"][0] = "Lan"
    data["dimension"]["Lan"] = data["dimension"].pop("Region")
    data["role"]["geo"] = ["Lan"]
    import_file(indicator, io.BytesIO(as_bytes(data)), file_name="scb.json")
    assert stored(indicator) == {("01", 2020, "män"): 1, ("01", 2020, "kvinnor"): 2}


def test_another_dimension_with_several_categories_is_refused(indicator):
    data = dataset(regions=("01",), years=("2020",), values=[1, 2, 3, 4])
    data["id"].insert(1, "Alder")
    data["size"].insert(1, 2)
    data["dimension"]["Alder"] = {"category": {"index": {"0": 0, "1": 1}}}
    plan = plan_file(indicator, io.BytesIO(as_bytes(data)))
    assert plan.errors.messages[0].startswith("Dimensionen Alder har 2 kategorier.")
