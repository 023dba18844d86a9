"""``programmes.addresses.slug_url`` gives exactly what ``reverse()`` gives for the detail
pages, for every slug, under a script prefix and after the URL configuration changes; a slug
the URL pattern refuses raises NoReverseMatch as before."""

import re

import pytest
from django.conf import settings as settings_module
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from organisations.models import Organisation
from programmes.addresses import MARKER, fixed_url, slug_url, slug_urls
from programmes.models import FocusArea, Programme
from publications.models import Publication

DETAIL_PAGES = (
    "programmes:programme_detail",
    "organisations:organisation_detail",
    "programmes:focus_area_detail",
    "publications:publication_detail",
)
SLUGS = st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True)


@seed(20261202)
@settings(max_examples=300, deadline=None)
@given(slug=SLUGS, view_name=st.sampled_from(DETAIL_PAGES))
def test_same_address_as_reverse(slug, view_name):
    assert slug_url(view_name, slug) == reverse(view_name, kwargs={"slug": slug})


@seed(20261206)
@settings(max_examples=100, deadline=None)
@given(slug=SLUGS, view_name=st.sampled_from(DETAIL_PAGES))
def test_slug_urls_gives_what_slug_url_gives(slug, view_name):
    assert slug_urls(view_name)(slug) == slug_url(view_name, slug)


@pytest.mark.parametrize("slug", ["", "med mellanslag", "åäö", "a/b", "a?b", None, MARKER])
def test_what_the_pattern_refuses_is_refused_as_before(slug):
    for view_name in DETAIL_PAGES:
        try:
            expected = reverse(view_name, kwargs={"slug": slug})
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                slug_url(view_name, slug)
            with pytest.raises(NoReverseMatch):
                slug_urls(view_name)(slug)
        else:
            assert slug_url(view_name, slug) == expected
            assert slug_urls(view_name)(slug) == expected


def test_under_a_script_prefix():
    assert slug_url("programmes:programme_detail", "ett-program") == "/program/ett-program/"
    set_script_prefix("/portal/")
    try:
        assert slug_url("programmes:programme_detail", "ett-program") == (
            "/portal/program/ett-program/"
        )
    finally:
        set_script_prefix("/")
    assert slug_url("programmes:programme_detail", "ett-program") == "/program/ett-program/"


def test_slug_urls_reads_the_script_prefix_when_it_is_made():
    """Made once for a list's rows: the prefix of the request that made it."""
    set_script_prefix("/portal/")
    try:
        address = slug_urls("programmes:programme_detail")
    finally:
        set_script_prefix("/")
    assert address("ett-program") == "/portal/program/ett-program/"
    assert slug_urls("programmes:programme_detail")("ett-program") == "/program/ett-program/"


def test_after_the_url_configuration_changes():
    assert slug_url("publications:publication_detail", "rapport") == "/publikationer/rapport/"
    with override_settings(ROOT_URLCONF="tests.moved_urls"):
        assert slug_url("publications:publication_detail", "rapport") == (
            "/flyttat/skrifter/rapport/"
        )
        assert slug_url("programmes:programme_detail", "p") == "/flyttat/program/p/"
    assert slug_url("publications:publication_detail", "rapport") == "/publikationer/rapport/"


@pytest.mark.parametrize(
    ("model", "view_name"),
    [
        (Programme, "programmes:programme_detail"),
        (Organisation, "organisations:organisation_detail"),
        (FocusArea, "programmes:focus_area_detail"),
        (Publication, "publications:publication_detail"),
    ],
)
def test_the_models_addresses(model, view_name):
    obj = model(slug="en-adress")
    assert obj.get_absolute_url() == reverse(view_name, kwargs={"slug": "en-adress"})


def fixed_url_uses():
    """Every name the public templates give ``{% fixed_url %}``, with the arguments written
    after it, as (name, ((argument, value), …))."""
    uses = set()
    for template in (settings_module.BASE_DIR / "templates").rglob("*.html"):
        for name, arguments in re.findall(
            r'\{% fixed_url "([^"]+)"((?: \w+="[^"]*")*)', template.read_text()
        ):
            uses.add((name, tuple(re.findall(r'(\w+)="([^"]*)"', arguments))))
    return sorted(uses)


def fixed_url_names():
    return sorted({name for name, _ in fixed_url_uses()})


def test_the_templates_use_fixed_url():
    # The menu, the footer and the lists' own addresses at least.
    assert {"home", "search:search", "programmes:programme_list", "content:news_list"} <= set(
        fixed_url_names()
    )


@pytest.mark.parametrize("view_name, arguments", fixed_url_uses())
def test_fixed_url_is_reverse(view_name, arguments):
    kwargs = dict(arguments)
    assert fixed_url(view_name, **kwargs) == reverse(view_name, kwargs=kwargs)


def test_fixed_url_with_arguments():
    """Each set of arguments is an address of its own (the list's downloads)."""
    assert ("publications:publication_export", (("file_format", "csv"),)) in fixed_url_uses()
    addresses = {
        fixed_url("publications:publication_export", file_format=file_format)
        for file_format in ("csv", "xlsx", "json")
    }
    assert addresses == {
        "/publikationer/ladda-ner.csv",
        "/publikationer/ladda-ner.xlsx",
        "/publikationer/ladda-ner.json",
    }
    with pytest.raises(NoReverseMatch):
        fixed_url("publications:publication_export")


def test_fixed_url_under_a_script_prefix_and_after_the_url_configuration_changes():
    set_script_prefix("/portal/")
    try:
        assert fixed_url("programmes:programme_list") == "/portal/program/"
    finally:
        set_script_prefix("/")
    assert fixed_url("programmes:programme_list") == "/program/"
    with override_settings(ROOT_URLCONF="tests.moved_urls"):
        assert fixed_url("programmes:programme_list") == "/flyttat/program/"
        with pytest.raises(NoReverseMatch):
            fixed_url("search:search")
    assert fixed_url("programmes:programme_list") == "/program/"


def served(path, script_name=""):
    """The page as the WSGI handler serves it: the handler (unlike the test client) sets the
    script prefix from SCRIPT_NAME, as under gunicorn behind a path prefix."""
    environ = RequestFactory().get(path, SCRIPT_NAME=script_name).environ
    answer = {}
    body = b"".join(
        WSGIHandler()(environ, lambda status, headers, exc_info=None: answer.update(s=status))
    )
    assert answer["s"].startswith("200")
    return body.decode()


@pytest.mark.django_db(transaction=True)
def test_a_page_served_under_a_script_prefix_links_under_it():
    """The menu's addresses follow the prefix of the request that renders them."""
    menu = re.compile(r'<a href="([^"]+)">Publikationer</a>')
    try:
        assert menu.search(served("/program/", "/portal"))[1] == "/portal/publikationer/"
        assert menu.search(served("/program/"))[1] == "/publikationer/"
    finally:
        set_script_prefix("/")
