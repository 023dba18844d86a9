"""Drafts, scheduled items and unpublished items stay out of every public page.

One small world of published items links to a draft, a scheduled item and an unpublished
item of each publishable kind (programme, publication, content page, news item) in every way
the site can show them. Every public surface — lists, detail pages, the home page, the search
box's results, feeds, the sitemap, filter choices and hit counts — is read as a visitor, before
and after the scheduled time.
"""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from programmes.choices import FocusAreaSetKind
from programmes.models import Programme
from publications.models import Publication
from publishing.choices import PublishState
from tests.factories import (
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

NOW = timezone.now()
LATER = NOW + datetime.timedelta(days=1)
HIDDEN_STATES = ["draft", "scheduled", "unpublished"]


def state_values(state):
    if state == "draft":
        return {"publish_state": PublishState.DRAFT, "publish_from": None}
    if state == "scheduled":
        return {"publish_state": PublishState.PUBLISHED, "publish_from": LATER}
    if state == "published":
        return {
            "publish_state": PublishState.PUBLISHED,
            "publish_from": NOW - datetime.timedelta(days=1),
        }
    raise ValueError(state)


def unpublish(item):
    """An item that was public, then taken back by an editor."""
    item.publish_state = PublishState.DRAFT
    item.save()
    return item


@pytest.fixture
def world():
    """Published items that link to hidden ones, and the hidden items, by state."""
    organisation = OrganisationFactory(name="Synlighetsverket", slug="synlighetsverket")
    area = FocusAreaFactory(name="Synlig tillväxt", slug="synlig-tillvaxt")
    contact = ContactFactory(organisation=organisation, name="Kim Kontakt")
    event = EventFactory(organisers=[organisation], title="Synlighetskonferensen")
    programme = ProgrammeFactory(
        organisation=organisation,
        title="Kontrollprogrammet",
        slug="kontrollprogrammet",
        **state_values("published"),
    )
    programme.focus_areas.add(area)
    programme.contacts.add(contact)
    event.programmes.add(programme)
    page = ContentPageFactory(
        organisation=organisation, title="Kontrollsidan", **state_values("published")
    )
    page.programmes.add(programme)
    publication = PublicationFactory(
        organisations=[organisation], title="Kontrollrapporten", **state_values("published")
    )
    publication.programmes.add(programme)
    publication.focus_areas.add(area)
    page.publications.add(publication)
    news = NewsItemFactory(
        organisation=organisation, title="Kontrollnyheten", event=event, **state_values("published")
    )

    hidden = {}
    orphans = []
    for state in HIDDEN_STATES:
        values = state_values("published" if state == "unpublished" else state)
        label = {"draft": "Utkast", "scheduled": "Schemalagd", "unpublished": "Avpublicerad"}[state]
        items = {
            "programme": ProgrammeFactory(
                organisation=organisation,
                title=f"{label}programmet",
                slug=f"{state}-programmet",
                parent=programme,
                predecessor=programme,
                **values,
            ),
            "publication": PublicationFactory(
                organisations=[organisation],
                title=f"{label}rapporten",
                slug=f"{state}-rapporten",
                **values,
            ),
            "page": ContentPageFactory(
                organisation=organisation,
                title=f"{label}sidan",
                slug=f"{state}-sidan",
                parent=page,
                **values,
            ),
            "news": NewsItemFactory(
                organisation=organisation,
                title=f"{label}nyheten",
                slug=f"{state}-nyheten",
                event=event,
                **values,
            ),
        }
        # The programme's own set of focus areas, on the organisation's page and linked from
        # a published report; not public before the programme is.
        own_set = FocusAreaSetFactory(
            name=f"Fokus i {label}programmet",
            kind=FocusAreaSetKind.PROGRAMME,
            programme=items["programme"],
            organisation=organisation,
        )
        items["focus_area"] = FocusAreaFactory(
            name=f"{label}området", slug=f"{state}-omradet", focus_area_set=own_set
        )
        publication.focus_areas.add(items["focus_area"])
        items["publication"].tags.add(f"{label}nyckelord")
        items["programme"].focus_areas.add(area)
        items["programme"].contacts.add(contact)
        event.programmes.add(items["programme"])
        page.programmes.add(items["programme"])
        publication.programmes.add(items["programme"])
        items["publication"].programmes.add(programme)
        items["publication"].focus_areas.add(area)
        page.publications.add(items["publication"])
        items["page"].programmes.add(programme)
        items["page"].focus_areas.add(area)
        items["page"].contacts.add(contact)
        # Published items whose parent or predecessor is the hidden one.
        orphans.append(
            ProgrammeFactory(
                organisation=organisation,
                title=f"Delprojekt {len(orphans)}",
                slug=f"delprojekt-{len(orphans)}",
                parent=items["programme"],
                predecessor=items["programme"],
                **state_values("published"),
            )
        )
        orphans.append(
            ContentPageFactory(
                organisation=organisation,
                title=f"Undersida {len(orphans)}",
                slug=f"undersida-{len(orphans)}",
                parent=items["page"],
                **state_values("published"),
            )
        )
        if state == "unpublished":
            for item in items.values():
                unpublish(item)
        hidden[state] = items

    return {
        "organisation": organisation,
        "area": area,
        "event": event,
        "programme": programme,
        "page": page,
        "publication": publication,
        "news": news,
        "hidden": hidden,
        "orphans": orphans,
    }


def surfaces(world):
    """Every public address that could show a programme, publication, page or news item."""
    return [
        "/",
        "/organisationer/",
        world["organisation"].get_absolute_url(),
        "/program/",
        "/program/tidslinje/",
        f"/program/?organisation={world['organisation'].slug}",
        world["programme"].get_absolute_url(),
        world["area"].get_absolute_url(),
        "/kontakter/",
        "/publikationer/",
        "/publikationer/?q=rapporten",
        f"/publikationer/?organisation={world['organisation'].slug}",
        world["publication"].get_absolute_url(),
        world["page"].get_absolute_url(),
        "/nyheter/",
        world["news"].get_absolute_url(),
        world["event"].get_absolute_url(),
        "/publikationer/flode/",
        "/nyheter/flode/",
        "/sitemap.xml",
        *(orphan.get_absolute_url() for orphan in world["orphans"]),
    ]


def read_all(client, world):
    pages = {}
    for url in surfaces(world):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def shown_anywhere(pages, item):
    """The addresses on which the item's title (or name) or address appears."""
    title = getattr(item, "title", None) or item.name
    return [url for url, html in pages.items() if title in html or item.slug in html]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_items_appear_on_no_public_page(client, world, state):
    pages = read_all(client, world)
    for kind, item in world["hidden"][state].items():
        assert shown_anywhere(pages, item) == [], (kind, item.title)
        assert client.get(item.get_absolute_url()).status_code == 404, kind


def test_the_published_items_do_appear_so_the_check_can_see_them(client, world):
    pages = read_all(client, world)
    # The control items are linked from the same places as the hidden ones.
    assert len(shown_anywhere(pages, world["programme"])) >= 10
    assert len(shown_anywhere(pages, world["publication"])) >= 8
    assert len(shown_anywhere(pages, world["page"])) >= 3
    assert len(shown_anywhere(pages, world["news"])) >= 4


def test_a_scheduled_item_appears_everywhere_once_its_time_has_come(client, world):
    scheduled = world["hidden"]["scheduled"]
    with mock.patch.object(timezone, "now", return_value=LATER + datetime.timedelta(minutes=1)):
        pages = read_all(client, world)
        for kind, item in scheduled.items():
            assert client.get(item.get_absolute_url()).status_code == 200, kind
    # The same links as the published control items: every place that shows one.
    assert len(shown_anywhere(pages, scheduled["programme"])) >= 10
    assert "/publikationer/flode/" in shown_anywhere(pages, scheduled["publication"])
    assert "/sitemap.xml" in shown_anywhere(pages, scheduled["publication"])
    assert "/nyheter/flode/" in shown_anywhere(pages, scheduled["news"])
    assert world["page"].get_absolute_url() in shown_anywhere(pages, scheduled["page"])
    # Still nothing of the draft or the unpublished items.
    for state in ("draft", "unpublished"):
        for item in world["hidden"][state].values():
            assert shown_anywhere(pages, item) == []


def test_a_scheduled_item_is_still_hidden_a_minute_before_its_time(client, world):
    item = world["hidden"]["scheduled"]["publication"]
    with mock.patch.object(timezone, "now", return_value=LATER - datetime.timedelta(minutes=1)):
        assert client.get(item.get_absolute_url()).status_code == 404
    with mock.patch.object(timezone, "now", return_value=LATER):
        assert client.get(item.get_absolute_url()).status_code == 200


def test_counts_leave_hidden_items_out(client, world):
    response = client.get("/publikationer/")
    assert response.context["paginator"].count == 1
    assert "1 publikation" in response.content.decode()
    # The control programme and the three published sub-projects of hidden programmes.
    response = client.get("/program/")
    assert response.context["paginator"].count == 4
    assert "4 program" in response.content.decode()
    with mock.patch.object(timezone, "now", return_value=LATER + datetime.timedelta(minutes=1)):
        assert client.get("/publikationer/").context["paginator"].count == 2
        assert client.get("/program/").context["paginator"].count == 5


def test_filters_do_not_offer_hidden_programmes_or_their_organisations(client, world):
    draft = world["hidden"]["draft"]["programme"]
    response = client.get("/publikationer/", {"programme": draft.slug})
    assert response.status_code == 400
    assert "Det finns inget sådant program" in response.content.decode()

    # An organisation whose only programme is a draft is not offered on the programme list.
    other = OrganisationFactory(slug="bara-utkast")
    ProgrammeFactory(organisation=other, **state_values("draft"))
    assert client.get("/program/", {"organisation": other.slug}).status_code == 400
    assert client.get("/program/", {"organisation": world["organisation"].slug}).status_code == 200


def test_unpublishing_hides_an_item_that_was_public(client, world):
    publication = world["publication"]
    assert client.get(publication.get_absolute_url()).status_code == 200
    unpublish(publication)
    assert client.get(publication.get_absolute_url()).status_code == 404
    assert publication.title not in client.get("/publikationer/flode/").content.decode()
    assert publication.title not in client.get("/").content.decode()


def test_published_querysets_agree_with_is_public():
    published = ProgrammeFactory(**state_values("published"))
    draft = ProgrammeFactory(**state_values("draft"))
    scheduled = ProgrammeFactory(**state_values("scheduled"))
    assert set(Programme.objects.published()) == {published}
    for programme in (published, draft, scheduled):
        assert programme.is_public() == (programme == published)
    assert set(Programme.objects.published(now=LATER)) == {published, scheduled}
    assert scheduled.is_public(now=LATER)


def test_publishing_without_a_time_publishes_now():
    before = timezone.now()
    publication = PublicationFactory(publish_state=PublishState.PUBLISHED, publish_from=None)
    assert before <= publication.publish_from <= timezone.now()
    assert Publication.objects.published().filter(pk=publication.pk).exists()
    # A new item is a draft unless the editor publishes it.
    assert Publication().publish_state == PublishState.DRAFT


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_tags_used_only_on_hidden_items_are_not_offered(client, world, state):
    tag = world["hidden"][state]["publication"].tags.get()
    html = client.get("/publikationer/").content.decode()
    assert tag.name not in html
    response = client.get("/publikationer/", {"tag": tag.slug})
    assert response.status_code == 400
    assert "Det finns inget sådant nyckelord" in response.content.decode()


def test_a_scheduled_items_tag_is_offered_once_its_time_has_come(client, world):
    tag = world["hidden"]["scheduled"]["publication"].tags.get()
    with mock.patch.object(timezone, "now", return_value=LATER + datetime.timedelta(minutes=1)):
        response = client.get("/publikationer/", {"tag": tag.slug})
    assert response.status_code == 200
    assert response.context["paginator"].count == 1
