"""What a PDF document says about itself: its number of pages and its language.

Read once when a document is saved (``publications.models.Publication``), never on a page
view, with pypdf's public API in its lenient mode. Only what the file states is kept: the
language is the catalogue's ``/Lang`` entry (a BCP 47 tag such as ``sv-SE``), never guessed
from the text. A broken or encrypted file gives no details rather than an error, so that it
does not stop the editor's other changes from being saved.
"""

import logging
import re
from dataclasses import dataclass

from django.utils.translation import get_language_info
from pypdf import PdfReader

logger = logging.getLogger(__name__)

# A language tag as BCP 47 writes it (``sv``, ``sv-SE``, ``zh-Hant-TW``); anything else in
# ``/Lang`` is not a language we can name, so it is left out.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
MAX_LANGUAGE_LENGTH = 35
# A page count beyond this is not a real document's; the file's page tree is broken.
MAX_PAGE_COUNT = 100_000


@dataclass(frozen=True)
class PdfDetails:
    page_count: int | None = None
    language: str = ""


def read_pdf_details(file):
    """The page count and language tag of the PDF in ``file`` (binary, seekable), as far as
    the file states them; empty details for a file pypdf cannot read or that is encrypted."""
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            return PdfDetails()
        page_count = len(reader.pages)
        language = reader.root_object.get("/Lang")
    except Exception:  # a third-party parser on an uploaded file: any failure means "unknown"
        logger.info("Could not read the details of a PDF document.", exc_info=True)
        return PdfDetails()
    finally:
        file.seek(0)
    if not isinstance(page_count, int) or not 0 < page_count <= MAX_PAGE_COUNT:
        page_count = None
    return PdfDetails(page_count, _language_tag(language))


def _language_tag(value):
    if value is None:
        return ""
    try:
        tag = str(value.get_object()).strip()
    except Exception:  # an indirect object that does not resolve in a broken file
        return ""
    if len(tag) > MAX_LANGUAGE_LENGTH or not LANGUAGE_TAG.fullmatch(tag):
        return ""
    return tag


def language_name(tag):
    """The name of the language of ``tag`` in the visitor's language, in lower case as it is
    written within a sentence in Swedish ("sv-SE" gives "svenska"); a tag Django does not know
    is given as it is."""
    if not tag:
        return ""
    try:
        info = get_language_info(tag.lower())
    except KeyError:
        return tag
    return str(info["name_translated"]).lower()
