"""The Content-Security-Policy, with what the admin's rich text editor needs and no more.

Public pages get the policy in settings as it stands: everything from the site itself and
nothing inline. Under ``/admin/`` two additions, both for django-prose-editor:

* Its modules are loaded through an import map, which browsers only accept inline
  (``<script type="importmap">``). Its content is fixed for a deployment (module names and
  static file addresses), so the admin's ``script-src`` allows exactly that content by its
  SHA-256 hash. Scripts never get ``'unsafe-inline'`` or ``'unsafe-eval'``.
* The editor (tiptap) adds its base styles in a ``<style>`` element it creates, without a
  nonce; without them typed spaces collapse. The admin's ``style-src`` therefore allows inline
  styles. Styles cannot run code, and only logged-in staff see these pages.
"""

import base64
import hashlib
import re
from functools import cache

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
INLINE = re.compile(r"<script[^>]*>(.*)</script>", re.S)


@cache
def importmap_hash():
    """The CSP source expression of the prose editor's import map, as the admin renders it."""
    from django_prose_editor.widgets import importmap

    content = INLINE.fullmatch(importmap.render()).group(1)
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            update = dict(parts.update or {})
            update["script-src"] = [*update.get("script-src", []), importmap_hash()]
            update["style-src"] = [*update.get("style-src", []), UNSAFE_INLINE]
            parts.update = update
        return parts
