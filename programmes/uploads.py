"""Checks and file names for uploaded files: publication documents and organisation logos.

The type of a file is decided by its content, never by its name or the type the browser sent:

- Publications take PDF, Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods,
  .odp). A PDF must start with the ``%PDF-`` header, contain an object and end with
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
- Logos take PNG and JPEG, which Pillow must open, verify and decode within a size limit in
  pixels, and SVG, which is parsed with defusedxml (no DOCTYPE beyond the standard SVG one, no
  entities) and rewritten from an allowlist of elements and attributes: no scripts, event
  handlers, foreignObject, animation, external or ``javascript:`` references, CSS that loads
  anything. What is stored is the rewritten SVG.
- Files larger than ``settings.MAX_DOCUMENT_UPLOAD_MB`` / ``MAX_LOGO_UPLOAD_MB`` are refused
  before their content is read.

The stored name is a slug of the uploaded name's stem (ASCII, bounded length) with the
extension of the detected type: a PDF uploaded as ``rapport.docx`` is stored as ``rapport.pdf``.

Referenced by the model fields (and so by migrations): keep the names of the four functions at
the bottom.
"""

import io
import re
import struct
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


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
SVG = FileType("SVG", "svg", "image/svg+xml", _("en SVG-bild"))

DOCUMENT_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP)
LOGO_TYPES = (PNG, JPEG, SVG)
TYPES_BY_EXTENSION = {file_type.extension: file_type for file_type in DOCUMENT_TYPES + LOGO_TYPES}

DOCUMENTS_ALLOWED = _(
    "Tillåtna format är PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) och "
    "OpenDocument (.odt, .ods, .odp)."
)
LOGOS_ALLOWED = _("Tillåtna format är PNG, JPEG och SVG.")

# ZIP packages: limits checked from the ZIP directory, before anything is unpacked.
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNPACKED = 1024**3  # declared unpacked size of all entries together
MAX_ZIP_RATIO = 200  # for a single entry that unpacks to more than ZIP_RATIO_FROM bytes
ZIP_RATIO_FROM = 10 * 1024**2
MAX_PACKAGE_PART = 2 * 1024**2  # the few small XML parts that are read to tell the type

# Logos: larger images are refused before they are decoded.
MAX_LOGO_SIDE = 4000

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

    Cheap enough for every save and every download: reads the head and the tail of the file,
    and for ZIP-based formats the ZIP directory and two small parts. Does not verify images or
    sanitize SVG (the validators do that). Raises OSError if a stored file is missing."""
    with _reading(file) as reader:
        try:
            file_type, _found = _sniff(reader)
        except Refused:
            return None
    return file_type


@contextmanager
def _reading(file):
    """``file`` opened for reading from its start, and put back as it was afterwards. A stored
    file (a committed FieldFile) is opened from storage and closed again; an upload is only
    rewound, since Django still has to save it."""
    stored = getattr(file, "_committed", False)
    if stored:
        file.open("rb")
    else:
        file.seek(0)
    try:
        yield file
    finally:
        if stored:
            file.close()
        else:
            file.seek(0)


def _size(file):
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        size = file.seek(0, io.SEEK_END)
        file.seek(position)
    return size


def _sniff(file):
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
    if _looks_like_svg(head):
        return SVG, None
    return None, _describe(head)


def _describe(head):
    """What a refused file is, in words for the editor's message."""
    text = _text(head)
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
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _("en WebP-bild")
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


def _text(head):
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
    text = _text(head)
    return text is not None and bool(SVG_START.match(text))


def _check_pdf(file, head):
    if not re.match(rb"%PDF-[12]\.\d", head):
        raise Refused(_broken(_("en skadad PDF-fil (ogiltigt huvud)")))
    if len(head) < PDF_HEAD_SIZE:
        head += file.read(PDF_HEAD_SIZE - len(head))
    size = _size(file)
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
    size = _size(file)
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


def _local_name(tag):
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
        kind = _local_name(element.tag)
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


# --- Validators -----------------------------------------------------------------------------


def _is_stored(file):
    """A file already in storage was checked when it was uploaded; a change of the other
    fields of its record does not read it again."""
    return getattr(file, "_committed", False)


def _check_size(file, limit_mb):
    limit = int(limit_mb * 1024 * 1024)
    size = _size(file)
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
    if _is_stored(file):
        return
    _check_size(file, settings.MAX_DOCUMENT_UPLOAD_MB)
    with _reading(file) as reader:
        try:
            file_type, found = _sniff(reader)
        except Refused as refusal:
            raise refusal.error from None
    if file_type not in DOCUMENT_TYPES:
        raise _refused(found or file_type.description, DOCUMENTS_ALLOWED)


def validate_logo(file):
    """Organisation logos: PNG and JPEG that Pillow can decode, and SVG, which is replaced by
    its sanitized version (what the model then stores)."""
    if _is_stored(file):
        return
    _check_size(file, settings.MAX_LOGO_UPLOAD_MB)
    with _reading(file) as reader:
        try:
            file_type, found = _sniff(reader)
        except Refused:
            file_type, found = None, _("ett dokument eller ett arkiv")
        reader.seek(0)
        if file_type in (PNG, JPEG):
            _verify_image(reader, file_type)
        elif file_type is SVG:
            clean = sanitize_svg(reader.read())
    if file_type not in LOGO_TYPES:
        raise _refused(found or file_type.description, LOGOS_ALLOWED)
    if file_type is SVG:
        # The model saves ``file.file``; from here on that is the sanitized SVG.
        file.file = ContentFile(clean, name=getattr(file, "name", None) or "logotyp.svg")


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


# --- SVG ------------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

