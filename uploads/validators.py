"""Validators of uploaded files: publication documents, organisation logos and images.

They check what arrives from a form (``uploads.fields.UploadField`` gives its form field the
validator): a new upload. A file already in storage was checked when it was uploaded, so a
change of the other fields of its record does not read it again. Files larger
than ``settings.MAX_DOCUMENT_UPLOAD_MB`` / ``MAX_LOGO_UPLOAD_MB`` / ``MAX_IMAGE_UPLOAD_MB`` are
refused before their content is read. Logos and images are verified (they must open, verify and
decode within a size limit in pixels) and an SVG logo is replaced by its sanitized version
(uploads/svg.py).

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
    IMAGE_TYPES,
    IMAGES_ALLOWED,
    JPEG,
    LOGO_TYPES,
    LOGOS_ALLOWED,
    PNG,
    SVG,
    WEBP,
    Refused,
    size_of,
    sniff,
)
from .svg import sanitize_svg

# Larger images are refused before they are decoded: logos, and images on pages (a 24-megapixel
# camera's 6000 × 4000 fits; resizing it takes a few hundred MB of memory for a moment).
MAX_LOGO_SIDE = 4000
MAX_IMAGE_SIDE = 8000
# What Pillow names each accepted type. MPO is the JPEG that some cameras write, with extra
# pictures after the first.
PILLOW_FORMATS = {PNG: ("PNG",), JPEG: ("JPEG", "MPO"), WEBP: ("WEBP",)}


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
        _verify_image(file, file_type, MAX_LOGO_SIDE, LOGO_TOO_LARGE)
    elif file_type is SVG:
        clean = sanitize_svg(file.read())
    file.seek(0)
    if file_type not in LOGO_TYPES:
        raise _refused(found or file_type.description, LOGOS_ALLOWED)
    if file_type is SVG:
        # What is stored is read from ``file.file``: from here on the sanitized SVG.
        file.file = ContentFile(clean, name=getattr(file, "name", None) or "logotyp.svg")
        file.size = len(clean)


def validate_image(file):
    """Images on pages (images.Image): JPEG, PNG and WebP that Pillow can decode, at most
    ``MAX_IMAGE_SIDE`` pixels on the longest side."""
    _check_size(file, settings.MAX_IMAGE_UPLOAD_MB)
    try:
        file_type, found = sniff(file)
    except Refused:
        file_type, found = None, _("ett dokument eller ett arkiv")
    file.seek(0)
    if file_type not in IMAGE_TYPES:
        raise _refused(found or file_type.description, IMAGES_ALLOWED)
    _verify_image(file, file_type, MAX_IMAGE_SIDE, IMAGE_TOO_LARGE)
    file.seek(0)


LOGO_TOO_LARGE = _(
    "Bilden är för stor: %(width)s × %(height)s bildpunkter. En logotyp får vara högst "
    "%(side)s bildpunkter på längsta sidan."
)
IMAGE_TOO_LARGE = _(
    "Bilden är för stor: %(width)s × %(height)s bildpunkter. En bild får vara högst "
    "%(side)s bildpunkter på längsta sidan; förminska den och ladda upp den igen."
)


def _verify_image(file, file_type, max_side, too_large):
    unreadable = ValidationError(
        _("Bilden kan inte läsas: filen är skadad eller ofullständig."), code="broken_image"
    )
    # Image.open reads only the header; it refuses a decompression bomb (far beyond our own
    # limit) itself. The size is checked before anything is decoded.
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in PILLOW_FORMATS[file_type]:
                raise unreadable
            width, height = image.size
            if max(width, height) > max_side:
                raise ValidationError(
                    too_large,
                    code="image_too_large",
                    params={"width": width, "height": height, "side": max_side},
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
