"""Honest dates: an item's own date (a news item's, a publication's) is told apart from the
day it was put on the site; an unknown own date is said once, in a sentence, and is never
filled in with the site's date, on pages and in the feeds. Organisation and focus-area pages
say when they last changed, like the other pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from organisations.models import Organisation
from programmes.models import FocusArea
from tests.factories import (
    FocusAreaFactory,
    NewsItemFactory,
    OrganisationFactory,
    PublicationFactory,
)
from tests.pages import fetch, main_text, swedish_date

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
# A day the site put an item on line, well apart from today and from any original date.
PUT_ON_SITE = timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 0))
CHANGED = timezone.make_aware(datetime.datetime(2026, 5, 6, 12, 0))


def test_a_news_item_of_unknown_date_says_so_once_and_takes_no_date_from_the_site(client):
    news_item = NewsItemFactory(date=None, publish_from=PUT_ON_SITE)

    content, _text = fetch(client, news_item.get_absolute_url())
    text = main_text(content)

    assert text.count("Nyhetens datum är inte känt.") == 1
    assert "Datum saknas" not in text
    # The day it came to the site is named as that, and only that.
    assert text.count("4 mars 2026") == 1
    assert "Publicerad på webbplatsen 4 mars 2026." in text


def test_a_dated_news_item_shows_its_own_date_apart_from_the_sites(client):
    news_item = NewsItemFactory(date=datetime.date(2018, 5, 16), publish_from=PUT_ON_SITE)

    content, _text = fetch(client, news_item.get_absolute_url())
    text = main_text(content)

    assert "Datum 16 maj 2018" in text
    assert "Publicerad på webbplatsen 4 mars 2026." in text
    assert "inte känt" not in text


def test_a_publication_of_unknown_year_says_so_once(client):
    publication = PublicationFactory(year=None, publication_date=None, publish_from=PUT_ON_SITE)

    content, _text = fetch(client, publication.get_absolute_url())
    text = main_text(content)

    assert text.count("Utgivningsåret är inte känt.") == 1
    assert "Utgiven 4 mars 2026" not in text
    assert "Publicerad på webbplatsen 4 mars 2026." in text


def test_the_organisation_page_says_when_it_last_changed(client):
    organisation = OrganisationFactory(name="Tillväxtverket")
    Organisation.objects.filter(pk=organisation.pk).update(updated_at=CHANGED)

    content, _text = fetch(client, organisation.get_absolute_url())
    text = main_text(content)

    assert "Senast ändrad 6 maj 2026." in text
    # An organisation is not published as an item of its own; no publishing date is claimed.
    assert "Publicerad" not in text


def test_a_focus_area_records_and_shows_when_it_last_changed(client):
    area = FocusAreaFactory(name="Kompetensförsörjning")
    assert area.created_at is not None
    assert area.updated_at >= area.created_at
    FocusArea.objects.filter(pk=area.pk).update(updated_at=CHANGED)

    content, _text = fetch(client, area.get_absolute_url())
    text = main_text(content)

    assert "Senast ändrad 6 maj 2026." in text
    assert "Publicerad" not in text

    area.description = "Arbetet med kompetens."
    area.save()
    content, _text = fetch(client, area.get_absolute_url())
    assert f"Senast ändrad {swedish_date(timezone.now())}." in main_text(content)


# --- Feeds ----------------------------------------------------------------------------------


def feed_entries(client, url):
    root = ET.fromstring(client.get(url).content)
    entries = {}
    for entry in root.findall("atom:entry", ATOM):
        published = entry.find("atom:published", ATOM)
        entries[entry.find("atom:title", ATOM).text] = (
            None if published is None else published.text,
            entry.find("atom:summary", ATOM).text,
        )
    return entries


def test_the_news_feed_gives_no_publication_date_for_an_unknown_date(client):
    NewsItemFactory(title="Utan datum", date=None, publish_from=PUT_ON_SITE, summary="Text.")
    NewsItemFactory(title="Med datum", date=datetime.date(2018, 5, 16), summary="Text.")

    entries = feed_entries(client, "/nyheter/flode/")

    assert entries["Utan datum"] == (None, "Nyhetens datum är inte känt. Text.")
    assert entries["Med datum"] == ("2018-05-16T00:00:00+02:00", "Text.")


def test_the_publication_feed_says_what_is_known_of_the_date(client):
    PublicationFactory(title="Bara år", year=2017, publication_date=None, summary="Text.")
    PublicationFactory(title="Inget år", year=None, publication_date=None, summary="Text.")
    PublicationFactory(title="Datum", publication_date=datetime.date(2018, 5, 16), summary="")

    entries = feed_entries(client, "/publikationer/flode/")

    assert entries["Bara år"] == (None, "Utgiven 2017. Text.")
    assert entries["Inget år"] == (None, "Utgivningsåret är inte känt. Text.")
    assert entries["Datum"] == ("2018-05-16T00:00:00+02:00", None)
