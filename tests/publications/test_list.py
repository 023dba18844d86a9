"""The publication list: filters, sorting and pages in the query string, clear messages for bad
input, the home page's search box, and a number of queries that does not grow with the data."""

import datetime
import html
import itertools
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from taggit.models import Tag

from publications.choices import PublicationKind
from publications.models import Publication
from tests.factories import (
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.pages import cards, executable_scripts
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

LIST_URL = "/publikationer/"

RESULT_TITLE = re.compile(r'<li class="card">\s*<h3><a href="/publikationer/[^"/]+/">(.*?)</a>')
STATUS = re.compile(r'<p class="hits" role="status">\s*(.*?)\s*</p>', re.S)
HEADING = re.compile(r"<h([1-6])\b")


def result_titles(content):
    """The titles in the list of results (not the download links below it)."""
    results = content.partition('<ul class="cards">')[2].partition("</ul>")[0]
    return [html.unescape(title) for title in RESULT_TITLE.findall(results)]


def get_list(client, params=None, status=200):
    """GET the list with ``params``; check the status and the heading outline and return
    (html, titles of the results in page order, text of the hit count)."""
    url = LIST_URL + ("?" + urlencode(params) if params else "")
    response = client.get(url)
    assert response.status_code == status, url
    content = response.content.decode()
    levels = [int(level) for level in HEADING.findall(content)]
    assert levels.count(1) == 1 and levels[0] == 1, f"{url}: one h1 first, got {levels}"
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, f"{url}: heading level skipped in {levels}"
    titles = result_titles(content)
    status_match = STATUS.search(content)
    return content, titles, status_match.group(1) if status_match else None


@pytest.fixture
def library():
    """Six publications from three organisations, 2016–2019 and one without a year."""
    tillvaxtverket = OrganisationFactory(name="Tillväxtverket", slug="tillvaxtverket")
    lansstyrelsen = OrganisationFactory(
        name="Länsstyrelsen i Stockholms län", slug="lansstyrelsen-stockholm"
    )
    region = OrganisationFactory(name="Region Sörmland", slug="region-sormland")
    programme = ProgrammeFactory(
        title="Jämställd tillväxt", slug="jamstalld-tillvaxt", start_year=2016, end_year=2018
    )
    other_programme = ProgrammeFactory(title="Annat program", slug="annat-program")
    rural = FocusAreaFactory(name="Landsbygd", slug="landsbygd")

    arbetsmarknad = PublicationFactory(
        title="Arbetsmarknad i länet",
        year=2016,
        summary="Om kompetensförsörjning i regionen.",
        organisations=[tillvaxtverket],
    )
    arbetsmarknad.programmes.add(programme)
    arbetsmarknad.tags.add("jämställdhet")
    bredband = PublicationFactory(
        title="Bredband på landsbygden",
        kind=PublicationKind.ACTION_PLAN,
        year=2017,
        organisations=[lansstyrelsen],
    )
    bredband.focus_areas.add(rural)
    bredband.tags.add("landsbygd")
    cirkular = PublicationFactory(
        title="Cirkulär ekonomi",
        kind=PublicationKind.ANALYSIS,
        publication_date=datetime.date(2018, 3, 1),
        organisations=[tillvaxtverket, lansstyrelsen],
    )
    cirkular.programmes.add(programme, other_programme)
    cirkular.tags.add("jämställdhet", "landsbygd")
    cirkular.focus_areas.add(rural)
    PublicationFactory(title="Digital omställning", year=2019, organisations=[lansstyrelsen])
    PublicationFactory(
        title="Entreprenörskap",
        kind=PublicationKind.STRATEGY,
        year=None,
        publication_date=None,
        organisations=[tillvaxtverket],
    )
    PublicationFactory(
        title="Framsyn för regionen",
        kind=PublicationKind.STRATEGY,
        publication_date=datetime.date(2018, 11, 1),
        organisations=[region],
    )
    return {
        "programme": programme,
        "rural": rural,
        "equality": Tag.objects.get(name="jämställdhet"),
        "countryside": Tag.objects.get(name="landsbygd"),
    }


NEWEST_ORDER = [
    "Digital omställning",  # 2019
    "Framsyn för regionen",  # 1 November 2018
    "Cirkulär ekonomi",  # 1 March 2018
    "Bredband på landsbygden",  # 2017
    "Arbetsmarknad i länet",  # 2016
    "Entreprenörskap",  # no year: last
]


# --- the list without filters ----------------------------------------------------------------


def test_all_publications_newest_first_with_their_facts(client, library):
    content, titles, status = get_list(client)

    assert titles == NEWEST_ORDER
    assert status == "6 publikationer"
    listed = cards(content)
    assert any(
        "Typ Analys År 2018 Fil ingen på webbplatsen" in card
        and "Länsstyrelsen i Stockholms län" in card
        and card.endswith("Tillväxtverket")
        for card in listed
    ), listed
    # No year: no year in the facts, no stray "None".
    assert any("Typ Strategi Fil" in card and "Tillväxtverket" in card for card in listed)
    assert "None" not in content
    programme = library["programme"]
    assert f'<a href="{programme.get_absolute_url()}">Jämställd tillväxt 2016–2018</a>' in content


def test_default_sort_and_newest_are_the_same(client, library):
    _, titles, _ = get_list(client, {"sort": "newest"})
    assert titles == NEWEST_ORDER


def test_sort_by_title(client, library):
    _, titles, _ = get_list(client, {"sort": "title"})
    assert titles == sorted(NEWEST_ORDER)
    assert titles[0] == "Arbetsmarknad i länet"
    assert titles[-1] == "Framsyn för regionen"


# --- each filter alone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"organisation": "tillvaxtverket"},
            ["Cirkulär ekonomi", "Arbetsmarknad i länet", "Entreprenörskap"],
        ),
        (
            {"organisation": "lansstyrelsen-stockholm"},
            ["Digital omställning", "Cirkulär ekonomi", "Bredband på landsbygden"],
        ),
        ({"type": "report"}, ["Digital omställning", "Arbetsmarknad i länet"]),
        ({"type": "strategy"}, ["Framsyn för regionen", "Entreprenörskap"]),
        ({"type": "other"}, []),
        ({"programme": "jamstalld-tillvaxt"}, ["Cirkulär ekonomi", "Arbetsmarknad i länet"]),
        ({"focus_area": "landsbygd"}, ["Cirkulär ekonomi", "Bredband på landsbygden"]),
        ({"q": "cirkulär"}, ["Cirkulär ekonomi"]),  # title, any case
        ({"q": "KOMPETENS"}, ["Arbetsmarknad i länet"]),  # summary, any case
        ({"q": "finns ingenstans"}, []),
    ],
)
def test_each_filter_alone(client, library, params, expected):
    _, titles, status = get_list(client, params)
    assert titles == expected
    count = len(expected)
    assert status == f"{count} publikation{'' if count == 1 else 'er'}"


