"""Turn an editor's plain text into paragraphs and bullet lists.

Plain-text fields (focus area descriptions): a blank line separates paragraphs, and lines that
start with "- " form a bullet list. Every piece of text is escaped before it is wrapped in HTML, so the
result is safe however the editor's text looks.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from richtext.html import plain_text_blocks

register = template.Library()

LINE_BREAK = mark_safe("<br>")  # a constant tag, no editor text in it


@register.filter
def text_blocks(value):
    """``{{ focusarea.description|text_blocks }}``: escaped paragraphs (lines kept apart with
    <br>) and bullet lists, or "" for no text."""
    parts = []
    for is_list, lines in plain_text_blocks(value):
        if is_list:
            items = format_html_join("", "<li>{}</li>", ((line,) for line in lines))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(
                format_html(
                    "<p>{}</p>", format_html_join(LINE_BREAK, "{}", ((line,) for line in lines))
                )
            )
    return format_html_join("\n", "{}", ((part,) for part in parts))
