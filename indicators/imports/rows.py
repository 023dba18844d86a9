"""What both file formats read: raw rows, not yet checked, each with where it came from.

A reader yields ``RawRow`` tuples whose ``where`` is a compact position (a CSV line number, a
JSON-stat cell's index) and has a ``describe(where)`` that turns it into the words an editor
reads in an error ("Rad 14", "Region=0114, Kon=2, Tid=2020"). Nothing here looks at the
database: checking the rows against the regions and the stored values is ``plan.py``'s work.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _


class RawRow(NamedTuple):
    """One observation as written in the file: every field a string (or a number from JSON),
    ``None`` where the file has no such column."""

    where: int
    region_code: str
    region_level: str | None
    year: object
    sex: str
    value: object
    unit: str | None
    source_url: str | None
    # Set when the reader could not split the row into fields; the plan reports it as is.
    problem: str | None = None


class ImportFileError(Exception):
    """The file as a whole cannot be read: not UTF-8, not JSON, a required column missing, a
    dimension that cannot be mapped. The message is Swedish and meant for the editor."""


def describe_line(where):
    return _("Rad %(line)d") % {"line": where}
