"""Publishing in the admin for programmes, publications, pages and news: state and time in the
list, a filter, publish and unpublish actions, the "Publicering" fieldset with times in Swedish
time (also across the changes to and from summer time), and a preview of drafts exactly as the
public page will look."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.models import ACCESSIBILITY_STATEMENT_SLUG, ContentPage, NewsItem
from programmes.models import Programme
from publications.models import Publication
from publishing.choices import PublishState
from tests.admin_forms import admin_form_data
from tests.editors import admin_url, login_editor
from tests.factories import (
    ContentPageFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def editor_client(client, django_user_model, org_a):
    return login_editor(client, django_user_model, "redaktor-a", org_a)


MODELS = [Programme, Publication, ContentPage, NewsItem]


def make(model, org, **kwargs):
    if model is Programme:
        return ProgrammeFactory(organisation=org, **kwargs)
    if model is Publication:
        return PublicationFactory(organisations=[org], **kwargs)
    if model is ContentPage:
        return ContentPageFactory(organisation=org, **kwargs)
    return NewsItemFactory(organisation=org, **kwargs)


@pytest.fixture(params=MODELS, ids=lambda model: model.__name__)
def model(request):
    return request.param


def draft(model, org, **kwargs):
    return make(model, org, publish_state=PublishState.DRAFT, **kwargs)


# --- List, filter, fieldset ---------------------------------------------------------------


@pytest.fixture
def three_states(model, org_a):
    now = timezone.now()
    return {
        "draft": draft(model, org_a, title="Ett utkast"),
        "scheduled": make(
            model,
            org_a,
            title="En schemalagd",
            publish_from=now + datetime.timedelta(days=30),
        ),
        "published": make(
            model,
            org_a,
            title="En publicerad",
            publish_from=datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        ),
    }


def cell(response, title, column):
    """The text of ``column`` in the changelist row of the item titled ``title``."""
    body = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    row = next(row for row in body.split("</tr>") if f">{title}" in row)
    match = re.search(rf'class="field-{column}[^"]*">(.*?)</t[dh]>', row, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_the_list_shows_state_and_publish_time_in_swedish_time(editor_client, model, three_states):
    response = editor_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert cell(response, "Ett utkast", "publishing_status") == "Utkast"
    assert cell(response, "En schemalagd", "publishing_status") == "Schemalagd"
    assert cell(response, "En publicerad", "publishing_status") == "Publicerad"
    # 01:30 UTC on the day summer time starts is 03:30 in Sweden.
    assert cell(response, "En publicerad", "publish_from") == "29 mars 2026 03:30"
    assert cell(response, "Ett utkast", "publish_from") == "-"


@pytest.mark.parametrize(
    "value, expected",
    [("utkast", {"draft"}), ("schemalagd", {"scheduled"}), ("publicerad", {"published"})],
)
def test_the_list_filters_by_publishing_state(editor_client, model, three_states, value, expected):
    response = editor_client.get(admin_url(model, "changelist"), {"publicering": value})
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {three_states[key] for key in expected}


def test_an_unknown_publishing_filter_value_gets_a_message_not_an_error(editor_client, model):
    response = editor_client.get(admin_url(model, "changelist"), {"publicering": "kanske"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_publishing_fields_are_in_their_own_fieldset(editor_client, model, org_a):
    obj = draft(model, org_a)
    response = editor_client.get(admin_url(model, "change", obj.pk))
    assert "<h2" in response.content.decode() and ">Publicering</h2>" in response.content.decode()
    publishing = next(fs for fs in response.context["adminform"] if str(fs.name) == "Publicering")
    assert [field for line in publishing for field in line.fields] == [
        "publish_state",
        "publish_from",
    ]
    other_fields = [
        field
        for fs in response.context["adminform"]
        if str(fs.name) != "Publicering"
        for line in fs
        for field in line.fields
    ]
    assert "publish_state" not in other_fields and "publish_from" not in other_fields


# --- Actions ------------------------------------------------------------------------------


def test_publish_and_unpublish_actions(editor_client, client, model, org_a):
    obj = draft(model, org_a)
    public_url = obj.get_absolute_url()
    visitor = Client()
    assert visitor.get(public_url).status_code == 404

    response = editor_client.post(
        admin_url(model, "changelist"),
        {"action": "publish_selected", "_selected_action": [str(obj.pk)]},
        follow=True,
    )
    assert "1 publicerades." in response.content.decode()
    obj.refresh_from_db()
    assert obj.publish_state == PublishState.PUBLISHED
    assert abs(obj.publish_from - timezone.now()) < datetime.timedelta(minutes=1)
    assert visitor.get(public_url).status_code == 200

    response = editor_client.post(
        admin_url(model, "changelist"),
        {"action": "unpublish_selected", "_selected_action": [str(obj.pk)]},
        follow=True,
    )
    assert "1 avpublicerades och är nu utkast." in response.content.decode()
    obj.refresh_from_db()
    assert obj.publish_state == PublishState.DRAFT
    assert visitor.get(public_url).status_code == 404


def test_publishing_keeps_a_scheduled_time(editor_client, org_a):
    later = timezone.now() + datetime.timedelta(days=7)
    programme = draft(Programme, org_a, publish_from=later)
    response = editor_client.post(
        admin_url(Programme, "changelist"),
        {"action": "publish_selected", "_selected_action": [str(programme.pk)]},
        follow=True,
    )
    assert "syns först vid sin publiceringstid" in response.content.decode()
    programme.refresh_from_db()
    assert programme.publish_state == PublishState.PUBLISHED
    assert programme.publish_from == later
    assert programme.publishing_display == "Schemalagd"
    assert Client().get(programme.get_absolute_url()).status_code == 404


# --- Swedish time across the changes to and from summer time --------------------------------


def post_publish_from(client, obj, date, time):
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client.get(url))
    data.update(
        {
            "publish_state": PublishState.PUBLISHED,
            "publish_from_0": date,
            "publish_from_1": time,
        }
    )
    return client.post(url, data)


@pytest.mark.parametrize(
    "date, time, stored",
    [
        # Summer time starts 29 March 2026 at 02:00 (CET, +01:00 -> CEST, +02:00).
        ("2026-03-29", "01:30", datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),
        ("2026-03-29", "03:30", datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        # It ends 25 October 2026 at 03:00 (CEST -> CET).
        ("2026-10-25", "01:30", datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),
        ("2026-10-25", "03:30", datetime.datetime(2026, 10, 25, 2, 30, tzinfo=UTC)),
        ("2026-07-01", "12:00", datetime.datetime(2026, 7, 1, 10, 0, tzinfo=UTC)),
    ],
)
def test_publish_times_are_swedish_time(editor_client, org_a, date, time, stored):
    programme = draft(Programme, org_a)
    response = post_publish_from(editor_client, programme, date, time)
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    assert programme.publish_from == stored
    # And the change form shows what the editor typed.
    data = admin_form_data(editor_client.get(admin_url(Programme, "change", programme.pk)))
    assert (data["publish_from_0"], data["publish_from_1"][:5]) == (date, time)


@pytest.mark.parametrize(
    "date, message",
    [
        ("2026-03-29", "Klockan 02:30 den 29 mars 2026 finns inte i svensk tid"),
        ("2026-10-25", "Klockan 02:30 den 25 oktober 2026 inträffar två gånger i svensk tid"),
    ],
)
def test_a_time_that_does_not_exist_or_occurs_twice_is_refused_with_a_message(
    editor_client, org_a, date, message
):
    programme = draft(Programme, org_a, title="Programmet som väntar")
    response = post_publish_from(editor_client, programme, date, "02:30")
    assert response.status_code == 200
    assert "publish_from" in response.context["adminform"].form.errors
    html = response.content.decode()
    assert message in html
    # What the editor typed is still there.
    assert f'value="{date}"' in html
    assert 'value="02:30"' in html
    programme.refresh_from_db()
    assert programme.publish_state == PublishState.DRAFT
    assert programme.publish_from is None


# --- Preview ------------------------------------------------------------------------------


def test_the_change_form_links_to_the_preview(editor_client, model, org_a):
    obj = draft(model, org_a)
    html = editor_client.get(admin_url(model, "change", obj.pk)).content.decode()
    assert f'href="{admin_url(model, "preview", obj.pk)}"' in html
    assert "Förhandsgranska" in html


def test_an_editor_previews_a_draft_as_its_public_page(editor_client, model, org_a):
    obj = draft(model, org_a, title="Hemligt utkast")
    response = editor_client.get(admin_url(model, "preview", obj.pk))
    assert response.status_code == 200
    assert response.context["object"] == obj
    assert response.context["preview"] is True
    html = response.content.decode()
    assert "Hemligt utkast" in html
    assert "Förhandsvisning." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    # The public page itself stays hidden.
    public = Client().get(obj.get_absolute_url())
    assert public.status_code == 404
    assert "Hemligt utkast" not in public.content.decode()


def test_a_scheduled_item_can_be_previewed(editor_client, org_a):
    later = timezone.now() + datetime.timedelta(days=3)
    news = make(NewsItem, org_a, title="Kommande nyhet", publish_from=later)
    response = editor_client.get(admin_url(NewsItem, "preview", news.pk))
    assert response.status_code == 200
    assert "Kommande nyhet" in response.content.decode()
    assert Client().get(news.get_absolute_url()).status_code == 404


def test_others_cannot_preview(client, django_user_model, model, org_a):
    obj = draft(model, org_a, title="Hemligt utkast")
    url = admin_url(model, "preview", obj.pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

    org_b = OrganisationFactory(slug="organisation-b")
    other_editor = login_editor(Client(), django_user_model, "redaktor-b", org_b)
    response = other_editor.get(url)
    assert response.status_code == 404
    assert "Hemligt utkast" not in response.content.decode()


def test_a_missing_object_has_no_preview(editor_client):
    assert editor_client.get(admin_url(Programme, "preview", 987654)).status_code == 404


def test_the_accessibility_statement_previews_at_its_own_page(admin_client):
    statement = ContentPageFactory(
        organisation=None,
        slug=ACCESSIBILITY_STATEMENT_SLUG,
        title="Tillgänglighetsredogörelse (utkast)",
        publish_state=PublishState.DRAFT,
    )
    response = admin_client.get(admin_url(ContentPage, "preview", statement.pk))
    assert response.status_code == 200
    assert "Tillgänglighetsredogörelse (utkast)" in response.content.decode()
    assert response.context["accessibility_request_url"] == reverse("content:accessibility_request")
    assert Client().get(reverse("content:accessibility_statement")).status_code == 404


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_publish_time_out_of_range_is_refused_with_a_message(editor_client, org_a, date):
    programme = draft(Programme, org_a, title="Programmet med konstigt datum")
    response = post_publish_from(editor_client, programme, date, "00:30")
    assert response.status_code == 200
    assert "Ange ett datum mellan år 1900 och 2100." in response.content.decode()
    programme.refresh_from_db()
    assert programme.publish_state == PublishState.DRAFT
