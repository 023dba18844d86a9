"""A publication's file as visitors see it before they open it: the page count and language
that a PDF states, read once when it is saved, beside its format and size on every page and
file that shows it; and beside every link to a document, the request for a more accessible
version of that document, named for screen readers."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from publications.models import Publication
from tests.admin_forms import admin_form_data
from tests.factories import FocusAreaFactory, OrganisationFactory, PublicationFactory
from tests.pages import cards, fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_pdf(pages=1, language=None, password=None):
    """A PDF with ``pages`` blank A4 pages, the catalogue's /Lang set to ``language``."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    if language is not None:
        writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Passes the upload's checks (a PDF's header and end marker) but has no readable structure.
CORRUPT_PDF = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\n%"
    + b"x" * 900
    + (b"\nstartxref\n123456\n%%EOF\n")
)


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def with_file(data, **kwargs):
    publication = PublicationFactory(file=upload("rapport.pdf", data), **kwargs)
    publication.refresh_from_db()
    return publication


# --- What is read from the file -------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "language", "expected"),
    [(12, "sv-SE", (12, "sv-SE", "svenska")), (1, "en", (1, "en", "engelska"))],
)
def test_the_page_count_and_language_are_read_from_the_pdf(pages, language, expected):
    publication = with_file(make_pdf(pages, language))
    assert (
        publication.file_page_count,
        publication.file_language,
        publication.file_language_name,
    ) == expected


def test_a_pdf_without_a_language_gives_none_and_none_is_guessed():
    publication = with_file(make_pdf(3))
    assert (publication.file_page_count, publication.file_language) == (3, "")
    assert publication.file_language_name == ""


def test_a_language_code_django_does_not_know_is_shown_as_given():
    assert with_file(make_pdf(2, "tlh")).file_language_name == "tlh"


def test_a_lang_entry_that_is_no_language_code_is_left_out():
    assert with_file(make_pdf(2, "<script>")).file_language == ""


@pytest.mark.parametrize(
    "data", [CORRUPT_PDF, make_pdf(4, "sv", password="hemligt")], ids=["corrupt", "encrypted"]
)
def test_a_broken_or_encrypted_pdf_is_stored_with_its_page_count_left_empty(data):
    publication = with_file(data)
    assert publication.file_format == "PDF" and publication.file_size == len(data)
    assert (publication.file_page_count, publication.file_language) == (None, "")


def test_a_new_file_replaces_the_details_and_removing_it_clears_them():
    publication = with_file(make_pdf(5, "sv-SE"))
    publication.file = upload("ny.pdf", make_pdf(2, "en"))
    publication.save()
    publication.refresh_from_db()
    assert (publication.file_page_count, publication.file_language) == (2, "en")
    publication.file = ""
    publication.save()
    publication.refresh_from_db()
    assert (publication.file_page_count, publication.file_language) == (None, "")


def test_pages_do_not_open_the_file(client):
    """The details are stored: the page shows them with the file gone from storage."""
    publication = with_file(make_pdf(7, "sv-SE"))
    default_storage.delete(publication.file.name)
    _content, text = fetch(client, publication.get_absolute_url())
    assert "PDF, 7 sidor, svenska," in text