def test_tag_filter(client, library):
    _, titles, _ = get_list(client, {"tag": library["countryside"].slug})
    assert titles == ["Cirkulär ekonomi", "Bredband på landsbygden"]
    _, titles, _ = get_list(client, {"tag": library["equality"].slug})
    assert titles == ["Cirkulär ekonomi", "Arbetsmarknad i länet"]


def test_no_match_says_so(client, library):
    content, titles, status = get_list(client, {"type": "other"})
    assert titles == []
    assert status == "0 publikationer"
    assert "Inga publikationer matchar sökningen." in content


# --- year range ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Both edges are included; the publication without a year never matches a bound.
        (
            {"year_from": 2016, "year_to": 2018},
            [
                "Framsyn för regionen",
                "Cirkulär ekonomi",
                "Bredband på landsbygden",
                "Arbetsmarknad i länet",
            ],
        ),
        (
            {"year_from": 2018},
            ["Digital omställning", "Framsyn för regionen", "Cirkulär ekonomi"],
        ),
        ({"year_to": 2017}, ["Bredband på landsbygden", "Arbetsmarknad i länet"]),
        ({"year_from": 2017, "year_to": 2017}, ["Bredband på landsbygden"]),
        ({"year_from": 2020}, []),
        ({"year_from": 1900, "year_to": 2100}, NEWEST_ORDER[:-1]),
    ],
)
def test_year_range(client, library, params, expected):
    _, titles, _ = get_list(client, params)
    assert titles == expected
    assert "Entreprenörskap" not in titles


