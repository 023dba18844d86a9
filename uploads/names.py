"""Stored names of uploaded files: a slug of the uploaded name's stem (ASCII, bounded length)
with the extension of the detected type, so a PDF uploaded as ``rapport.docx`` is stored as
``rapport.pdf``.

Referenced by the model fields (and so by migrations): keep the names of the ``upload_to``
functions.
"""

import re

from django.utils import timezone
from django.utils.text import slugify

from .filetypes import identify

MAX_STEM = 60


def safe_stem(filename, default):
    """The uploaded name's stem as an ASCII slug (å → a) of bounded length: no directories,
    control characters or dots survive, whatever the client sent."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", str(filename or ""))
    name = re.split(r"[/\\]", name)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    stem = slugify(stem.replace(".", " ").replace("_", "-"))[:MAX_STEM].strip("-_")
    return stem or default


def _stored_extension(field_file):
    """The extension for the type of the file being saved (``upload_to`` is called for new
    content only: ``field_file.file`` is that content); ``bin`` (served as a download) when
    the content is of no accepted type, which only a save that skipped validation can store."""
    try:
        file_type = identify(field_file.file)
    except (OSError, AttributeError, ValueError):
        file_type = None
    return file_type.extension if file_type else "bin"


def document_upload_to(instance, filename):
    extension = _stored_extension(instance.file)
    stem = safe_stem(filename, default="dokument")
    return f"publications/{timezone.now().year}/{stem}.{extension}"


def logo_upload_to(instance, filename):
    extension = _stored_extension(instance.logo)
    return f"organisations/logos/{safe_stem(filename, default='logotyp')}.{extension}"


def image_upload_to(instance, filename):
    """Originals of images on pages; what visitors get are the renditions beside them
    (``rendition_name``), so the original is never served (it may carry EXIF metadata)."""
    extension = _stored_extension(instance.file)
    return f"images/originals/{safe_stem(filename, default='bild')}.{extension}"


def rendition_name(original_name, width, extension):
    """``images/renditions/<stem>-<width>.<extension>`` for a rendition of the original stored
    as ``original_name``; the storage adds a suffix if the name is taken."""
    stem = safe_stem(original_name.rsplit("/", 1)[-1], default="bild")
    return f"images/renditions/{stem}-{width}.{extension}"
