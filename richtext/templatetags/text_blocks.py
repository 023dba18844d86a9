"""Plain text that editors write (focus area descriptions) as paragraphs and bullet lists: a
blank line separates paragraphs, and lines that start with "- " form a bullet list.

``{{ focusarea.description|text_blocks }}`` gives the blocks, ``(is_list, lines)`` in order;
``templates/includes/text_blocks.html`` writes them, escaping every line as any template
does:

    {% include "includes/text_blocks.html" with blocks=focusarea.description|text_blocks %}
"""

from django import template

from richtext.html import plain_text_blocks

register = template.Library()


@register.filter
def text_blocks(value):
    return list(plain_text_blocks(value))
