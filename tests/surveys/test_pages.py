"""The public survey pages: the published figures and the plain "not entered yet" message
while the list is empty, computed figures once it is not, filters with the hit count and a
400 for a wrong value, the downloads, drafts, the link from and to the content page, and a
fixed number of queries."""

import csv
import io
import json

import pytest
from django.urls import reverse

from publishing.choices import PublishState
from tests.factories import ContentPageFactory
from tests.pages import EXTERNAL, fetch, main_text
from tests.surveys.helpers import figure, place, programme, survey

pytestmark = pytest.mark.django_db


def test_an_empty_survey_shows_its_published_figures_and_says_the_list_is_missing(client, org_a):
    s = survey(org_a, title="Kommunernas program 2017")
    figure(s, "Program som återfanns", 116, "antal", "program")
    figure(
        s, "Hänvisar till handlingsplan", 50, "procent", "handlingsplan", "omkring", "hälften", 1
    )
    content, text = fetch(client, s.get_absolute_url())
    assert "Hösten 2017" in text and "Genomgång av kommunernas webbplatser" in text
    assert "Sveriges alla kommuner (290 kommuner)" in text
    assert "Program som återfanns 116" in text
    assert "omkring hälften" in text
    assert "Listan över kommunernas program är inte inlagd på webbplatsen ännu" in text
    assert "Enligt listan" not in text
    assert "Ladda ner listan" not in text
    # The bars: one per figure.
    assert content.count('class="survey-bar-fill"') == 2


def test_with_programmes_the_page_computes_the_figures_and_lists_them(client, org_a):
    s = survey(org_a)
    figure(s, "Program som återfanns", 116, "antal", "program")
    flen = place("0482", "Flen")
    lund = place("1281", "Lund", "12", "Skåne län")
    programme(s, flen, name="Näringslivsprogram Flen", url="https://www.flen.se/np")
    programme(
        s, lund, name="Tillväxtstrategi Lund", kind="tillvaxt", start_year=2018, end_year=None
    )
    content, text = fetch(client, s.get_absolute_url())
    assert "Enligt listan" in text and "inte inlagd" not in text
    assert "Program som återfanns 116 2" in text
    assert "2 program" in text
    assert f"Näringslivsprogram Flen {EXTERNAL}" in text
    assert "Tillväxtstrategi Lund" in text and "2018–" in text
    assert 'href="https://www.flen.se/np" rel="external"' in content

    _, text = fetch(client, s.get_absolute_url() + "?lan=lan-12")
    listed = text.partition("Kommunernas program med inventeringens iakttagelser")[2]
    assert "1 program" in text and "Tillväxtstrategi Lund" in listed
    assert "Näringslivsprogram Flen" not in listed
    response = client.get(s.get_absolute_url(), {"lan": "lan-12", "typ": "naringsliv"})
    assert "0 program" in main_text(response.content.decode())


@pytest.mark.parametrize("query", [{"lan": "atlantis"}, {"typ": "roman"}])
def test_a_wrong_filter_value_answers_400_with_a_swedish_message(client, org_a, query):
    s = survey(org_a)
    programme(s, place("0482", "Flen"))
    response = client.get(s.get_absolute_url(), query)
    assert response.status_code == 400
    text = main_text(response.content.decode())
    assert "Filtren kunde inte användas" in text
    assert "Välj ett i listan" in text or "Välj en i listan" in text
    export = client.get(reverse("surveys:survey_export", args=[s.slug, "csv"]), query)
    assert export.status_code == 400


def test_the_filtered_list_downloads_as_csv_xlsx_and_json(client, org_a):
    s = survey(org_a)
    programme(s, place("0482", "Flen"), name="Flens program", linked_to_rus=True)
    programme(s, place("1281", "Lund", "12", "Skåne län"), name="Lunds program")
    url = reverse("surveys:survey_export", args=[s.slug, "csv"])
    response = client.get(url, {"lan": "lan-04"})
    assert response.status_code == 200
    assert f"{s.slug}-lan-04-" in response["Content-Disposition"]
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:4] == ["Kommun", "Kommunkod", "Län", "Program"]
    assert rows[1][:4] == ["Flen", "0482", "Södermanlands län", "Flens program"]
    assert rows[1][9] == "ja" and len(rows) == 2
    data = json.loads(
        b"".join(
            client.get(reverse("surveys:survey_export", args=[s.slug, "json"])).streaming_content
        )
    )
    assert sorted(item["name"] for item in data) == ["Flens program", "Lunds program"]
    xlsx = client.get(reverse("surveys:survey_export", args=[s.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_drafts_are_not_public(client, org_a):
    draft = survey(org_a, publish_state=PublishState.DRAFT, title="Hemlig inventering")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("surveys:survey_export", args=[draft.slug, "csv"])).status_code == 404
    _, text = fetch(client, reverse("surveys:survey_list"))
    assert "Hemlig inventering" not in text


def test_the_content_page_and_the_survey_link_to_each_other(client, org_a):
    page = ContentPageFactory(organisation=org_a, title="Planer för tillväxt")
    s = survey(org_a, title="Kommunernas program 2017", page=page)
    content, _ = fetch(client, page.get_absolute_url())
    assert f'href="{s.get_absolute_url()}"' in content
    content, text = fetch(client, s.get_absolute_url())
    assert f'href="{page.get_absolute_url()}"' in content
    _, text = fetch(client, reverse("surveys:survey_list"))
    assert "Kommunernas program 2017" in text


def test_queries_do_not_grow_with_the_programmes(client, org_a):
    from tests.queries import count_queries

    s = survey(org_a)
    figure(s, "Program som återfanns", 116, "antal", "program")
    counties = [("04", "Södermanlands län"), ("12", "Skåne län")]
    made = []

    def grow(n):
        for _ in range(n):
            number = len(made) + 1
            code, name = counties[number % 2]
            municipality = place(f"{code}{number:02d}", f"Kommun {number}", code, name)
            made.append(programme(s, municipality))

    grow(2)
    few = count_queries(client, s.get_absolute_url())[:2]
    grow(18)
    many = count_queries(client, s.get_absolute_url())[:2]
    assert few == many
    # The survey with its organisation and page, its figures, the tally, the list, the
    # counties of the filter; the organisation's banner menu (2) when the version is new.
    assert few == (5 + 2, 5)
