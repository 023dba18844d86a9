"""A file an editor chose survives an admin form that is refused for another field: the form
names the file and saves it with the next submit, without choosing it again. The kept file is
bound to the editor who chose it, expires after a day, is checked again like any upload and
is removed once used."""

import io
import os
import re
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfWriter

from images.models import Image
from publications.models import Publication
from tests.admin_forms import admin_form_data
from tests.editors import admin_url
from tests.factories import OrganisationFactory, image_bytes
from uploads import kept

pytestmark = pytest.mark.django_db

ADD_PUBLICATION = "admin:publications_publication_add"
HIDDEN_TOKEN = re.compile(r'<input type="hidden" name="file-kept" value="([^"]+)">')


@pytest.fixture(autouse=True)
def _folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KEPT_UPLOAD_DIR = tmp_path / "kept"


def kept_files(settings):
    folder = settings.KEPT_UPLOAD_DIR
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def make_pdf(pages):
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def login(client, django_user_model, name):
    user = django_user_model.objects.create_superuser(name, f"{name}@example.org", "x")
    client.force_login(user)
    return user


@pytest.fixture
def editor_client(client, django_user_model):
    login(client, django_user_model, "redaktor")
    return client


def publication_data(client, **fields):
    data = admin_form_data(client.get(reverse(ADD_PUBLICATION)))
    data.update(
        title="Årsrapport om tillväxt",
        slug="arsrapport-om-tillvaxt",
        kind="report",
        organisations=[str(OrganisationFactory().pk)],
        **fields,
    )
    return data


def refused_with_a_kept_pdf(client, pdf):
    """Posts a new publication with a PDF and a year that contradicts its date."""
    data = publication_data(
        client,
        publication_date="2018-05-16",
        year="2017",
        file=SimpleUploadedFile("Årsrapport 2018.pdf", pdf, content_type="application/pdf"),
    )
    response = client.post(reverse(ADD_PUBLICATION), data)
    assert response.status_code == 200
    assert "year" in response.context["adminform"].form.errors
    return data, response


