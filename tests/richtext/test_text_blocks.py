"""Plain text as the pages show it (richtext's ``text_blocks`` and its template): paragraphs
and line breaks, lists from lines that start with a dash, and everything escaped."""

from django.template.loader import render_to_string

from richtext.templatetags.text_blocks import text_blocks as blocks_of


def text_blocks(value):
    """Plain text as focus area pages show it."""
    return render_to_string("includes/text_blocks.html", {"blocks": blocks_of(value)})


def test_text_blocks_escapes_markup():
    rendered = text_blocks('Hej <script>alert("x")</script>\n\n- <b>punkt</b>')
    assert "<script>" not in rendered
    assert "<b>" not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered
    assert "<li>&lt;b&gt;punkt&lt;/b&gt;</li>" in rendered


def test_text_blocks_builds_paragraphs_and_lists():
    rendered = text_blocks("Inledning\nandra raden\n\n- ett\n- två\n\nAvslutning")
    assert rendered == (
        "<p>Inledning<br>andra raden</p>\n<ul><li>ett</li><li>två</li></ul>\n<p>Avslutning</p>"
    )


def test_text_blocks_splits_a_list_that_follows_a_line_without_blank_line():
    rendered = text_blocks("Vi ska:\r\n- mäta\r\n- lära")
    assert rendered == "<p>Vi ska:</p>\n<ul><li>mäta</li><li>lära</li></ul>"


def test_text_blocks_of_nothing_is_empty():
    assert text_blocks("") == ""
    assert text_blocks(None) == ""
