"""The surveys in the admin are scoped to the editor's organisations, and so is the survey an
editor may import programmes into."""

import pytest

from surveys.models import MunicipalProgramme, Survey
from tests.editors import admin_url, login_editor
from tests.surveys.helpers import place, programme, survey

pytestmark = pytest.mark.django_db


def test_an_editor_sees_and_imports_into_only_their_own_surveys(
    client, django_user_model, org_a, org_b
):
    own = survey(org_a, title="Vår inventering")
    other = survey(org_b, title="Deras inventering")
    flen = place("0482", "Flen")
    programme(own, flen, name="Vårt program")
    programme(other, flen, name="Deras program")
    login_editor(client, django_user_model, "redaktor-a", org_a)

    listing = client.get(admin_url(Survey, "changelist")).content.decode()
    assert "Vår inventering" in listing and "Deras inventering" not in listing
    assert client.get(admin_url(Survey, "change", other.pk)).status_code in (302, 404)

    programmes = client.get(admin_url(MunicipalProgramme, "changelist")).content.decode()
    assert "Vårt program" in programmes and "Deras program" not in programmes

    form = client.get(admin_url(MunicipalProgramme, "import")).context["form"]
    assert list(form.fields["survey"].queryset) == [own]


def test_the_admin_pages_open_and_a_draft_can_be_previewed(admin_client, org_a):
    from publishing.choices import PublishState

    draft = survey(org_a, publish_state=PublishState.DRAFT, title="Utkast till inventering")
    for url in (
        admin_url(Survey, "add"),
        admin_url(Survey, "change", draft.pk),
        admin_url(MunicipalProgramme, "add"),
        admin_url(MunicipalProgramme, "changelist") + "?kind__exact=annat",
    ):
        assert admin_client.get(url).status_code == 200, url
    preview = admin_client.get(admin_url(Survey, "preview", draft.pk))
    assert preview.status_code == 200
    assert "Utkast till inventering" in preview.content.decode()
