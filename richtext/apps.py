from django.apps import AppConfig


class RichTextConfig(AppConfig):
    """Editors' rich text: the model field, the one allowlist it is sanitized against, and the
    template filters that show it."""

    name = "richtext"
