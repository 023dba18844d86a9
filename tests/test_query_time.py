"""Filter options built once per process (``built_once``) still decide visibility at the time
each query runs (``QueryTime``): a scheduled programme's organisation, focus area and the
programme itself are offered from its time, though the querysets were built before it."""

import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from programmes.filters import _focus_areas_in_use, _owning_organisations
from programmes.models import Programme, QueryTime, built_once
from programmes.prepared import PageQueries
from publications.filters import (
    PublicationFilter,
    _tags_of_public_publications,
    _tags_of_public_publications_query,
)
from publications.models import Publication
from publishing.choices import PublishState

from .factories import (
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=1)


@pytest.fixture
def scheduled():
    """A programme of its own organisation and focus area, public from LATER, and a
    publication of it, public from LATER, with a tag used nowhere else."""
    organisation = OrganisationFactory(name="Framtidsverket", slug="framtidsverket")
    area = FocusAreaFactory(name="Kommande tillväxt", slug="kommande-tillvaxt")
    programme = ProgrammeFactory(
        organisation=organisation,
        title="Det schemalagda programmet",
        slug="det-schemalagda-programmet",
        publish_state=PublishState.PUBLISHED,
        publish_from=LATER,
    )
    programme.focus_areas.add(area)
    publication = PublicationFactory(
        organisations=[organisation],
        publish_state=PublishState.PUBLISHED,
        publish_from=LATER,
    )
    publication.tags.add("framtidsord")
    publication.programmes.add(programme)
    return {"organisation": organisation, "area": area, "programme": programme}


def at(moment):
    return mock.patch.object(timezone, "now", return_value=moment)


def test_query_time_is_read_when_the_query_runs_not_when_it_is_built(scheduled):
    queryset = Programme.objects.published(QueryTime()).filter(pk=scheduled["programme"].pk)
    assert not queryset.exists()
    with at(LATER):
        assert queryset.exists()
    with at(LATER - datetime.timedelta(seconds=1)):
        assert not queryset.exists()


def test_built_once_builds_one_queryset_and_hands_out_clones():
    calls = []

    @built_once
    def organisations():
        calls.append(1)
        return Programme.objects.published(QueryTime())

    first, second = organisations(), organisations(request=None)
    assert first is not second
    assert first.query is not second.query
    assert len(calls) == 1
    # A clone that is read does not fill the kept queryset's cache.
    list(first)
    assert organisations.built()._result_cache is None


def test_programme_list_offers_a_scheduled_programmes_organisation_and_area_at_its_time(
    client, scheduled
):
    organisation, area = scheduled["organisation"], scheduled["area"]
    # Served first: the option querysets are built now, before the programme's time.
    response = client.get("/program/")
    assert response.status_code == 200
    assert f'value="{organisation.slug}"' not in response.content.decode()
    assert client.get("/program/", {"organisation": organisation.slug}).status_code == 400
    assert client.get("/program/", {"focus_area": area.slug}).status_code == 400
    with at(LATER + datetime.timedelta(minutes=1)):
        html = client.get("/program/").content.decode()
        assert f'value="{organisation.slug}"' in html
        assert f'value="{area.slug}"' in html
        response = client.get("/program/", {"organisation": organisation.slug})
        assert response.status_code == 200
        assert scheduled["programme"].title in response.content.decode()
        assert client.get("/program/", {"focus_area": area.slug}).status_code == 200


def test_publication_list_accepts_a_scheduled_programme_and_tag_at_its_time(client, scheduled):
    programme = scheduled["programme"]
    assert client.get("/publikationer/").status_code == 200
    assert client.get("/publikationer/", {"programme": programme.slug}).status_code == 400
    assert client.get("/publikationer/", {"tag": "framtidsord"}).status_code == 400
    with at(LATER + datetime.timedelta(minutes=1)):
        response = client.get("/publikationer/", {"programme": programme.slug})
        assert response.status_code == 200
        assert response.context["paginator"].count == 1
        assert client.get("/publikationer/", {"tag": "framtidsord"}).status_code == 200


def test_the_option_querysets_are_clones_of_one_built_queryset():
    assert _owning_organisations().query is not _owning_organisations().query
    assert _owning_organisations.built() is _owning_organisations.built()
    assert _focus_areas_in_use.built() is _focus_areas_in_use.built()
    for name in ("programme", "focus_area"):
        options = PublicationFilter.base_filters[name].queryset
        assert options().query is not options().query
        assert options.built() is options.built()
    # The tag options are kept per content type id, which a new test database may change.
    content_type = ContentType.objects.get_for_model(Publication)
    kept = _tags_of_public_publications_query(content_type.pk)
    assert _tags_of_public_publications_query(content_type.pk) is kept
    assert _tags_of_public_publications_query(content_type.pk + 1000) is not kept
    assert _tags_of_public_publications().query is not kept.query


def test_a_kept_statement_refuses_query_time():
    """A query compiled once and kept would freeze the time QueryTime reads: refused, as any
    other time that is not a Param (on PostgreSQL a time among the parameters; on SQLite, where
    a time is text by then, a value that differs between the two builds)."""
    kept = PageQueries(lambda: {"programmes": Programme.objects.published(QueryTime())})
    moments = (LATER + datetime.timedelta(seconds=n) for n in range(10))
    with (
        mock.patch.object(timezone, "now", side_effect=lambda: next(moments)),
        pytest.raises(ValueError, match="must be a Param"),
    ):
        kept.compiled(connection.alias)
