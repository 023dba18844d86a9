"""When an editor changes a slug, links to the old address keep working: 301 to the new one."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from publishing.choices import PublishState
from redirects.models import SlugRedirect
from tests.admin_forms import admin_form_data
from tests.factories import (
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = [
    OrganisationFactory,
    ProgrammeFactory,
    FocusAreaFactory,
    PublicationFactory,
    ContentPageFactory,
    NewsItemFactory,
    EventFactory,
]


def rename(item, slug):
    item.slug = slug
    item.save()
    return item


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_the_old_address_redirects_permanently_to_the_new_one(client, factory):
    item = factory(slug="gammalt-namn")
    old_url = item.get_absolute_url()
    assert client.get(old_url).status_code == 200

    rename(item, "nytt-namn")

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_the_query_string_is_kept(client):
    item = rename(PublicationFactory(slug="rapport-2018"), "rapport-2018-slutlig")
    response = client.get("/publikationer/rapport-2018/?utm_source=nyhetsbrev")
    assert response.status_code == 301
    assert response["Location"] == "/publikationer/rapport-2018-slutlig/?utm_source=nyhetsbrev"
    assert item.slug == "rapport-2018-slutlig"


def test_every_earlier_address_goes_straight_to_the_current_one(client):
    item = ProgrammeFactory(slug="forsta")
    rename(item, "andra")
    rename(item, "tredje")
    for old in ("/program/forsta/", "/program/andra/"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == "/program/tredje/"


def test_changing_back_does_not_loop(client):
    item = ProgrammeFactory(slug="forsta")
    rename(item, "andra")
    rename(item, "forsta")
    assert client.get("/program/forsta/").status_code == 200
    response = client.get("/program/andra/")
    assert response.status_code == 301
    assert response["Location"] == "/program/forsta/"
    assert not SlugRedirect.objects.filter(old_path="/program/forsta/").exists()


def test_a_new_item_may_take_over_an_old_address(client):
    rename(PublicationFactory(slug="plan"), "plan-2016")
    newcomer = PublicationFactory(slug="plan", title="Den nya planen")
    response = client.get("/publikationer/plan/")
    assert response.status_code == 200
    assert newcomer.title in response.content.decode()


def test_a_draft_that_was_never_public_leaves_no_redirect(client):
    draft = ProgrammeFactory(slug="arbetsnamn", publish_state=PublishState.DRAFT)
    rename(draft, "slutligt-namn")
    assert not SlugRedirect.objects.exists()
    assert client.get("/program/arbetsnamn/").status_code == 404


def test_renaming_and_unpublishing_at_once_keeps_the_new_address_secret(client):
    item = ProgrammeFactory(slug="gammalt-program")
    item.slug = "hemlig-sammanslagning"
    item.publish_state = PublishState.DRAFT
    item.save()
    assert not SlugRedirect.objects.exists()
    assert client.get("/program/gammalt-program/").status_code == 404


def test_other_methods_and_unknown_addresses_are_not_redirected(client):
    rename(PublicationFactory(slug="a"), "b")
    assert client.post("/publikationer/a/").status_code in (404, 405)
    assert client.get("/publikationer/finns-inte/").status_code == 404


def test_a_slug_changed_in_the_admin_redirects(admin_client, client):
    page = ContentPageFactory(slug="om-oss")
    url = reverse("admin:content_contentpage_change", args=[page.pk])
    data = admin_form_data(admin_client.get(url))
    data["slug"] = "om-portalen"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    response = client.get("/sidor/om-oss/")
    assert response.status_code == 301
    assert response["Location"] == "/sidor/om-portalen/"


def test_a_revert_to_an_older_slug_redirects_the_newer_address(client):
    item = ProgrammeFactory(slug="ursprungligt")
    with reversion.create_revision():
        item.save()
    with reversion.create_revision():
        rename(item, "omdopt")
    oldest = Version.objects.get_for_object(item).order_by("pk").first()
    oldest.revision.revert()

    assert client.get("/program/ursprungligt/").status_code == 200
    response = client.get("/program/omdopt/")
    assert response.status_code == 301
    assert response["Location"] == "/program/ursprungligt/"
