"""Turn an editor's plain text into paragraphs and bullet lists.

Body fields are plain text: a blank line separates paragraphs, and lines that start with
"- " form a bullet list. Every piece of text is escaped before it is wrapped in HTML, so the
result is safe however the editor's text looks.
"""

import itertools
import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

BULLET = "- "
BLANK_LINE = re.compile(r"\n[ \t]*\n")
LINE_BREAK = mark_safe("<br>")  # a constant tag, no editor text in it


def _is_bullet(line):
    return line.startswith(BULLET)


def _render_block(lines):
    """One block of non-blank lines: runs of bullet lines become a <ul>, other runs a <p>."""
    for is_bullet, run in itertools.groupby(lines, key=_is_bullet):
        run = list(run)
        if is_bullet:
            items = format_html_join(
                "", "<li>{}</li>", ((line[len(BULLET) :].strip(),) for line in run)
            )
            yield format_html("<ul>{}</ul>", items)
        else:
            yield format_html(
                "<p>{}</p>", format_html_join(LINE_BREAK, "{}", ((line,) for line in run))
            )


@register.filter
def text_blocks(value):
    """``{{ programme.body|text_blocks }}``: escaped paragraphs and lists, or "" for no text."""
    if not value:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    parts = []
    for block in BLANK_LINE.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        parts.extend(_render_block(lines))
    return format_html_join("\n", "{}", ((part,) for part in parts))
