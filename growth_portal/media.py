"""Uploaded files, served by Django in development and production alike.

Only these kinds of upload are served: publication files, while their publication is
published (editors who may change publications also see drafts' files), organisation logos,
and the resized versions of images (images/), which are always public. The originals of images
are never served: they may carry the camera's metadata, which the resized versions do not.
The content type comes from the file's content (uploads/); every response carries ``nosniff``
and a Content-Security-Policy that lets nothing run, and everything but PNG, JPEG and WebP
images is sent as a download (``Content-Disposition: attachment``).

PDFs are downloads too: inline PDF viewers do not work under a CSP ``sandbox`` (Safari shows an
empty page, Chromium has refused to start its viewer), and dropping the sandbox for one type
would make it the exception to the rule; a downloaded PDF opens in the visitor's reader.
"""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from publications.models import Publication
from uploads.filetypes import identify

PUBLICATIONS = "publications/"
LOGOS = "organisations/logos/"
IMAGE_RENDITIONS = "images/renditions/"
# What GitHub sends with user content: nothing may load or run, inline styles may apply (SVG).
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _clean_path(path):
    """``path`` if it is a plain relative name inside the media folder, else None."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in path):
        return None
    return path


def _may_see_publication_file(request, name):
    """True if the file is published (a public file), False if it is not but the user may
    still see it: staff who may change publications and are editors of one of its publishers
    (or superusers), as in the admin. Http404 for everyone else."""
    publications = Publication.objects.filter(file=name)
    if publications.published().exists():
        return True
    user = request.user
    if not (
        user.is_authenticated and user.is_staff and user.has_perm("publications.change_publication")
    ):
        raise Http404
    if not user.is_superuser:
        publications = publications.filter(organisations__editors=user)
    if publications.exists():
        return False
    raise Http404


@require_safe
def serve_media(request, path):
    name = _clean_path(path)
    if name is None:
        raise Http404
    public = True
    if name.startswith(PUBLICATIONS):
        public = _may_see_publication_file(request, name)
    elif not name.startswith((LOGOS, IMAGE_RENDITIONS)):
        raise Http404
    try:
        file = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, SuspiciousFileOperation):
        raise Http404 from None
    try:
        file_type = identify(file)
    except BaseException:
        file.close()
        raise
    content_type = file_type.content_type if file_type else "application/octet-stream"
    inline = bool(file_type and file_type.inline)
    response = FileResponse(
        file,
        content_type=content_type,
        as_attachment=not inline,
        filename=PurePosixPath(name).name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    if public and name.startswith((LOGOS, IMAGE_RENDITIONS)):
        patch_cache_control(response, public=True, max_age=600)
    elif public:
        # A publication's file: caches must ask again, so unpublishing hides it at once.
        patch_cache_control(response, public=True, no_cache=True)
    else:  # a draft's file, for an editor: no shared cache may keep it
        patch_cache_control(response, private=True, no_store=True)
    return response
