"""Editors work only on their own organisations' content in the admin.

An editor of organisation A (a staff user in the "Redaktörer" group, editor of A only) must not
list, open, change, move, publish, delete, preview or see the history of anything that belongs
to organisation B, through any URL or crafted form, and must be able to do all of it for A's
content. Relation fields and autocomplete offer only what the editor may use. Also: the command
that creates the group, login lockout (django-axes) and password rules."""

from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from reversion.models import Version

from awards.models import Award
from content.models import ContentPage, Event, NewsItem
from organisations.management.commands.create_editor_group import EDITOR_PERMISSIONS, GROUP_NAME
from organisations.models import Organisation
from programmes.models import Contact, FocusArea, FocusAreaSet, Programme
from publications.models import Publication
from publishing.choices import PublishState
from tests.admin_forms import admin_form_data
from tests.editors import PASSWORD, admin_url, make_editor
from tests.factories import (
    AwardFactory,
    ContactFactory,
    ContentPageFactory,
    EventFactory,
    FocusAreaFactory,
    FocusAreaSetFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model, org_a):
    return make_editor(django_user_model, "redaktor-a", org_a)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- One case per model that belongs to an organisation -----------------------------------


@dataclass
class Case:
    model: type
    text_field: str  # a plain text field to change
    owner_field: str | None  # the form field that decides the owner
    publishable: bool = False
    editors_may_delete: bool = True

    def make(self, org, **kwargs):
        model = self.model
        if self.publishable:
            kwargs.setdefault("publish_state", PublishState.DRAFT)
        if model is Programme:
            return ProgrammeFactory(organisation=org, **kwargs)
        if model is Publication:
            return PublicationFactory(organisations=[org], **kwargs)
        if model is ContentPage:
            return ContentPageFactory(organisation=org, **kwargs)
        if model is NewsItem:
            return NewsItemFactory(organisation=org, **kwargs)
        if model is Event:
            return EventFactory(organisers=[org])
        if model is Award:
            return AwardFactory(organisers=[org], **kwargs)
        if model is Contact:
            return ContactFactory(organisation=org)
        if model is FocusAreaSet:
            return FocusAreaSetFactory(organisation=org)
        if model is FocusArea:
            return FocusAreaFactory(focus_area_set=FocusAreaSetFactory(organisation=org))
        assert model is Organisation
        return org

    def owner_value(self, org):
        """What the owner field would be posted as to hand the object to ``org``."""
        if self.model in (Publication, Event, Award):
            return [str(org.pk)]
        if self.model is FocusArea:
            return str(FocusAreaSetFactory(organisation=org).pk)
        return str(org.pk)

    def owner_choices(self, obj):
        if self.model is FocusArea:
            return {obj.focus_area_set}
        return {obj} if self.model is Organisation else None


CASES = [
    Case(Programme, "title", "organisation", publishable=True),
    Case(Publication, "title", "organisations", publishable=True),
    Case(ContentPage, "title", "organisation", publishable=True),
    Case(NewsItem, "title", "organisation", publishable=True),
    Case(Event, "title", "organisers"),
    Case(Award, "name", "organisers", publishable=True),
    Case(Contact, "name", "organisation"),
    Case(FocusAreaSet, "name", "organisation"),
    Case(FocusArea, "name", "focus_area_set"),
    Case(Organisation, "name", None, editors_may_delete=False),
]
PUBLISHABLE = [case for case in CASES if case.publishable]


def case_id(case):
    return case.model.__name__


@pytest.fixture(params=CASES, ids=case_id)
def case(request):
    return request.param


@pytest.fixture
def objects(case, org_a, org_b):
    """(A's object, B's object)."""
    return case.make(org_a), case.make(org_b)


def text_of(case, obj):
    return getattr(case.model._default_manager.get(pk=obj.pk), case.text_field)


# --- Listing, opening, changing -----------------------------------------------------------


def test_changelist_lists_only_own_organisations_objects(editor_client, case, objects):
    own, other = objects
    response = editor_client.get(admin_url(case.model, "changelist"))
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list)
    assert own in listed
    assert other not in listed
    assert str(other) not in response.content.decode()


