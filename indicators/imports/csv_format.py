"""The plain CSV format: one observation per row, read as a stream.

UTF-8 with or without a byte order mark; the delimiter is the one of ``,`` and ``;`` that the
header line uses more often. Required columns ``region_code, year, sex, value``; optional
``region_level``, ``region_name`` (not read: the code decides the region), ``unit`` and
``source_url``. Other columns are ignored. Column names are matched without regard to case or
surrounding spaces. See the README, "Regional statistics: import formats".
"""

import csv
import io

from django.utils.translation import gettext as _

from .rows import ImportFileError, RawRow, describe_line

REQUIRED = ("region_code", "year", "sex", "value")
OPTIONAL = ("region_level", "region_name", "unit", "source_url")


class CsvReader:
    """Reads ``file`` (binary, opened for reading) lazily: ``rows()`` yields ``RawRow``s."""

    describe = staticmethod(describe_line)

    def __init__(self, file):
        self.file = file

    def rows(self):
        text = io.TextIOWrapper(self.file, encoding="utf-8-sig", newline="")
        try:
            yield from self._rows(text)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8” och försök igen.")
            ) from exc
        except csv.Error as exc:
            raise ImportFileError(
                _("Filen kan inte läsas som CSV: %(error)s.") % {"error": exc}
            ) from exc
        finally:
            # The wrapper would close the caller's file when it is collected.
            text.detach()

    def _rows(self, text):
        header_line = text.readline()
        if not header_line.strip():
            raise ImportFileError(_("Filen är tom eller saknar rubrikrad."))
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        header = [
            name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))
        ]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise ImportFileError(
                _("Rubrikraden saknar kolumnerna %(missing)s. Den ska ha %(required)s.")
                % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED)}
            )
        position = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
        code, year, sex, value = (position[name] for name in REQUIRED)
        level = position.get("region_level")
        unit = position.get("unit")
        source_url = position.get("source_url")
        width = len(header)
        reader = csv.reader(text, delimiter=delimiter)
        for fields in reader:
            # The header was line 1; csv counts the lines it read since.
            line = reader.line_num + 1
            if not fields or not any(field.strip() for field in fields):
                continue
            if len(fields) != width:
                problem = _("raden har %(found)d fält men rubrikraden %(expected)d") % {
                    "found": len(fields),
                    "expected": width,
                }
                yield RawRow(line, "", None, "", "", "", None, None, problem)
                continue
            yield RawRow(
                line,
                fields[code].strip(),
                fields[level].strip() or None if level is not None else None,
                fields[year].strip(),
                fields[sex].strip(),
                fields[value].strip(),
                fields[unit].strip() or None if unit is not None else None,
                fields[source_url].strip() or None if source_url is not None else None,
            )