def test_a_refused_form_keeps_the_chosen_pdf_and_the_next_submit_saves_it(editor_client, settings):
    pdf = make_pdf(6)
    data, response = refused_with_a_kept_pdf(editor_client, pdf)

    content = response.content.decode()
    assert "Vald fil: <strong>Årsrapport 2018.pdf</strong>." in content
    assert "du behöver inte välja den igen" in content
    token = HIDDEN_TOKEN.search(content).group(1)
    assert not Publication.objects.exists()
    assert len(kept_files(settings)) == 2  # the file and what is known of it

    # The editor corrects the year and sends the form again without choosing the file.
    data.pop("file")
    data.update(year="2018", **{"file-kept": token})
    response = editor_client.post(reverse(ADD_PUBLICATION), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    publication = Publication.objects.get()
    assert publication.file.name.endswith("/arsrapport-2018.pdf")
    with publication.file.open("rb") as stored:
        assert stored.read() == pdf
    assert (publication.file_format, publication.file_page_count) == ("PDF", 6)
    assert kept_files(settings) == []


def test_a_kept_file_is_kept_again_when_the_form_is_refused_once_more(editor_client, settings):
    data, response = refused_with_a_kept_pdf(editor_client, make_pdf(2))
    data.pop("file")
    data["file-kept"] = HIDDEN_TOKEN.search(response.content.decode()).group(1)
    data["slug"] = "ogiltig adress!"

    again = editor_client.post(reverse(ADD_PUBLICATION), data)

    assert again.status_code == 200
    content = again.content.decode()
    assert "Vald fil: <strong>Årsrapport 2018.pdf</strong>." in content
    data.update(slug="arsrapport", year="2018")
    data["file-kept"] = HIDDEN_TOKEN.search(content).group(1)
    assert editor_client.post(reverse(ADD_PUBLICATION), data).status_code == 302
    assert Publication.objects.get().file_page_count == 2
    assert kept_files(settings) == []


def test_a_kept_file_opens_only_for_the_editor_who_chose_it(client, django_user_model, settings):
    login(client, django_user_model, "anna")
    data, response = refused_with_a_kept_pdf(client, make_pdf(1))
    token = HIDDEN_TOKEN.search(response.content.decode()).group(1)

    login(client, django_user_model, "bertil")
    data.pop("file")
    data.update(year="2018", **{"file-kept": token})
    response = client.post(reverse(ADD_PUBLICATION), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "Filen du valde tidigare finns inte längre kvar på servern (den sparas i ett dygn). "
        "Välj den igen."
    ]
    assert response.context["adminform"].form["title"].value() == "Årsrapport om tillväxt"
    assert not Publication.objects.exists()
    assert len(kept_files(settings)) == 2  # still Anna's, until it expires


@pytest.mark.parametrize(
    "token",
    ["../../../etc/passwd", "x" * 32, signing.TimestampSigner(salt="other").sign("a" * 32)],
    ids=["path", "unsigned", "signed elsewhere"],
)
def test_a_forged_token_reads_no_file(editor_client, token):
    data = publication_data(editor_client, year="2018", **{"file-kept": token})
    response = editor_client.post(reverse(ADD_PUBLICATION), data)
    assert response.status_code == 200
    assert "finns inte längre kvar" in " ".join(response.context["adminform"].form.errors["file"])
    assert not Publication.objects.exists()


def test_a_kept_file_expires_after_a_day(editor_client, settings, monkeypatch):
    data, response = refused_with_a_kept_pdf(editor_client, make_pdf(1))
    data.pop("file")
    data.update(year="2018", **{"file-kept": HIDDEN_TOKEN.search(response.content.decode())[1]})
    later = time.time() + kept.KEPT_SECONDS + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = editor_client.post(reverse(ADD_PUBLICATION), data)

    assert "finns inte längre kvar" in " ".join(response.context["adminform"].form.errors["file"])
    # The next file kept clears out the old one.
    kept.remove_stale(now=later)
    assert kept_files(settings) == []


def test_a_file_refused_for_itself_is_not_kept(editor_client, settings):
    data = publication_data(
        editor_client, year="2018", file=SimpleUploadedFile("sida.pdf", b"<html><body>x")
    )
    response = editor_client.post(reverse(ADD_PUBLICATION), data)
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not HIDDEN_TOKEN.search(response.content.decode())
    assert kept_files(settings) == []


def test_a_kept_file_is_checked_again_like_any_upload(editor_client, settings):
    data, response = refused_with_a_kept_pdf(editor_client, make_pdf(1))
    settings.MAX_DOCUMENT_UPLOAD_MB = 0.0001  # the limit fell since the file was chosen
    data.pop("file")
    data.update(year="2018", **{"file-kept": HIDDEN_TOKEN.search(response.content.decode())[1]})

    response = editor_client.post(reverse(ADD_PUBLICATION), data)

    assert response.status_code == 200
    assert "Filen är för stor" in " ".join(response.context["adminform"].form.errors["file"])
    assert not Publication.objects.exists()


# --- Images: a required file --------------------------------------------------------------


def test_an_image_keeps_its_file_when_the_alt_text_is_missing(editor_client, settings):
    response = editor_client.post(
        admin_url(Image, "add"),
        {
            "alt_text": "",
            "caption": "",
            "credit": "",
            "file": SimpleUploadedFile("workshop.jpg", image_bytes(800, 600)),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vald fil: <strong>workshop.jpg</strong>." in content
    token = HIDDEN_TOKEN.search(content).group(1)
    # The browser must not ask for the file again: the input is no longer required.
    file_input = re.search(r'<input type="file" name="file"[^>]*>', content).group(0)
    assert "required" not in file_input
    assert 'aria-describedby="' in file_input and "id_file_kept" in file_input

    response = editor_client.post(
        admin_url(Image, "add"),
        {"alt_text": "Deltagare i en workshop", "caption": "", "credit": "", "file-kept": token},
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 600)
    assert image.renditions
    assert kept_files(settings) == []


def test_the_command_removes_kept_files_older_than_a_day_even_when_no_form_is_sent(settings):
    """Files kept for refused forms go after a day also when no editor sends a form again
    (manage.py remove_kept_uploads, run from cron with the erasure of personal data)."""
    old = kept.keep(SimpleUploadedFile("gammal.pdf", make_pdf(1), "application/pdf"), owner=1)
    fresh = kept.keep(SimpleUploadedFile("ny.pdf", make_pdf(1), "application/pdf"), owner=1)
    two_days_ago = time.time() - 2 * kept.KEPT_SECONDS
    # A signed value is the token, then the time and signature after colons.
    old_token = old.token.split(":", 1)[0]
    for path in settings.KEPT_UPLOAD_DIR.iterdir():
        if path.stem == old_token:
            os.utime(path, (two_days_ago, two_days_ago))

    out = io.StringIO()
    call_command("remove_kept_uploads", stdout=out)

    assert out.getvalue().strip() == "Kept uploads: 2 files removed."
    assert kept.take(fresh.token, owner=1) is not None
    assert kept.take(old.token, owner=1) is None
