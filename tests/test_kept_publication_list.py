"""Kept queries of the publication list (programmes/prepared.py): its results per combination
of filters (``kept_results``), the publishers and programmes of a page's rows
(``with_listed_relations``) and its selects' options (``filters.KEPT_OPTIONS``). Each must read
exactly what the plain querysets read, and decide visibility at the time of the request. Also
the filter form's fields written in Python (``markup.field_group``, ``FastInput``,
``FastSelect.choices``): the markup Django's templates write."""

import datetime
import re
from unittest import mock

import pytest
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from organisations.models import Organisation
from programmes.filters import ProgrammeFilter, listed_programmes
from programmes.markup import field_group
from programmes.models import FocusArea, Programme
from programmes.prepared import AmongValues, HasRow
from programmes.widgets import FastNumberInput, FastSearchInput, FastSelect, ListModelChoiceIterator
from publications import filters, views
from publications.choices import PublicationKind
from publications.filters import PublicationFilter, published_publications
from publications.models import Publication, listing_prefetches
from publishing.choices import PublishState

from .factories import (
    FocusAreaFactory,
    FocusAreaSetFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=2)
AFTER = LATER + datetime.timedelta(seconds=1)


@pytest.fixture
def catalogue():
    """Publications of three organisations over several years and kinds, in programmes, focus
    areas (general ones and a programme's own set) and tags; a draft and a scheduled
    publication, a draft and a scheduled programme, and a tag used only on the draft."""
    north, south, east = (
        OrganisationFactory(name=name, short_name=short, slug=slug)
        for name, short, slug in [
            ("Region Norr", "Norr", "norr"),
            ("Region Syd", "", "syd"),
            ("Östra verket", "", "ost"),
        ]
    )
    growth = ProgrammeFactory(title="Tillväxt", slug="tillvaxt", start_year=2016, end_year=2018)
    skills = ProgrammeFactory(title="Kompetens", slug="kompetens", start_year=2019, end_year=None)
    hidden = ProgrammeFactory(slug="utkast", publish_state=PublishState.DRAFT)
    coming = ProgrammeFactory(
        slug="kommande", publish_state=PublishState.PUBLISHED, publish_from=LATER
    )
    rural, digital = (
        FocusAreaFactory(name=name, slug=slug)
        for name, slug in [("Landsbygd", "landsbygd"), ("Digitalisering", "digital")]
    )
    own = FocusAreaFactory(slug="eget", focus_area_set=FocusAreaSetFactory(programme=growth))
    shapes = [
        (north, PublicationKind.REPORT, 2016, [growth], [rural], ["eu"]),
        (north, PublicationKind.ANALYSIS, 2017, [growth, hidden], [own], ["eu", "ai"]),
        (south, PublicationKind.REPORT, 2017, [skills, coming], [digital], ["ai"]),
        (south, PublicationKind.STRATEGY, 2019, [], [rural, digital], []),
        (east, PublicationKind.ACTION_PLAN, None, [coming], [], ["norden"]),
        (east, PublicationKind.REPORT, 2020, [skills], [rural], ["eu"]),
    ]
    for number, (owner, kind, year, programmes, areas, tags) in enumerate(shapes):
        publication = PublicationFactory(
            title=f"Rapport {chr(70 - number)}", kind=kind, year=year, organisations=[owner]
        )
        if number == 1:
            publication.organisations.add(south)
        publication.programmes.add(*programmes)
        publication.focus_areas.add(*areas)
        publication.tags.add(*tags)
    draft = PublicationFactory(
        publish_state=PublishState.DRAFT, year=2017, organisations=[north, east]
    )
    draft.programmes.add(growth)
    draft.tags.add("hemlig")
    scheduled = PublicationFactory(
        publish_state=PublishState.PUBLISHED, publish_from=LATER, year=2017, organisations=[east]
    )
    scheduled.programmes.add(skills)
    scheduled.focus_areas.add(digital)
    scheduled.tags.add("snart")