SVG_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "image",
    "filter", "feBlend", "feColorMatrix", "feComposite", "feDropShadow", "feFlood",
    "feGaussianBlur", "feMerge", "feMergeNode", "feOffset",
}  # fmt: skip
# Containers whose content is kept when the element itself is not.
SVG_UNWRAPPED = {"a", "switch"}
SVG_ATTRIBUTES = {
    "id", "class", "style", "transform", "lang", "role", "aria-label", "aria-hidden",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
    "width", "height", "d", "points", "pathLength", "viewBox", "preserveAspectRatio",
    "version", "baseProfile", "dx", "dy", "rotate", "textLength", "lengthAdjust",
    "startOffset", "method", "spacing", "side",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "stroke-opacity", "opacity", "color", "display", "visibility", "overflow",
    "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits",
    "filter", "filterUnits", "primitiveUnits", "vector-effect", "paint-order",
    "shape-rendering", "text-rendering", "image-rendering", "color-interpolation",
    "color-interpolation-filters", "mix-blend-mode", "isolation",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform",
    "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
    "letter-spacing", "word-spacing", "text-decoration", "writing-mode",
    "in", "in2", "result", "stdDeviation", "mode", "type", "values", "operator",
    "k1", "k2", "k3", "k4", "flood-color", "flood-opacity", "href",
}  # fmt: skip
LOCAL_URL = r"url\(\s*(['\"]?)#[\w.:-]+\1\s*\)"
# Attribute values and CSS may only refer to parts of the same SVG, and never load anything.
UNSAFE_CSS = re.compile(
    r"@import|@font-face|expression\s*\(|javascript:|behavior\s*:|-moz-binding|\\|<|&",
    re.IGNORECASE,
)
EMBEDDED_IMAGE = re.compile(r"\Adata:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]*\Z")
STANDARD_SVG_DOCTYPE = re.compile(
    r"<!DOCTYPE\s+svg(\s+PUBLIC\s+\"[^\"<>\[\]]*\"\s+\"[^\"<>\[\]]*\"|\s+SYSTEM\s+\"[^\"<>\[\]]*\")?"
    r"\s*>",
    re.IGNORECASE,
)
MAX_SVG_ELEMENTS = 50_000


def sanitize_svg(data):
    """The SVG in ``data`` rebuilt from allowed elements and attributes only, as UTF-8 bytes.

    Raises ValidationError for what is not an SVG, or has a DOCTYPE other than the standard
    SVG one (and so possibly entities)."""
    not_svg = ValidationError(
        _(
            "SVG-filen kan inte tas emot: den är inte en giltig SVG-bild, eller så innehåller "
            "den en DOCTYPE eller entiteter."
        ),
        code="bad_svg",
    )
    text = _text(data)
    if text is None:
        raise not_svg
    # Editors' tools write the standard SVG 1.1 DOCTYPE; it has no internal subset, so it can
    # go. Any other DOCTYPE is left for the parser to refuse.
    text = STANDARD_SVG_DOCTYPE.sub("", text, count=1)
    text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)  # the parser wants str without encoding
    try:
        root = parse_xml(text, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise not_svg from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise not_svg
    if sum(1 for _element in root.iter()) > MAX_SVG_ELEMENTS:
        raise not_svg
    _clean_element(root)
    # Every element left is an SVG one: written with plain names under a default namespace.
    root.tag = "svg"
    root.set("xmlns", SVG_NS)
    body = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _clean_element(element):
    for name in list(element.attrib):
        value = element.attrib.pop(name)
        clean_name, clean_value = _clean_attribute(element, name, value)
        if clean_name:
            element.set(clean_name, clean_value)
    if _local_name(element.tag) == "style" and _unsafe_css(element.text or ""):
        element.text = ""
    children = list(element)
    for child in children:
        element.remove(child)
    for child in children:
        _keep_child(element, child)


def _keep_child(parent, child):
    """Put ``child`` back under ``parent`` if it is allowed, or its content if it is a
    container that is not."""
    tag = child.tag if isinstance(child.tag, str) else ""
    namespace, _sep, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace == SVG_NS and name in SVG_ELEMENTS:
        _clean_element(child)
        child.tag = name
        parent.append(child)
        return
    if namespace == SVG_NS and name in SVG_UNWRAPPED:
        grandchildren = list(child)
        for grandchild in grandchildren:
            child.remove(grandchild)
            _keep_child(parent, grandchild)
    # Text outside an element is not drawn in SVG; dropping the tails loses nothing visible.


def _clean_attribute(element, name, value):
    """``(name, value)`` to keep, or ``(None, None)``."""
    if name == f"{{{XLINK_NS}}}href":
        name = "href"
    elif name == f"{{{XML_NS}}}space":
        return name, value if value in ("default", "preserve") else "default"
    elif name.startswith("{") or name not in SVG_ATTRIBUTES:
        return None, None  # event handlers (on…), editor-specific namespaces, anything unknown
    if name == "href":
        if re.fullmatch(r"#[\w.:-]+", value.strip()):
            return name, value.strip()
        if _local_name(element.tag) == "image" and EMBEDDED_IMAGE.match(value.strip()):
            return name, value.strip()
        return None, None
    if "url(" in re.sub(LOCAL_URL, "", value, flags=re.IGNORECASE).lower():
        return None, None
    if name == "style" and _unsafe_css(value):
        return None, None
    return name, value


def _unsafe_css(css):
    without_local_urls = re.sub(LOCAL_URL, "", css, flags=re.IGNORECASE)
    return "url(" in without_local_urls.lower() or bool(UNSAFE_CSS.search(css))


# --- Stored names ---------------------------------------------------------------------------

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
    """The extension for the type of the file being saved; ``bin`` (served as a download) when
    the content is of no accepted type, which only a save that skipped validation can store."""
    try:
        file_type = identify(field_file)
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
