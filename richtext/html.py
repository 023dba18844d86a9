"""Rich text that editors write in the admin, and the one allowlist it is held to.

Editors write bodies and summaries in django-prose-editor, limited to what a page needs:
headings (bodies only), paragraphs, bullet and numbered lists, links, bold and italic. Nothing
else reaches the database: ``RichTextField`` cleans every value with nh3 against the same
allowlist when a form is validated (``clean``), when a model is saved (``pre_save``) and whenever
a value is written to the database at all (``get_prep_value``: ``QuerySet.update``, raw saves
such as reverting a version or loading a fixture). Scripts, event handlers, inline styles,
classes and links with other schemes than http, https, mailto and tel are removed. A link that
an editor chose from the site's pages keeps its reference (``data-page``, see
richtext/references.py) when it names a page that may be linked to, and loses it otherwise.

Templates show these values with the ``rich_text`` filter (richtext/templatetags/rich_text.py),
the only place they are marked safe; where a page needs text without markup (meta description,
feeds, list snippets) the ``plain_text`` filter or ``html_to_text`` gives it.

Before rich text, these fields held plain text: a blank line between paragraphs and lines
starting with "- " for bullets. ``plain_text_to_html`` converts that format; the ``rich_text``
migrations and the demo loader use it.
"""

import html
import itertools
import re
from html.parser import HTMLParser

import nh3
from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .references import link_targets

# --- The allowlist ------------------------------------------------------------------------

# Editor extensions (django-prose-editor's names). Headings start at h2 because every page has
# its own h1; h3 gives one level below. Links cannot open a new window (no target attribute).
# Numbered lists are plain 1, 2, 3: no list properties dialog for letters or Roman numerals
# (the editor still writes type="1" data-type="decimal", which the sanitizer drops).
_COMMON_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    # The Link extension with a choice of the site's own pages (static/richtext/site_link.js,
    # registered in settings.DJANGO_PROSE_EDITOR_EXTENSIONS); pagesUrl lists them.
    "SiteLink": {
        "enableTarget": False,
        "pagesUrl": reverse_lazy("richtext:site_pages"),
        "texts": {
            "dialogTitle": _("Länk"),
            "page": _("Sida på webbplatsen"),
            "pageHelp": _(
                " – skriv för att söka och välj en sida; länken följer med om sidans adress "
                "ändras. Lämna tomt för en länk till en annan webbplats."
            ),
            "href": _("Adress (URL)"),
            "title": _("Titel (visas när man håller muspekaren över länken)"),
            "draft": _("utkast"),
            "noSuchPage": _("Välj en sida i listan, eller töm fältet och skriv en adress."),
            "submit": _("Spara länken"),
            "cancel": _("Avbryt"),
        },
    },
}
HEADING_LEVELS = (2, 3)
BODY_EXTENSIONS = {"Heading": {"levels": list(HEADING_LEVELS)}, **_COMMON_EXTENSIONS}
# Summaries and introductions are shown as a lead paragraph right under the page's heading
# (and as plain text in lists and feeds), so they get no headings of their own.
SUMMARY_EXTENSIONS = dict(_COMMON_EXTENSIONS)

INLINE_TAGS = frozenset({"strong", "em", "a"})
SUMMARY_TAGS = frozenset({"p", "ul", "ol", "li"}) | INLINE_TAGS
BODY_TAGS = SUMMARY_TAGS | {f"h{level}" for level in HEADING_LEVELS}
ALLOWED_ATTRIBUTES = {
    # No attribute on every element (nh3 would otherwise allow lang and title everywhere).
    "*": set(),
    # data-page: the reference of a link chosen from the site's pages (richtext/references.py).
    "a": {"href", "title", "data-page"},
    # A numbered list pasted from elsewhere may go on from an earlier one (start="3").
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed together with everything inside them, rather than leaving their text behind.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "embed", "title", "textarea"}
)


def _keep_attribute(element, attribute, value):
    """Every allowed attribute as it is, except a ``data-page`` that is not a reference to a
    page editors may link to: a forged or stale one is dropped, the link itself stays."""
    if attribute == "data-page" and not link_targets.is_reference(value):
        return None
    return value


def _cleaner(tags):
    return nh3.Cleaner(
        tags=set(tags),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attribute_filter=_keep_attribute,
        strip_comments=True,
        # No target attribute is allowed, so links cannot reach back into this page's window;
        # rel would only add noise.
        link_rel=None,
    )


_BODY_CLEANER = _cleaner(BODY_TAGS)
_SUMMARY_CLEANER = _cleaner(SUMMARY_TAGS)
_TAG = re.compile(r"<[^>]*>")


