"""SVG logos rebuilt from an allowlist.

An SVG is parsed with defusedxml (no DOCTYPE beyond the standard SVG one, no entities) and
rewritten from an allowlist of elements and attributes: no scripts, event handlers,
foreignObject, animation, external or ``javascript:`` references, CSS that loads anything.
What is stored is the rewritten SVG.
"""

import re
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .filetypes import local_name, text_of

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
    text = text_of(data)
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
    if local_name(element.tag) == "style" and _unsafe_css(element.text or ""):
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
        if local_name(element.tag) == "image" and EMBEDDED_IMAGE.match(value.strip()):
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
