"""The model field for editors' rich text, sanitized against the allowlist of richtext/html.py."""

from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from .html import BODY_EXTENSIONS, SUMMARY_EXTENSIONS, sanitize_html

# What the editor of a body offers, said once for every body field.
BODY_HELP_TEXT = _(
    "Rubriker, stycken, listor, länkar, fetstil och kursiv. Annan formatering tas bort när du "
    "sparar."
)


class RichTextField(ProseEditorField):
    """A text field edited with django-prose-editor and sanitized on the server.

    ``headings=False`` is for summaries and introductions: no headings in the editor or in the
    stored value. In migrations the field is a plain ``TextField`` (see ProseEditorField)."""

    def __init__(self, *args, headings=True, **kwargs):
        self.headings = headings
        if headings:
            kwargs.setdefault("help_text", BODY_HELP_TEXT)
        kwargs["extensions"] = BODY_EXTENSIONS if headings else SUMMARY_EXTENSIONS
        kwargs["sanitize"] = self._sanitize
        super().__init__(*args, **kwargs)

    def _sanitize(self, value):
        return sanitize_html(value, headings=self.headings)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        cleaned = self._sanitize(value)
        if cleaned != value:
            setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return self._sanitize(value) if isinstance(value, str) else value
