"""Page queries kept compiled (programmes/prepared.py): the programme and publication pages
read exactly what the plain querysets read, scheduled items still appear at their time, and on
PostgreSQL all of a page's lists arrive in one call."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Window
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import ContentPage
from programmes.models import FocusAreaSet, Programme, ProgrammeLink
from programmes.prepared import PageQueries, Param, now_param, numbered_placeholders, related_to
from programmes.views import PROGRAMME_PAGE, PROGRAMME_PUBLICATIONS_SHOWN
from publications.models import Publication
from publications.views import PUBLICATION_PAGE
from publishing.choices import PublishState

from .factories import (
    ContactFactory,
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    FocusAreaSetFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeFocusPointFactory,
    ProgrammeGoalFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=3)
DRAFT = {"publish_state": PublishState.DRAFT}
SCHEDULED = {"publish_state": PublishState.PUBLISHED, "publish_from": LATER}


def pks(rows):
    return [row.pk for row in rows]


@pytest.fixture
def programme():
    """A programme with two or more rows in every list of its page, hidden ones among them."""
    programme = ProgrammeFactory(parent=ProgrammeFactory(), predecessor=ProgrammeFactory(**DRAFT))
    for number in range(3):
        programme.funders.add(OrganisationFactory(name=f"Finansiär {3 - number}"))
        ProgrammeGoalFactory(programme=programme, position=3 - number)
        ProgrammeFocusPointFactory(programme=programme, position=number)
        programme.municipalities.add(MunicipalityFactory())
        ProgrammeLink.objects.create(
            programme=programme,
            title=f"Länk {number}",
            url="https://example.se",
            position=3 - number,
        )
        ProgrammeFactory(parent=programme, title=f"Delprojekt {number}")
        ProgrammeFactory(predecessor=programme, title=f"Efterföljare {number}")
        ContactFactory(name=f"Kontakt {3 - number}").programmes.add(programme)
        ContentPageFactory(title=f"Sida {number}").programmes.add(programme)
        EventFactory(start_date=datetime.date(2018, 5, number + 1)).programmes.add(programme)
    programme.tags.add("ö-tagg", "a-tagg", "m-tagg")
    programme.focus_areas.add(FocusAreaFactory(), FocusAreaFactory())
    # The areas of a draft programme's own set are not public.
    hidden_set = FocusAreaSetFactory(programme=ProgrammeFactory(**DRAFT))
    programme.focus_areas.add(FocusAreaFactory(focus_area_set=hidden_set))
    ContentPageFactory(**DRAFT).programmes.add(programme)
    ContentPageFactory(**SCHEDULED).programmes.add(programme)
    ProgrammeFactory(parent=programme, **SCHEDULED)
    for year in range(2005, 2005 + PROGRAMME_PUBLICATIONS_SHOWN + 3):
        PublicationFactory(year=year).programmes.add(programme)
    PublicationFactory(year=2030, **DRAFT).programmes.add(programme)
    PublicationFactory(year=2031, **SCHEDULED).programmes.add(programme)
    return programme


def fetch_programme_lists(programme, **values):
    return PROGRAMME_PAGE.fetch(
        programme=programme.pk,
        parent=programme.parent_id,
        predecessor=programme.predecessor_id,
        content_type=ContentType.objects.get_for_model(Programme).pk,
        **values,
    )


def test_the_programme_page_reads_what_the_related_managers_read(programme):
    lists = fetch_programme_lists(programme)
    in_order = ("position", "pk")
    expected = {
        "funders": programme.funders.all(),
        "goals": programme.goals.order_by(*in_order),
        "focus_points": programme.focus_points.order_by(*in_order),
        "focus_areas": programme.focus_areas.visible(),
        "tags": programme.tags.order_by("taggit_taggeditem_items__id"),
        "municipalities": programme.municipalities.all(),
        "links": programme.links.order_by(*in_order),
        "pages": programme.pages.published(),
        "events": programme.events.all(),
        "contacts": programme.contacts.all(),
    }
    for name, queryset in expected.items():
        assert pks(lists[name]) == pks(queryset), name
        assert len(lists[name]) >= 2, name
    assert len(lists["focus_areas"]) == 2  # not the draft programme's area
    assert [tag.name for tag in lists["tags"]] == ["ö-tagg", "a-tagg", "m-tagg"]

    around = (
        Programme.objects.published().filter(pk__in=[programme.parent_id, programme.predecessor_id])
        | Programme.objects.published().filter(parent=programme)
        | (Programme.objects.published().filter(predecessor=programme))
    )
    assert sorted(pks(lists["around"])) == sorted(pks(around))
    assert programme.parent_id in pks(lists["around"])
    assert programme.predecessor_id not in pks(lists["around"])  # a draft

    newest = (
        programme.publications.published()
        .annotate(total=Window(Count("pk")))
        .order_by(*Publication._meta.ordering, "pk")[:PROGRAMME_PUBLICATIONS_SHOWN]
    )
    assert pks(lists["publications"]) == pks(newest)
    assert {row.total for row in lists["publications"]} == {PROGRAMME_PUBLICATIONS_SHOWN + 3}


def test_rows_are_model_instances_with_their_related_rows_and_deferred_columns(programme):
    lists = fetch_programme_lists(programme)
    with CaptureQueriesContext(connection) as queries:
        names = [contact.organisation.name for contact in lists["contacts"]]
        owners = [p.organisation.short_name for p in lists["around"]]
        addresses = [page.get_absolute_url() for page in lists["pages"]]
    assert len(queries) == 0  # select_related rows came with them
    assert names == [contact.organisation.name for contact in programme.contacts.all()]
    assert len(owners) == len(lists["around"])
    assert addresses == [page.get_absolute_url() for page in programme.pages.published()]
    page = lists["pages"][0]
    assert isinstance(page, ContentPage)
    assert page.get_deferred_fields() >= {"intro", "parent_id"}  # only title and slug were read


def test_a_kept_statement_still_shows_a_scheduled_item_at_its_time(programme):
    fetch_programme_lists(programme)  # compiled now, and kept
    scheduled = PublicationFactory(year=2040, publish_from=LATER)
    scheduled.programmes.add(programme)
    page = ContentPageFactory(publish_from=LATER)
    page.programmes.add(programme)
    before = fetch_programme_lists(programme)
    assert scheduled.pk not in pks(before["publications"])
    assert page.pk not in pks(before["pages"])
    after = fetch_programme_lists(programme, now=LATER + datetime.timedelta(seconds=1))
    assert pks(after["publications"])[0] == scheduled.pk
    assert page.pk in pks(after["pages"])
    # A focus area set whose programme is scheduled becomes visible with it.
    area = FocusAreaFactory(
        focus_area_set=FocusAreaSetFactory(programme=ProgrammeFactory(publish_from=LATER))
    )
    programme.focus_areas.add(area)
    assert area.pk not in pks(fetch_programme_lists(programme)["focus_areas"])
    later = fetch_programme_lists(programme, now=LATER + datetime.timedelta(seconds=1))
    assert area.pk in pks(later["focus_areas"])


def test_the_publication_page_reads_what_the_related_managers_read():
    publication = PublicationFactory(organisations=[OrganisationFactory(), OrganisationFactory()])
    for number in range(2):
        publication.programmes.add(ProgrammeFactory(start_year=2010 + number))
        publication.focus_areas.add(FocusAreaFactory())
    publication.programmes.add(ProgrammeFactory(**DRAFT), ProgrammeFactory(**SCHEDULED))
    publication.focus_areas.add(
        FocusAreaFactory(focus_area_set=FocusAreaSetFactory(programme=ProgrammeFactory(**DRAFT)))
    )
    publication.tags.add("b", "a")
    other = ProgrammeFactory(pk=publication.pk + 1000)
    other.tags.add("programmets")
    lists = PUBLICATION_PAGE.fetch(
        publication=publication.pk,
        content_type=ContentType.objects.get_for_model(Publication).pk,
    )
    assert pks(lists["organisations"]) == pks(publication.organisations.all())
    assert pks(lists["programmes"]) == pks(publication.programmes.published())
    assert len(lists["programmes"]) == 2
    assert pks(lists["focus_areas"]) == pks(publication.focus_areas.visible())
    assert len(lists["focus_areas"]) == 2
    assert [tag.name for tag in lists["tags"]] == ["b", "a"]


def test_on_postgresql_the_lists_arrive_in_one_call(programme):
    fetch_programme_lists(programme)
    with CaptureQueriesContext(connection) as queries:
        lists = fetch_programme_lists(programme)
    if connection.vendor == "postgresql":
        assert len(queries) == 1
    else:
        assert len(queries) == len(lists)
    assert len(lists) == 12


def test_related_to_reads_what_the_related_manager_reads(programme):
    key = Param("programme")
    for name in ("funders", "goals", "focus_areas", "pages", "contacts", "publications"):
        prepared = PageQueries(lambda name=name: {"rows": related_to(Programme, name, key)})
        rows = prepared.fetch(programme=programme.pk)["rows"]
        assert pks(rows) == pks(getattr(programme, name).all()), name


def test_a_time_written_into_a_kept_query_is_refused():
    frozen = PageQueries(lambda: {"rows": Programme.objects.published()})
    with pytest.raises(ValueError, match="must be a Param"):
        frozen.fetch()
    also_frozen = PageQueries(lambda: {"rows": FocusAreaSet.objects.visible()})
    with pytest.raises(ValueError, match="must be a Param"):
        also_frozen.fetch()
    kept = PageQueries(lambda: {"rows": Programme.objects.published(now_param())})
    ProgrammeFactory()
    assert len(kept.fetch()["rows"]) == 1


def test_a_missing_value_is_named():
    queries = PageQueries(lambda: {"rows": Programme.objects.filter(pk=Param("programme"))})
    with pytest.raises(TypeError, match="'programme'"):
        queries.fetch()


@pytest.mark.parametrize("kind", ["programme", "publication"])
def test_a_scheduled_page_opens_at_its_time_though_its_query_was_kept(client, monkeypatch, kind):
    """The page's own row comes from a kept query too (KeptObjectMixin): the time is bound on
    every request, not when the query was compiled."""
    factory = {"programme": ProgrammeFactory, "publication": PublicationFactory}[kind]
    shown = factory()
    assert client.get(shown.get_absolute_url()).status_code == 200  # compiled and kept
    scheduled = factory(publish_from=LATER)
    draft = factory(**DRAFT)
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    monkeypatch.setattr(
        "programmes.prepared.timezone.now", lambda: LATER + datetime.timedelta(seconds=1)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url()).status_code == 200


def test_the_kept_page_object_is_the_one_the_view_s_queryset_reads():
    from programmes.views import PROGRAMME_OBJECT, ProgrammeDetailView
    from publications.views import PUBLICATION_OBJECT, PublicationDetailView

    for view, queries, obj in (
        (
            ProgrammeDetailView,
            PROGRAMME_OBJECT,
            ProgrammeFactory(commissioned_by=OrganisationFactory()),
        ),
        (PublicationDetailView, PUBLICATION_OBJECT, PublicationFactory()),
    ):
        kept = queries.fetch(slug=obj.slug)["object"]
        plain = view().get_queryset().get(slug=obj.slug)
        assert pks(kept) == [plain.pk]
        assert kept[0].get_deferred_fields() == plain.get_deferred_fields()
        # Every loaded value as the ORM gives it: times, dates and numbers converted from
        # what the database sends (SQLite sends times as text), with their types.
        loaded = [
            field.attname
            for field in type(plain)._meta.concrete_fields
            if field.attname not in plain.get_deferred_fields()
        ]
        assert [(getattr(kept[0], name), type(getattr(kept[0], name))) for name in loaded] == [
            (getattr(plain, name), type(getattr(plain, name))) for name in loaded
        ]
        assert isinstance(kept[0].publish_from, datetime.datetime)
        assert isinstance(kept[0].created_at, datetime.datetime)
        assert queries.fetch(slug=obj.slug + "-saknas")["object"] == []


def test_placeholders_are_numbered_for_prepare_and_percent_signs_kept():
    sql = "SELECT %s, 'a %% b' WHERE x = %s AND y LIKE %s"
    assert numbered_placeholders(sql) == "SELECT $1, 'a %% b' WHERE x = $2 AND y LIKE $3"


only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def statements_in_session():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


@only_on_postgresql
@pytest.mark.django_db(transaction=True)  # the session is closed part way
def test_on_postgresql_each_session_prepares_the_statements_once(programme):
    expected = fetch_programme_lists(programme)
    names = {query.name for query in PROGRAMME_PAGE.compiled(connection.alias).values()}
    assert len(names) == 12
    assert names <= statements_in_session()
    with CaptureQueriesContext(connection) as queries:
        lists = fetch_programme_lists(programme)
    (sql,) = [query["sql"] for query in queries.captured_queries]
    assert "PREPARE" not in sql
    assert sql.count("EXECUTE") == 12
    assert {name: pks(rows) for name, rows in lists.items()} == {
        name: pks(rows) for name, rows in expected.items()
    }
    # A new session has none: the next call prepares them in the same single call.
    connection.close()
    with CaptureQueriesContext(connection) as queries:
        again = fetch_programme_lists(programme)
    (sql,) = [query["sql"] for query in queries.captured_queries]
    assert sql.count("PREPARE") == 12
    assert names <= statements_in_session()
    assert {name: pks(rows) for name, rows in again.items()} == {
        name: pks(rows) for name, rows in expected.items()
    }


@only_on_postgresql
def test_on_postgresql_statements_dropped_inside_a_transaction_fail_that_call_only(programme):
    """DISCARD ALL (as a pooler may send) drops the session's statements. Inside a
    transaction the call that finds one gone fails (the transaction is aborted; nothing can be
    retried in it), and the next call reads what exists and prepares the rest."""
    from django.db import transaction

    expected = fetch_programme_lists(programme)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with pytest.raises(Exception, match="does not exist"), transaction.atomic():
        fetch_programme_lists(programme)
    lists = fetch_programme_lists(programme)
    assert {name: pks(rows) for name, rows in lists.items()} == {
        name: pks(rows) for name, rows in expected.items()
    }


@only_on_postgresql
@pytest.mark.django_db(transaction=True)  # a visitor's request runs outside a transaction
def test_on_postgresql_a_page_whose_statements_were_dropped_still_answers(client, programme):
    url = programme.get_absolute_url()
    assert client.get(url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    response = client.get(url)
    assert response.status_code == 200
    assert programme.title in response.content.decode()
    names = {query.name for query in PROGRAMME_PAGE.compiled(connection.alias).values()}
    assert names <= statements_in_session()


def instance_state(instance):
    """What a model instance holds: its columns, deferred ones, state and cached relations."""
    cached = {
        name: instance_state(value) if value is not None else None
        for name, value in instance._state.fields_cache.items()
    }
    columns = {
        name: value
        for name, value in vars(instance).items()
        if name != "_state" and not name.startswith("_prefetched")
    }
    return (
        type(instance),
        columns,
        instance.get_deferred_fields(),
        instance._state.db,
        instance._state.adding,
        cached,
    )


def test_kept_rows_are_the_instances_django_builds():
    """``new_instance`` and ``populate`` (prepared.plain_instances) give what Django's own
    ``from_db`` and ``select_related`` give: the same columns, deferred columns, state and
    related objects, a missing parent as None."""
    from programmes.filters import listed_programmes

    child = ProgrammeFactory(parent=ProgrammeFactory())
    ProgrammeFactory()
    queries = PageQueries(lambda: {"rows": listed_programmes(now_param()).order_by("pk")})
    kept = queries.fetch()["rows"]
    django = list(listed_programmes().order_by("pk"))
    assert len(kept) == 3
    assert [instance_state(row) for row in kept] == [instance_state(row) for row in django]
    assert any(row.pk == child.pk and row.parent is not None for row in kept)
    assert any(row.parent is None for row in kept)
    # A deferred column is read as Django reads it, and a saved row saves.
    row = next(row for row in kept if row.pk == child.pk)
    assert row.summary == child.summary
    row.title = "Nytt namn"
    row.save(update_fields=["title"])
    assert Programme.objects.get(pk=child.pk).title == "Nytt namn"


def test_kept_rows_take_django_s_way_when_something_listens_to_their_creation():
    """A receiver of ``post_init`` (or a model with its own ``__init__``) is not skipped: the
    rows then come from ``from_db``, and the receiver sees each of them."""
    from django.db.models.signals import post_init

    from organisations.models import Organisation
    from programmes.prepared import plain_instances

    ProgrammeFactory()
    ProgrammeFactory()
    queries = PageQueries(
        lambda: {"rows": Programme.objects.select_related("organisation").order_by("pk")}
    )
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append((sender, instance.pk))

    assert plain_instances(Programme, ["id", "title"])
    post_init.connect(receiver, sender=Organisation)
    try:
        assert plain_instances(Programme, ["id", "title"])
        assert not plain_instances(Organisation, ["id", "name"])
        rows = queries.fetch()["rows"]
    finally:
        post_init.disconnect(receiver, sender=Organisation)
    assert sorted(seen) == sorted((Organisation, row.organisation.pk) for row in rows)
