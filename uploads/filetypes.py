"""What an uploaded or stored file is, decided by its content, never by its name or the type
the browser sent.

- PDF must start with the ``%PDF-`` header, contain an object and end with
  ``startxref``/``%%EOF``. The ZIP-based formats are checked as packages: an Office file's
  package relationships must point at the main part of a Word, Excel or PowerPoint document, an
  OpenDocument file's first entry must be ``mimetype`` naming a text, spreadsheet or
  presentation. Files with macros (.docm and the like, OpenDocument ``Basic/``/``Scripts/``)
  are refused, and so are ZIP bombs: the entry count and the declared unpacked size are checked
  from the ZIP directory without unpacking anything; the few parts read are read with a cap.
- Legacy Office files (.doc, .xls, .ppt, the OLE2 compound format) are refused with a message
  asking for PDF or the current format: the compound format cannot be told apart from other
  OLE2 files (installers, Outlook messages, password-encrypted packages) without parsing its
  directory, its macros are not marked, and the formats have been superseded since 2007.
- PNG, JPEG, WebP and SVG are told by their signatures (uploads/validators.py verifies images
  and uploads/svg.py rebuilds SVG before a logo is stored).
"""

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileType:
    """An accepted file type: its label (``Publication.file_format``), stored extension,
    content type, and whether a browser may show it inline."""

    label: str
    extension: str
    content_type: str
    description: str
    inline: bool = False


PDF = FileType("PDF", "pdf", "application/pdf", _("en PDF-fil"))
DOCX = FileType(
    "DOCX",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _("ett Word-dokument (.docx)"),
)
XLSX = FileType(
    "XLSX",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _("ett Excel-dokument (.xlsx)"),
)
PPTX = FileType(
    "PPTX",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    _("en PowerPoint-presentation (.pptx)"),
)
ODT = FileType(
    "ODT", "odt", "application/vnd.oasis.opendocument.text", _("ett OpenDocument-dokument (.odt)")
)
ODS = FileType(
    "ODS",
    "ods",
    "application/vnd.oasis.opendocument.spreadsheet",
    _("ett OpenDocument-kalkylark (.ods)"),
)
ODP = FileType(
    "ODP",
    "odp",
    "application/vnd.oasis.opendocument.presentation",
    _("en OpenDocument-presentation (.odp)"),
)
PNG = FileType("PNG", "png", "image/png", _("en PNG-bild"), inline=True)
JPEG = FileType("JPEG", "jpg", "image/jpeg", _("en JPEG-bild"), inline=True)
WEBP = FileType("WebP", "webp", "image/webp", _("en WebP-bild"), inline=True)
SVG = FileType("SVG", "svg", "image/svg+xml", _("en SVG-bild"))

DOCUMENT_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP)
LOGO_TYPES = (PNG, JPEG, SVG)
# Photographs and illustrations on pages (images/): formats Pillow resizes and every browser shows.
IMAGE_TYPES = (JPEG, PNG, WEBP)
TYPES_BY_EXTENSION = {
    file_type.extension: file_type for file_type in DOCUMENT_TYPES + LOGO_TYPES + IMAGE_TYPES
}

DOCUMENTS_ALLOWED = _(
    "Tillåtna format är PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) och "
    "OpenDocument (.odt, .ods, .odp)."
)
LOGOS_ALLOWED = _("Tillåtna format är PNG, JPEG och SVG.")
IMAGES_ALLOWED = _("Tillåtna format är JPEG, PNG och WebP.")

# ZIP packages: limits checked from the ZIP directory, before anything is unpacked.
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNPACKED = 1024**3  # declared unpacked size of all entries together
MAX_ZIP_RATIO = 200  # for a single entry that unpacks to more than ZIP_RATIO_FROM bytes
ZIP_RATIO_FROM = 10 * 1024**2
MAX_PACKAGE_PART = 2 * 1024**2  # the few small XML parts that are read to tell the type

# Logos: larger images are refused before they are decoded.

HEAD_SIZE = 8192
PDF_HEAD_SIZE = 65536
PDF_TAIL_SIZE = 2048

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
ODF_MIMETYPES = {file_type.content_type: file_type for file_type in (ODT, ODS, ODP)}


class Refused(Exception):
    """The content is of a kind that is never accepted; ``error`` says why to the editor."""

    def __init__(self, error):
        super().__init__(error.messages)
        self.error = error


# --- Detection ------------------------------------------------------------------------------


