"""Every tag a visitor can see works as a filter of the publication list, whatever characters
its name holds: by its slug (what the select sends) and by its exact name in any letter case
(hand-written and old links such as ?tag=J%2B)."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

from publishing.choices import PublishState
from tests.factories import ProgrammeFactory, PublicationFactory
from tests.publications.test_list import get_list

pytestmark = pytest.mark.django_db

NAMES = [
    "J+",
    "hållbar tillväxt",
    "Jämställdhet",
    "Forskning & utveckling",
    "in/ut",
    "Åre+Östersund",
    "100 %",
]


@pytest.fixture
def tagged():
    for name in NAMES:
        PublicationFactory(title=f"Rapport om {name}").tags.add(name)
    PublicationFactory(title="Rapport utan nyckelord")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("given", ["slug", "name", "lower case name"])
def test_a_tag_filters_by_slug_or_name(client, tagged, name, given):
    tag = Tag.objects.get(name=name)
    value = {"slug": tag.slug, "name": name, "lower case name": name.lower()}[given]
    folds_non_ascii = any(
        a != b and not a.isascii() for a, b in zip(name, name.lower(), strict=True)
    )
    if given == "lower case name" and folds_non_ascii and connection.vendor == "sqlite":
        pytest.skip("SQLite folds the case of ASCII letters only (PostgreSQL of all).")

    content, titles, _ = get_list(client, {"tag": value})

    assert titles == [f"Rapport om {name}"]
    # The select shows the tag as chosen.
    assert re.search(rf'<option value="{re.escape(tag.slug)}"[^>]*selected', content)


def test_the_link_from_the_issue_works(client, tagged):
    response = client.get(reverse("publications:publication_list") + "?tag=J%2B")
    assert response.status_code == 200
    assert "Rapport om J+" in response.content.decode()


def test_an_unknown_tag_is_still_a_400_with_a_message(client, tagged):
    content, titles, _ = get_list(client, {"tag": "J-"}, status=400)
    assert titles == []
    assert "Det finns inget sådant nyckelord." in content


def test_a_tag_only_on_drafts_is_not_a_filter(client):
    PublicationFactory(publish_state=PublishState.DRAFT).tags.add("Hemligt")
    get_list(client, {"tag": "Hemligt"}, status=400)


def test_a_tag_seen_only_on_a_programme_filters_to_no_publication(client, tagged):
    # J+ in the demo content is on a programme and no publication: the programme's page shows
    # it, so the publication list answers it with no hits rather than refusing it.
    ProgrammeFactory().tags.add("intersektionalitet")

    content, titles, _ = get_list(client, {"tag": "intersektionalitet"})

    assert titles == []
    assert re.search(r'<option value="intersektionalitet"[^>]*selected', content)


def test_the_select_offers_only_the_publications_own_tags(client, tagged):
    ProgrammeFactory().tags.add("intersektionalitet")

    content, titles, _ = get_list(client, {})

    assert 'value="intersektionalitet"' not in content
    assert f'value="{Tag.objects.get(name="J+").slug}"' in content


def test_a_tag_only_on_a_draft_programme_is_not_a_filter(client, tagged):
    ProgrammeFactory(publish_state=PublishState.DRAFT).tags.add("Hemligt program")
    get_list(client, {"tag": "Hemligt program"}, status=400)
