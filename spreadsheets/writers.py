"""Lists as files for spreadsheets and programs: CSV, XLSX and JSON, written row by row.

Used by every "Ladda ner" link and export command (publications, statistics).

- CSV and JSON are written in pieces as rows arrive, so memory stays flat however long the
  list is. XLSX is written with openpyxl's write-only workbook, which keeps rows on disk.
- The files are made for Excel with Swedish settings: CSV in UTF-8 with a byte-order mark and
  semicolons between the fields (Excel's list separator in Sweden), XLSX with real date and
  number cells.
- Spreadsheet formulas are neutralised: a text that would start with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return gets an apostrophe in front in CSV, and in XLSX is written as a
  text cell with Excel's own "quote prefix", so it is shown as typed and never evaluated.
"""

import csv
import datetime
import decimal
import io
import json
import re
import tempfile
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry (openpyxl refuses them); they are dropped from XLSX cells.
ILLEGAL_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CSV_DELIMITER = ";"


class Format:
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"

    ALL = (CSV, XLSX, JSON)
    CONTENT_TYPES = {
        CSV: "text/csv; charset=utf-8",
        XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        JSON: "application/json",
    }


@dataclass(frozen=True)
class Column:
    """One column: ``key`` names it in JSON, ``header`` in CSV and XLSX. ``kind`` decides the
    cell type: text, int, decimal, date or datetime."""

    key: str
    header: Any
    kind: str = "text"
    width: int = 20


def neutralise(text):
    """A text that a spreadsheet would read as a formula, with an apostrophe in front."""
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):
        # Excel with Swedish settings reads a decimal comma.
        return format(value, "f").replace(".", ",")
    return neutralise(str(value))


def csv_chunks(columns, row_iter, rows_per_chunk=200):
    """The CSV file in pieces of text, starting with the byte-order mark Excel needs to read
    UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([neutralise(str(column.header)) for column in columns])
    pending = 0
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for row in row_iter:
        writer.writerow([_csv_cell(value) for value in row])
        pending += 1
        if pending == rows_per_chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue()


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_chunks(columns, row_iter, rows_per_chunk=200):
    """A JSON array of objects keyed by the columns' keys, in pieces of text."""
    keys = [column.key for column in columns]
    parts = ["["]
    first = True
    for row in row_iter:
        item = json.dumps(
            {key: _json_value(value) for key, value in zip(keys, row, strict=True)},
            ensure_ascii=False,
        )
        parts.append(("\n" if first else ",\n") + item)
        first = False
        if len(parts) >= rows_per_chunk:
            yield "".join(parts)
            parts = []
    parts.append("\n]\n")
    yield "".join(parts)


def write_xlsx(columns, row_iter, target, sheet_title=None):
    """Writes the rows to ``target`` (a path or a binary file) as one sheet of a write-only
    workbook: dates as date cells shown as 2018-03-01, numbers as numbers, headers bold and
    frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_title or _("Lista")))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)

    def text_cell(value):
        # Checked after the characters XML cannot carry are gone: "\x01=…" would start with
        # "=" once they are.
        value = ILLEGAL_XML_CHARS.sub("", value)
        cell = WriteOnlyCell(sheet, value=value)
        if value.startswith(FORMULA_TRIGGERS):
            # Text, not a formula, also when the cell is edited in Excel later.
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    header = []
    for column in columns:
        cell = text_cell(str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    kinds = [column.kind for column in columns]
    for row in row_iter:
        cells = []
        for kind, value in zip(kinds, row, strict=True):
            if value is None or value == "":
                cells.append(None)
            elif kind == "date":
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif kind == "datetime":
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd hh:mm"
                cells.append(cell)
            elif kind == "int":
                cells.append(value)
            elif kind == "decimal":
                cells.append(int(value) if value == value.to_integral_value() else float(value))
            else:
                cells.append(text_cell(str(value)))
        sheet.append(cells)
    workbook.save(target)


def download(columns, rows, file_format, filename, sheet_title=None):
    """The response for a "Ladda ner" link: CSV or JSON streamed as the rows are read, or an
    XLSX workbook written to a temporary file first (a zip archive cannot be sent before it
    is finished)."""
    content_type = Format.CONTENT_TYPES[file_format]
    if file_format == Format.XLSX:
        workbook = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
        write_xlsx(columns, rows, workbook, sheet_title)
        workbook.seek(0)
        response = FileResponse(
            workbook, as_attachment=True, filename=filename, content_type=content_type
        )
    else:
        writer = csv_chunks if file_format == Format.CSV else json_chunks
        response = StreamingHttpResponse(
            (chunk.encode("utf-8") for chunk in writer(columns, rows)), content_type=content_type
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Robots-Tag"] = "noindex"
    return response
