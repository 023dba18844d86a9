"""The admin, as an editor uses it: every page loads, filters and search work, relations use
autocomplete, and bad input gets a message instead of an error page."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from programmes.models import Programme
from tests.editors import admin_url

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model for model in apps.get_models() if admin.site.is_registered(model)),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "x")
    client.force_login(user)
    return client


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def test_every_project_model_is_in_the_admin():
    project_models = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "awards",
            "geography",
            "indicators",
            "organisations",
            "programmes",
            "publications",
            "content",
            "images",
            "redirects",
        }
        and admin.site.is_registered(model)
    }
    assert project_models == {
        "geography.County",
        "geography.Municipality",
        "geography.Region",
        "indicators.Indicator",
        "indicators.Observation",
        "indicators.ImportBatch",
        "organisations.Organisation",
        "programmes.FocusAreaSet",
        "programmes.FocusArea",
        "programmes.FundProgramme",
        "programmes.Programme",
        "programmes.Contact",
        "redirects.SlugRedirect",
        "publications.Publication",
        "content.ContentPage",
        "content.Event",
        "content.NewsItem",
        "content.AccessibilityRequest",
        "images.Image",
        "awards.Award",
    }


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_load(editor_client, demo, model):
    changelist = editor_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == model._default_manager.count()
    add = editor_client.get(admin_url(model, "add"))
    if admin.site.get_model_admin(model).has_add_permission(add.wsgi_request):
        assert add.status_code == 200
        assert 'lang="sv"' in add.content.decode()
    else:  # records the site makes itself, such as django-axes' login attempts
        assert add.status_code == 403
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        change = editor_client.get(admin_url(model, "change", obj.pk))
        assert change.status_code == 200
        assert str(obj) in change.content.decode()


def test_admin_is_in_swedish(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Tillväxtportalen" in html
    assert "Organisationer" in html and "Publikationer" in html and "Kontaktpersoner" in html


def changelist_titles(client, model, params):
    response = client.get(admin_url(model, "changelist"), params)
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["cl"].result_list)


def test_programme_filters_by_status_year_organisation_and_focus_area(editor_client, demo):
    assert changelist_titles(editor_client, Programme, {"year": "2013"}) == [
        "Jämställd regional tillväxt 2012–2014"
    ]
    assert changelist_titles(editor_client, Programme, {"year": "2019"}) == [
        "Pilotprojekt inom Tillväxtskapande samhällsplanering 2018–2020",
        "Utveckla svenska städer 2016–2019",
    ]
    assert len(changelist_titles(editor_client, Programme, {"status": "finished"})) == 5
    assert changelist_titles(editor_client, Programme, {"status": "ongoing"}) == []
    lst = Programme.objects.get(slug="jamstalld-regional-tillvaxt-2016-2018").organisation
    assert (
        len(changelist_titles(editor_client, Programme, {"organisation__id__exact": lst.pk})) == 2
    )
    area = Programme.objects.get(slug="utveckla-svenska-stader").focus_areas.get()
    assert (
        len(changelist_titles(editor_client, Programme, {"focus_areas__id__exact": area.pk})) == 3
    )
    assert changelist_titles(editor_client, Programme, {"q": "städer"}) == [
        "Utveckla svenska städer 2016–2019"
    ]


@pytest.mark.parametrize("params", [{"year": "tjugo"}, {"status": "pausat"}])
def test_bad_filter_values_redirect_with_a_message_instead_of_failing(editor_client, demo, params):
    response = editor_client.get(admin_url(Programme, "changelist"), params)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_publication_filters_by_type_and_organisation(editor_client, demo):
    from publications.models import Publication

    tillvaxtverket = Publication.objects.get(
        slug="regionalt-tillvaxtarbete-2017"
    ).organisations.get()
    titles = changelist_titles(
        editor_client,
        Publication,
        {"kind__exact": "report", "organisations__id__exact": tillvaxtverket.pk},
    )
    assert len(titles) == 3
    assert "Politik för utvecklingskraft i hela Sverige" in titles


def test_relations_use_autocomplete(editor_client, demo):
    html = editor_client.get(admin_url(Programme, "add")).content.decode()
    assert 'data-field-name="funders"' in html
    assert "admin-autocomplete" in html
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "programmes",
            "model_name": "programme",
            "field_name": "funders",
            "term": "Tillväxtverk",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Tillväxtverket"]


def test_slug_is_prefilled_from_the_title(editor_client):
    html = editor_client.get(admin_url(Programme, "add")).content.decode()
    assert "data-prepopulated-fields" in html
    assert "&quot;#id_slug&quot;" in html and "[&quot;#id_title&quot;]" in html


def test_programme_inlines_for_goals_focus_points_and_subprojects(editor_client):
    html = editor_client.get(admin_url(Programme, "add")).content.decode()
    for prefix in ["goals", "focus_points", "subprojects", "links"]:
        assert f'name="{prefix}-TOTAL_FORMS"' in html


def test_end_year_before_start_year_is_refused_with_a_message_and_input_kept(editor_client, demo):
    owner = Programme.objects.first().organisation
    data = {
        "title": "Ett nytt program",
        "slug": "ett-nytt-program",
        "kind": "programme",
        "organisation": owner.pk,
        "start_year": "2018",
        "end_year": "2016",
        "summary": "Sammanfattning som redaktören skrev.",
        "tags": "",
        "publish_state": "draft",
    }
    for prefix in ["goals", "focus_points", "subprojects", "Contact_programmes", "links"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = editor_client.post(admin_url(Programme, "add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slutåret kan inte ligga före startåret." in html
    assert "Sammanfattning som redaktören skrev." in html
    assert not Programme.objects.filter(slug="ett-nytt-program").exists()

    data["end_year"] = "2019"
    response = editor_client.post(admin_url(Programme, "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Programme.objects.get(slug="ett-nytt-program").period_display == "2018–2019"
