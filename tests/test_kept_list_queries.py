"""Kept queries of the list pages (programmes/prepared.py): the programme list reads its page's
rows by a list of ids bound per request (``InIds``), its results' ids per combination of
filters (``kept_results``) and its selects' options (``KeptOptions``) by kept queries, and the
list filters find the chosen organisation, programme or focus area by a kept query
(``KeptChoiceMixin``). Each must read exactly what the plain querysets read, and decide
visibility at the time of the request."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from programmes.filters import ProgrammeFilter
from programmes.prepared import IdsParam, InIds, PageQueries, now_param
from programmes.views import LISTED_BY_ID, listed_programmes
from programmes.widgets import KeptChoiceMixin
from publications.filters import PublicationFilter
from publishing.choices import PublishState

from .factories import (
    FocusAreaFactory,
    FocusAreaSetFactory,
    OrganisationFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=2)


@pytest.fixture
def programmes():
    """Published programmes, a project under one of them, a draft and a scheduled one."""
    owner = OrganisationFactory(name="Region Gotland", short_name="Gotland")
    published = [ProgrammeFactory(organisation=owner) for _ in range(4)]
    project = ProgrammeFactory(parent=published[0])
    draft = ProgrammeFactory(publish_state=PublishState.DRAFT)
    scheduled = ProgrammeFactory(publish_state=PublishState.PUBLISHED, publish_from=LATER)
    return {"published": [*published, project], "draft": draft, "scheduled": scheduled}


def listed(rows):
    """What a list row shows of each programme, and which columns were read."""
    return sorted(
        (
            row.pk,
            row.title,
            row.slug,
            row.start_year,
            row.end_year,
            row.organisation.name,
            row.organisation.short_name,
            row.parent.title if row.parent_id else None,
            frozenset(row.get_deferred_fields()),
        )
        for row in rows
    )


def test_the_page_rows_by_ids_are_what_the_queryset_reads(programmes):
    everyone = [*programmes["published"], programmes["draft"], programmes["scheduled"]]
    ids = [programme.pk for programme in everyone]
    for chosen in ([], ids[:1], ids[1:4], ids, [*ids, 10**9], ids[:2] * 2):
        kept = LISTED_BY_ID.fetch(ids=chosen)["rows"]
        assert listed(kept) == listed(listed_programmes().filter(pk__in=chosen))
    # Only published ones: not the draft, not the scheduled one before its time.
    found = {row.pk for row in LISTED_BY_ID.fetch(ids=ids)["rows"]}
    assert found == {programme.pk for programme in programmes["published"]}
    with mock.patch.object(timezone, "now", return_value=LATER + datetime.timedelta(seconds=1)):
        later = {row.pk for row in LISTED_BY_ID.fetch(ids=ids)["rows"]}
    assert later == found | {programmes["scheduled"].pk}


def test_a_list_of_ids_is_one_parameter_whatever_its_length(programmes):
    queries = PageQueries(
        lambda: {"rows": listed_programmes(now_param()).filter(InIds("pk", "ids")).order_by("pk")}
    )
    (compiled,) = queries.compiled("default").values()
    assert [type(value) for value in compiled.params].count(IdsParam) == 1
    ids = [programme.pk for programme in programmes["published"]]
    assert pks(queries.fetch(ids=ids)["rows"]) == sorted(ids)
    assert pks(queries.fetch(ids=ids[:1])["rows"]) == ids[:1]
    with pytest.raises(ValueError):
        queries.fetch(ids=["not a number"])


def pks(rows):
    return [row.pk for row in rows]


def kept_fields():
    """(filterset class, field name) of every filter that finds its chosen value by a kept
    query."""
    found = []
    for filterset in (ProgrammeFilter, PublicationFilter):
        form = filterset().form
        for name, field in form.fields.items():
            if isinstance(field, KeptChoiceMixin) and field.chosen_among is not None:
                found.append((filterset, name))
    return found


def test_the_list_filters_find_their_chosen_values_by_kept_queries():
    assert sorted((filterset.__name__, name) for filterset, name in kept_fields()) == [
        ("ProgrammeFilter", "focus_area"),
        ("ProgrammeFilter", "organisation"),
        ("PublicationFilter", "focus_area"),
        ("PublicationFilter", "organisation"),
        ("PublicationFilter", "programme"),
    ]


@pytest.fixture
def candidates():
    """Values a visitor may choose, and some that no filter accepts: a published programme of
    an organisation in a focus area, a draft programme of another one with an area of its own
    set, a scheduled one, and an organisation with no programme."""
    published = ProgrammeFactory(slug="publicerat")
    published.focus_areas.add(FocusAreaFactory(slug="allman"))
    draft = ProgrammeFactory(slug="utkast", publish_state=PublishState.DRAFT)
    draft.focus_areas.add(
        FocusAreaFactory(slug="utkastets-eget", focus_area_set=FocusAreaSetFactory(programme=draft))
    )
    scheduled = ProgrammeFactory(
        slug="schemalagt", publish_state=PublishState.PUBLISHED, publish_from=LATER
    )
    scheduled.focus_areas.add(FocusAreaFactory(slug="framtida"))
    OrganisationFactory(slug="utan-program")
    return [
        published.organisation.slug,
        draft.organisation.slug,
        scheduled.organisation.slug,
        "utan-program",
        "publicerat",
        "utkast",
        "schemalagt",
        "allman",
        "utkastets-eget",
        "framtida",
        "finns-inte",
        "x" * 300,
        "Publicerat",
        "'; DROP TABLE programmes_programme; --",
    ]


def outcome(field, value):
    try:
        return field.clean(value).pk
    except ValidationError as error:
        return error.code


@pytest.mark.parametrize("moment", [None, LATER + datetime.timedelta(seconds=1)])
def test_a_kept_choice_accepts_what_the_field_s_queryset_holds(candidates, moment):
    """Every candidate, now and after the scheduled programme's time: the kept lookup accepts
    exactly the values Django's ``queryset.get()`` accepts, and finds the same object."""
    now = moment or timezone.now()
    with mock.patch.object(timezone, "now", return_value=now):
        for filterset, name in kept_fields():
            kept = filterset().form.fields[name]
            plain = filterset().form.fields[name]
            plain.chosen_among = None  # Django's own lookup
            for value in candidates:
                assert outcome(kept, value) == outcome(plain, value), (filterset, name, value)
    accepted = {outcome(ProgrammeFilter().form.fields["organisation"], v) for v in candidates}
    assert "invalid_choice" in accepted and len(accepted) > 1


