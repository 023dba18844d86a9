"""Validators of uploaded files: publication documents and organisation logos.

They check what arrives from a form (``uploads.fields.UploadField`` gives its form field the
validator): a new upload. A file already in storage was checked when it was uploaded, so a
change of the other fields of its record does not read it again. Files larger
than ``settings.MAX_DOCUMENT_UPLOAD_MB`` / ``MAX_LOGO_UPLOAD_MB`` are refused before their
content is read. Logos are verified (PNG and JPEG must open, verify and decode within a size
limit in pixels) and an SVG is replaced by its sanitized version (uploads/svg.py).

"""

import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .filetypes import (
    DOCUMENT_TYPES,
    DOCUMENTS_ALLOWED,
    JPEG,
    LOGO_TYPES,
    LOGOS_ALLOWED,
    PNG,
    SVG,
    Refused,
    size_of,
    sniff,
)
from .svg import sanitize_svg

# Logos: larger images are refused before they are decoded.
MAX_LOGO_SIDE = 4000


def _check_size(file, limit_mb):
    limit = int(limit_mb * 1024 * 1024)
    size = size_of(file)
    if size > limit:
        raise ValidationError(
            _("Filen är för stor (%(size)s). Största tillåtna storlek är %(limit)s MB."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": formats.number_format(limit_mb)},
        )


def _refused(found, allowed):
    return ValidationError(
        _("Filen kan inte tas emot: den är %(found)s. %(allowed)s"),
        code="file_type",
        params={"found": found, "allowed": allowed},
    )


def validate_document(file):
    """Publication files: PDF, Office Open XML and OpenDocument documents."""
    _check_size(file, settings.MAX_DOCUMENT_UPLOAD_MB)
    try:
        file_type, found = sniff(file)
    except Refused as refusal:
        raise refusal.error from None
    finally:
        file.seek(0)
    if file_type not in DOCUMENT_TYPES:
        raise _refused(found or file_type.description, DOCUMENTS_ALLOWED)


def validate_logo(file):
    """Organisation logos: PNG and JPEG that Pillow can decode, and SVG, which is replaced by
    its sanitized version (what the model then stores)."""
    _check_size(file, settings.MAX_LOGO_UPLOAD_MB)
    try:
        file_type, found = sniff(file)
    except Refused:
        file_type, found = None, _("ett dokument eller ett arkiv")
    file.seek(0)
    if file_type in (PNG, JPEG):
        _verify_image(file, file_type)
    elif file_type is SVG:
        clean = sanitize_svg(file.read())
    file.seek(0)
    if file_type not in LOGO_TYPES:
        raise _refused(found or file_type.description, LOGOS_ALLOWED)
    if file_type is SVG:
        # What is stored is read from ``file.file``: from here on the sanitized SVG.
        file.file = ContentFile(clean, name=getattr(file, "name", None) or "logotyp.svg")
        file.size = len(clean)


def _verify_image(file, file_type):
    unreadable = ValidationError(
        _("Bilden kan inte läsas: filen är skadad eller ofullständig."), code="broken_image"
    )
    # Image.open reads only the header; it refuses a decompression bomb (far beyond our own
    # limit) itself. The size is checked before anything is decoded.
    try:
        file.seek(0)
        with Image.open(file) as image:
            # MPO is the JPEG that some cameras write, with extra pictures after the first.
            if image.format not in {PNG: ("PNG",), JPEG: ("JPEG", "MPO")}[file_type]:
                raise unreadable
            width, height = image.size
            if max(width, height) > MAX_LOGO_SIDE:
                raise ValidationError(
                    _(
                        "Bilden är för stor: %(width)s × %(height)s bildpunkter. En logotyp "
                        "får vara högst %(side)s bildpunkter på längsta sidan."
                    ),
                    code="image_too_large",
                    params={"width": width, "height": height, "side": MAX_LOGO_SIDE},
                )
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
        struct.error,
    ) as error:
        raise unreadable from error