def identify(file):
    """The accepted type that the content of ``file`` is, or None.

    ``file`` is an upload or an open file, read from its start and put back there (an upload
    stays open: Django still has to store it), or a stored ``FieldFile``, opened from storage
    and closed again. Cheap enough for every save and every download: reads the head and the
    tail of the file, and for ZIP-based formats the ZIP directory and two small parts. Does not
    verify images or sanitize SVG (the validators do that). Raises OSError if a stored file is
    missing."""
    if isinstance(file, FieldFile):
        with file.storage.open(file.name, "rb") as stored:
            return identify(stored)
    try:
        file_type, _found = sniff(file)
    except Refused:
        return None
    finally:
        file.seek(0)
    return file_type


def size_of(file):
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        size = file.seek(0, io.SEEK_END)
        file.seek(position)
    return size


def sniff(file):
    """``(type, None)`` for an accepted type, ``(None, description)`` for anything else; raises
    Refused for a file of an accepted kind that is broken, a bomb or carries macros."""
    file.seek(0)
    head = file.read(HEAD_SIZE)
    if head.startswith(b"%PDF-"):
        return _check_pdf(file, head), None
    if head.startswith(ZIP_SIGNATURE):
        return _check_zip(file)
    if head.startswith(PNG_SIGNATURE):
        return PNG, None
    if head.startswith(JPEG_SIGNATURE):
        return JPEG, None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP, None
    if _looks_like_svg(head):
        return SVG, None
    return None, _describe(head)


def _describe(head):
    """What a refused file is, in words for the editor's message."""
    text = text_of(head)
    lowered = (text or "").lstrip().lower()
    if not head:
        return _("en tom fil")
    if head.startswith(OLE2_SIGNATURE):
        return _(
            "ett dokument i ett äldre Office-format (.doc, .xls, .ppt) eller ett "
            "lösenordsskyddat dokument"
        )
    if head.startswith(b"MZ"):
        return _("ett Windows-program")
    if head.startswith(b"\x7fELF") or head[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):
        return _("ett program")
    if head.startswith(b"#!") or lowered.startswith("<?php"):
        return _("ett skript")
    if head.startswith(b"GIF8"):
        return _("en GIF-bild")
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")):
        return _("ett komprimerat arkiv")
    if head.startswith(b"{\\rtf"):
        return _("ett RTF-dokument")
    if head.startswith(b"%!PS"):
        return _("en PostScript-fil")
    if text is None:
        return _("ett okänt format")
    if any(marker in lowered for marker in ("<!doctype html", "<html", "<head", "<body")):
        return _("en HTML-sida")
    if "<script" in lowered or "<iframe" in lowered:
        return _("en HTML-sida")
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return _("en XML-fil")
    return _("en textfil")


def text_of(head):
    """``head`` as text if it looks like text (UTF-8 or Latin-1 without control bytes)."""
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not only a character cut at the end of the head
            text = head.decode("latin-1")
        else:
            text = head[: error.start].decode("utf-8")
    text = text.removeprefix("\ufeff")
    if any(ord(char) < 32 and char not in "\t\n\r\f" for char in text):
        return None
    return text


SVG_START = re.compile(
    r"\A\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*|<!DOCTYPE\s+svg[^>\[]*(\[.*?\])?\s*>\s*|<\?[^>]*\?>\s*)*<svg[\s>/]",
    re.DOTALL | re.IGNORECASE,
)


def _looks_like_svg(head):
    text = text_of(head)
    return text is not None and bool(SVG_START.match(text))


def _check_pdf(file, head):
    if not re.match(rb"%PDF-[12]\.\d", head):
        raise Refused(_broken(_("en skadad PDF-fil (ogiltigt huvud)")))
    if len(head) < PDF_HEAD_SIZE:
        head += file.read(PDF_HEAD_SIZE - len(head))
    size = size_of(file)
    file.seek(max(0, size - PDF_TAIL_SIZE))
    tail = file.read(PDF_TAIL_SIZE)
    if not re.search(rb"\d+\s+\d+\s+obj\b", head) or b"startxref" not in tail:
        raise Refused(_broken(_("en ofullständig eller skadad PDF-fil")))
    if b"%%EOF" not in tail:
        raise Refused(_broken(_("en ofullständig PDF-fil (slutet saknas)")))
    return PDF


def _broken(found):
    return ValidationError(
        _("Filen kan inte tas emot: den är %(found)s. Spara eller exportera den på nytt."),
        code="broken_file",
        params={"found": found},
    )


def _bomb():
    return ValidationError(
        _(
            "Filen kan inte tas emot: den packas upp till orimligt mycket data eller består "
            "av orimligt många delar."
        ),
        code="zip_bomb",
    )