def test_change_page_opens_only_own_objects(editor_client, case, objects):
    own, other = objects
    response = editor_client.get(admin_url(case.model, "change", other.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")

    response = editor_client.get(admin_url(case.model, "change", own.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.instance == own


def test_posting_to_another_organisations_change_url_changes_nothing(editor_client, case, objects):
    own, other = objects
    before = text_of(case, other)
    data = admin_form_data(editor_client.get(admin_url(case.model, "change", own.pk)))
    data[case.text_field] = "Ändrad av fel redaktör"
    response = editor_client.post(admin_url(case.model, "change", other.pk), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert text_of(case, other) == before
    assert not Version.objects.get_for_object(other).exists()

    # The same form posted where it came from saves, with a version in the history.
    response = editor_client.post(admin_url(case.model, "change", own.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert text_of(case, own) == "Ändrad av fel redaktör"
    assert Version.objects.get_for_object(own).get().revision.user.username == "redaktor-a"


@pytest.mark.parametrize("case", [c for c in CASES if c.owner_field], ids=case_id)
def test_an_object_cannot_be_moved_to_another_organisation(editor_client, case, org_a, org_b):
    own = case.make(org_a)
    url = admin_url(case.model, "change", own.pk)
    data = admin_form_data(editor_client.get(url))
    data[case.owner_field] = case.owner_value(org_b)
    data[case.text_field] = "Flyttad"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert case.owner_field in response.context["adminform"].form.errors
    assert text_of(case, own) != "Flyttad"
    assert own in case.model._default_manager.filter(pk=own.pk)
    listed = editor_client.get(admin_url(case.model, "changelist")).context["cl"].result_list
    assert own in listed


@pytest.mark.parametrize("case", PUBLISHABLE, ids=case_id)
def test_publish_action_touches_only_own_objects(editor_client, case, objects):
    own, other = objects
    url = admin_url(case.model, "changelist")
    response = editor_client.post(
        url, {"action": "publish_selected", "_selected_action": [str(other.pk)]}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.publish_state == PublishState.DRAFT
    assert not Version.objects.get_for_object(other).exists()

    response = editor_client.post(
        url, {"action": "publish_selected", "_selected_action": [str(own.pk), str(other.pk)]}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.publish_state == PublishState.PUBLISHED
    assert other.publish_state == PublishState.DRAFT


def test_delete_view_refuses_other_organisations_objects(editor_client, case, objects):
    own, other = objects
    refused = 302 if case.editors_may_delete else 403  # a missing object, or no delete at all
    url = admin_url(case.model, "delete", other.pk)
    assert editor_client.get(url).status_code == refused
    assert editor_client.post(url, {"post": "yes"}).status_code == refused
    assert case.model._default_manager.filter(pk=other.pk).exists()

    url = admin_url(case.model, "delete", own.pk)
    if not case.editors_may_delete:
        assert editor_client.get(url).status_code == 403
        assert editor_client.post(url, {"post": "yes"}).status_code == 403
        assert case.model._default_manager.filter(pk=own.pk).exists()
        return
    response = editor_client.get(url)
    assert response.status_code == 200
    assert str(own) in response.content.decode()
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not case.model._default_manager.filter(pk=own.pk).exists()


def test_delete_action_refuses_other_organisations_objects(editor_client, case, objects):
    own, other = objects
    response = editor_client.post(
        admin_url(case.model, "changelist"),
        {"action": "delete_selected", "_selected_action": [str(other.pk)], "post": "yes"},
    )
    # Editors may not delete organisations at all: the action is not offered (200, message).
    assert response.status_code == (302 if case.editors_may_delete else 200)
    assert case.model._default_manager.filter(pk=other.pk).exists()


@pytest.mark.parametrize("case", PUBLISHABLE, ids=case_id)
def test_preview_only_of_own_objects(editor_client, case, objects):
    own, other = objects
    response = editor_client.get(admin_url(case.model, "preview", other.pk))
    assert response.status_code == 404
    assert text_of(case, other) not in response.content.decode()
    response = editor_client.get(admin_url(case.model, "preview", own.pk))
    assert response.status_code == 200
    assert text_of(case, own) in response.content.decode()


def test_history_only_of_own_objects(editor_client, case, objects):
    own, other = objects
    assert editor_client.get(admin_url(case.model, "history", other.pk)).status_code == 404
    response = editor_client.get(admin_url(case.model, "history", own.pk))
    assert response.status_code == 200
    assert "Historik" in response.content.decode()


def test_anonymous_user_is_sent_to_login(client, case, objects):
    own, _other = objects
    for url in [
        admin_url(case.model, "changelist"),
        admin_url(case.model, "change", own.pk),
        admin_url(case.model, "history", own.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_preview_sends_anonymous_users_to_login(client, org_a):
    programme = ProgrammeFactory(organisation=org_a, publish_state=PublishState.DRAFT)
    response = client.get(admin_url(Programme, "preview", programme.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- What relation fields and autocomplete offer --------------------------------------------


def form_choices(client, model, field):
    response = client.get(admin_url(model, "add"))
    assert response.status_code == 200
    return set(response.context["adminform"].form.fields[field].queryset)


@pytest.mark.parametrize("case", [c for c in CASES if c.owner_field], ids=case_id)
def test_the_owner_field_offers_only_own_organisations(editor_client, case, org_a, org_b):
    own, other = case.make(org_a), case.make(org_b)
    choices = form_choices(editor_client, case.model, case.owner_field)
    if case.model is FocusArea:
        assert own.focus_area_set in choices
        assert other.focus_area_set not in choices
    else:
        assert choices == {org_a}


def test_relations_offer_own_and_published_content_but_not_others_drafts(
    editor_client, org_a, org_b
):
    own_draft = ProgrammeFactory(organisation=org_a, publish_state=PublishState.DRAFT)
    others_published = ProgrammeFactory(organisation=org_b)
    others_draft = ProgrammeFactory(organisation=org_b, publish_state=PublishState.DRAFT)
    for model, field in [
        (Publication, "programmes"),
        (ContentPage, "programmes"),
        (Event, "programmes"),
    ]:
        choices = form_choices(editor_client, model, field)
        assert own_draft in choices, (model, field)
        assert others_published in choices, (model, field)
        assert others_draft not in choices, (model, field)

    own_report = PublicationFactory(organisations=[org_a], publish_state=PublishState.DRAFT)
    others_report = PublicationFactory(organisations=[org_b], publish_state=PublishState.DRAFT)
    choices = form_choices(editor_client, ContentPage, "publications")
    assert own_report in choices and others_report not in choices


def test_parent_page_and_a_sets_programme_are_only_own(editor_client, org_a, org_b):
    own_page = ContentPageFactory(organisation=org_a)
    ContentPageFactory(organisation=org_b)  # published, but another organisation's menu
    assert form_choices(editor_client, ContentPage, "parent") == {own_page}
    own_programme = ProgrammeFactory(organisation=org_a)
    ProgrammeFactory(organisation=org_b)
    assert form_choices(editor_client, FocusAreaSet, "programme") == {own_programme}


def test_public_reference_data_may_be_linked_from_any_organisation(editor_client, org_a, org_b):
    funders = form_choices(editor_client, Programme, "funders")
    assert {org_a, org_b} <= funders
    others_contact = ContactFactory(organisation=org_b)
    assert others_contact in form_choices(editor_client, ContentPage, "contacts")
    others_area = FocusAreaFactory(focus_area_set=FocusAreaSetFactory(organisation=org_b))
    assert others_area in form_choices(editor_client, Programme, "focus_areas")


def autocomplete(client, model, field, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field,
            "term": term,
        },
    )
    assert response.status_code == 200
    return {result["text"] for result in response.json()["results"]}


def test_autocomplete_is_scoped_like_the_form(editor_client, org_a, org_b):
    assert autocomplete(editor_client, Programme, "organisation", "Organisation") == {
        "Organisation A"
    }
    assert {"Organisation A", "Organisation B"} <= autocomplete(
        editor_client, Programme, "funders", "Organisation"
    )
    own_draft = ProgrammeFactory(organisation=org_a, publish_state=PublishState.DRAFT)
    others_published = ProgrammeFactory(organisation=org_b)
    others_draft = ProgrammeFactory(organisation=org_b, publish_state=PublishState.DRAFT)
    found = autocomplete(editor_client, Publication, "programmes", "Testprogram")
    assert str(own_draft) in found
    assert str(others_published) in found
    assert str(others_draft) not in found

    own_page = ContentPageFactory(organisation=org_a)
    others_page = ContentPageFactory(organisation=org_b)
    found = autocomplete(editor_client, ContentPage, "parent", "Testsida")
    assert found == {str(own_page)}
    assert str(others_page) not in found

    own_set = FocusAreaSetFactory(organisation=org_a)
    FocusAreaSetFactory(organisation=org_b)
    assert autocomplete(editor_client, FocusArea, "focus_area_set", "Testindelning") == {
        str(own_set)
    }


def test_autocomplete_of_users_is_refused_to_editors(editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "programmes", "model_name": "organisation", "field_name": "editors"},
    )
    assert response.status_code == 403


def test_subproject_inline_lists_only_own_subprojects(editor_client, org_a, org_b):
    programme = ProgrammeFactory(organisation=org_a)
    own_sub = ProgrammeFactory(organisation=org_a, parent=programme, title="Eget delprojekt")
    ProgrammeFactory(organisation=org_b, parent=programme, title="Annans delprojekt")
    response = editor_client.get(admin_url(Programme, "change", programme.pk))
    inline = next(
        i for i in response.context["inline_admin_formsets"] if i.formset.prefix == "subprojects"
    )
    assert [form.instance for form in inline.formset.forms] == [own_sub]

    # Saving the programme leaves the other organisation's subproject where it was.
    data = admin_form_data(response)
    response = editor_client.post(admin_url(Programme, "change", programme.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert programme.subprojects.count() == 2


# --- Co-published publications and co-organised events ------------------------------------


def test_a_co_published_publication_keeps_the_other_publisher(editor_client, org_a, org_b):
    publication = PublicationFactory(organisations=[org_a, org_b])
    url = admin_url(Publication, "change", publication.pk)
    response = editor_client.get(url)
    assert response.status_code == 200
    assert set(response.context["adminform"].form.fields["organisations"].queryset) == {
        org_a,
        org_b,
    }

    data = admin_form_data(response)
    data["title"] = "Gemensam rapport"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    publication.refresh_from_db()
    assert publication.title == "Gemensam rapport"
    assert set(publication.organisations.all()) == {org_a, org_b}

    # Removing the other publisher is refused, with the editor's input kept.
    data["organisations"] = [str(org_a.pk)]
    data["title"] = "Bara vår"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du kan inte ta bort Organisation B" in html
    assert 'value="Bara vår"' in html
    assert set(publication.organisations.all()) == {org_a, org_b}

    # Leaving only the other publisher would lock the editor out: refused too.
    data["organisations"] = [str(org_b.pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Minst en av dina egna organisationer" in response.content.decode()
    assert set(publication.organisations.all()) == {org_a, org_b}

    # A third organisation the editor does not belong to cannot be added.
    org_c = OrganisationFactory()
    data["organisations"] = [str(org_a.pk), str(org_b.pk), str(org_c.pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "organisations" in response.context["adminform"].form.errors
    assert set(publication.organisations.all()) == {org_a, org_b}


def test_an_editor_of_both_may_drop_one_of_their_own(django_user_model, client, org_a, org_b):
    both = make_editor(django_user_model, "redaktor-ab", org_a, org_b)
    client.force_login(both)
    event = EventFactory(organisers=[org_a, org_b])
    url = admin_url(Event, "change", event.pk)
    data = admin_form_data(client.get(url))
    data["organisers"] = [str(org_b.pk)]
    assert client.post(url, data).status_code == 302
    assert set(event.organisers.all()) == {org_b}


def test_a_new_publication_gets_an_own_publisher(editor_client, org_a, org_b):
    data = admin_form_data(editor_client.get(admin_url(Publication, "add")))
    data.update({"title": "Ny rapport", "slug": "ny-rapport", "kind": "report"})
    data["organisations"] = [str(org_b.pk)]
    response = editor_client.post(admin_url(Publication, "add"), data)
    assert response.status_code == 200
    assert not Publication.objects.filter(slug="ny-rapport").exists()
    data["organisations"] = [str(org_a.pk)]
    response = editor_client.post(admin_url(Publication, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(Publication.objects.get(slug="ny-rapport").organisations.all()) == {org_a}


def test_the_owner_is_required_for_editors(editor_client, org_a):
    data = admin_form_data(editor_client.get(admin_url(ContentPage, "add")))
    data.update({"title": "Sida utan ägare", "slug": "sida-utan-agare", "organisation": ""})
    response = editor_client.post(admin_url(ContentPage, "add"), data)
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not ContentPage.objects.filter(slug="sida-utan-agare").exists()


def test_pages_about_the_site_are_for_superusers_only(editor_client, admin_client):
    statement = ContentPageFactory(organisation=None, slug="om-webbplatsen")
    listed = editor_client.get(admin_url(ContentPage, "changelist")).context["cl"].result_list
    assert statement not in listed
    assert editor_client.get(admin_url(ContentPage, "change", statement.pk)).status_code == 302
    assert admin_client.get(admin_url(ContentPage, "change", statement.pk)).status_code == 200


def test_a_programmes_focus_areas_belong_to_the_programmes_organisation(
    editor_client, org_a, org_b
):
    """A set of a programme's focus areas often names no organisation; it is the programme's."""
    own_set = FocusAreaSetFactory(programme=ProgrammeFactory(organisation=org_a), kind="programme")
    others_set = FocusAreaSetFactory(
        programme=ProgrammeFactory(organisation=org_b), kind="programme"
    )
    own_area, others_area = (
        FocusAreaFactory(focus_area_set=own_set),
        FocusAreaFactory(focus_area_set=others_set),
    )
    sets = editor_client.get(admin_url(FocusAreaSet, "changelist")).context["cl"].result_list
    assert list(sets) == [own_set]
    areas = editor_client.get(admin_url(FocusArea, "changelist")).context["cl"].result_list
    assert list(areas) == [own_area]
    assert editor_client.get(admin_url(FocusArea, "change", others_area.pk)).status_code == 302


# --- Organisations ------------------------------------------------------------------------


def test_editors_change_their_organisation_but_not_its_editors(
    editor_client, editor, django_user_model, org_a
):
    other_user = django_user_model.objects.create_user("obehorig", password=PASSWORD)
    url = admin_url(Organisation, "change", org_a.pk)
    response = editor_client.get(url)
    assert "editors" not in response.context["adminform"].form.fields
    data = admin_form_data(response)
    data["description"] = "Vi arbetar med regional tillväxt."
    data["editors"] = [str(other_user.pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    org_a.refresh_from_db()
    assert "regional tillväxt" in org_a.description
    assert set(org_a.editors.all()) == {editor}


def test_editors_cannot_add_organisations(editor_client):
    assert editor_client.get(admin_url(Organisation, "add")).status_code == 403
    response = editor_client.post(
        admin_url(Organisation, "add"), {"name": "Ny", "slug": "ny", "kind": "network"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(slug="ny").exists()


def test_superusers_choose_the_editors(admin_client, org_a):
    response = admin_client.get(admin_url(Organisation, "change", org_a.pk))
    assert "editors" in response.context["adminform"].form.fields


# --- The editor group ---------------------------------------------------------------------


def group_permissions():
    group = Group.objects.get(name=GROUP_NAME)
    return {
        f"{p.content_type.app_label}.{p.content_type.model}.{p.codename.split('_')[0]}"
        for p in group.permissions.select_related("content_type")
    }


def expected_permissions():
    return {
        f"{label}.{action}" for label, actions in EDITOR_PERMISSIONS.items() for action in actions
    }


def test_the_group_command_grants_exactly_the_editor_permissions_and_is_idempotent(org_a):
    call_command("create_editor_group", stdout=StringIO())
    assert group_permissions() == expected_permissions()
    assert "organisations.organisation.change" in group_permissions()
    assert "organisations.organisation.add" not in group_permissions()
    assert "organisations.organisation.delete" not in group_permissions()
    assert "geography.municipality.change" not in group_permissions()
    assert not any(p.startswith("content.accessibilityrequest") for p in group_permissions())

    # A permission added by hand is taken away again; running twice changes nothing else.
    group = Group.objects.get(name=GROUP_NAME)
    group.permissions.add(Permission.objects.get(codename="delete_organisation"))
    call_command("create_editor_group", stdout=StringIO())
    call_command("create_editor_group", stdout=StringIO())
    assert Group.objects.filter(name=GROUP_NAME).count() == 1
    assert group_permissions() == expected_permissions()


def test_the_group_command_makes_a_user_an_editor(django_user_model, org_a, org_b):
    user = django_user_model.objects.create_user("anna", password=PASSWORD)
    out = StringIO()
    call_command(
        "create_editor_group",
        "--user",
        "anna",
        "--organisation",
        org_a.slug,
        "--organisation",
        org_b.slug,
        stdout=out,
    )
    call_command("create_editor_group", "--user", "anna", "--organisation", org_a.slug, stdout=out)
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAME]
    assert set(user.editor_organisations.all()) == {org_a, org_b}
    assert user.has_perm("programmes.change_programme")
    assert not user.has_perm("programmes.add_organisation")
    assert "Organisation A, Organisation B" in out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["--user", "finns-inte"],
        ["--user", "anna", "--organisation", "finns-inte"],
        ["--organisation", "organisation-a"],
    ],
)
def test_the_group_command_refuses_unknown_names(django_user_model, org_a, args):
    django_user_model.objects.create_user("anna", password=PASSWORD)
    with pytest.raises(CommandError):
        call_command("create_editor_group", *args, stdout=StringIO())
    assert not org_a.editors.exists()


# --- Logging in ---------------------------------------------------------------------------


def login(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="192.0.2.10",
    )


def test_five_failed_logins_lock_out_that_user_name_from_that_address(client, editor):
    other = make_editor(type(editor), "redaktor-c")
    for _attempt in range(5):
        response = login(client, "redaktor-a", "fel-lösenord")
        assert response.status_code in (200, 429)
    response = login(client, "redaktor-a", PASSWORD)
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert "Inloggningen är tillfälligt spärrad" in html
    assert "5 misslyckade inloggningsförsök" in html
    assert "_auth_user_id" not in client.session

    # Another user from the same address still logs in.
    response = login(client, other.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_four_failed_logins_do_not_lock_out(client, editor):
    for _attempt in range(4):
        assert login(client, "redaktor-a", "fel-lösenord").status_code == 200
    response = login(client, "redaktor-a", PASSWORD)
    assert response.status_code == 302


def test_short_passwords_are_refused():
    with pytest.raises(ValidationError) as error:
        validate_password("kort-ord9")
    assert any(e.code == "password_too_short" for e in error.value.error_list)
    validate_password("ett långt och ovanligt lösenord")


def test_the_admin_password_form_refuses_a_short_password(admin_client, django_user_model):
    user = django_user_model.objects.create_user("bertil", password=PASSWORD)
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = admin_client.post(url, {"password1": "kort-ord9", "password2": "kort-ord9"})
    assert response.status_code == 200
    assert "minst 12 tecken" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("model", "field"),
    [(Contact, "programmes"), (Programme, "parent"), (Programme, "predecessor")],
)
def test_relations_shown_on_the_targets_page_offer_only_own_programmes(
    editor_client, org_a, org_b, model, field
):
    """A contact, a subproject or a successor appears on the other programme's public page;
    an editor may not put one on another organisation's page, even a published one."""
    own = ProgrammeFactory(organisation=org_a, publish_state=PublishState.PUBLISHED)
    other = ProgrammeFactory(organisation=org_b, publish_state=PublishState.PUBLISHED)
    choices = form_choices(editor_client, model, field)
    assert own in choices
    assert other not in choices