QUERIES = [
    {},
    *({"organisation": slug} for slug in ("norr", "syd", "ost")),
    {"type": PublicationKind.REPORT},
    *({"programme": slug} for slug in ("tillvaxt", "kompetens", "kommande")),
    *({"focus_area": slug} for slug in ("landsbygd", "digital", "eget")),
    *({"tag": slug} for slug in ("eu", "ai", "snart")),
    {"year_from": "2017"},
    {"year_to": "2017"},
    {"year_from": "2017", "year_to": "2019", "sort": "title"},
    {"sort": "newest"},
    {"organisation": "norr", "programme": "tillvaxt", "tag": "eu"},
    {"organisation": "syd", "focus_area": "digital", "year_from": "2017"},
    {"type": PublicationKind.REPORT, "programme": "kompetens", "sort": "title"},
    {"tag": "ai", "focus_area": "eget"},
    {"q": "Rapport", "organisation": "norr"},
]
# Values the form refuses: 400, with the options the valid values leave.
INVALID = [
    {"organisation": "finns-inte", "year_from": "2017"},
    {"year_from": "2019", "year_to": "2016"},
]


def plain_path():
    """Everything through querysets: no kept results, no kept options."""
    return (
        mock.patch.object(views, "kept_results", return_value=None),
        mock.patch.object(filters.KEPT_OPTIONS, "narrow", return_value=False),
    )