def test_the_chosen_value_is_not_looked_up_through_the_queryset(client, candidates):
    def refuse(*args, **kwargs):
        raise AssertionError("QuerySet.get() was called")

    with mock.patch.object(QuerySet, "get", refuse):
        response = client.get("/program/", {"focus_area": "allman", "organisation": candidates[0]})
        assert response.status_code == 200
        assert "publicerat" in response.content.decode()
        assert client.get("/program/", {"focus_area": "utkastets-eget"}).status_code == 400
        response = client.get("/publikationer/", {"programme": "publicerat"})
        assert response.status_code == 200


@pytest.mark.parametrize("value", ["a\x00b", "x" * 5000, "%", "ö" * 80])
def test_odd_chosen_values_are_form_errors(client, value):
    ProgrammeFactory()
    for url, name in [
        ("/program/", "focus_area"),
        ("/program/", "organisation"),
        ("/publikationer/", "programme"),
        ("/publikationer/", "organisation"),
        ("/publikationer/", "focus_area"),
    ]:
        response = client.get(url, {name: value})
        assert response.status_code == 400, (url, value)


@pytest.fixture
def catalogue():
    """Programmes of three organisations over several periods, in general focus areas and
    one programme's own set; a draft, a scheduled programme with its own organisation and
    area, and an organisation and an area no public programme uses."""
    north, south, east = (
        OrganisationFactory(name=name, slug=slug)
        for name, slug in [("Region Norr", "norr"), ("Region Syd", "syd"), ("Östra verket", "ost")]
    )
    growth, skills, unused = (
        FocusAreaFactory(name=name, slug=slug)
        for name, slug in [("Tillväxt", "tillvaxt"), ("Kompetens", "kompetens"), ("Tom", "tom")]
    )
    shapes = [
        (north, 2014, 2016, [growth]),
        (north, 2016, 2018, [growth, skills]),
        (south, 2017, None, [skills]),
        (south, 2019, 2021, []),
        (east, 2015, 2017, [growth]),
    ]
    made = []
    for owner, start, end, areas in shapes:
        programme = ProgrammeFactory(organisation=owner, start_year=start, end_year=end)
        programme.focus_areas.add(*areas)
        made.append(programme)
    own = FocusAreaFactory(slug="eget", focus_area_set=FocusAreaSetFactory(programme=made[1]))
    made[1].focus_areas.add(own)
    ProgrammeFactory(organisation=east, publish_state=PublishState.DRAFT).focus_areas.add(unused)
    later = OrganisationFactory(name="Framtidsverket", slug="framtid")
    scheduled = ProgrammeFactory(
        organisation=later,
        start_year=2017,
        end_year=2018,
        publish_state=PublishState.PUBLISHED,
        publish_from=LATER,
    )
    scheduled.focus_areas.add(growth, FocusAreaFactory(slug="framtida-omradet"))
    return made


