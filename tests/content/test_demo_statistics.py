"""The demo content's statistics are SCB's published figures exactly as the files in
content/demo_data/statistics hold them: nothing added, estimated or derived, each value with
the page it was read from."""

import csv
from decimal import Decimal

import pytest
from django.core.management import call_command

from content.demo_data.indicators import INDICATORS
from content.demo_indicators import FILES
from indicators.models import Indicator, Observation
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def test_every_stored_value_is_a_published_one_with_its_source(demo):
    for row in INDICATORS:
        with (FILES / row["file"]).open(encoding="utf-8") as source:
            published = {
                (line["region_code"], int(line["year"]), line["sex"]): Decimal(line["value"])
                for line in csv.DictReader(source)
            }
        stored = Observation.objects.filter(indicator__slug=row["slug"])
        assert {
            (o.region.code, o.year, o.sex): o.value for o in stored.select_related("region")
        } == published, row["slug"]
        for observation in stored:
            assert observation.source_url == row["sources"][observation.year]


def test_what_scb_did_not_publish_is_missing(demo):
    construction = Indicator.objects.get(slug="forvarvsarbetande-f-byggverksamhet")
    assert not construction.observations.filter(year=2020, sex="kvinnor").exists()
    assert construction.observations.filter(year=2020, sex="män").count() == 9
    trade = Indicator.objects.get(slug="forvarvsarbetande-g-handel")
    assert not trade.observations.filter(year=2020).exists()
    population = Indicator.objects.get(slug="folkmangd")
    assert sorted(population.regions_with_values().values_list("code", flat=True)) == [
        "00",
        "04",
        "07",
        "09",
        "10",
    ]
    assert population.observations.filter(region__code="04").values("year").distinct().count() == 1


def test_the_pages_link_the_statistics(client, demo):
    programme = Programme.objects.get(slug="jamstalld-regional-tillvaxt-2016-2018")
    assert programme.statistics_region.key == "SE11"
    assert programme.indicators.count() == 7
    html = client.get(programme.get_absolute_url()).content.decode().replace("\xa0", " ")
    assert "Stockholm 2021: kvinnor 1" in html
    assert 'href="/statistik/forvarvsarbetande-c-tillverkning/?region=SE11"' in html
    page = client.get("/sidor/samordning-och-uppfoljning/").content.decode()
    assert (
        '<a href="/statistik/" data-page="indicators:indicator_list">statistik om regional utveckling</a>'
        in page
    )
