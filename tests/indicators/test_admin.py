"""Indicators in the admin: importing values from a file through upload, preview and
confirmation, who may do it, and the read-only lists of values and imports."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from geography.models import Region
from indicators.models import ImportBatch, Indicator, Observation

from ..editors import admin_url
from . import make_indicator, make_regions
from .jsonstat_samples import as_bytes, dataset

pytestmark = pytest.mark.django_db

CSV = "region_code,year,sex,value\n01,2020,totalt,10\n04,2020,totalt,20\n"


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.INDICATOR_IMPORT_DIR = tmp_path / "imports"
    return settings.INDICATOR_IMPORT_DIR


@pytest.fixture
def indicator():
    make_regions()
    return make_indicator()


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def upload(client, indicator, text, name="folkmangd.csv", **fields):
    return client.post(
        admin_url(type(indicator), "import", indicator.pk),
        {"file": SimpleUploadedFile(name, text.encode()), "file_format": "", **fields},
    )


def kept_files(import_dir):
    return sorted(path.name for path in Path(import_dir).glob("*")) if import_dir.exists() else []


def test_the_change_page_offers_the_import(staff, indicator):
    response = staff.get(admin_url(type(indicator), "change", indicator.pk))
    assert admin_url(type(indicator), "import", indicator.pk) in response.content.decode()
    assert "Importera värden" in response.content.decode()


def test_upload_preview_and_confirm(staff, indicator, admin_user, import_dir):
    Observation.objects.create(
        indicator=indicator, region=Region.objects.get(key="01"), year=2020, sex="totalt", value=9
    )
    form = staff.get(admin_url(type(indicator), "import", indicator.pk))
    assert form.status_code == 200
    assert 'type="file"' in form.content.decode()

    preview = upload(staff, indicator, CSV)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert '<td class="import-added">1</td>' in page
    assert '<td class="import-changed">1</td>' in page
    assert '<td class="import-unchanged">0</td>' in page
    assert "<td>Riket</td>" not in page and "<td>Stockholms län</td>" in page
    assert "<td>9</td>" in page and "<td>10</td>" in page
    assert "Bekräfta import" in page
    # Nothing is written before the confirmation; the file waits on the server.
    assert Observation.objects.get().value == 9
    assert not ImportBatch.objects.exists()
    token = preview.context["kept"].token
    assert len(kept_files(import_dir)) == 2

    confirmed = staff.post(admin_url(type(indicator), "import", indicator.pk), {"token": token})

    assert confirmed.status_code == 302
    assert confirmed.url == admin_url(type(indicator), "change", indicator.pk)
    assert sorted(Observation.objects.values_list("region__key", "value")) == [
        ("01", 10),
        ("04", 20),
    ]
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.imported_by, batch.added, batch.changed) == (
        "folkmangd.csv",
        admin_user,
        1,
        1,
    )
    assert kept_files(import_dir) == []
    message = staff.get(confirmed.url).content.decode()
    assert "Importerade folkmangd.csv: 1 nya, 1 ändrade och 0 oförändrade värden." in message


def test_a_file_with_errors_shows_them_and_the_form_again_without_a_confirmation(
    staff, indicator, import_dir
):
    response = upload(
        staff, indicator, CSV + "0199,2020,totalt,1\n", file_format="csv", contents="X1"
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Rad 4: okänd regionkod 0199." in page
    assert "Bekräfta import" not in page
    assert '<option value="csv" selected>' in page
    assert 'value="X1"' in page
    assert kept_files(import_dir) == []
    assert not Observation.objects.exists()


def test_a_confirmation_with_a_token_that_was_not_kept_imports_nothing(staff, indicator):
    response = staff.post(admin_url(type(indicator), "import", indicator.pk), {"token": "a" * 32})
    assert response.status_code == 400
    assert "Ladda upp den igen" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_token_only_confirms_for_the_user_who_previewed(
    staff, indicator, client, django_user_model
):
    token = upload(staff, indicator, CSV).context["kept"].token
    other = django_user_model.objects.create_superuser("other", "o@example.org", "x")
    client.force_login(other)

    response = client.post(admin_url(type(indicator), "import", indicator.pk), {"token": token})

    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_confirming_checks_the_file_again(staff, indicator):
    token = upload(staff, indicator, CSV).context["kept"].token
    # Meanwhile a region the file names is gone.
    Region.objects.filter(key="04").delete()

    response = staff.post(admin_url(type(indicator), "import", indicator.pk), {"token": token})

    assert response.status_code == 400
    assert "Rad 3: okänd regionkod 04." in response.content.decode()
    assert not Observation.objects.exists()


def test_json_stat_is_recognised_by_its_content(staff, indicator):
    body = as_bytes(dataset(regions=("0114",), years=("2020",), values=[1, 2])).decode()
    response = upload(staff, indicator, body, name="tabell.json")
    assert response.status_code == 200
    assert '<td class="import-added">2</td>' in response.content.decode()


def test_stale_kept_files_are_removed_when_a_new_one_is_stored(staff, indicator, import_dir):
    upload(staff, indicator, CSV)
    old = kept_files(import_dir)
    for name in old:
        os.utime(import_dir / name, (0, 0))

    upload(staff, indicator, CSV)

    remaining = kept_files(import_dir)
    assert len(remaining) == 2 and not set(old) & set(remaining)


def test_without_the_permission_to_add_values_the_import_is_forbidden(
    client, indicator, django_user_model
):
    user = django_user_model.objects.create_user("redaktor", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="change_indicator"),
        Permission.objects.get(codename="view_indicator"),
    )
    client.force_login(user)

    assert client.get(admin_url(type(indicator), "import", indicator.pk)).status_code == 403
    assert upload(client, indicator, CSV).status_code == 403
    change = client.get(admin_url(type(indicator), "change", indicator.pk))
    assert "Importera värden" not in change.content.decode()

    user.user_permissions.add(Permission.objects.get(codename="add_observation"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(admin_url(type(indicator), "import", indicator.pk)).status_code == 200


def test_observations_and_imports_are_listed_but_not_edited(staff, indicator):
    upload_response = upload(staff, indicator, CSV)
    staff.post(
        admin_url(type(indicator), "import", indicator.pk),
        {"token": upload_response.context["kept"].token},
    )
    observations = staff.get(admin_url(Observation, "changelist") + "?q=Södermanland")
    assert observations.status_code == 200
    assert list(observations.context["cl"].result_list.values_list("region__key", flat=True)) == [
        "04"
    ]
    assert staff.get(admin_url(Observation, "add")).status_code == 403
    observation = Observation.objects.first()
    change = staff.get(admin_url(Observation, "change", observation.pk))
    assert change.status_code == 200 and "Spara" not in change.content.decode()
    batches = staff.get(admin_url(ImportBatch, "changelist"))
    assert "folkmangd.csv" in batches.content.decode()


def test_a_draft_indicator_is_previewed_as_its_public_page(staff, client, indicator):
    Observation.objects.create(
        indicator=indicator, region=Region.objects.get(key="01"), year=2020, sex="män", value=5
    )
    preview = staff.get(admin_url(Indicator, "preview", indicator.pk))
    assert preview.status_code == 200
    assert "Förhandsvisning." in preview.content.decode()
    assert "Män 5" in preview.content.decode()
    client.logout()
    assert client.get(indicator.get_absolute_url()).status_code == 404


def test_the_change_form_links_to_the_preview_and_the_import(staff, indicator):
    page = staff.get(admin_url(Indicator, "change", indicator.pk)).content.decode()
    assert admin_url(Indicator, "preview", indicator.pk) in page
    assert admin_url(Indicator, "import", indicator.pk) in page