QUERIES = [
    {},
    *({"organisation": slug} for slug in ("norr", "syd", "ost", "framtid")),
    *({"focus_area": slug} for slug in ("tillvaxt", "kompetens", "eget", "tom")),
    *({"year": year} for year in ("2015", "2017", "2020", "1999")),
    {"organisation": "norr", "focus_area": "tillvaxt"},
    {"organisation": "syd", "year": "2017"},
    {"focus_area": "kompetens", "year": "2018"},
    {"focus_area": "eget", "organisation": "norr", "year": "2017"},
    {"organisation": "ost", "focus_area": "kompetens"},
    {"status": "pagaende", "organisation": "norr"},
    {"organisation": "finns-inte", "year": "2017"},
]


def test_kept_options_are_the_options_the_querysets_give(client, catalogue, monkeypatch):
    """Each page of the list and the timeline, for filters alone and combined, short results
    (ids known) and long ones, now and after the scheduled programme's time: byte for byte
    what narrowing through querysets gives."""
    from programmes import filters, views

    def pages():
        found = []
        for moment in (timezone.now(), LATER + datetime.timedelta(seconds=1)):
            with mock.patch.object(timezone, "now", return_value=moment):
                for url in ("/program/", "/program/tidslinje/"):
                    for query in QUERIES:
                        response = client.get(url, query)
                        found.append((url, query, response.status_code, response.content))
        return found

    for few in (1000, 2):  # 2: most results are too many to read as ids
        monkeypatch.setattr(views, "FEW_RESULTS", few)
        kept = pages()
        with mock.patch.object(filters.KEPT_OPTIONS, "narrow", return_value=False):
            plain = pages()
        for one, other in zip(kept, plain, strict=True):
            assert one == other, one[:3]
    statuses = {status for _, _, status, _ in kept}
    assert statuses == {200, 400}


def test_kept_options_do_not_read_the_option_querysets(client, catalogue):
    """Outside the status filter, the selects' options come from the kept queries."""
    from programmes.filters import GroupedModelChoiceIterator
    from programmes.widgets import ListModelChoiceIterator

    def refuse(self):
        raise AssertionError("an option queryset was read")

    with (
        mock.patch.object(GroupedModelChoiceIterator, "__iter__", refuse),
        mock.patch.object(ListModelChoiceIterator, "__iter__", refuse),
    ):
        for query in QUERIES:
            if "status" in query or {"framtid", "tom", "finns-inte"} & set(query.values()):
                continue  # the status, and values the form refuses, take the querysets' way
            response = client.get("/program/", query)
            assert response.status_code == 200, query
        html = client.get("/program/", {"year": "2017"}).content.decode()
    assert '<option value="norr">Region Norr</option>' in html
    assert 'value="syd"' in html  # its open-ended programme runs in 2017
    assert 'value="framtid"' not in html  # scheduled
    assert '<optgroup label="' in html and 'value="tillvaxt"' in html and 'value="tom"' not in html


def test_kept_results_are_the_filtersets_results_in_order(catalogue):
    """The (id, owner id) pairs of a kept query per combination of filters: those of the
    filterset's own queryset, in the list's order, now and after the scheduled programme's
    time; None where the querysets must answer (the status, a form with errors)."""
    from programmes.views import FEW_RESULTS, kept_results

    answered = 0
    for moment in (timezone.now(), LATER + datetime.timedelta(seconds=1)):
        with mock.patch.object(timezone, "now", return_value=moment):
            for query in [None, *QUERIES]:
                filterset = ProgrammeFilter(query, queryset=listed_programmes())
                kept = kept_results(filterset)
                if filterset.is_bound and not filterset.is_valid() or "status" in (query or {}):
                    assert kept is None, query
                    continue
                expected = filterset.qs.values_list("pk", "organisation_id")[: FEW_RESULTS + 1]
                assert kept == list(expected), query
                answered += 1
    assert answered > 20


def test_narrowing_without_kept_reads_the_option_querysets(catalogue):
    """A ProgrammeFilter over another queryset narrows through querysets unless told that it
    lists ``listed_programmes()`` (``kept=True``, the views)."""
    from programmes.filters import KEPT_OPTIONS

    with mock.patch.object(KEPT_OPTIONS, "narrow", side_effect=AssertionError("kept")):
        filterset = ProgrammeFilter({"year": "2017"}, queryset=listed_programmes())
        filterset.narrow_choices()
        assert "norr" in dict(filterset.form.fields["organisation"].choices)
    filterset = ProgrammeFilter({"year": "2017"}, queryset=listed_programmes())
    with mock.patch.object(KEPT_OPTIONS, "narrow", return_value=True) as narrow:
        filterset.narrow_choices(kept=True)
    assert narrow.called