# --- filters combined ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organisation": "tillvaxtverket", "type": "report"}, ["Arbetsmarknad i länet"]),
        (
            {"organisation": "lansstyrelsen-stockholm", "year_from": 2018, "programme": ""},
            ["Digital omställning", "Cirkulär ekonomi"],
        ),
        (
            {
                "organisation": "lansstyrelsen-stockholm",
                "programme": "jamstalld-tillvaxt",
                "focus_area": "landsbygd",
                "type": "analysis",
                "year_from": 2018,
                "year_to": 2018,
                "q": "ekonomi",
            },
            ["Cirkulär ekonomi"],
        ),
        (
            {"organisation": "tillvaxtverket", "sort": "title"},
            ["Arbetsmarknad i länet", "Cirkulär ekonomi", "Entreprenörskap"],
        ),
        ({"organisation": "region-sormland", "focus_area": "landsbygd"}, []),
    ],
)
def test_filters_combined(client, library, params, expected):
    _, titles, _ = get_list(client, params)
    assert titles == expected


def test_tag_combined_with_organisation_and_sort(client, library):
    params = {
        "tag": library["countryside"].slug,
        "organisation": "lansstyrelsen-stockholm",
        "sort": "title",
    }
    _, titles, _ = get_list(client, params)
    assert titles == ["Bredband på landsbygden", "Cirkulär ekonomi"]


def test_a_publication_with_many_relations_is_listed_once(client, library):
    # Cirkulär ekonomi has two organisations, two programmes, two tags and a focus area.
    content, titles, status = get_list(client, {"organisation": "tillvaxtverket"})
    assert titles.count("Cirkulär ekonomi") == 1
    assert status == "3 publikationer"

    params = {
        "organisation": "lansstyrelsen-stockholm",
        "programme": "jamstalld-tillvaxt",
        "tag": library["equality"].slug,
        "focus_area": "landsbygd",
    }
    _, titles, status = get_list(client, params)
    assert titles == ["Cirkulär ekonomi"]
    assert status == "1 publikation"


def test_hit_count_singular_and_plural(client, library):
    _, _, status = get_list(client, {"q": "Digital"})
    assert status == "1 publikation"
    _, _, status = get_list(client, {"type": "report"})
    assert status == "2 publikationer"


# --- the form ------------------------------------------------------------------------------


def test_the_form_labels_every_control_and_works_without_javascript(client, library):
    content, _, _ = get_list(client)
    assert f'<form class="filter-form" method="get" action="{LIST_URL}"' in content
    for name in (
        "q",
        "organisation",
        "type",
        "programme",
        "focus_area",
        "tag",
        "year_from",
        "year_to",
        "sort",
    ):
        assert f'name="{name}"' in content
        assert f'<label for="id_{name}">' in content
        assert f'id="id_{name}"' in content
    assert '<button type="submit">Visa publikationer</button>' in content
    assert f'<a href="{LIST_URL}">Rensa filter</a>' in content
    assert '<option value="tillvaxtverket">Tillväxtverket</option>' in content
    assert '<option value="report">Rapport</option>' in content
    assert '<option value="jamstalld-tillvaxt">Jämställd tillväxt 2016–2018</option>' in content
    assert "Landsbygd (" in content  # the focus area names its set
    assert executable_scripts(content) == []


def test_selected_values_are_shown_in_the_form(client, library):
    params = {
        "q": "ekonomi",
        "organisation": "tillvaxtverket",
        "type": "analysis",
        "programme": "jamstalld-tillvaxt",
        "focus_area": "landsbygd",
        "tag": library["countryside"].slug,
        "year_from": 2017,
        "year_to": 2018,
        "sort": "title",
    }
    content, titles, _ = get_list(client, params)

    assert titles == ["Cirkulär ekonomi"]
    assert 'name="q" value="ekonomi"' in content
    assert '<option value="tillvaxtverket" selected>' in content
    assert '<option value="analysis" selected>' in content
    assert '<option value="jamstalld-tillvaxt" selected>' in content
    assert '<option value="landsbygd" selected>' in content
    assert f'<option value="{library["countryside"].slug}" selected>' in content
    assert 'name="year_from" value="2017"' in content
    assert 'name="year_to" value="2018"' in content
    assert '<option value="title" selected>' in content


# --- pagination ----------------------------------------------------------------------------


