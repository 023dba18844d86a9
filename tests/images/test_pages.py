"""Images as visitors get them: on the four detail pages under the lead, at their
renditions' sizes with alternative text (empty for a decorative image), caption and credit;
no extra query for the page; renditions served from /media/, originals not; a change to an
image retires the cached pages that show it."""

import re

import pytest
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client

from content.models import ContentPage
from pagecache import middleware
from tests.factories import (
    ContentPageFactory,
    EventFactory,
    ImageFactory,
    NewsItemFactory,
    ProgrammeFactory,
)
from tests.pages import fetch
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

OWNERS = {
    "content page": ContentPageFactory,
    "news item": NewsItemFactory,
    "event": EventFactory,
    "programme": ProgrammeFactory,
}


def img_tag(html):
    [tag] = re.findall(r"<img\b[^>]*>", html.split('<main id="main"')[1])
    return tag


def attribute(tag, name):
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match and match.group(1)


@pytest.fixture
def image(media_root):
    return ImageFactory(
        alt_text="Deltagare vid ett bord i Flens stadshus",
        caption="Workshop om kompetensförsörjning",
        credit="Anna Berg",
    )


@pytest.mark.parametrize("owner", OWNERS)
def test_a_detail_page_shows_its_image_with_sizes_alt_text_and_credit(client, owner, image):
    item = OWNERS[owner](image=image)
    html, text = fetch(client, item.get_absolute_url())
    tag = img_tag(html)
    urls = [default_storage.url(r["name"]) for r in image.renditions]
    assert attribute(tag, "src") == urls[-1]
    assert attribute(tag, "srcset") == f"{urls[0]} 480w, {urls[1]} 800w, {urls[2]} 1200w"
    assert attribute(tag, "sizes")
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("1200", "675")
    assert attribute(tag, "alt") == "Deltagare vid ett bord i Flens stadshus"
    # Above the fold: loaded at once, not lazily.
    assert attribute(tag, "loading") is None
    assert attribute(tag, "decoding") == "async"
    figcaption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.DOTALL).group(1)
    assert "Workshop om kompetensförsörjning" in figcaption
    assert "Foto: Anna Berg" in re.sub(r"<[^>]+>", "", figcaption)
    assert "Foto: Anna Berg" in text


@pytest.mark.parametrize("owner", OWNERS)
def test_a_decorative_image_has_an_empty_alt_and_no_caption_without_one(client, owner, media_root):
    decorative = ImageFactory(alt_text="", decorative=True)
    item = OWNERS[owner](image=decorative)
    html, _ = fetch(client, item.get_absolute_url())
    assert ' alt=""' in img_tag(html)
    assert "<figcaption" not in html


@pytest.mark.parametrize("owner", OWNERS)
def test_a_page_without_an_image_has_no_empty_figure(client, owner):
    html, _ = fetch(client, OWNERS[owner]().get_absolute_url())
    assert "<figure" not in html
    assert "<img" not in html.split('<main id="main"')[1]


@pytest.mark.parametrize("owner", OWNERS)
def test_an_image_adds_no_query_to_the_page(client, owner, image):
    item = OWNERS[owner]()
    without = count_queries(client, item.get_absolute_url())[:2]
    item.image = image
    item.save()
    *with_image, response = count_queries(client, item.get_absolute_url())
    assert "<img" in response.content.decode()
    assert tuple(with_image) == without


def test_an_image_below_the_fold_loads_lazily(image):
    html = render_to_string("includes/image.html", {"image": image, "lazy": True, "sizes": "50vw"})
    tag = img_tag('<main id="main">' + html)
    assert attribute(tag, "loading") == "lazy"
    assert attribute(tag, "sizes") == "50vw"


def test_renditions_are_served_as_images_and_originals_are_not(client, image):
    rendition = client.get(default_storage.url(image.renditions[0]["name"]))
    assert rendition.status_code == 200
    assert rendition["Content-Type"] == "image/jpeg"
    assert "attachment" not in rendition.get("Content-Disposition", "")
    assert b"".join(rendition.streaming_content)[:3] == b"\xff\xd8\xff"
    assert client.get(default_storage.url(image.file.name)).status_code == 404


@pytest.mark.page_cache
def test_changing_an_image_retires_the_cached_pages_that_show_it(image):
    visitor = Client()
    page = ContentPageFactory(image=image)
    url = page.get_absolute_url()
    visitor.get(url)
    cached = visitor.get(url)
    assert cached[middleware.HEADER] == "hit"
    image.alt_text = "Två deltagare skriver på en whiteboard"
    image.save()
    fresh = visitor.get(url)
    assert fresh[middleware.HEADER] == "miss"
    assert 'alt="Två deltagare skriver på en whiteboard"' in fresh.content.decode()


@pytest.mark.page_cache
def test_deleting_an_image_takes_it_off_cached_pages(image):
    visitor = Client()
    page = ContentPageFactory(image=image)
    url = page.get_absolute_url()
    visitor.get(url)
    assert "<img" in visitor.get(url).content.decode()
    image.delete()
    assert ContentPage.objects.get(pk=page.pk).image is None
    assert "<figure" not in visitor.get(url).content.decode()


def test_news_cards_show_their_image_lazily_and_without_a_query_more(client, image):
    with_image = NewsItemFactory(title="Med bild", image=image)
    NewsItemFactory(title="Utan bild")
    before = count_queries(client, "/nyheter/")[:2]

    html, _text = fetch(client, "/nyheter/")

    [tag] = re.findall(r"<img\b[^>]*>", html.split('<main id="main"')[1])
    assert attribute(tag, "loading") == "lazy"
    assert attribute(tag, "alt") == "Deltagare vid ett bord i Flens stadshus"
    assert len(attribute(tag, "srcset").split(", ")) == len(image.renditions)
    # The image is in the card of its own news item.
    card = html.partition(f'href="{with_image.get_absolute_url()}"')[2].partition("</li>")[0]
    assert "<img " in card
    # One more news item with an image costs no query.
    NewsItemFactory(title="Också med bild", image=image)
    assert count_queries(client, "/nyheter/")[:2] == before
