"""The options of the public lists' selects: only values that lead to results, a programme's
own focus areas only with that programme, no select of thousands of programmes, and the value
already chosen always shown. What a filter accepts does not change with what its select shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from programmes.choices import FocusAreaSetKind
from publications.filters import PROGRAMME_OPTIONS
from tests.factories import (
    FocusAreaFactory,
    FocusAreaSetFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.queries import schedule_lookup

pytestmark = pytest.mark.django_db

PUBLICATIONS = "/publikationer/"
PROGRAMMES = "/program/"
SELECT = re.compile(r'<select name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>')


def options(content):
    """{select name: [option values, the empty one left out]} of a page."""
    return {
        name: [value for value, _ in OPTION.findall(body) if value]
        for name, body in SELECT.findall(content)
    }


def result_titles(content):
    results = content.partition('<ul class="cards">')[2].partition("</ul>")[0]
    return re.findall(
        r'<li class="card">\s*<h3><a href="/publikationer/[^"/]+/">(.*?)</a>', results
    )


def hits(content):
    return re.search(r'<p class="hits" role="status">\s*(.*?)\s*</p>', content, re.S).group(1)


def selected(content, name):
    body = dict(SELECT.findall(content))[name]
    return [value for value, chosen in OPTION.findall(body) if chosen]


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status
    return response.content.decode()


@pytest.fixture
def two_publishers():
    """Two publishers with a programme, a strategy area and a tag each, and a programme with
    a focus area set of its own."""
    north = OrganisationFactory(name="Region Norr", slug="region-norr")
    south = OrganisationFactory(name="Region Syd", slug="region-syd")
    strategy = FocusAreaSetFactory(name="Nationell strategi", kind=FocusAreaSetKind.STRATEGY)
    north_area = FocusAreaFactory(name="Kompetens", slug="kompetens", focus_area_set=strategy)
    south_area = FocusAreaFactory(name="Transporter", slug="transporter", focus_area_set=strategy)
    north_programme = ProgrammeFactory(title="Norrprogrammet", slug="norr", organisation=north)
    south_programme = ProgrammeFactory(title="Söderprogrammet", slug="soder", organisation=south)
    own_set = FocusAreaSetFactory(
        name="Norrprogrammets insatsområden",
        kind=FocusAreaSetKind.PROGRAMME,
        programme=north_programme,
    )
    own_area = FocusAreaFactory(name="Insats ett", slug="insats-ett", focus_area_set=own_set)

    north_report = PublicationFactory(title="Norrländsk rapport", organisations=[north])
    north_report.programmes.add(north_programme)
    north_report.focus_areas.add(north_area, own_area)
    north_report.tags.add("skog")
    south_report = PublicationFactory(title="Sydsvensk rapport", organisations=[south])
    south_report.programmes.add(south_programme)
    south_report.focus_areas.add(south_area)
    south_report.tags.add("hamn")
    return {"north": north, "north_programme": north_programme, "own_area": own_area}


# --- the publication list --------------------------------------------------------------------


def test_unfiltered_list_offers_every_publisher_programme_area_and_tag(client, two_publishers):
    found = options(get(client, PUBLICATIONS))

    assert found["organisation"] == ["region-norr", "region-syd"]
    assert found["programme"] == ["norr", "soder"]
    assert found["focus_area"] == ["kompetens", "transporter"]  # not the programme's own area
    assert found["tag"] == ["hamn", "skog"]


def test_a_filter_narrows_the_other_selects_to_what_its_results_have(client, two_publishers):
    found = options(get(client, PUBLICATIONS, {"organisation": "region-norr"}))

    assert found["programme"] == ["norr"]
    assert found["focus_area"] == ["kompetens"]
    assert found["tag"] == ["skog"]
    # The organisations stay all offered, so the visitor can switch.
    assert found["organisation"] == ["region-norr", "region-syd"]


def test_a_programme_brings_its_own_focus_areas_into_the_select(client, two_publishers):
    found = options(get(client, PUBLICATIONS, {"programme": "norr"}))

    assert sorted(found["focus_area"]) == ["insats-ett", "kompetens"]


def test_a_programmes_own_area_still_filters_when_linked(client, two_publishers):
    content = get(client, PUBLICATIONS, {"focus_area": "insats-ett"})

    assert "Norrländsk rapport" in content
    assert "Sydsvensk rapport" not in content
    assert selected(content, "focus_area") == ["insats-ett"]


def test_a_chosen_value_without_results_stays_selected_and_is_no_error(client, two_publishers):
    content = get(client, PUBLICATIONS, {"organisation": "region-norr", "programme": "soder"})

    assert "Inga publikationer matchar sökningen." in content
    assert selected(content, "programme") == ["soder"]
    assert selected(content, "organisation") == ["region-norr"]
    # The other selects offer what the other filters leave.
    assert options(content)["programme"] == ["norr", "soder"]


def test_unknown_values_are_still_refused(client, two_publishers):
    content = get(client, PUBLICATIONS, {"programme": "finns-inte"}, status=400)

    assert "Det finns inget sådant program." in content


def test_too_many_programmes_for_a_select_ask_for_a_narrower_list(client, two_publishers):
    many = OrganisationFactory(slug="manga")
    for number in range(PROGRAMME_OPTIONS):
        publication = PublicationFactory(title=f"Delrapport {number}", organisations=[many])
        publication.programmes.add(ProgrammeFactory(organisation=many))

    content = get(client, PUBLICATIONS)
    assert "programme" not in options(content)
    assert 'id="programme-hint"' in content
    assert f"fler än {PROGRAMME_OPTIONS} program" in content

    # Narrowed to one publisher, its programme is offered again.
    narrowed = get(client, PUBLICATIONS, {"organisation": "region-norr"})
    assert options(narrowed)["programme"] == ["norr"]
    assert 'id="programme-hint"' not in narrowed

    # A programme chosen from a link is shown, described by the hint, and filters the list.
    linked = get(client, PUBLICATIONS, {"programme": "norr"})
    assert options(linked)["programme"] == ["norr"]
    assert selected(linked, "programme") == ["norr"]
    assert 'aria-describedby="programme-hint"' in linked
    assert "Norrländsk rapport" in linked and "Delrapport 0" not in linked


def test_drafts_do_not_bring_options(client, two_publishers):
    draft = PublicationFactory(title="Utkastet", organisations=[OrganisationFactory()])
    draft.publish_state = "draft"
    draft.save()
    draft.programmes.add(ProgrammeFactory(slug="utkastets-program"))
    draft.tags.add("hemligt")

    found = options(get(client, PUBLICATIONS, {"year_from": 2000}))
    assert "utkastets-program" not in found["programme"]
    assert "hemligt" not in found["tag"]
    assert Tag.objects.filter(slug="hemligt").exists()


def test_a_form_with_errors_keeps_its_options(client, two_publishers):
    """A page that answers 400 lists nothing, but its selects offer what the valid values
    leave, so the visitor can correct the mistake."""
    content = get(client, PUBLICATIONS, {"year_from": "abc"}, status=400)
    found = options(content)
    assert found["programme"] == ["norr", "soder"]
    assert found["focus_area"] == ["kompetens", "transporter"]
    assert found["tag"] == ["hamn", "skog"]

    content = get(client, PUBLICATIONS, {"organisation": "region-norr", "year_from": "x"}, 400)
    found = options(content)
    assert found["programme"] == ["norr"]
    assert found["focus_area"] == ["kompetens"]
    assert found["tag"] == ["skog"]

    two_publishers["north_programme"].focus_areas.add(FocusAreaFactory(slug="innovation"))
    content = get(client, PROGRAMMES, {"year": 2017, "organisation": "finns-inte"}, status=400)
    found = options(content)
    assert found["organisation"] == ["region-norr", "region-syd"]
    assert found["focus_area"] == ["innovation"]


LIST_QUERIES = [
    {},
    {"organisation": "flitig"},
    {"organisation": "flitig", "page": 2},
    {"organisation": "flitig", "sort": "title"},
    {"tag": "skog"},
    {"year_from": 2010, "year_to": 2020},
    {"programme": "norr"},
    {"q": "rapport", "page": "last"},
]


def test_a_long_list_pages_sorts_and_narrows_its_options(client, two_publishers):
    publisher = OrganisationFactory(slug="flitig")
    for number in range(25):
        publication = PublicationFactory(
            title=f"Rapport {number:02}", year=2000 + number, organisations=[publisher]
        )
        publication.tags.add("skog" if number % 2 else "hamn")
        if number % 3 == 0:
            publication.programmes.add(two_publishers["north_programme"])

    first = get(client, PUBLICATIONS, {"organisation": "flitig"})
    assert hits(first) == "25 publikationer"
    assert result_titles(first)[:2] == ["Rapport 24", "Rapport 23"]
    assert options(first)["programme"] == ["norr"]
    assert sorted(options(first)["tag"]) == ["hamn", "skog"]
    second = get(client, PUBLICATIONS, {"organisation": "flitig", "page": 2})
    assert "Rapport 04" in result_titles(second)
    by_title = get(client, PUBLICATIONS, {"organisation": "flitig", "sort": "title"})
    assert result_titles(by_title)[:2] == ["Rapport 00", "Rapport 01"]
    skog = get(client, PUBLICATIONS, {"tag": "skog", "organisation": "flitig"})
    assert options(skog)["tag"] == ["hamn", "skog"]  # the others leave both
    assert hits(skog) == "12 publikationer"


def test_queries_do_not_grow_with_the_rows(client):
    publisher = OrganisationFactory(slug="flitig")

    def add(count):
        for _ in range(count):
            publication = PublicationFactory(organisations=[publisher, OrganisationFactory()])
            publication.programmes.add(ProgrammeFactory())
            publication.tags.add("skog")

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(PUBLICATIONS, {"organisation": "flitig"})
    add(30)
    with CaptureQueriesContext(connection) as many:
        client.get(PUBLICATIONS, {"organisation": "flitig"})
    few, many = (
        [query for query in queries.captured_queries if not schedule_lookup(query)]
        for queries in (few, many)
    )
    assert len(few) == len(many)
    # The slug's lookup, the count, the page and its publishers and programmes, the four
    # option lists (organisations, programmes, focus areas, tags); not the look-ups of the
    # next scheduled publication, which tell how long they may be kept.
    assert len(few) == 9


def test_the_options_are_read_once_until_the_content_changes(client, two_publishers):
    """The option lists are kept under the content version: the same filters shown again
    read only the list itself; after a change the options follow it at once."""
    with CaptureQueriesContext(connection) as first:
        content = get(client, PUBLICATIONS, {"organisation": "region-norr"})
    with CaptureQueriesContext(connection) as again:
        assert get(client, PUBLICATIONS, {"organisation": "region-norr"}) == content
    # Only the slug's lookup, the count, the page and its publishers and programmes.
    assert len(again) == 5 < len(first)
    publication = PublicationFactory(organisations=[two_publishers["north"]])
    publication.tags.add("nytt-ord")
    assert "nytt-ord" in options(get(client, PUBLICATIONS, {"organisation": "region-norr"}))["tag"]


# --- the programme list ----------------------------------------------------------------------


def test_programme_list_offers_no_programmes_own_areas(client, two_publishers):
    north = two_publishers["north_programme"]
    north.focus_areas.add(two_publishers["own_area"])
    strategy_area = FocusAreaFactory(name="Innovation", slug="innovation")
    north.focus_areas.add(strategy_area)

    content = get(client, PROGRAMMES)
    assert options(content)["focus_area"] == ["innovation"]

    # Linked to directly, the programme's own area still filters and is shown as chosen.
    linked = get(client, PROGRAMMES, {"focus_area": "insats-ett"})
    assert selected(linked, "focus_area") == ["insats-ett"]
    assert "Norrprogrammet" in linked and "Söderprogrammet" not in linked


def test_programme_list_narrows_organisations_and_areas_by_the_other_filters(
    client, two_publishers
):
    north = two_publishers["north_programme"]
    innovation = FocusAreaFactory(name="Innovation", slug="innovation")
    energy = FocusAreaFactory(name="Energi", slug="energi")
    north.focus_areas.add(innovation)
    later = ProgrammeFactory(
        title="Senare program",
        organisation=OrganisationFactory(slug="senare"),
        start_year=2022,
        end_year=2024,
    )
    later.focus_areas.add(energy)

    everything = options(get(client, PROGRAMMES))
    assert sorted(everything["focus_area"]) == ["energi", "innovation"]
    assert everything["organisation"] == ["region-norr", "region-syd", "senare"]

    in_2023 = options(get(client, PROGRAMMES, {"year": 2023}))
    assert in_2023["focus_area"] == ["energi"]
    assert in_2023["organisation"] == ["senare"]

    # A chosen organisation stays offered, and the areas follow it.
    north_only = get(client, PROGRAMMES, {"organisation": "region-norr", "year": 2023})
    assert options(north_only)["organisation"] == ["region-norr", "senare"]
    assert selected(north_only, "organisation") == ["region-norr"]
    assert options(north_only)["focus_area"] == []


def test_programme_pages_rows_order_count_and_options(client):
    area = FocusAreaFactory(name="Innovation", slug="innovation")
    owners = [OrganisationFactory(slug=f"agare-{number}") for number in range(3)]
    for number in range(55):
        programme = ProgrammeFactory(
            title=f"Program {number:02}",
            start_year=1960 + number,
            end_year=1960 + number,
            organisation=owners[number % 3],
        )
        if number % 2:
            programme.focus_areas.add(area)
    ProgrammeFactory(title="Utan fokus", organisation=OrganisationFactory(slug="annan"))

    first = get(client, PROGRAMMES, {"focus_area": "innovation"})

    assert "27 program" in first
    assert first.index("Program 53") < first.index("Program 01")
    assert "Program 00" not in first and "Program 02" not in first
    assert sorted(options(first)["organisation"]) == ["agare-0", "agare-1", "agare-2"]
    get(client, PROGRAMMES, {"focus_area": "innovation", "page": 2}, status=404)

    # Newest start year first: "Utan fokus" (2016), then Program 54 … 06 on the first page.
    everything = get(client, PROGRAMMES)
    page_two = get(client, PROGRAMMES, {"page": 2})
    assert "56 program" in everything and "Sida 1 av 2" in everything
    assert everything.index("Utan fokus") < everything.index("Program 54")
    assert everything.index("Program 54") < everything.index("Program 06")
    assert "Program 05" not in everything
    assert "Program 05" in page_two and "Program 00" in page_two and "Program 06" not in page_two
    last = get(client, PROGRAMMES, {"page": "last"})
    assert "Program 00" in last

    with_year = get(client, PROGRAMMES, {"year": 1970})
    assert options(with_year)["organisation"] == ["agare-1"]
    assert options(with_year)["focus_area"] == []
