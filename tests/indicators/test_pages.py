"""The statistics pages: the indicator list, an indicator's chart, map and table for the
regions and years a visitor chooses, the downloads, and the answers to wrong choices."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from geography.models import RegionLevel
from publishing.choices import PublishState
from tests.queries import count_queries

from .figures import counties, indicator, observe, page_text, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return counties(3)


@pytest.fixture
def employed(places):
    country, first, second, third = places
    employed = indicator()
    observe(employed, country, 2020, women=9000, men=11000, total=20000)
    observe(employed, first, 2020, women=1539, men=2516, total=4055)
    observe(employed, second, 2020, women=3556, men=3000, total=6556)
    observe(employed, first, 2021, women=1600, men=2600, total=4200)
    # The third county has no women's figure for 2021: it stays missing.
    observe(employed, third, 2021, men=700, total=1500)
    return employed


def test_the_list_shows_published_indicators_with_their_years(client, employed):
    indicator("utkast", name="Ett utkast", publish_state=PublishState.DRAFT)
    response = client.get("/statistik/")
    text = page_text(response)
    assert response.status_code == 200
    assert "Sysselsatta" in text and "2020–2021" in text
    assert "Ett utkast" not in text
    assert 'href="/statistik/sysselsatta/"' in response.content.decode()


def test_a_draft_indicator_has_no_page(client):
    indicator("utkast", publish_state=PublishState.DRAFT)
    assert client.get("/statistik/utkast/").status_code == 404


def test_without_a_choice_the_page_compares_the_counties_in_the_latest_year(client, employed):
    response = client.get("/statistik/sysselsatta/")
    text = page_text(response)
    assert response.status_code == 200
    # Bars for one year, with every value and its sex written out.
    assert 'class="bar-chart"' in response.content.decode()
    assert "Kvinnor 1 600" in text and "Män 2 600" in text
    assert "Län 01 2021: kvinnor 1 600, män 2 600." in text
    assert "Männens värde är 1 000 högre än kvinnornas." in text
    # The third county's women are missing, not zero, and not total minus men.
    assert "Kvinnor uppgift saknas" in text
    assert "800" not in text
    assert "Län 03 2021 (kvinnor)" in text
    # The country is not among the default regions; the second county has no 2021 values.
    assert "Riket 2021" not in text
    assert "Län 02 2021: värden för både kvinnor och män saknas" in text


def test_several_years_give_a_line_chart_per_region_with_each_year_named(client, employed):
    response = client.get(
        "/statistik/sysselsatta/", {"region": ["01", "00"], "ar": ["2020", "2021"]}
    )
    html = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 200
    assert html.count('class="line-chart"') == 2
    assert 'aria-label="2020: kvinnor 1 539, män 2 516"' in html
    assert 'aria-label="2021: kvinnor uppgift saknas, män uppgift saknas"' in html
    # The chosen regions in the order of their level: the country first.
    assert html.index('<h3 id="lines-1">Riket</h3>') < html.index('<h3 id="lines-2">Län 01</h3>')


def test_the_table_states_every_value_and_the_gap(client, employed):
    response = client.get("/statistik/sysselsatta/", {"region": ["02"], "ar": ["2020"]})
    text = page_text(response)
    assert "Län 02 2020 3 556 3 000 6 556 −556" in text
    assert "Kvinnornas värde är 556 högre än männens." in text


def test_the_map_shades_every_county_and_hatches_the_missing(client, employed):
    response = client.get("/statistik/sysselsatta/", {"ar": ["2020"], "kon": "kvinnor"})
    html = response.content.decode().replace("\xa0", " ")
    assert "Karta: Sysselsatta, 2020, kvinnor" in page_text(response)
    areas = re.findall(r'<path d="[^"]+" class="map-area ([\w-]+)"', html)
    assert sorted(areas) == ["map-class-1", "map-class-2", "map-missing"]
    assert "<title>Län 03: uppgift saknas</title>" in html
    assert "<title>Län 02: 3 556</title>" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "99"}, "Regionen 99 har inga värden för den här indikatorn."),
        ({"ar": "1850"}, "Det finns inga värden för år 1850."),
        ({"ar": "tjugo"}, "Det finns inga värden för år tjugo."),
        ({"kon": "alla"}, "Välj kvinnor, män eller totalt."),
    ],
)
def test_a_wrong_choice_answers_400_with_the_form_and_a_message(client, employed, params, message):
    response = client.get("/statistik/sysselsatta/", params)
    text = page_text(response)
    assert response.status_code == 400
    assert message in text
    assert "Välj regioner och år" in text
    assert 'class="bar-chart"' not in response.content.decode()


def test_too_many_regions_answer_400(client, places):
    employed = indicator()
    country = places[0]
    many = [
        region(RegionLevel.MUNICIPALITY, f"{n:04d}", f"Kommun {n}", country)
        for n in range(100, 131)
    ]
    for place in many:
        observe(employed, place, 2020, women=1, men=2)
    response = client.get(
        "/statistik/sysselsatta/", {"region": [place.key for place in many] + ["0999"] * 469}
    )
    assert response.status_code == 400
    assert "Regionen 0999 har inga värden" in page_text(response)
    response = client.get("/statistik/sysselsatta/", {"region": [place.key for place in many]})
    assert response.status_code == 400
    assert "Välj högst 30 regioner åt gången; du valde 31." in page_text(response)


def test_the_csv_download_has_the_chosen_values_with_their_source(client, employed):
    response = client.get(
        "/statistik/sysselsatta/ladda-ner.csv", {"region": ["01"], "ar": ["2020", "2021"]}
    )
    assert response.status_code == 200
    assert 'filename="sysselsatta-2020-2021-' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Region;Regionkod;Nivå;År;Kön;Värde;Enhet;Källa"
    assert "Län 01;01;Län;2020;Kvinnor;1539;antal personer;https://www.scb.se/tabell-2020/" in lines
    assert len(lines) == 1 + 6


def test_the_json_and_xlsx_downloads_hold_the_same_values(client, employed):
    params = {"region": ["03"], "ar": ["2021"]}
    response = client.get("/statistik/sysselsatta/ladda-ner.json", params)
    rows = json.loads(b"".join(response.streaming_content))
    assert [(row["sex"], row["value"]) for row in rows] == [("Män", 700), ("Totalt", 1500)]
    response = client.get("/statistik/sysselsatta/ladda-ner.xlsx", params)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[4], row[5]) for row in values] == [("Män", 700), ("Totalt", 1500)]


def test_a_download_with_a_wrong_choice_answers_400(client, employed):
    response = client.get("/statistik/sysselsatta/ladda-ner.csv", {"ar": "3000"})
    assert response.status_code == 400
    assert "Det finns inga värden för år 3000." in page_text(response)
    assert client.get("/statistik/sysselsatta/ladda-ner.pdf").status_code == 404


def test_the_queries_do_not_grow_with_the_observations(client, places):
    employed = indicator()

    def add(years):
        for year in years:
            for place in places:
                observe(employed, place, year, women=10 + year, men=20 + year, total=30 + year)

    add(range(2010, 2012))
    params = {"region": ["00", "01", "02", "03"], "ar": ["2010", "2011"]}
    *few, _ = count_queries(client, "/statistik/sysselsatta/", params)
    add(range(2012, 2030))
    params["ar"] = [str(year) for year in range(2010, 2030)]
    *many, response = count_queries(client, "/statistik/sysselsatta/", params)
    assert response.content.decode().count('class="chart-band"') == 4 * 20
    assert few == many


def test_new_figures_show_at_once_although_the_figures_are_kept(client, employed, settings):
    from indicators.imports import import_file

    settings.DERIVED_CACHE_SECONDS = 3600
    params = {"region": ["01"], "ar": ["2021"]}
    assert "Kvinnor 1 600" in page_text(client.get("/statistik/sysselsatta/", params))
    corrected = b"region_code,year,sex,value\n01,2021,kvinnor,1700\n"
    plan = import_file(employed, io.BytesIO(corrected), file_name="rättelse.csv", file_format="csv")
    assert plan.batch is not None
    text = page_text(client.get("/statistik/sysselsatta/", params))
    assert "Kvinnor 1 700" in text and "Kvinnor 1 600" not in text