def test_pages_keep_the_filters(client):
    publisher = OrganisationFactory(slug="utgivare")
    ours = {PublicationFactory(organisations=[publisher]).title for _ in range(25)}
    PublicationFactory.create_batch(3)  # from other organisations

    content, first_page, status = get_list(client, {"organisation": "utgivare"})
    assert status == "25 publikationer"
    assert len(first_page) == 20
    assert "Sida 1 av 2" in content
    assert 'href="?organisation=utgivare&amp;page=2" rel="next"' in content

    content, second_page, status = get_list(client, {"organisation": "utgivare", "page": 2})
    assert status == "25 publikationer"
    assert len(second_page) == 5
    assert set(first_page) | set(second_page) == ours
    assert not set(first_page) & set(second_page)
    assert "Sida 2 av 2" in content
    assert re.search(r'href="\?organisation=utgivare(&amp;page=1)?" rel="prev"', content)
    assert 'rel="next"' not in content


def test_pages_keep_several_filters_and_the_sort(client):
    publisher = OrganisationFactory(slug="utgivare")
    PublicationFactory.create_batch(21, organisations=[publisher], year=2017)
    params = {"organisation": "utgivare", "year_from": 2017, "sort": "title", "page": 2}

    content, titles, _ = get_list(client, params)

    assert len(titles) == 1
    assert re.search(
        r'href="\?organisation=utgivare&amp;year_from=2017&amp;sort=title(&amp;page=1)?" rel="prev"',
        content,
    )


@pytest.mark.parametrize("page", ["abc", "0", "3", "-1", "1.5"])
def test_a_page_that_does_not_exist_is_404(client, page):
    # Django's ListView behaviour, kept on purpose: a page that does not exist is not found.
    PublicationFactory.create_batch(21, title="Sidtest")
    response = client.get(LIST_URL, {"page": page})
    assert response.status_code == 404
    assert "Sidtest" not in response.content.decode()


def test_the_last_page_can_be_named(client):
    PublicationFactory.create_batch(21)
    content, titles, _ = get_list(client, {"page": "last"})
    assert len(titles) == 1
    assert "Sida 2 av 2" in content


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"organisation": "finns-inte"}, "organisation", "Det finns ingen sådan organisation."),
        ({"type": "bok"}, "type", "Det finns ingen sådan typ."),
        ({"programme": "finns-inte"}, "programme", "Det finns inget sådant program."),
        ({"focus_area": "finns-inte"}, "focus_area", "Det finns inget sådant fokusområde."),
        ({"tag": "finns-inte"}, "tag", "Det finns inget sådant nyckelord."),
        ({"year_from": "i fjol"}, "year_from", "Ange ett årtal mellan 1900 och 2100"),
        ({"year_to": "2018.5"}, "year_to", "Ange ett årtal mellan 1900 och 2100"),
        ({"year_from": "1899"}, "year_from", "Ange ett årtal mellan 1900 och 2100"),
        ({"year_to": "2101"}, "year_to", "Ange ett årtal mellan 1900 och 2100"),
        ({"year_from": "9" * 30}, "year_from", "Ange ett årtal mellan 1900 och 2100"),
        (
            {"year_from": "2019", "year_to": "2016"},
            "year_to",
            "Året i ”Till och med år” kan inte vara tidigare än året i ”Från och med år”.",
        ),
        ({"sort": "oldest"}, "sort", "Välj en av sorteringarna i listan."),
        ({"q": "x" * 201}, "q", "Skriv högst 200 tecken."),
    ],
)
def test_bad_input_is_400_with_a_message_and_no_results(client, library, params, field, message):
    content, titles, status = get_list(client, params, status=400)

    assert titles == []
    assert status == "Inga publikationer visas förrän felen i filtren är rättade."
    assert "<title>Fel i filtren – Publikationer" in content
    assert "Filtren kunde inte användas" in content
    # The message is in the summary, linked to the field, and next to the field itself.
    assert f'<a href="#id_{field}">' in content
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}' in content
    assert re.search(
        rf'<(input|select)[^>]*name="{field}"[^>]*aria-invalid="true"'
        rf'[^>]*aria-describedby="id_{field}_error"',
        content,
    )
    assert content.count('class="errorlist"') == 1


