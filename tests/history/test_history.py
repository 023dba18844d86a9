"""Revision history in the admin (django-reversion and django-reversion-compare).

Every save, publishing action and deletion in the admin keeps a version with the user and a
comment. Editors see the history of their own organisations' objects, compare two versions,
revert to one (inline goals and sections included) and recover deleted objects; an editor of
another organisation can do none of that, whatever URL they type."""

import pytest
import reversion
from reversion.models import Version

from content.models import ContentPage
from programmes.models import Programme
from publications.models import Publication
from publishing.choices import PublishState
from tests.admin_forms import admin_form_data
from tests.editors import admin_url, login_editor, save_in_admin
from tests.factories import (
    ContentPageFactory,
    PageSectionFactory,
    ProgrammeFactory,
    ProgrammeGoalFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_a(client, django_user_model, org_a):
    return login_editor(client, django_user_model, "redaktor-a", org_a)


@pytest.fixture
def editor_b(django_user_model, org_b):
    from django.test import Client

    return login_editor(Client(), django_user_model, "redaktor-b", org_b)


def versions_of(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


@pytest.fixture
def programme(org_a):
    programme = ProgrammeFactory(organisation=org_a, title="Gammal titel")
    ProgrammeGoalFactory(programme=programme, text="Första målet")
    return programme


# --- History, compare, revert -------------------------------------------------------------


def test_a_change_in_the_admin_is_kept_with_user_and_comment(editor_a, programme):
    save_in_admin(editor_a, programme, title="Ny titel")
    (version,) = versions_of(programme)
    assert version.revision.user.username == "redaktor-a"
    assert version.field_dict["title"] == "Ny titel"
    assert version.revision.comment  # Django's change message, e.g. "Ändrade Titel."

    response = editor_a.get(admin_url(Programme, "history", programme.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "redaktor-a" in html
    assert version.revision.comment in html
    assert admin_url(Programme, "revision", programme.pk, version.pk) in html


def test_compare_shows_what_changed(editor_a, programme):
    save_in_admin(editor_a, programme)
    save_in_admin(editor_a, programme, title="Ny titel", start_year="2017")
    old, new = sorted(versions_of(programme), key=lambda v: v.pk)

    history = editor_a.get(admin_url(Programme, "history", programme.pk)).content.decode()
    assert "Jämför" in history

    response = editor_a.get(
        admin_url(Programme, "compare", programme.pk),
        {"version_id1": old.pk, "version_id2": new.pk},
    )
    assert response.status_code == 200
    changed = {diff["field"].name: str(diff["diff"]) for diff in response.context["compare_data"]}
    assert set(changed) == {"title", "start_year"}
    assert "Gammal" in changed["title"] and "Ny" in changed["title"]
    html = response.content.decode()
    assert "Jämför versioner av Ny titel" in html
    assert admin_url(Programme, "revision", programme.pk, old.pk) in html


def test_revert_restores_the_old_values_and_inline_goals(editor_a, programme):
    save_in_admin(editor_a, programme)
    (goal,) = programme.goals.all()
    save_in_admin(
        editor_a,
        programme,
        **{
            "title": "Ny titel",
            "goals-0-text": "Ändrat mål",
            "goals-TOTAL_FORMS": "2",
            "goals-1-text": "Nytt mål",
            "goals-1-position": "5",
        },
    )
    assert sorted(programme.goals.values_list("text", flat=True)) == ["Nytt mål", "Ändrat mål"]
    old = min(versions_of(programme), key=lambda v: v.pk)

    url = admin_url(Programme, "revision", programme.pk, old.pk)
    response = editor_a.get(url)
    assert response.status_code == 200
    assert 'value="Gammal titel"' in response.content.decode()
    # Looking at the old version changes nothing.
    programme.refresh_from_db()
    assert programme.title == "Ny titel"

    response = editor_a.post(url, admin_form_data(response))
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    assert programme.title == "Gammal titel"
    assert list(programme.goals.values_list("pk", "text")) == [(goal.pk, "Första målet")]
    latest = max(versions_of(programme), key=lambda v: v.pk)
    assert latest.revision.user.username == "redaktor-a"
    assert "föregående version" in latest.revision.comment  # reversion's Swedish message


def test_revert_of_a_page_restores_its_sections(editor_a, org_a):
    page = ContentPageFactory(organisation=org_a, title="Sida")
    PageSectionFactory(page=page, heading="Avsnitt ett")
    save_in_admin(editor_a, page)
    save_in_admin(editor_a, page, **{"sections-0-heading": "Omskrivet avsnitt"})
    old = min(versions_of(page), key=lambda v: v.pk)
    url = admin_url(ContentPage, "revision", page.pk, old.pk)
    response = editor_a.post(url, admin_form_data(editor_a.get(url)))
    assert response.status_code == 302
    assert list(page.sections.values_list("heading", flat=True)) == ["Avsnitt ett"]


def test_publishing_actions_keep_a_version_with_a_comment(editor_a, org_a):
    programme = ProgrammeFactory(organisation=org_a, publish_state=PublishState.DRAFT)
    other = ProgrammeFactory(organisation=org_a, publish_state=PublishState.DRAFT)
    changelist = admin_url(Programme, "changelist")
    selected = [str(programme.pk), str(other.pk)]
    editor_a.post(changelist, {"action": "publish_selected", "_selected_action": selected})
    editor_a.post(changelist, {"action": "unpublish_selected", "_selected_action": selected})

    unpublished, published = versions_of(programme)  # latest first
    assert published.field_dict["publish_state"] == PublishState.PUBLISHED
    assert "Publicerad med åtgärden" in published.revision.comment
    assert unpublished.field_dict["publish_state"] == PublishState.DRAFT
    assert "Avpublicerad" in unpublished.revision.comment
    assert unpublished.revision.user.username == "redaktor-a"
    # One revision per object, so reverting one never touches the other.
    assert [v.object_id for v in published.revision.version_set.all()] == [str(programme.pk)]
    assert len(versions_of(other)) == 2


# --- Delete and recover -------------------------------------------------------------------


def delete_in_admin(client, obj):
    response = client.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(obj)._default_manager.filter(pk=obj.pk).exists()


def test_a_deleted_programme_is_recovered_with_its_goals(editor_a, programme):
    ProgrammeGoalFactory(programme=programme, text="Andra målet")
    pk = programme.pk
    delete_in_admin(editor_a, programme)
    deleted = Version.objects.get_deleted(Programme).get()
    assert deleted.revision.user.username == "redaktor-a"
    assert deleted.revision.comment == "Borttagen."

    response = editor_a.get(admin_url(Programme, "recoverlist"))
    assert response.status_code == 200
    assert "Gammal titel" in response.content.decode()
    recover_url = admin_url(Programme, "recover", deleted.pk)
    assert recover_url in response.content.decode()

    response = editor_a.get(recover_url)
    assert response.status_code == 200
    assert not Programme.objects.filter(pk=pk).exists()  # viewing does not recover
    response = editor_a.post(recover_url, admin_form_data(response))
    assert response.status_code == 302, response.content.decode()[:3000]
    recovered = Programme.objects.get(pk=pk)
    assert recovered.title == "Gammal titel"
    assert sorted(recovered.goals.values_list("text", flat=True)) == [
        "Andra målet",
        "Första målet",
    ]
    assert not Version.objects.get_deleted(Programme).exists()


def test_a_deleted_co_published_publication_comes_back_with_both_publishers(editor_a, org_a, org_b):
    publication = PublicationFactory(organisations=[org_a, org_b], title="Gemensam")
    pk = publication.pk
    delete_in_admin(editor_a, publication)
    deleted = Version.objects.get_deleted(Publication).get()
    url = admin_url(Publication, "recover", deleted.pk)
    response = editor_a.post(url, admin_form_data(editor_a.get(url)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(Publication.objects.get(pk=pk).organisations.all()) == {org_a, org_b}


def test_deleting_several_with_the_action_keeps_one_version_each(editor_a, org_a):
    first, second = ProgrammeFactory(organisation=org_a), ProgrammeFactory(organisation=org_a)
    response = editor_a.post(
        admin_url(Programme, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(first.pk), str(second.pk)],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    deleted = list(Version.objects.get_deleted(Programme))
    assert {v.object_id for v in deleted} == {str(first.pk), str(second.pk)}
    assert len({v.revision_id for v in deleted}) == 2


# --- Another organisation's editor --------------------------------------------------------


def test_another_organisations_editor_cannot_see_compare_or_revert(editor_a, editor_b, programme):
    save_in_admin(editor_a, programme)
    save_in_admin(editor_a, programme, title="Ny titel")
    old, new = sorted(versions_of(programme), key=lambda v: v.pk)

    assert editor_b.get(admin_url(Programme, "history", programme.pk)).status_code == 404
    response = editor_b.get(
        admin_url(Programme, "compare", programme.pk),
        {"version_id1": old.pk, "version_id2": new.pk},
    )
    assert response.status_code == 404
    url = admin_url(Programme, "revision", programme.pk, old.pk)
    response = editor_b.get(url)
    assert response.status_code == 404
    assert "Gammal titel" not in response.content.decode()

    data = admin_form_data(editor_a.get(url))
    assert editor_b.post(url, data).status_code == 404
    programme.refresh_from_db()
    assert programme.title == "Ny titel"
    assert len(versions_of(programme)) == 2


def test_another_organisations_editor_cannot_recover(editor_a, editor_b, programme):
    pk = programme.pk
    delete_in_admin(editor_a, programme)
    deleted = Version.objects.get_deleted(Programme).get()

    response = editor_b.get(admin_url(Programme, "recoverlist"))
    assert response.status_code == 200
    assert response.context["deleted"] == []
    assert "Gammal titel" not in response.content.decode()

    url = admin_url(Programme, "recover", deleted.pk)
    assert editor_b.get(url).status_code == 404
    data = admin_form_data(editor_a.get(url))
    assert editor_b.post(url, data).status_code == 404
    assert not Programme.objects.filter(pk=pk).exists()


def test_a_version_from_when_the_object_belonged_elsewhere_cannot_be_reverted_to(
    admin_client, editor_a, org_a, org_b
):
    programme = ProgrammeFactory(organisation=org_b, title="Flyttat program")
    save_in_admin(admin_client, programme)
    save_in_admin(admin_client, programme, organisation=str(org_a.pk))
    in_b, in_a = sorted(versions_of(programme), key=lambda v: v.pk)

    response = editor_a.get(admin_url(Programme, "history", programme.pk))
    assert response.status_code == 200
    url = admin_url(Programme, "revision", programme.pk, in_b.pk)
    assert editor_a.get(url).status_code == 404
    data = admin_form_data(admin_client.get(url))
    assert editor_a.post(url, data).status_code == 404
    programme.refresh_from_db()
    assert programme.organisation == org_a
    assert editor_a.get(admin_url(Programme, "revision", programme.pk, in_a.pk)).status_code == 200


def test_a_version_of_another_model_cannot_be_used_through_a_revision_url(
    editor_a, programme, org_b
):
    """django-reversion looks a version up by object id only; a publication with the same
    primary key as the editor's programme must not be reverted through the programme's URL."""
    publication = PublicationFactory(id=programme.pk, organisations=[org_b], title="B:s rapport")
    with reversion.create_revision():
        publication.save()
    Publication.objects.filter(pk=publication.pk).update(title="B:s nya titel")
    (version,) = versions_of(publication)
    assert version.object_id == str(programme.pk)

    url = admin_url(Programme, "revision", programme.pk, version.pk)
    assert editor_a.get(url).status_code == 404
    assert editor_a.post(url, {}).status_code == 404
    publication.refresh_from_db()
    assert publication.title == "B:s nya titel"


def test_superusers_see_everyones_history(admin_client, editor_a, programme):
    save_in_admin(editor_a, programme, title="Ny titel")
    response = admin_client.get(admin_url(Programme, "history", programme.pk))
    assert response.status_code == 200
    assert "redaktor-a" in response.content.decode()


def test_the_changelist_links_to_the_deleted_items_in_swedish(editor_a):
    html = editor_a.get(admin_url(Programme, "changelist")).content.decode()
    assert f'href="{admin_url(Programme, "recoverlist")}"' in html
    assert "Återställ borttagna program" in html
