"""Which reader reads a file: the format the editor chose, or the one its first bytes show."""

import codecs

from indicators.models import ImportBatch

from .csv_format import CsvReader
from .jsonstat import JsonStatReader

# The formats an import file can be read as; a PxWeb-API answer is JSON-stat.
JSON_STAT_FORMATS = {ImportBatch.Format.JSON_STAT, ImportBatch.Format.PXWEB_API}


def detect_format(file):
    """``json-stat`` when the file (binary, seekable) starts with a JSON object, otherwise
    ``csv``. Leaves the file at its start."""
    head = file.read(64)
    file.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return (
        ImportBatch.Format.JSON_STAT if head.lstrip().startswith(b"{") else ImportBatch.Format.CSV
    )


def reader_for(file, file_format=None, contents=None):
    """A reader of ``file`` with ``rows()`` and ``describe(where)``. Raises
    ``ImportFileError`` when a JSON-stat file cannot be read at all (a CSV file's problems
    show while its rows are read)."""
    file_format = file_format or detect_format(file)
    if file_format in JSON_STAT_FORMATS:
        return JsonStatReader(file, contents=contents or None)
    return CsvReader(file)
