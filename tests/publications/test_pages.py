"""The publications' public pages: the list with each one's kind, year and publishers, its
pages, and a publication's page with its facts, its file or a link to where it is, or a note
that there is none; a programme's and a publication's tags stay their own; both pages run the
same number of queries however much data there is."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publications.choices import Language, PublicationKind
from tests.factories import (
    FocusAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.pages import (
    EXTERNAL,
    assert_queries_do_not_grow,
    cards,
    fetch,
    new_tag,
    swedish_date,
)

pytestmark = pytest.mark.django_db


def test_publication_list(client):
    first = OrganisationFactory(name="Tillväxtverket")
    second = OrganisationFactory(name="Länsstyrelsen Gävleborg")
    PublicationFactory(
        title="Handlingsplan 2018",
        kind=PublicationKind.ACTION_PLAN,
        year=2018,
        organisations=[first, second],
    )
    PublicationFactory(title="Odaterad analys", kind=PublicationKind.ANALYSIS, year=None)

    content, text = fetch(client, reverse("publications:publication_list"))

    listed = cards(content)
    assert listed[0].startswith("Handlingsplan 2018 Typ Handlingsplan År 2018 Fil ingen på")
    assert "Tillväxtverket" in listed[0]
    assert "Länsstyrelsen Gävleborg" in listed[0]
    # No year: the facts say nothing of one.
    assert listed[1].startswith("Odaterad analys Typ Analys Fil ingen på webbplatsen")
    assert "None" not in text


def test_publication_list_paginates(client):
    organisation = OrganisationFactory()
    for number in range(21):
        PublicationFactory(title=f"Rapport nummer {number:02}", organisations=[organisation])
    _, text = fetch(client, reverse("publications:publication_list"))
    assert "Sida 1 av 2" in text
    _, text = fetch(client, reverse("publications:publication_list") + "?page=2")
    assert text.count("Rapport nummer") == 1


def test_publication_detail_without_file(client):
    organisation = OrganisationFactory(name="Arena för Tillväxt")
    programme = ProgrammeFactory(title="Mötesplats", start_year=2016, end_year=2018)
    area = FocusAreaFactory(name="Innovation")
    publication = PublicationFactory(
        title="Att mäta tillväxt",
        kind=PublicationKind.REPORT,
        publication_date=datetime.date(2018, 5, 16),
        organisations=[organisation],
        language=Language.ENGLISH,
        summary="Om indikatorer.",
        external_url="https://www.example.se/rapport.pdf",
    )
    publication.programmes.add(programme)
    publication.focus_areas.add(area)
    publication.tags.add("indikatorer")

    content, text = fetch(client, publication.get_absolute_url())

    assert "<h1>Att mäta tillväxt</h1>" in content
    assert "Typ Rapport" in text
    assert "Utgiven 16 maj 2018" in text
    assert "Utgiven av Arena för Tillväxt" in text
    assert "Språk Engelska" in text
    assert "Om indikatorer." in text
    assert "Mötesplats 2016–2018" in text
    assert f'href="{area.get_absolute_url()}"' in content
    assert "indikatorer" in text
    assert "Det finns ingen fil till den här publikationen på webbplatsen." in text
    assert 'href="https://www.example.se/rapport.pdf"' in content
    assert EXTERNAL in text
    assert f"Publicerad på webbplatsen {swedish_date(publication.publish_from)}." in text


def pdf_of_size(size):
    """Bytes the upload checks take for a PDF (header, an object, end markers), padded."""
    head, tail = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%", b"\nstartxref\n9\n%%EOF\n"
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_publication_detail_with_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publication = PublicationFactory(
        title="Rapport med fil",
        year=2019,
        file=SimpleUploadedFile(
            "rapport.pdf", pdf_of_size(1_250_000), content_type="application/pdf"
        ),
    )

    content, text = fetch(client, publication.get_absolute_url())

    assert f'href="{publication.file.url}"' in content
    assert "(PDF, 1,2\xa0MB)</a>" in content  # filesizeformat keeps the number and unit together
    assert "Utgiven 2019" in text
    assert "Det finns ingen fil" not in text
    assert EXTERNAL not in text


def test_publication_detail_without_year(client):
    publication = PublicationFactory(year=None)
    _, text = fetch(client, publication.get_absolute_url())
    assert text.count("Utgivningsåret är inte känt.") == 1


def test_detail_pages_show_their_own_tags_in_the_order_they_were_added(client):
    """A programme and a publication with the same id keep their own tags, in the order they
    were added."""
    # The same id in both tables: only the content type tells their tags apart.
    shared_id = 10_000
    publication = PublicationFactory(pk=shared_id)
    programme = ProgrammeFactory(pk=shared_id)
    publication.tags.add("ö-tagg", "a-tagg")
    publication.tags.add("m-tagg")
    programme.tags.add("programtagg")
    programme_page = client.get(programme.get_absolute_url()).content.decode()
    assert '<li><a href="/teman/programtagg/">programtagg</a></li>' in programme_page
    assert "m-tagg" not in programme_page
    page = client.get(publication.get_absolute_url()).content.decode()
    assert page.index("ö-tagg") < page.index("a-tagg") < page.index("m-tagg")
    assert "programtagg" not in page


# --- number of queries (tests/pages.py, assert_queries_do_not_grow) -----------------------


def _publication_list():
    def grow(n):
        for _ in range(n):
            publication = PublicationFactory(
                organisations=[OrganisationFactory(), OrganisationFactory()]
            )
            publication.programmes.add(ProgrammeFactory())

    return reverse("publications:publication_list"), grow


def _publication_detail():
    publication = PublicationFactory()

    def grow(n):
        for _ in range(n):
            publication.organisations.add(OrganisationFactory())
            publication.programmes.add(ProgrammeFactory())
            publication.focus_areas.add(FocusAreaFactory())
            publication.tags.add(new_tag())

    return publication.get_absolute_url(), grow


QUERY_SCENARIOS = {
    "publication_list": _publication_list,
    "publication_detail": _publication_detail,
}

# (queries when nothing derived is kept, queries once it is); what they count is in
# tests/pages.py. Update a number only together with the view's select/prefetch declaration.
EXPECTED_QUERIES = {
    "publication_list": (8, 4),
    "publication_detail": (5, 1),
}


@pytest.mark.parametrize("name", QUERY_SCENARIOS)
def test_queries_do_not_grow_with_the_data(client, name):
    assert_queries_do_not_grow(client, name, QUERY_SCENARIOS[name], EXPECTED_QUERIES[name])
