"""``programmes.addresses.slug_url`` gives exactly what ``reverse()`` gives for the detail
pages, for every slug, under a script prefix and after the URL configuration changes; a slug
the URL pattern refuses raises NoReverseMatch as before."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from programmes.addresses import MARKER, slug_url
from programmes.models import FocusArea, Organisation, Programme
from publications.models import Publication

DETAIL_PAGES = (
    "programmes:programme_detail",
    "programmes:organisation_detail",
    "programmes:focus_area_detail",
    "publications:publication_detail",
)
SLUGS = st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True)


@seed(20261202)
@settings(max_examples=300, deadline=None)
@given(slug=SLUGS, view_name=st.sampled_from(DETAIL_PAGES))
def test_same_address_as_reverse(slug, view_name):
    assert slug_url(view_name, slug) == reverse(view_name, kwargs={"slug": slug})


@pytest.mark.parametrize("slug", ["", "med mellanslag", "åäö", "a/b", "a?b", None, MARKER])
def test_what_the_pattern_refuses_is_refused_as_before(slug):
    for view_name in DETAIL_PAGES:
        try:
            expected = reverse(view_name, kwargs={"slug": slug})
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                slug_url(view_name, slug)
        else:
            assert slug_url(view_name, slug) == expected


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
        (Organisation, "programmes:organisation_detail"),
        (FocusArea, "programmes:focus_area_detail"),
        (Publication, "publications:publication_detail"),
    ],
)
def test_the_models_addresses(model, view_name):
    obj = model(slug="en-adress")
    assert obj.get_absolute_url() == reverse(view_name, kwargs={"slug": "en-adress"})