def test_several_bad_values_each_get_their_message(client, library):
    content, titles, _ = get_list(
        client, {"type": "bok", "year_from": "abc", "organisation": "tillvaxtverket"}, status=400
    )
    assert titles == []
    assert "Det finns ingen sådan typ." in content
    assert "Ange ett årtal mellan 1900 och 2100" in content
    # The valid value is kept in the form.
    assert '<option value="tillvaxtverket" selected>' in content
    assert 'name="year_from" value="abc"' in content


def test_empty_values_mean_no_filter(client, library):
    params = dict.fromkeys(
        ("q", "organisation", "type", "programme", "focus_area", "tag", "year_from", "year_to"),
        "",
    )
    params["sort"] = ""
    _, titles, status = get_list(client, params)
    assert titles == NEWEST_ORDER
    assert status == "6 publikationer"


def test_unknown_parameters_are_ignored(client, library):
    content, titles, _ = get_list(client, {"utm_source": "nyhetsbrev", "foo": "bar"})
    assert titles == NEWEST_ORDER
    assert "Filtren kunde inte användas" not in content


# --- home page search box ------------------------------------------------------------------


def test_home_page_search_box_points_at_the_site_search(client, library):
    content = client.get(reverse("home")).content.decode()

    main = content.partition('<main id="main"')[2]
    form = re.search(r'<form [^>]*role="search"[^>]*>(.*?)</form>', main, re.S)
    assert form, "the home page has a search form"
    assert f'action="{reverse("search:search")}"' in form.group(0)
    assert 'method="get"' in form.group(0)
    field = re.search(r'<input type="search" id="([^"]+)" name="q"', form.group(1))
    assert field
    assert f'<label for="{field.group(1)}">' in form.group(1)
    assert '<button type="submit">Sök</button>' in form.group(1)

    # What the box sends finds the publication.
    found = client.get(reverse("search:search"), {"q": "bredband"}).content.decode()
    url = Publication.objects.get(title="Bredband på landsbygden").get_absolute_url()
    assert f'<a href="{url}">Bredband på landsbygden</a>' in found


# --- number of queries ---------------------------------------------------------------------

_numbers = itertools.count()


def _add_publications(count, organisation, programme, focus_area, tag):
    """``count`` publications with two organisations, two programmes and two tags each; all
    match the filters of the filtered scenario."""
    for _ in range(count):
        publication = PublicationFactory(
            title=f"Rapport om tillväxt {next(_numbers)}",
            year=2018,
            organisations=[organisation, OrganisationFactory()],
        )
        publication.programmes.add(programme, ProgrammeFactory())
        publication.focus_areas.add(focus_area)
        publication.tags.add(tag, f"tagg {next(_numbers)}")


# (queries when the options are not kept yet, queries once they are): the COUNT for
# pagination, the page, its publishers and programmes, and, when the options are read, the
# organisation, programme, focus area and tag lists (tests.queries.count_queries). Each filter by slug adds the query that looks the slug up.
@pytest.mark.parametrize(
    ("filtered", "text", "expected"),
    [
        (False, False, (8, 4)),
        (True, False, (12, 8)),
        (True, True, (12, 8)),
    ],
)
def test_queries_do_not_grow_with_the_rows(client, filtered, text, expected):
    organisation = OrganisationFactory(slug="utgivare")
    programme = ProgrammeFactory(slug="programmet")
    focus_area = FocusAreaFactory(slug="omradet")
    tag = Tag.objects.create(name="tillväxt", slug="tillvaxt")
    params = (
        {
            "organisation": "utgivare",
            "programme": "programmet",
            "focus_area": "omradet",
            "tag": "tillvaxt",
            "year_from": 2018,
            "sort": "title",
        }
        if filtered
        else {}
    )
    if text:
        params["q"] = "tillväxt"

    _add_publications(2, organisation, programme, focus_area, tag)
    *with_two, response = count_queries(client, LIST_URL, params)
    assert len(result_titles(response.content.decode())) == 2

    _add_publications(18, organisation, programme, focus_area, tag)
    *with_twenty, response = count_queries(client, LIST_URL, params)
    assert len(result_titles(response.content.decode())) == 20

    assert with_two == with_twenty, f"{with_two} queries with 2 rows, {with_twenty} with 20"
    assert tuple(with_two) == expected
