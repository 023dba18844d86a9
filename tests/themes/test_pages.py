"""Theme pages: one page per tag listing the published publications and programmes that carry
it, the list of themes in use, and links from every place a tag is shown."""

import pytest
from django.urls import reverse

from publishing.choices import PublishState
from tests.factories import ProgrammeFactory, PublicationFactory
from tests.pages import assert_queries_do_not_grow, fetch, main_text, new_tag
from themes.models import Theme

pytestmark = pytest.mark.django_db


def theme(name):
    return Theme.objects.get(name=name)


def test_a_theme_page_lists_what_visitors_may_see_with_the_tag(client):
    PublicationFactory(title="Rapport om J+", year=2017).tags.add("J+")
    ProgrammeFactory(title="Jämställd tillväxt", start_year=2016, end_year=2018).tags.add("J+")
    PublicationFactory(title="Utkastrapport", publish_state=PublishState.DRAFT).tags.add("J+")
    ProgrammeFactory(title="Utkastprogram", publish_state=PublishState.DRAFT).tags.add("J+")
    PublicationFactory(title="Annan rapport").tags.add("statistik")

    content, _ = fetch(client, theme("J+").get_absolute_url())
    text = main_text(content)
    assert "Tema: J+" in text
    assert "Jämställd tillväxt 2016–2018" in text
    assert "Rapport om J+" in text
    for hidden in ["Utkastrapport", "Utkastprogram", "Annan rapport"]:
        assert hidden not in text
    # The publication list filtered by the theme.
    assert f'href="{reverse("publications:publication_list")}?tag=j"' in content


def test_a_tag_used_only_on_drafts_has_no_page_and_is_not_listed(client):
    PublicationFactory(publish_state=PublishState.DRAFT).tags.add("Hemligt")
    PublicationFactory().tags.add("Öppet")

    assert client.get(theme("Hemligt").get_absolute_url()).status_code == 404
    _, text = fetch(client, reverse("themes:theme_list"))
    assert "Öppet" in text
    assert "Hemligt" not in text


@pytest.mark.parametrize("name", ["J+", "jämställdhet", "Forskning & utveckling", "in/ut", "Åre"])
def test_every_tag_has_a_page_whatever_its_name(client, name):
    PublicationFactory(title="Märkt rapport").tags.add(name)

    url = theme(name).get_absolute_url()
    content, _ = fetch(client, url)
    assert "Märkt rapport" in main_text(content)
    list_content, _ = fetch(client, reverse("themes:theme_list"))
    assert f'href="{url}"' in list_content


@pytest.mark.parametrize("kind", ["publication", "programme"])
def test_tags_link_to_their_theme_pages(client, kind):
    factory = PublicationFactory if kind == "publication" else ProgrammeFactory
    item = factory()
    item.tags.add("J+", "hållbar tillväxt")

    content, _ = fetch(client, item.get_absolute_url())
    for name in ["J+", "hållbar tillväxt"]:
        assert f'<a href="{theme(name).get_absolute_url()}">{name}</a>' in content


def test_a_tag_without_an_address_is_shown_without_a_link(client):
    publication = PublicationFactory()
    publication.tags.add("&")
    assert theme("&").slug == ""

    content, _ = fetch(client, publication.get_absolute_url())
    assert "<li>&amp;</li>" in content


def test_breadcrumbs():
    PublicationFactory().tags.add("J+")
    assert theme("J+").breadcrumbs() == [
        ("Startsida", "/"),
        ("Teman", "/teman/"),
        ("J+", "/teman/j/"),
    ]


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _theme_list():
    def grow(n):
        for _ in range(n):
            PublicationFactory().tags.add(new_tag())
            ProgrammeFactory().tags.add(new_tag())

    return reverse("themes:theme_list"), grow


def _theme_detail():
    PublicationFactory().tags.add("J+")

    def grow(n):
        for _ in range(n):
            PublicationFactory().tags.add("J+")
            ProgrammeFactory().tags.add("J+")

    return theme("J+").get_absolute_url(), grow


QUERY_SCENARIOS = {"theme_list": _theme_list, "theme_detail": _theme_detail}

EXPECTED_QUERIES = {
    # The themes in use.
    "theme_list": (1, 1),
    # The theme, its publications with their publishers, its programmes.
    "theme_detail": (4, 4),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
