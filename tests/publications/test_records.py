"""Publication records: date and year, and the file details the public page shows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_year_follows_the_publication_date():
    publication = PublicationFactory(year=None, publication_date=datetime.date(2018, 5, 16))
    assert publication.year == 2018


def test_a_year_alone_is_enough_and_both_may_be_unknown():
    assert PublicationFactory(year=2017, publication_date=None).year == 2017
    unknown = PublicationFactory(year=None, publication_date=None)
    unknown.full_clean()
    assert unknown.year is None


def test_a_year_that_contradicts_the_date_is_refused():
    publication = PublicationFactory.build(year=2017, publication_date=datetime.date(2018, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        publication.clean()
    assert "year" in excinfo.value.message_dict


def test_file_format_and_size_are_recorded_and_cleared():
    # The format comes from the content: a PDF header, an object, and the PDF end markers.
    content = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%" + b"0" * 2000 + b"\nstartxref\n9\n%%EOF\n"
    publication = PublicationFactory(file=SimpleUploadedFile("Rapport 2018.pdf", content))
    publication.refresh_from_db()
    assert publication.has_file
    assert (publication.file_format, publication.file_size) == ("PDF", len(content))
    publication.file = ""
    publication.save()
    publication.refresh_from_db()
    assert not publication.has_file
    assert (publication.file_format, publication.file_size) == ("", None)


def test_a_record_without_file_or_link_is_valid():
    publication = PublicationFactory()
    publication.full_clean()
    assert not publication.has_file and publication.external_url == ""


def test_the_feed_address_cannot_be_a_publication_or_news_slug():
    from content.models import NewsItem
    from tests.factories import OrganisationFactory

    publication = PublicationFactory.build(slug="flode")
    with pytest.raises(ValidationError) as excinfo:
        publication.clean()
    assert "slug" in excinfo.value.message_dict
    news = NewsItem(slug="flode", title="Nyhet", organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as excinfo:
        news.full_clean()
    assert "slug" in excinfo.value.message_dict