def sanitize_html(value, headings=True):
    """``value`` with everything outside the allowlist removed; "" when no text is left.

    Idempotent: cleaning a cleaned value changes nothing, which is what lets the demo loader
    compare stored values with its own."""
    if not value:
        return value
    cleaner = _BODY_CLEANER if headings else _SUMMARY_CLEANER
    cleaned = cleaner.clean(str(value)).strip()
    # An editor that was emptied still sends "<p></p>"; store that as no text at all.
    if not html.unescape(_TAG.sub("", cleaned)).strip():
        return ""
    return cleaned


# --- Converting between the old plain-text format and HTML ---------------------------------

BULLET = "- "
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HTML_START = re.compile(r"\s*<(p|h[1-6]|ul|ol|blockquote|div)[\s>]", re.IGNORECASE)


def looks_like_html(value):
    """Whether ``value`` is already rich text: it starts with a block element, as everything
    the editor and ``plain_text_to_html`` write does. Plain text practically never does."""
    return bool(value) and bool(_HTML_START.match(value))


def plain_text_to_html(text, headings=True):
    """The old plain-text format as clean HTML: a blank line starts a new paragraph, lines
    starting with "- " form a bullet list, other lines of a paragraph are joined with a space.
    Every piece of text is escaped. The result is already sanitized, so saving it stores it
    unchanged."""
    parts = []
    for is_list, lines in plain_text_blocks(text):
        if is_list:
            parts.append(
                "<ul>{}</ul>".format("".join(f"<li>{escape(line)}</li>" for line in lines))
            )
        else:
            parts.append(f"<p>{escape(' '.join(lines))}</p>")
    return sanitize_html("\n".join(parts), headings=headings)


def plain_text_blocks(text):
    """The blocks of the plain-text format, in order: ``(True, items)`` for a bullet list
    (the "- " removed), ``(False, lines)`` for a paragraph. Used to convert old text and by the
    ``text_blocks`` filter for fields that are still plain text."""
    if not text:
        return
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    for block in _BLANK_LINE.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for is_bullet, run in itertools.groupby(lines, key=lambda line: line.startswith(BULLET)):
            if is_bullet:
                yield True, [line[len(BULLET) :].strip() for line in run]
            else:
                yield False, list(run)


_BLOCKS = frozenset({"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br"})


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment block by block; list items remember their list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (is_list_item, text)
        self._current = []
        self._in_item = False

    def _end_block(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append((self._in_item, text))
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._end_block()
            if tag == "li":
                self._in_item = True

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._end_block()
            if tag == "li":
                self._in_item = False

    def handle_data(self, data):
        self._current.append(data)

    def close(self):
        super().close()
        self._end_block()


def _blocks(value):
    parser = _TextExtractor()
    parser.feed(str(value))
    parser.close()
    return parser.blocks


def html_to_text(value):
    """The words of an HTML fragment on one line, entities decoded, for a meta description,
    a feed or a list snippet. Autoescaping still applies wherever it is shown."""
    if not value:
        return ""
    return " ".join(text for _, text in _blocks(value))


def html_to_plain_text(value):
    """An HTML fragment back in the old plain-text format (blank lines between paragraphs,
    "- " before list items); used when the ``rich_text`` migrations are reversed."""
    if not value:
        return ""
    parts = []
    for is_item, run in itertools.groupby(_blocks(value), key=lambda block: block[0]):
        if is_item:
            parts.append("\n".join(BULLET + text for _, text in run))
        else:
            parts.extend(text for _, text in run)
    return "\n\n".join(parts)


def text_search_regex(term):
    """A regular expression (for an ``iregex`` lookup) that finds ``term`` in the text of
    sanitized HTML, never in its tags or attribute values: after the start or a ">", through
    characters that are not "<". The term is written the way the sanitizer writes text
    ("&" as "&amp;"), so a search for "FoU & innovation" still matches."""
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\xa0", "&nbsp;")):
        term = term.replace(character, entity)
    return r"(^|>)[^<]*" + re.escape(term)


def convert_stored_values(apps, app_label, fields, to_html=True):
    """For the ``rich_text`` data migrations: turn stored plain text into HTML (or back, when
    the migration is reversed). ``fields`` maps a model name to ``{field name: headings}``.

    Values that are already HTML are left as they are, so running it again changes nothing.
    ``bulk_update`` leaves ``updated_at`` alone: the content did not change, only its format."""
    for model_name, names in fields.items():
        model = apps.get_model(app_label, model_name)
        changed = []
        for obj in model._base_manager.only("pk", *names).order_by("pk").iterator():
            dirty = False
            for name, headings in names.items():
                old = getattr(obj, name)
                if to_html:
                    new = old if looks_like_html(old) else plain_text_to_html(old, headings)
                else:
                    new = html_to_plain_text(old) if looks_like_html(old) else old
                if new != old:
                    setattr(obj, name, new)
                    dirty = True
            if dirty:
                changed.append(obj)
        model._base_manager.bulk_update(changed, list(names), batch_size=500)
