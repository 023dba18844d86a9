from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class RichTextConfig(AppConfig):
    """Editors' rich text: the model field, the one allowlist it is sanitized against, the
    template filters that show it, and links to the site's pages that follow their address."""

    name = "richtext"

    def ready(self):
        from . import links

        pre_save.connect(links.remember_address, dispatch_uid="richtext_remember_address")
        pre_save.connect(links.point_links_of_text, dispatch_uid="richtext_point_links")
        post_save.connect(links.follow_moved_address, dispatch_uid="richtext_follow_address")
