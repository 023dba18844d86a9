"""Resized versions of an image ("renditions"), made with Pillow's public API once, when an
image is saved with a new file, never while a page is served.

Each rendition is the picture turned upright (EXIF orientation applied), scaled to one of
``WIDTHS`` (never enlarged: a narrower original gives one rendition at its own width) and
written again in the original's format, without EXIF, XMP or text chunks, so a camera's GPS
position, serial number or the photographer's software never reach a visitor. The colour
profile (ICC) is kept: it is no one's personal data, and without it wide-gamut photos would
look washed out.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from PIL import ImageOps

from uploads.names import rendition_name

# Widths in pixels: a phone's column (480), a tablet's or a page's text column on a laptop
# (800), the whole column of the layout on a high-density screen (1200).
WIDTHS = (480, 800, 1200)

# Pillow's format of the original: (the format written, its extension, save options).
OUTPUT = {
    "JPEG": ("JPEG", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
    "MPO": ("JPEG", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
    "PNG": ("PNG", "png", {"optimize": True}),
    "WEBP": ("WEBP", "webp", {"quality": 80, "method": 4}),
}
# The modes each output format is written in; others are converted first.
MODES = {"JPEG": ("RGB", "L"), "PNG": ("RGB", "RGBA", "L", "LA"), "WEBP": ("RGB", "RGBA")}


def widths_for(original_width):
    """The widths to make for an original ``original_width`` pixels wide, smallest first."""
    return sorted({min(width, original_width) for width in WIDTHS})


def make_renditions(file, name, storage):
    """Read the image in ``file`` (an open file), write its renditions to ``storage`` under
    names derived from ``name`` and return ``(width, height, renditions)``: the upright
    original's size and, smallest first, ``{"name", "width", "height"}`` of each rendition.
    If anything fails, the renditions written so far are removed and the error raised."""
    file.seek(0)
    with PillowImage.open(file) as source:
        output_format, extension, options = OUTPUT[source.format]
        icc_profile = source.info.get("icc_profile")
        upright = ImageOps.exif_transpose(source)
    file.seek(0)
    mode = upright.mode
    if mode not in MODES[output_format]:
        has_alpha = "A" in mode or "transparency" in upright.info
        target = "RGBA" if has_alpha and "RGBA" in MODES[output_format] else "RGB"
        upright = upright.convert(target)
    width, height = upright.size
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}
    written = []
    try:
        for target_width in widths_for(width):
            target_height = max(1, round(height * target_width / width))
            resized = upright
            if target_width != width:
                resized = upright.resize(
                    (target_width, target_height), PillowImage.Resampling.LANCZOS
                )
            buffer = io.BytesIO()
            resized.save(buffer, format=output_format, **options)
            stored = storage.save(
                rendition_name(name, target_width, extension), ContentFile(buffer.getvalue())
            )
            written.append({"name": stored, "width": target_width, "height": target_height})
    except BaseException:
        delete_files(storage, [rendition["name"] for rendition in written])
        raise
    return width, height, written


def delete_files(storage, names):
    """Remove the stored files ``names``; a file already gone is no error."""
    for name in names:
        if name:
            storage.delete(name)