def _macros():
    return ValidationError(
        _(
            "Filen innehåller makron och kan inte tas emot. Spara den som PDF eller som ett "
            "dokument utan makron (.docx, .xlsx, .pptx, .odt, .ods, .odp) och ladda upp den "
            "igen."
        ),
        code="macros",
    )


NOT_A_DOCUMENT = _("ett ZIP-arkiv som inte är ett dokument")


def _check_zip(file):
    _check_zip_directory_size(file)
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise Refused(_bomb())
            unpacked = 0
            for entry in entries:
                unpacked += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if entry.file_size > ZIP_RATIO_FROM and ratio > MAX_ZIP_RATIO:
                    raise Refused(_bomb())
            if unpacked > MAX_ZIP_UNPACKED:
                raise Refused(_bomb())
            if entries and entries[0].filename == "mimetype" and entries[0].header_offset == 0:
                return _check_opendocument(archive, entries)
            names = {entry.filename.lower(): entry for entry in entries}
            if "[content_types].xml" in names:
                return _check_office_open_xml(archive, names)
            return None, NOT_A_DOCUMENT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise Refused(_broken(_("ett skadat ZIP-arkiv"))) from error
    except (RuntimeError, NotImplementedError) as error:  # encrypted or unusual compression
        raise Refused(_broken(_("ett krypterat eller ovanligt packat ZIP-arkiv"))) from error


def _check_zip_directory_size(file):
    """Refuse a ZIP whose end record announces too many entries, before ``zipfile`` reads
    (and builds an object for) every one of them."""
    size = size_of(file)
    file.seek(max(0, size - 65_557))  # the end record and the longest possible comment
    tail = file.read()
    position = tail.rfind(b"PK\x05\x06")
    if position < 0 or len(tail) < position + 22:
        return
    record = struct.unpack("<4s4H2LH", tail[position : position + 22])
    entries, directory_size = record[4], record[5]
    if entries != 0xFFFF and entries > MAX_ZIP_ENTRIES:
        raise Refused(_bomb())
    if directory_size != 0xFFFFFFFF and directory_size > MAX_ZIP_ENTRIES * 1024:
        raise Refused(_bomb())


def _read_part(archive, entry):
    if entry.file_size > MAX_PACKAGE_PART:
        raise Refused(_bomb())
    with archive.open(entry) as part:
        data = part.read(MAX_PACKAGE_PART + 1)
    if len(data) > MAX_PACKAGE_PART:
        raise Refused(_bomb())
    return data


def _check_opendocument(archive, entries):
    mimetype = _read_part(archive, entries[0]).decode("ascii", "replace").strip()
    file_type = ODF_MIMETYPES.get(mimetype)
    names = {entry.filename for entry in entries}
    if file_type is None:
        return None, _("ett OpenDocument-paket av en sort som inte tas emot (%(kind)s)") % {
            "kind": mimetype[:80]
        }
    if "content.xml" not in names:
        raise Refused(_broken(_("ett ofullständigt OpenDocument-dokument")))
    if any(name.startswith(("Basic/", "Scripts/")) and not name.endswith("/") for name in names):
        raise Refused(_macros())
    return file_type, None


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def _parse_package_xml(archive, entry):
    try:
        return parse_xml(_read_part(archive, entry), forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise Refused(_broken(_("ett skadat Office-dokument"))) from error


def _check_office_open_xml(archive, names):
    if any(name.endswith("vbaproject.bin") for name in names):
        raise Refused(_macros())
    content_types = _parse_package_xml(archive, names["[content_types].xml"])
    defaults, overrides = {}, {}
    for element in content_types:
        kind = local_name(element.tag)
        content_type = element.get("ContentType", "")
        if kind == "Default":
            defaults[element.get("Extension", "").lower()] = content_type
        elif kind == "Override":
            overrides[element.get("PartName", "").lower()] = content_type
    if any("macroenabled" in value.lower() for value in (*defaults.values(), *overrides.values())):
        raise Refused(_macros())
    if "_rels/.rels" not in names:
        return None, NOT_A_DOCUMENT
    relationships = _parse_package_xml(archive, names["_rels/.rels"])
    for relationship in relationships:
        if not relationship.get("Type", "").endswith("/officeDocument"):
            continue
        target = relationship.get("Target", "").lstrip("/").lower()
        if target not in names:
            raise Refused(_broken(_("ett ofullständigt Office-dokument")))
        content_type = overrides.get(f"/{target}") or defaults.get(
            PurePosixPath(target).suffix.lstrip("."), ""
        )
        file_type = OOXML_MAIN_PARTS.get(content_type)
        if file_type is None:
            return None, _("ett Office-dokument av en sort som inte tas emot (t.ex. en mall)")
        return file_type, None
    return None, NOT_A_DOCUMENT
