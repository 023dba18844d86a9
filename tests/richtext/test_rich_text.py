"""Rich text bodies and summaries: what editors save through the admin is sanitized, so no
script, event handler, inline style or dangerous link reaches a public page, while the markup
the editor offers (headings, paragraphs, lists, links, bold, italic) survives."""

import collections
import datetime
import importlib
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core import checks, serializers
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from content.models import ContentPage, NewsItem, PageSection
from organisations.models import Organisation
from programmes.models import Programme
from publications.models import Publication
from richtext.html import (
    BODY_EXTENSIONS,
    BODY_TAGS,
    SUMMARY_EXTENSIONS,
    SUMMARY_TAGS,
    html_to_plain_text,
    html_to_text,
    looks_like_html,
    plain_text_to_html,
    sanitize_html,
)
from tests.admin_forms import admin_form_data
from tests.factories import (
    ContentPageFactory,
    EventFactory,
    NewsItemFactory,
    OrganisationFactory,
    PageSectionFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db

# --- the payloads ----------------------------------------------------------------------------

XSS_PAYLOADS = {
    # script elements in many spellings
    "script": "<script>alert(1)</script>",
    "script-upper-src": "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "script-nested": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "script-slash": '<script/src="data:text/javascript,alert(1)"></script>',
    "script-double-open": "<<script>alert(1);//<</script>",
    "script-unclosed": "<p>Hej</p><script>alert(1)",
    "script-in-paragraph": "<p>Text <script>document.cookie</script> mer text</p>",
    # event handlers, on allowed and on disallowed elements
    "onclick-on-p": '<p onclick="alert(1)">Klicka</p>',
    "onmouseover-on-a": '<a href="https://example.org/" onmouseover="alert(1)">Länk</a>',
    "onfocus-on-strong": "<strong onfocus=alert(1) tabindex=0>Fet</strong>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "body-onload": "<body onload=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "video-source-onerror": '<video><source onerror="alert(1)"></video>',
    "custom-element-onclick": "<x-widget onclick=alert(1)>Eget element</x-widget>",
    "marquee-onstart": "<marquee onstart=alert(1)>Rullar</marquee>",
    # dangerous URLs, encoded and disguised
    "javascript-url": '<a href="javascript:alert(1)">js</a>',
    "javascript-url-case": '<a href="JaVaScRiPt:alert(1)">Versaler</a>',
    "javascript-url-leading-space": '<a href=" &#14; javascript:alert(1)">Mellanslag</a>',
    "javascript-url-tab-entity": '<a href="java&#x09;script:alert(1)">Tabb</a>',
    "javascript-url-newline": '<a href="java\nscript:alert(1)">Radbrytning</a>',
    "javascript-url-decimal-entities": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">'
        "Decimalt</a>"
    ),
    "javascript-url-hex-and-named": '<a href="&#x6A;avascript&colon;alert(1)">Hex</a>',
    "javascript-url-padded-entity": '<a href="&#0000106avascript:alert(1)">Nollor</a>',
    "vbscript-url": '<a href="vbscript:msgbox(1)">vb</a>',
    "data-url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Data</a>',
    "iframe-javascript-src": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "object-data": '<object data="javascript:alert(1)"></object>',
    "embed-src": '<embed src="https://evil.example/x.swf">',
    "form-action": (
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">Skicka'
        "</button><input onfocus=alert(1) autofocus></form>"
    ),
    "isindex": "<isindex action=javascript:alert(1) type=image>",
    # svg and math
    "svg-onload": "<svg onload=alert(1)><circle r=10 /></svg>",
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "math-mxss": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
        "</table></mtext></math>"
    ),
    # styles, classes and page-level elements
    "style-element": "<style>body { background: url(javascript:alert(1)) }</style>",
    "style-attribute": '<p style="background: url(javascript:alert(1))">Stil</p>',
    "css-expression": '<p style="width: expression(alert(1))">Uttryck</p>',
    "class-id-data": '<p class="x" id="main" data-x="1">Klass</p>',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base-href": '<base href="https://evil.example/">',
    "target-blank": '<a href="https://example.org/" target="_blank">Nytt fönster</a>',
    # malformed markup, comments and CDATA
    "unclosed-img": '<img src="x',
    "unclosed-attribute": '<a href="https://example.org/ onclick=alert(1)>Öppen',
    "comment": "<!--<script>alert(1)</script>-->Kommentar",
    "conditional-comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "noscript-breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "textarea-breakout": "<textarea><script>alert(1)</script></textarea>",
    "template": "<template><script>alert(1)</script></template>",
    "xmp": "<xmp><script>alert(1)</script></xmp>",
    # quotes that try to break out of an attribute or the surrounding markup
    "attribute-breaking-title": '<p title="</p><script>alert(1)</script>">Citat</p>',
    "attribute-breaking-href": (
        "<a href='https://example.org/\"onmouseover=\"alert(1)'>Citattecken</a>"
    ),
    "closing-quote-breakout": '"><script>alert(1)</script>',
    "closing-tag-breakout": "</div></section><script>alert(1)</script>",
    # template injection
    "template-injection": "<p>{{ request.user }} {% debug %} {{ 7|add:7 }}</p>",
}

