"""What browsers and proxies are told (pagecache/http.py, Django's ConditionalGetMiddleware)
and the query parameters no page reads (pagecache/query.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date

from pagecache import middleware
from pagecache.query import parameters_read
from programmes.views import ProgrammeListView
from publications.filters import PublicationFilter
from publications.views import PublicationDetailView, PublicationPrintView
from tests.editors import login_editor
from tests.factories import ProgrammeFactory, PublicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def cache_state(response):
    return response.get(middleware.HEADER)


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def visitor():
    return Client()


# --- Query parameters that no page reads --------------------------------------------------


def test_parameters_no_view_reads_make_no_new_pages(visitor, org_a):
    ProgrammeFactory(organisation=org_a, title="Hållbar tillväxt")
    states = [cache_state(visitor.get("/program/"))]
    for number in range(60):
        states.append(cache_state(visitor.get(f"/program/?utm_source=nyhetsbrev{number}")))
        states.append(cache_state(visitor.get(f"/program/?cb={number}")))
    assert states.count("miss") == 1
    assert states.count("hit") == 120


def test_a_parameter_the_page_reads_is_kept_beside_ones_it_does_not(visitor, org_a, org_b):
    ProgrammeFactory(organisation=org_a, title="Program hos A")
    ProgrammeFactory(organisation=org_b, title="Program hos B")
    response = visitor.get(f"/program/?utm_source=x&organisation={org_b.slug}&cb=2")
    body = response.content.decode()
    assert "Program hos B" in body
    assert "Program hos A" not in body
    again = visitor.get(f"/program/?organisation={org_b.slug}")
    assert cache_state(again) == "hit"


def test_the_proxy_is_told_the_address_without_the_parameters_the_page_does_not_read(
    visitor, org_a, org_b
):
    """Varnish asks with X-Normalise-Query and looks the answer's address up instead, so that
    ``?cb=<random>`` makes no object of its own there (deploy/varnish/default.vcl)."""
    ProgrammeFactory(organisation=org_b, title="Program hos B")
    asked = {"HTTP_X_NORMALISE_QUERY": "1"}
    answer = visitor.get(f"/program/?cb=7&organisation={org_b.slug}&utm_source=x", **asked)
    assert answer.status_code == 302
    assert answer["Location"] == f"/program/?organisation={org_b.slug}"
    assert answer["X-Query-Normalised"] == "1"
    assert "no-store" in cache_control(answer)
    assert cache_state(answer) is None  # the page was neither rendered nor looked up

    everything_read = visitor.get(f"/program/?organisation={org_b.slug}", **asked)
    assert everything_read.status_code == 200
    assert "Program hos B" in everything_read.content.decode()
    assert not everything_read.has_header("X-Query-Normalised")

    nothing_read = visitor.get("/program/?cb=8", **asked)
    assert nothing_read["Location"] == "/program/"
    # Without the header a visitor gets the page itself, at the address they asked for.
    direct = visitor.get("/program/?cb=7")
    assert direct.status_code == 200
    assert not direct.has_header("X-Query-Normalised")


def test_links_on_the_page_do_not_carry_parameters_it_does_not_read(visitor, org_a):
    for number in range(25):
        PublicationFactory(organisations=[org_a], title=f"Rapport {number}")
    body = visitor.get("/publikationer/?utm_campaign=vinter&page=1").content.decode()
    assert 'href="?page=2"' in body
    assert "utm_campaign" not in body


def test_the_search_still_reads_its_query_and_page(visitor, org_a):
    response = visitor.get(reverse("search:search"), {"q": "tillväxt", "utm_medium": "e-post"})
    assert response.status_code == 200
    assert 'value="tillväxt"' in response.content.decode()
    assert "utm_medium" not in response.content.decode()


def test_the_accessibility_form_still_reads_the_publication_it_is_asked_for(visitor, org_a):
    publication = PublicationFactory(organisations=[org_a], title="Handlingsplan")
    url = reverse("content:accessibility_request")
    body = visitor.get(url, {"publikation": publication.slug, "fbclid": "x"}).content.decode()
    assert f'name="publication" value="{publication.slug}"' in body
    assert "fbclid" not in body


def test_what_each_kind_of_view_reads():
    assert "page" in parameters_read(ProgrammeListView.as_view())
    assert "organisation" in parameters_read(ProgrammeListView.as_view())
    assert parameters_read(PublicationPrintView.as_view()) == set(
        PublicationFilter.base_filters
    ) | {"gruppera"}
    assert parameters_read(PublicationDetailView.as_view()) == frozenset()


def test_the_admin_keeps_its_own_parameters(django_user_model, org_a):
    client = login_editor(Client(), django_user_model, "redaktor-fragor", org_a)
    ProgrammeFactory(organisation=org_a, title="Sökbart program")
    ProgrammeFactory(organisation=org_a, title="Annat")
    response = client.get("/admin/programmes/programme/", {"q": "Sökbart"})
    assert response.context["cl"].result_count == 1


# --- Cache-Control, ETag and 304 ----------------------------------------------------------


def test_a_stored_page_answers_a_conditional_request_with_304(visitor, org_a):
    ProgrammeFactory(organisation=org_a)
    first = visitor.get("/program/")
    assert "public" in cache_control(first)
    etag = first["ETag"]
    not_modified = visitor.get("/program/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert visitor.get("/program/", HTTP_IF_NONE_MATCH='"annan"').status_code == 200


def test_an_unchanged_page_answers_if_modified_since_with_304(visitor, org_a):
    ProgrammeFactory(organisation=org_a)
    first = visitor.get("/program/")
    last_modified = first["Last-Modified"]
    assert visitor.get("/program/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert visitor.get("/program/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_a_changed_page_answers_the_old_etag_with_the_new_page(visitor, org_a):
    programme = ProgrammeFactory(organisation=org_a, title="Före")
    etag = visitor.get(programme.get_absolute_url())["ETag"]
    programme.title = "Efter"
    programme.save()
    response = visitor.get(programme.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Efter" in response.content.decode()


def test_an_editors_pages_are_private_and_not_stored(django_user_model, org_a):
    editor = login_editor(Client(), django_user_model, "redaktor-http", org_a)
    ProgrammeFactory(organisation=org_a)
    for url in ("/program/", "/admin/"):
        response = editor.get(url)
        assert response.status_code == 200
        assert {"private", "no-store"} <= cache_control(response), url
        assert "public" not in cache_control(response)
        assert not response.has_header("ETag")
        assert not response.has_header("Surrogate-Key")


def test_a_form_page_is_private_and_not_stored(visitor):
    response = visitor.get(reverse("content:accessibility_request"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_missing_pages_and_redirects_are_not_kept(visitor):
    assert {"private", "no-store"} <= cache_control(visitor.get("/program/finns-inte/"))
    redirect = visitor.get("/program")
    assert redirect.status_code == 301
    assert {"private", "no-store"} <= cache_control(redirect)


def test_an_answer_that_says_how_to_keep_it_is_left_alone(visitor):
    # The health check says it itself (never_cache).
    assert "no-cache" in cache_control(visitor.get("/healthz"))
