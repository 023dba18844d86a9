"""The list filters decide what is published when each request comes: a scheduled
programme's organisation, funder, focus area, programme and tag are offered and accepted from
its time, though the options were read (and kept under the content version) before it; odd
chosen values are form errors, never server errors."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from publishing.choices import PublishState
from tests.factories import (
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(hours=1)


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
    funder = OrganisationFactory(name="Framtidsfonden", slug="framtidsfonden")
    programme.funders.add(funder)
    publication = PublicationFactory(
        organisations=[organisation],
        publish_state=PublishState.PUBLISHED,
        publish_from=LATER,
    )
    publication.tags.add("framtidsord")
    publication.programmes.add(programme)
    return {"organisation": organisation, "area": area, "programme": programme, "funder": funder}


def at(moment):
    return mock.patch.object(timezone, "now", return_value=moment)


def test_programme_list_offers_a_scheduled_programmes_organisation_and_area_at_its_time(
    client, scheduled
):
    organisation, area, funder = scheduled["organisation"], scheduled["area"], scheduled["funder"]
    # Served first: the options are read now, before the programme's time, and kept.
    response = client.get("/program/")
    assert response.status_code == 200
    assert f'value="{organisation.slug}"' not in response.content.decode()
    assert f'value="{funder.slug}"' not in response.content.decode()
    assert client.get("/program/", {"organisation": organisation.slug}).status_code == 400
    assert client.get("/program/", {"focus_area": area.slug}).status_code == 400
    assert client.get("/program/", {"funder": funder.slug}).status_code == 400
    with at(LATER + datetime.timedelta(minutes=1)):
        html = client.get("/program/").content.decode()
        assert f'value="{organisation.slug}"' in html
        assert f'value="{funder.slug}"' in html
        assert f'value="{area.slug}"' in html
        assert client.get("/program/", {"funder": funder.slug}).status_code == 200
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


@pytest.mark.parametrize("value", ["a\x00b", "x" * 5000, "%", "ö" * 80])
def test_odd_chosen_values_are_form_errors(client, value):
    ProgrammeFactory()
    for url, name in [
        ("/program/", "focus_area"),
        ("/program/", "organisation"),
        ("/program/", "funder"),
        ("/publikationer/", "programme"),
        ("/publikationer/", "organisation"),
        ("/publikationer/", "focus_area"),
    ]:
        response = client.get(url, {name: value})
        assert response.status_code == 400, (url, value)