# What the rendered field may hold, and where a link may lead.
ALLOWED_ATTRIBUTES = {("a", "href"), ("a", "title"), ("ol", "start")}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "lowsrc",
    "dynsrc",
}
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


# --- checking a page -------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes (values unescaped by the parser)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements_of(html):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def url_scheme(value):
    """The scheme a browser would see: entities are already decoded by the parser; browsers
    drop ASCII whitespace and control characters inside the URL and ignore case."""
    match = SCHEME.match(CONTROL_AND_SPACE.sub("", value).lower())
    return match[1] if match else None


# The site's own structured data (the breadcrumbs' JSON-LD, before <main>): a data block the
# browser never runs. The baseline has it too; only as many as the baseline has are the site's.
DATA_BLOCK = '<script type="application/ld+json">'


def problems(page, baseline, allowed_tags):
    """What is wrong with ``page`` compared with the same page before the payload was saved:
    elements or attributes the field may not hold, and anywhere on the page a script, an event
    handler, a style attribute or a link with a dangerous scheme."""
    found = []
    elements = elements_of(page)
    # The site's own addresses (such as the empty favicon, href="data:,") are not the field's.
    site_urls = collections.Counter(
        (tag, name, value)
        for tag, attrs in elements_of(baseline)
        for name, value in attrs
        if name in URL_ATTRIBUTES
    )
    data_blocks = baseline.count(DATA_BLOCK)
    for tag, attrs in elements:
        if tag == "script" and attrs == [("type", "application/ld+json")] and data_blocks:
            data_blocks -= 1
        elif tag == "script":
            found.append(f"script element {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"event handler {name} on <{tag}>")
            if name in {"style", "srcdoc"}:
                found.append(f"{name} attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                if site_urls[(tag, name, value)] > 0:
                    site_urls[(tag, name, value)] -= 1
                    continue
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.append(f"{scheme}: URL in {name} of <{tag}>")
    # Whatever the page has now that it did not have before came from the field.
    before_tags = collections.Counter(tag for tag, _ in elements_of(baseline))
    before_attributes = collections.Counter(
        (tag, name) for tag, attrs in elements_of(baseline) for name, _ in attrs
    )
    added_tags = collections.Counter(tag for tag, _ in elements) - before_tags
    added_attributes = (
        collections.Counter((tag, name) for tag, attrs in elements for name, _ in attrs)
        - before_attributes
    )
    found += [f"element <{tag}> in the field" for tag in added_tags if tag not in allowed_tags]
    found += [
        f"attribute {name} on <{tag}> in the field"
        for tag, name in added_attributes
        if (tag, name) not in ALLOWED_ATTRIBUTES
    ]
    # Text is escaped, so a literal "<script" can only be a tag the parser missed.
    if re.search(r"<\s*script", page.replace(DATA_BLOCK, "", baseline.count(DATA_BLOCK)), re.I):
        found.append("<script in the source")
    return found


def meta_description(page):
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, found
    return found[0]


def test_the_checker_finds_what_it_looks_for():
    """The checks above would catch unsanitized markup (a checker that cannot fail proves
    nothing)."""
    baseline = '<html><head><link rel="icon" href="data:,"></head><body><main><p>Grund.</p>'
    page = (
        '<html><head><link rel="icon" href="data:,"></head><body><main>'
        '<a href="data:text/html,x">d</a><img src="x" onerror="alert(1)"><p style="x">s</p>'
        '<a href="java&#x09;script:alert(1)">a</a><a href=" JAVASCRIPT:x">b</a>'
        '<a href="vbscript:x" target="_blank">c</a><script>alert(1)</script>'
        '<iframe srcdoc="x"></iframe></main></body></html>'
    )
    found = problems(page, baseline, SUMMARY_TAGS)
    for expected in [
        "event handler onerror on <img>",
        "style attribute on <p>",
        "javascript: URL in href of <a>",
        "vbscript: URL in href of <a>",
        "data: URL in href of <a>",
        "script element []",
        "srcdoc attribute on <iframe>",
        "element <img> in the field",
        "element <iframe> in the field",
        "attribute target on <a> in the field",
        "<script in the source",
    ]:
        assert expected in found
    assert found.count("javascript: URL in href of <a>") == 2
    assert "data: URL in href of <link>" not in found  # the site's own, in the baseline too
    assert problems(baseline, baseline, SUMMARY_TAGS) == []
    # The site's structured data is its own; one more such block came from the field.
    site = baseline.replace("<main>", f"{DATA_BLOCK}{{}}</script><main>")
    assert problems(site, site, SUMMARY_TAGS) == []
    found = problems(site.replace("Grund.", f"{DATA_BLOCK}{{}}</script>"), site, SUMMARY_TAGS)
    assert "script element [('type', 'application/ld+json')]" in found
    assert "<script in the source" in found


# --- saving through the admin ----------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("granskare", "granskare@example.org", "x")
    client.force_login(user)
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def admin_form(client, obj):
    """The POST data of the object's admin change page, as the page shows it."""
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return admin_form_data(response)


def post_admin_form(client, obj, data):
    response = client.post(change_url(obj), data)
    if response.status_code != 302:
        form_errors = response.context["adminform"].form.errors
        inline_errors = [
            inline.formset.errors for inline in response.context["inline_admin_formsets"]
        ]
        pytest.fail(f"the admin did not save: {form_errors} {inline_errors}")


def save_through_admin(client, obj, field, value):
    """Open the object's change page, change one field as an editor would, and save."""
    data = admin_form(client, obj)
    assert field in data, sorted(data)
    post_admin_form(client, obj, {**data, field: value})


def public_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def targets():
    """One object per kind of rich text field saved through the admin: a summary (no
    headings), a body, and a section of a content page (an inline; its headings start at h3).
    Each maps to (object, admin form field, elements the rendered field may hold)."""
    publication = PublicationFactory(title="Rapport om XSS", summary="<p>Grund.</p>")
    news_item = NewsItemFactory(title="Nyhet om XSS", body="<p>Grund.</p>")
    page = ContentPageFactory(title="Sida om XSS")
    PageSectionFactory(page=page, heading="Avsnittet", body="<p>Grund.</p>")
    return {
        "publication-summary": (publication, "summary", SUMMARY_TAGS),
        "news-body": (news_item, "body", BODY_TAGS),
        "page-section-body": (page, "sections-0-body", SUMMARY_TAGS | {"h3", "h4"}),
    }


def stored_value(obj, field):
    if field.startswith("sections-"):
        return PageSection.objects.get(page=obj).body
    obj.refresh_from_db()
    return getattr(obj, field)


@pytest.mark.parametrize("target", ["publication-summary", "news-body", "page-section-body"])
def test_xss_payloads_saved_through_the_admin_render_harmless(admin_client, targets, target):
    """Every payload in turn is saved through the admin form and the public page checked.
    The form is read once: saving changes nothing else on it, so each save sends what a fresh
    change page would show."""
    obj, field, allowed_tags = targets[target]
    url = obj.get_absolute_url()
    baseline = public_page(admin_client, url)
    assert "Grund." in baseline
    data = admin_form(admin_client, obj)
    assert data[field] == "<p>Grund.</p>"

    failures = {}
    for name, payload in XSS_PAYLOADS.items():
        post_admin_form(admin_client, obj, {**data, field: payload})
        stored = stored_value(obj, field)
        page = public_page(admin_client, url)
        found = problems(page, baseline, allowed_tags)
        if stored != sanitize_html(stored):
            found.append("the stored value is not clean")
        if "<script" in stored.lower():
            found.append("a script in the stored value")
        if "<" in meta_description(page):
            found.append("markup in the meta description")
        if found:
            failures[name] = (stored, found)
    assert failures == {}


def test_there_are_at_least_thirty_distinct_payloads():
    assert len(set(XSS_PAYLOADS.values())) >= 30


def test_template_syntax_in_rich_text_is_shown_as_text(admin_client, targets):
    news_item = targets["news-body"][0]
    save_through_admin(admin_client, news_item, "body", XSS_PAYLOADS["template-injection"])
    page = public_page(admin_client, news_item.get_absolute_url())
    assert "<p>{{ request.user }} {% debug %} {{ 7|add:7 }}</p>" in page
    assert "granskare" not in page


def test_text_of_removed_elements_is_kept_or_dropped_sensibly(admin_client, targets):
    publication = targets["publication-summary"][0]
    save_through_admin(admin_client, publication, "summary", XSS_PAYLOADS["script-in-paragraph"])
    publication.refresh_from_db()
    assert publication.summary == "<p>Text  mer text</p>"


# --- what survives -----------------------------------------------------------------------------

ALLOWED_MARKUP = (
    "<h2>Bakgrund</h2>"
    "<p>Ett <strong>fetstilt</strong> och ett <em>kursivt</em> ord, en "
    '<a href="https://www.tillvaxtverket.se/" title="Tillväxtverket">länk</a> och '
    '<a href="mailto:info@example.se">e-post</a>.</p>'
    "<h3>Mål</h3>"
    "<ul><li>Första punkten</li><li>Andra punkten</li></ul>"
    '<ol start="3"><li>Tredje</li><li>Fjärde</li></ol>'
)


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def assert_heading_outline(page):
    parser = _Outline()
    parser.feed(page)
    assert parser.levels[0] == 1 and parser.levels.count(1) == 1, parser.levels
    for previous, current in zip(parser.levels, parser.levels[1:], strict=False):
        assert current <= previous + 1, parser.levels


BLOCKS = {"p", "div", "section", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}


class _Nesting(HTMLParser):
    """Finds block elements opened inside a paragraph (which browsers would split)."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag in BLOCKS and "p" in self.stack:
            self.problems.append(f"<{tag}> inside <p>")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


def assert_no_block_inside_a_paragraph(page):
    parser = _Nesting()
    parser.feed(page)
    assert parser.problems == []


def test_the_nesting_check_finds_a_list_in_a_paragraph():
    parser = _Nesting()
    parser.feed('<div><p class="lead"><p>x</p><ul><li>y</li></ul></p></div>')
    assert parser.problems == ["<p> inside <p>", "<ul> inside <p>"]


def test_allowed_markup_survives_the_admin_in_a_body(admin_client, targets):
    news_item = targets["news-body"][0]
    save_through_admin(admin_client, news_item, "body", ALLOWED_MARKUP)
    news_item.refresh_from_db()
    assert news_item.body == ALLOWED_MARKUP
    page = public_page(admin_client, news_item.get_absolute_url())
    assert ALLOWED_MARKUP in page
    assert_heading_outline(page)
    assert_no_block_inside_a_paragraph(page)


def test_section_headings_start_below_the_sections_own_heading(admin_client, targets):
    page = targets["page-section-body"][0]
    save_through_admin(admin_client, page, "sections-0-body", ALLOWED_MARKUP)
    assert PageSection.objects.get(page=page).body == ALLOWED_MARKUP
    content = public_page(admin_client, page.get_absolute_url())
    assert "<h2>Avsnittet</h2>" in content
    assert "<h3>Bakgrund</h3>" in content and "<h4>Mål</h4>" in content
    assert "<h2>Bakgrund</h2>" not in content
    assert '<a href="https://www.tillvaxtverket.se/" title="Tillväxtverket">länk</a>' in content
    assert_heading_outline(content)
    assert_no_block_inside_a_paragraph(content)


def test_a_summary_keeps_its_text_but_not_headings(admin_client, targets):
    publication = targets["publication-summary"][0]
    save_through_admin(admin_client, publication, "summary", ALLOWED_MARKUP)
    publication.refresh_from_db()
    assert "<h2>" not in publication.summary and "<h3>" not in publication.summary
    assert "Bakgrund" in publication.summary
    for kept in (
        "<strong>fetstilt</strong>",
        "<em>kursivt</em>",
        '<a href="mailto:info@example.se">e-post</a>',
        "<ul><li>Första punkten</li><li>Andra punkten</li></ul>",
        '<ol start="3">',
    ):
        assert kept in publication.summary
    page = public_page(admin_client, publication.get_absolute_url())
    assert re.search(r'<div class="lead">Bakgrund<p>Ett <strong>', page)
    assert_heading_outline(page)
    assert_no_block_inside_a_paragraph(page)


def test_the_editor_offers_what_the_sanitizer_keeps():
    """The editor's extensions and the server's allowlist are the same list of elements."""
    assert set(allowlist_from_extensions(BODY_EXTENSIONS)["tags"]) == BODY_TAGS
    assert set(allowlist_from_extensions(SUMMARY_EXTENSIONS)["tags"]) == SUMMARY_TAGS
    assert {"h2", "h3", "p", "ul", "ol", "li", "a", "strong", "em"} == BODY_TAGS


# --- the admin shows the editor ----------------------------------------------------------------


def prose_editor_config(html, name):
    match = re.search(
        rf'<textarea name="{re.escape(name)}"[^>]*data-django-prose-editor-configurable="([^"]*)"',
        html,
    )
    assert match, f"no prose editor for {name}"
    return unescape(match[1])


def test_the_admin_add_pages_show_the_prose_editor(admin_client):
    html = public_page(admin_client, reverse("admin:publications_publication_add"))
    assert 'src="/static/django_prose_editor/editor.js" type="module"' in html
    assert 'src="/static/django_prose_editor/configurable.js" type="module"' in html
    assert '<script type="importmap">' in html
    summary = prose_editor_config(html, "summary")
    assert '"Bold":true' in summary and '"SiteLink":{"enableTarget":false' in summary
    assert '"OrderedList":{"enableListAttributes":false}' in summary
    for not_offered in ('"Image"', '"Table"', '"Code', '"TextAlign"', '"Color"', '"HTML"'):
        assert not_offered not in summary
    assert '"Heading"' not in summary

    html = public_page(admin_client, reverse("admin:content_newsitem_add"))
    assert '"Heading":{"levels":[2,3]}' in prose_editor_config(html, "body")
    assert '"Heading"' not in prose_editor_config(html, "summary")

    for url_name, field in [
        ("admin:programmes_programme_add", "summary"),
        ("admin:programmes_programme_add", "body"),
        ("admin:organisations_organisation_add", "description"),
        ("admin:content_event_add", "summary"),
        ("admin:content_event_add", "body"),
        ("admin:content_contentpage_add", "intro"),
        # The empty section the "add another" button copies; the editor starts on the copy.
        ("admin:content_contentpage_add", "sections-__prefix__-body"),
    ]:
        prose_editor_config(public_page(admin_client, reverse(url_name)), field)


def test_the_prose_editor_checks_pass():
    messages = [m for m in checks.run_checks() if m.id and m.id.startswith("django_prose")]
    assert messages == []


# --- every way into the database sanitizes -----------------------------------------------------

EVIL = '<p onclick="alert(1)">Hej <script>alert(2)</script><a href="javascript:alert(3)">x</a></p>'
CLEAN = "<p>Hej <a>x</a></p>"


def test_sanitize_removes_what_is_not_allowed():
    assert sanitize_html(EVIL) == CLEAN
    assert sanitize_html("<h2>Rubrik</h2>", headings=False) == "Rubrik"
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html("<p> &nbsp; </p><p><br></p>") == ""
    assert sanitize_html("") == ""


@pytest.mark.parametrize("payload", XSS_PAYLOADS.values(), ids=XSS_PAYLOADS.keys())
def test_sanitizing_is_idempotent(payload):
    once = sanitize_html(payload)
    assert sanitize_html(once) == once
    assert sanitize_html(once, headings=False) == sanitize_html(payload, headings=False)


def test_orm_save_sanitizes():
    news_item = NewsItemFactory(body=EVIL, summary=EVIL)
    assert news_item.body == CLEAN  # the instance too, not only the database
    news_item.refresh_from_db()
    assert news_item.body == CLEAN and news_item.summary == CLEAN
    programme = ProgrammeFactory(summary="<h2>Rubrik</h2><p>Text</p>", body="<h2>Rubrik</h2>")
    programme.refresh_from_db()
    assert programme.summary == "Rubrik<p>Text</p>"
    assert programme.body == "<h2>Rubrik</h2>"


def test_model_validation_sanitizes():
    organisation = OrganisationFactory()
    organisation.description = EVIL
    organisation.full_clean()
    assert organisation.description == CLEAN


def test_queryset_update_sanitizes():
    event = EventFactory()
    type(event).objects.filter(pk=event.pk).update(body=EVIL)
    event.refresh_from_db()
    assert event.body == CLEAN


def test_raw_saves_sanitize():
    """Deserializing and saving (what loaddata and reverting an old version do) skips the
    fields' pre_save; the value is cleaned on its way into the database all the same."""
    publication = PublicationFactory(summary="<p>Nu.</p>")
    rows = json.loads(serializers.serialize("json", [publication]))
    rows[0]["fields"]["summary"] = EVIL
    for deserialized in serializers.deserialize("json", json.dumps(rows)):
        deserialized.save()
    publication.refresh_from_db()
    assert publication.summary == CLEAN


def test_the_filter_cleans_what_reached_the_database_some_other_way():
    from richtext.templatetags.rich_text import rich_text

    assert str(rich_text(EVIL)) == CLEAN
    assert str(rich_text("<h2>A</h2><h3>B</h3>", 3)) == "<h3>A</h3><h4>B</h4>"
    assert rich_text("") == ""


# --- plain text: the old format, meta descriptions, feeds, lists, search ----------------------


def test_plain_text_becomes_paragraphs_and_lists():
    text = (
        "Inledning med <b>tecken</b> & mer\nsom fortsätter.\r\n\r\nVi ska:\n- mäta\n- lära\n\n"
        "Avslutning."
    )
    assert plain_text_to_html(text) == (
        "<p>Inledning med &lt;b&gt;tecken&lt;/b&gt; &amp; mer som fortsätter.</p>\n"
        "<p>Vi ska:</p>\n<ul><li>mäta</li><li>lära</li></ul>\n<p>Avslutning.</p>"
    )
    assert plain_text_to_html("") == ""
    assert plain_text_to_html("  \n\n ") == ""


def test_converted_text_is_stored_unchanged():
    html = plain_text_to_html("Citat \"så\" och 'så'.\n\n- a & b")
    news_item = NewsItemFactory(body=html)
    news_item.refresh_from_db()
    assert news_item.body == html


def test_html_is_recognised_and_converts_back():
    html = plain_text_to_html("Ett stycke.\n\n- ett\n- två\n\nSlut.")
    assert looks_like_html(html)
    assert not looks_like_html("Ett stycke med <b>fet</b> text.")
    assert not looks_like_html("")
    assert html_to_plain_text(html) == "Ett stycke.\n\n- ett\n- två\n\nSlut."
    assert html_to_text(html) == "Ett stycke. ett två Slut."
    assert html_to_text("<p>A &amp; B&nbsp;C</p><p>D</p>") == "A & B C D"


def test_the_data_migrations_convert_plain_text_once_and_back():
    migration = importlib.import_module("content.migrations.0004_rich_text")
    # The models as the migration sees them: plain TextFields, no sanitizing of their own.
    apps = MigrationLoader(connection).project_state(("content", "0004_rich_text")).apps

    plain = "Första stycket & mer.\n\n- punkt ett\n- punkt två"
    page = ContentPageFactory(intro="Bara text.")
    section = PageSectionFactory(page=page, body="x")
    news_item = NewsItemFactory(summary="Kort.", body="x")
    # What the columns held before this change, written past the field's sanitizing (which
    # would store "&" as "&amp;").
    with connection.cursor() as cursor:
        for model, pk in ((PageSection, section.pk), (NewsItem, news_item.pk)):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"UPDATE {table} SET body = %s WHERE id = %s", [plain, pk])
    updated_at = NewsItem.objects.get(pk=news_item.pk).updated_at
    expected = "<p>Första stycket &amp; mer.</p>\n<ul><li>punkt ett</li><li>punkt två</li></ul>"

    migration.plain_text_to_html(apps, None)
    section.refresh_from_db()
    news_item.refresh_from_db()
    page.refresh_from_db()
    assert section.body == expected
    assert news_item.body == expected
    assert news_item.summary == "<p>Kort.</p>"
    assert page.intro == "<p>Bara text.</p>"
    assert news_item.updated_at == updated_at  # a change of format, not of content

    migration.plain_text_to_html(apps, None)  # again: already HTML, left alone
    section.refresh_from_db()
    assert section.body == expected

    migration.html_to_plain_text(apps, None)
    section.refresh_from_db()
    assert section.body == plain


def test_meta_description_and_news_list_are_plain_text(client):
    news_item = NewsItemFactory(
        title="Nyhet",
        summary='<p>En <strong>viktig</strong> nyhet om <a href="https://example.org/">FoU</a>.</p>',
    )
    page = public_page(client, news_item.get_absolute_url())
    assert meta_description(page) == "En viktig nyhet om FoU."
    listing = public_page(client, reverse("content:news_list"))
    assert '<p class="card__body">En viktig nyhet om FoU.</p>' in listing
    assert "<strong>viktig</strong>" not in listing

    programme = ProgrammeFactory(summary="<p>Tillväxt &amp; <em>jämställdhet</em>.</p>")
    page = public_page(client, programme.get_absolute_url())
    assert meta_description(page) == "Tillväxt &amp; jämställdhet."


def feed_summaries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    return [entry.find("atom:summary", ns).text for entry in root.findall("atom:entry", ns)]


def test_feeds_carry_plain_text_summaries(client):
    summary = '<p>Rapport om <strong>tillväxt</strong> &amp; <a href="https://example.org/">FoU</a>'
    # Dated, so that the summaries begin with their own text (an unknown date is said first).
    day = datetime.date(2018, 5, 16)
    PublicationFactory(summary=summary + "</p><ul><li>Del ett</li></ul>", publication_date=day)
    NewsItemFactory(summary=summary + "</p>", date=day)
    # Atom carries the summary as HTML; it is the escaped plain text, without tags.
    assert feed_summaries(client, reverse("publication_feed")) == [
        "Rapport om tillväxt &amp; FoU Del ett"
    ]
    assert feed_summaries(client, reverse("news_feed")) == ["Rapport om tillväxt &amp; FoU"]


def search(client, term):
    response = client.get(reverse("publications:publication_list"), {"q": term})
    assert response.status_code == 200
    return {publication.title for publication in response.context["object_list"]}


def test_publication_search_matches_the_summarys_text_not_its_markup(client):
    PublicationFactory(
        title="Med länk",
        summary='<p>Om <strong>FoU &amp; innovation</strong> på <a href="https://example.org/'
        'stockholm">webben</a>.</p>',
    )
    PublicationFactory(title="Annan", summary="<p>Om landsbygden.</p>")
    assert search(client, "innovation") == {"Med länk"}
    assert search(client, "FoU & innovation") == {"Med länk"}
    assert search(client, "WEBBEN") == {"Med länk"}
    assert search(client, "landsbygd") == {"Annan"}
    for markup in ("strong", "href", "example.org", "stockholm", "<p>", "</a>"):
        assert search(client, markup) == set(), markup


# --- demo content ------------------------------------------------------------------------------


def test_demo_content_is_loaded_as_html_and_update_restores_it():
    call_command("load_demo_content", stdout=io.StringIO())
    organisation = Organisation.objects.get(slug="tillvaxtverket")
    programme = Programme.objects.get(slug="jamstalld-regional-tillvaxt-2016-2018")
    page = ContentPage.objects.get(slug="planer-for-tillvaxt")
    publication = Publication.objects.exclude(summary="").first()
    for value in (
        organisation.description,
        programme.summary,
        programme.body,
        page.intro,
        publication.summary,
        *page.sections.values_list("body", flat=True),
    ):
        assert looks_like_html(value), value
        assert value == sanitize_html(value)
    assert "<ul><li>" in "".join(PageSection.objects.values_list("body", flat=True))

    original = programme.body
    programme.body = "<p>Redaktörens text.</p>"
    programme.save()
    call_command("load_demo_content", stdout=io.StringIO())
    programme.refresh_from_db()
    assert programme.body == "<p>Redaktörens text.</p>"
    out = io.StringIO()
    call_command("load_demo_content", "--update", stdout=out)
    assert "1 changed" in out.getvalue()
    programme.refresh_from_db()
    assert programme.body == original