# --- Through the admin ----------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("data", "expected"),
    [(make_pdf(3, "sv-SE"), (3, "sv-SE")), (CORRUPT_PDF, (None, ""))],
    ids=["readable", "corrupt"],
)
def test_the_admin_saves_an_uploaded_pdf_with_its_details(superuser_client, data, expected):
    organisation = OrganisationFactory()
    add_url = reverse("admin:publications_publication_add")
    form_data = admin_form_data(superuser_client.get(add_url))
    form_data.update(
        title="Årsrapport",
        slug="arsrapport",
        kind="report",
        organisations=[str(organisation.pk)],
        year="2019",
        file=upload("Årsrapport.pdf", data),
    )

    response = superuser_client.post(add_url, form_data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    publication = Publication.objects.get()
    assert (publication.file_format, publication.file_size) == ("PDF", len(data))
    assert (publication.file_page_count, publication.file_language) == expected


# --- Where the file is shown ----------------------------------------------------------------


@pytest.fixture
def documents():
    """A 12-page Swedish PDF, a PDF that states nothing, and a record without a file, all on
    one focus area's page."""
    area = FocusAreaFactory(name="Jämställdhet")
    swedish = with_file(make_pdf(12, "sv-SE"), title="Lägesrapport 2018", year=2018)
    silent = with_file(make_pdf(1), title="Kort PM", year=2017)
    no_file = PublicationFactory(title="Rapport utan fil", year=2016)
    for publication in (swedish, silent, no_file):
        publication.focus_areas.add(area)
    return {"area": area, "swedish": swedish, "silent": silent, "no_file": no_file}


# A file's size as the pages give it: "431 byte", "1,7 kB".
SIZE = r"[\d,]+\s(?:byte|kB)"


def test_the_publication_page_shows_pages_and_language_beside_format_and_size(client, documents):
    swedish = documents["swedish"]
    content, text = fetch(client, swedish.get_absolute_url())
    assert re.search(rf"Fil PDF, 12 sidor, svenska, {SIZE} ", text)
    assert re.search(rf"Lägesrapport 2018 \(PDF, 12 sidor, svenska, {SIZE}\)", text)

    _content, text = fetch(client, documents["silent"].get_absolute_url())
    assert re.search(rf"Fil PDF, 1 sida, {SIZE} ", text)


def test_publication_cards_show_the_details_and_link_the_file_and_the_request(client, documents):
    content, _text = fetch(client, reverse("publications:publication_list"))
    by_title = {card.split(" Typ ")[0]: card for card in cards(content)}
    swedish = by_title["Lägesrapport 2018"]
    assert re.search(rf"Fil PDF, 12 sidor, svenska, {SIZE} ", swedish)
    assert "Ladda ner Lägesrapport 2018 (PDF, 12 sidor, svenska," in swedish
    assert "Beställ i tillgängligt format (Lägesrapport 2018)" in swedish
    assert "Fil PDF, 1 sida, " in by_title["Kort PM"]
    assert "Beställ i tillgängligt format (Kort PM)" in by_title["Kort PM"]
    # No file, nothing to download or to ask for in another format from the list.
    assert "Ladda ner" not in by_title["Rapport utan fil"]
    assert "Beställ" not in by_title["Rapport utan fil"]


def document_links(content):
    """``(href, accessible text)`` of every link in the page's lists of document links."""
    links = []
    for block in re.findall(r'<ul class="inline document-links">(.*?)</ul>', content, re.S):
        for href, inner in re.findall(r'<a href="([^"]+)">(.*?)</a>', block, re.S):
            links.append((href, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", inner)).strip()))
    return links


@pytest.mark.parametrize("where", ["list", "focus_area"])
def test_each_document_link_has_the_request_beside_it_naming_the_document(client, documents, where):
    url = (
        reverse("publications:publication_list")
        if where == "list"
        else documents["area"].get_absolute_url()
    )
    content, _text = fetch(client, url)
    links = document_links(content)
    request_url = reverse("content:accessibility_request")
    swedish, silent = documents["swedish"], documents["silent"]
    assert links == [
        (
            swedish.file.url,
            f"Ladda ner {swedish.title} (PDF, 12 sidor, svenska, "
            + links[0][1].rpartition(", ")[2],
        ),
        (
            f"{request_url}?publikation={swedish.slug}",
            f"Beställ i tillgängligt format ({swedish.title})",
        ),
        (
            silent.file.url,
            f"Ladda ner {silent.title} (PDF, 1 sida, " + links[2][1].rpartition(", ")[2],
        ),
        (
            f"{request_url}?publikation={silent.slug}",
            f"Beställ i tillgängligt format ({silent.title})",
        ),
    ]
    # Every link's text is unique on the page, so a list of links says which is which.
    texts = [text for _href, text in links]
    assert len(set(texts)) == len(texts)


def test_the_request_link_leads_to_the_form_with_the_document_chosen(client, documents):
    swedish = documents["swedish"]
    response = client.get(reverse("content:accessibility_request"), {"publikation": swedish.slug})
    assert response.status_code == 200
    assert swedish.title in response.content.decode()
    # Named because it was asked for, not because every document is offered.
    assert (
        swedish.title not in client.get(reverse("content:accessibility_request")).content.decode()
    )


def test_the_print_list_gives_the_file_details(client, documents):
    _content, text = fetch(client, reverse("publications:publication_print"))
    assert re.search(rf"Lägesrapport 2018\. Rapport\. PDF, 12 sidor, svenska, {SIZE}\.", text)
    assert re.search(rf"Kort PM\. Rapport\. PDF, 1 sida, {SIZE}\.", text)
    assert re.search(r"Rapport utan fil\. Rapport\. http", text)