def test_the_kept_pages_are_what_the_querysets_give(client, catalogue, monkeypatch):
    """Every query above, for short results (ids known) and long ones, with the programme
    select's limit above and below the number of programmes, now and after the scheduled
    publication's and programme's time: byte for byte what the plain querysets give."""

    def pages():
        found = []
        for moment in (timezone.now(), AFTER):
            with mock.patch.object(timezone, "now", return_value=moment):
                for query in QUERIES + INVALID:
                    response = client.get("/publikationer/", query)
                    found.append((query, response.status_code, response.content))
        return found

    for few, limit in ((1000, 100), (2, 100), (1000, 1)):
        monkeypatch.setattr(views, "FEW_RESULTS", few)
        monkeypatch.setattr(filters, "PROGRAMME_OPTIONS", limit)
        kept = pages()
        results, options = plain_path()
        with results, options:
            plain = pages()
        for one, other in zip(kept, plain, strict=True):
            assert one == other, one[:2]
    statuses = {status for _, status, _ in kept}
    assert statuses == {200, 400}
    # The last round had a limit of one programme: Region Syd's publications have two, Östra
    # verket's one until the scheduled programme's time.
    pages = {str(query): content for query, _, content in kept[: len(kept) // 2]}
    assert b'id="programme-hint"' in pages[str({"organisation": "syd"})]
    assert b'id="programme-hint"' not in pages[str({"organisation": "ost"})]


def test_the_kept_options_do_not_read_the_option_querysets(client, catalogue):
    """Without a text search, the selects' options come from the kept queries."""

    def refuse(self):
        raise AssertionError("an option queryset was read")

    with mock.patch.object(ListModelChoiceIterator, "__iter__", refuse):
        answered = 0
        for query in QUERIES:
            valid = PublicationFilter(query, queryset=published_publications(None)).is_valid()
            if "q" in query or not valid:
                continue  # a text search, and values refused now, take the querysets' way
            response = client.get("/publikationer/", query)
            assert response.status_code == 200, query
            answered += 1
        html = client.get("/publikationer/", {"organisation": "norr"}).content.decode()
    assert '<option value="tillvaxt">Tillväxt 2016–2018</option>' in html
    assert 'value="utkast"' not in html  # a draft programme
    assert 'value="kommande"' not in html  # scheduled
    assert 'value="eget"' not in html  # another programme's own area, not chosen
    assert 'value="hemlig"' not in html and 'value="snart"' not in html
    assert answered >= 20


def test_kept_results_are_the_filtersets_results_in_order(catalogue):
    """The listed columns of a kept query per combination of filters: those of the
    filterset's own queryset, in the list's order, now and after the scheduled time; None
    where the querysets must answer (a text search, a form with errors)."""
    answered = 0
    for moment in (timezone.now(), AFTER):
        with mock.patch.object(timezone, "now", return_value=moment):
            for query in [None, *QUERIES, *INVALID]:
                filterset = PublicationFilter(query, queryset=published_publications(moment))
                kept = views.kept_results(filterset)
                if filterset.is_bound and not filterset.is_valid() or "q" in (query or {}):
                    assert kept is None, query
                    continue
                expected = filterset.qs.values_list(*views.LISTED_COLUMNS)
                assert kept == list(expected[: views.FEW_RESULTS + 1]), query
                answered += 1
    assert answered > 40


def test_a_kept_list_does_not_build_the_filtered_queryset(client, catalogue, monkeypatch):
    """The kept results answer a short list; the filterset's queryset is built only for a
    text search or a long list, which are read through it."""
    short, search, long = {"organisation": "norr"}, {"q": "Rapport"}, {"year_from": "2017"}
    before = client.get("/publikationer/", short).content

    def refuse(self):
        raise AssertionError("the filtered queryset was built")

    with mock.patch.object(PublicationFilter, "qs", property(refuse)):
        response = client.get("/publikationer/", short)
        assert response.status_code == 200
        assert response.content == before
        assert "Rapport F" in response.content.decode()
        with pytest.raises(AssertionError, match="filtered queryset"):
            client.get("/publikationer/", search)
        monkeypatch.setattr(views, "FEW_RESULTS", 1)
        with pytest.raises(AssertionError, match="filtered queryset"):
            client.get("/publikationer/", long)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
def test_the_results_query_is_planned_for_its_values():
    """A generic plan of the results query was many times slower than the plan for the
    values, so it is sent with its values rather than prepared (benchmarks/README.md)."""
    PublicationFactory(organisations=[OrganisationFactory(slug="norr")])
    filterset = PublicationFilter({"organisation": "norr"}, queryset=published_publications(None))
    with CaptureQueriesContext(connection) as queries:
        for _ in range(7):
            assert len(views.kept_results(filterset)) == 1
    results = [
        query["sql"]
        for query in queries.captured_queries
        if '"publications_publication"."title"' in query["sql"]
    ]
    assert len(results) == 7
    assert all(sql.startswith('SELECT "publications_publication"."id"') for sql in results)


def relations(publications):
    return [
        (
            publication.pk,
            [(o.pk, o.name, o.short_name, o.slug) for o in publication.listed_organisations],
            [
                (p.pk, p.title, p.slug, p.start_year, p.end_year)
                for p in publication.listed_programmes
            ],
        )
        for publication in publications
    ]


def test_the_listed_relations_are_what_the_prefetch_reads(catalogue):
    """The publishers and the published programmes of each row, in the models' order, now
    and after the scheduled programme's time: what ``listing_prefetches`` reads."""
    for moment in (timezone.now(), AFTER):
        with mock.patch.object(timezone, "now", return_value=moment):
            rows = list(Publication.objects.order_by("pk"))
            kept = relations(views.with_listed_relations(rows))
            fetched = list(Publication.objects.order_by("pk"))
            prefetch_related_objects(fetched, *listing_prefetches())
            for publication in fetched:
                publication.listed_organisations = publication.organisations.all()
                publication.listed_programmes = publication.programmes.all()
            assert kept == relations(fetched)
    assert any(programmes for _, _, programmes in kept)
    assert views.with_listed_relations([]) == []


LINKS = [
    (Publication.organisations.through, "publication_id", "organisation_id", Organisation),
    (Publication.programmes.through, "publication_id", "programme_id", Programme),
    (Publication.focus_areas.through, "publication_id", "focusarea_id", FocusArea),
    (TaggedItem, "object_id", "tag_id", Tag),
]


@pytest.mark.parametrize("links, column, option_column, model", LINKS)
def test_among_values_finds_what_exists_finds(catalogue, links, column, option_column, model):
    """``AmongValues`` (an array of the links' values on PostgreSQL), ``HasRow`` (the first
    link, a scalar subquery) and ``EXISTS`` over the same links keep the same options, for
    some results, all of them and none."""
    ids = list(Publication.objects.order_by("pk").values_list("pk", flat=True))
    for results in (ids[:2], ids[2:5], ids, []):
        linked = links.objects.filter(**{f"{column}__in": results})
        among = model.objects.filter(AmongValues("pk", linked.values(option_column)))
        exists = model.objects.filter(Exists(linked.filter(**{option_column: OuterRef("pk")})))
        first = model.objects.filter(HasRow(linked.filter(**{option_column: OuterRef("pk")})))
        assert sorted(among.values_list("pk", flat=True)) == sorted(
            exists.values_list("pk", flat=True)
        ), results
        assert sorted(first.values_list("pk", flat=True)) == sorted(
            exists.values_list("pk", flat=True)
        ), results
        # OR-ed with a chosen value, as ``offer`` does.
        chosen = model.objects.order_by("pk").first().pk
        assert sorted(
            model.objects.filter(
                Q(AmongValues("pk", linked.values(option_column))) | Q(pk=chosen)
            ).values_list("pk", flat=True)
        ) == sorted({*exists.values_list("pk", flat=True), chosen})
    assert among.count() == 0  # the last results were none


def test_known_results_read_their_links_once_and_others_look_for_one(catalogue):
    """The options of a short result (ids known) come from the links of those ids read
    once into an array (PostgreSQL) or list; without known ids, programmes and tags are
    narrowed by EXISTS, and each focus area looks for its first link to a result."""
    filterset = PublicationFilter({"year_from": "2017"}, queryset=published_publications(None))
    assert filterset.is_valid()
    ids = list(filterset.qs.values_list("pk", flat=True))
    array = (
        "= ANY(ARRAY(SELECT DISTINCT"
        if connection.vendor == "postgresql"
        else "IN (SELECT DISTINCT"
    )
    options = {}
    first_link = re.compile(r"\(SELECT 1 AS \S+ FROM .* LIMIT 1\) IS NOT NULL")
    for results, expected, unexpected in ((ids, array, "EXISTS"), (None, "EXISTS", "DISTINCT")):
        narrowed = PublicationFilter({"year_from": "2017"}, queryset=published_publications(None))
        narrowed.narrow_options(results=results)
        for name in ("programme", "focus_area", "tag"):
            sql = str(narrowed.form.fields[name].queryset.query)
            assert unexpected not in sql, (name, results is None, sql)
            if results is None and name == "focus_area":
                assert first_link.search(sql) and "EXISTS" not in sql, sql
            else:
                assert expected in sql and not first_link.search(sql), (name, sql)
        options[expected] = {
            name: [str(label) for _, label in narrowed.form.fields[name].choices]
            for name in ("programme", "focus_area", "tag")
        }
    assert options[array] == options["EXISTS"]
    assert all(options[array].values())


FORMS = [
    (PublicationFilter, None),
    (PublicationFilter, {"q": 'a<b "c"', "year_from": "2016", "sort": "title"}),
    (PublicationFilter, {"year_from": "abc", "organisation": "finns-inte", "q": "x" * 201}),
    (ProgrammeFilter, {"year": "2017", "status": "ongoing"}),
    (ProgrammeFilter, {"year": "1800", "status": "okänd"}),
]


@pytest.mark.parametrize("filterset_class, data", FORMS)
def test_field_groups_are_what_django_writes(catalogue, filterset_class, data):
    """Label, help text, errors and widget: what ``as_field_group`` writes through Django's
    templates, with and without errors and help text."""
    if filterset_class is PublicationFilter:
        queryset = published_publications(None)
    else:
        queryset = listed_programmes()
    filterset = filterset_class(data, queryset=queryset)
    filterset.is_valid()
    for field in filterset.form:
        assert field_group(field) == field.as_field_group(), field.name


@pytest.mark.parametrize(
    "fast, django", [(FastSearchInput, forms.SearchInput), (FastNumberInput, forms.NumberInput)]
)
@pytest.mark.parametrize("value", [None, "", "2017", 0, 'a<b "c" & d'])
def test_fast_inputs_are_what_django_writes(fast, django, value):
    attrs = {"maxlength": 200, "required": True, "disabled": False, "aria-describedby": "x y"}
    expected = django(attrs={"min": 1900}).render("year", value, attrs={"id": "id_year", **attrs})
    assert (
        fast(attrs={"min": 1900}).render("year", value, attrs={"id": "id_year", **attrs})
        == expected
    )


@pytest.mark.parametrize(
    "choices",
    [
        [("", "Alla"), ("a", "A"), ("b", "B")],
        [("", "Alla"), ("Grupp", [("a", "A"), ("b", "B")]), ("c", "C")],
        {"a": "A", "b": "B"},
        PublicationKind.choices,
        PublicationKind,
        [],
    ],
)
def test_fast_select_keeps_the_choices_django_would(choices):
    """Its options as ``forms.Select`` normalises them (a list of pairs is kept as it is)."""
    fast, django = FastSelect(choices=choices), forms.Select(choices=choices)
    assert list(fast.choices) == list(django.choices)
    assert [type(choice) for choice in fast.choices] == [type(c) for c in django.choices]
