"""Export the publication list as CSV, XLSX or JSON, with the public list's filters.

    manage.py export_publications --format xlsx --organisation tillvaxtverket \\
        --year-from 2016 --year-to 2018 --output publikationer.xlsx
    manage.py export_publications --format csv > publikationer.csv

Published publications only, with the public columns, unless --include-unpublished is given
(drafts, scheduled and unpublished items too, with their state and last change). Links point
at DJANGO_SITE_URL (or --base-url). A progress bar goes to stderr when it is a terminal. Bad
input (an unknown organisation or type, a malformed year) stops the command with exit code 2
and a message, before anything is written.
"""

import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations.models import Organisation
from publications import exports
from publications.choices import PublicationKind
from publications.filters import NEWEST_FIRST, YEAR_MAX, YEAR_MIN, PublicationFilter
from publications.models import Publication

BAD_INPUT = 2
# option name -> the public list's query parameter
FILTER_OPTIONS = {
    "organisation": "organisation",
    "type": "type",
    "year_from": "year_from",
    "year_to": "year_to",
    "programme": "programme",
    "focus_area": "focus_area",
    "tag": "tag",
    "search": "q",
}


def bad_input(message):
    return CommandError(message, returncode=BAD_INPUT)


def _is_year(value):
    if not value.strip().isascii():
        return False  # "²" is a digit to str.isdigit(), not to int()
    try:
        return YEAR_MIN <= int(value) <= YEAR_MAX
    except ValueError:
        return False


class Progress:
    """``Exporting [#####-----] 45000/100000 (45%)`` on one line of a terminal (a command's
    ``OutputWrapper``), redrawn every 1 %."""

    def __init__(self, stream, total, width=30):
        self.stream = stream
        self.total = total
        self.width = width
        self.step = max(1, total // 100)

    def wrap(self, rows):
        done = 0
        self.draw(done)
        for row in rows:
            yield row
            done += 1
            if done % self.step == 0 or done == self.total:
                self.draw(done)
        self.stream.write("", ending="\n")
        self.stream.flush()

    def draw(self, done):
        fraction = done / self.total if self.total else 1
        filled = int(self.width * fraction)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\rExporting [{bar}] {done}/{self.total} ({fraction:.0%})", ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Export publications as CSV, XLSX or JSON with the public list's filters "
        "(published publications only unless --include-unpublished)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=exports.Format.ALL)
        parser.add_argument(
            "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )
        parser.add_argument("--organisation", metavar="SLUG", help="Publishing organisation.")
        parser.add_argument(
            "--type",
            help="Publication type: "
            + ", ".join(f"{value} ({label})" for value, label in PublicationKind.choices),
        )
        parser.add_argument("--year-from", metavar="YEAR", help="Published in or after YEAR.")
        parser.add_argument("--year-to", metavar="YEAR", help="Published in or before YEAR.")
        parser.add_argument("--programme", metavar="SLUG")
        parser.add_argument("--focus-area", metavar="SLUG")
        parser.add_argument("--tag", metavar="SLUG")
        parser.add_argument("--search", metavar="TEXT", help="Words in title or summary.")
        parser.add_argument(
            "--include-unpublished",
            action="store_true",
            help="Include drafts and unpublished items, with their state and last change.",
        )
        parser.add_argument(
            "--base-url",
            help="Address the links in the file start with (default: DJANGO_SITE_URL).",
        )

    def handle(self, *args, **options):
        file_format = options["format"]
        staff = options["include_unpublished"]
        queryset = self.filtered(options, staff)
        columns = exports.columns_for(staff)
        base_url = options["base_url"] or exports.site_url()

        output = options["output"]
        binary_stdout = None
        if output is None and file_format == exports.Format.XLSX:
            # The stream given to call_command(stdout=…), or the process's standard output.
            binary_stdout = getattr(options.get("stdout") or sys.stdout, "buffer", None)
            if binary_stdout is None or self.stdout.isatty():
                raise bad_input("XLSX is not written to a terminal: give --output FILE.")

        rows = exports.rows(queryset, columns, base_url, public=not staff)
        if self.stderr.isatty():
            self.stderr.style_func = None  # a progress bar, not an error: no red
            rows = Progress(self.stderr, queryset.count()).wrap(rows)

        if output is None:
            self.write_stdout(file_format, columns, rows, binary_stdout)
        else:
            self.write_file(Path(output), file_format, columns, rows)

    def filtered(self, options, staff):
        """The queryset the options select, checked the way the public list checks its query
        string; wrong values stop the command with exit code 2."""
        slug = options["organisation"]
        if slug and not Organisation.objects.filter(slug=slug).exists():
            raise bad_input(f"--organisation: no organisation with the slug {slug!r}.")
        kind = options["type"]
        if kind:
            labels = {str(label).casefold(): value for value, label in PublicationKind.choices}
            kind = labels.get(kind.casefold(), kind)
            if kind not in PublicationKind.values:
                raise bad_input(
                    f"--type: unknown publication type {options['type']!r}; use one of "
                    + ", ".join(PublicationKind.values)
                    + "."
                )
            options["type"] = kind
        for name in ("year_from", "year_to"):
            value = options[name]
            if value is not None and not _is_year(value):
                option = "--" + name.replace("_", "-")
                raise bad_input(
                    f"{option}: {value!r} is not a year; give a year from {YEAR_MIN} to "
                    f"{YEAR_MAX}, such as 2018."
                )

        data = {
            parameter: options[name]
            for name, parameter in FILTER_OPTIONS.items()
            if options[name] not in (None, "")
        }
        base = Publication.objects.all() if staff else Publication.objects.published()
        filterset = PublicationFilter(data, queryset=base.order_by(*NEWEST_FIRST))
        if not filterset.is_valid():
            # Left to the filter: slugs of programmes, focus areas and tags visitors can see.
            options_by_parameter = {v: k for k, v in FILTER_OPTIONS.items()}
            messages = []
            for parameter, errors in filterset.errors.items():
                name = options_by_parameter.get(parameter, parameter)
                option = "--" + name.replace("_", "-")
                if name in ("programme", "focus_area", "tag"):
                    thing = name.replace("_", " ")
                    messages.append(f"{option}: no public {thing} with the slug {options[name]!r}.")
                else:
                    messages.extend(f"{option}: {error}" for error in errors)
            raise bad_input(" ".join(messages))
        return filterset.qs

    def write_stdout(self, file_format, columns, rows, binary_stdout):
        if file_format == exports.Format.XLSX:
            with tempfile.TemporaryFile() as workbook:
                exports.write_xlsx(columns, rows, workbook)
                workbook.seek(0)
                while block := workbook.read(1 << 16):
                    binary_stdout.write(block)
            binary_stdout.flush()
            return
        writer = exports.csv_chunks if file_format == exports.Format.CSV else exports.json_chunks
        for chunk in writer(columns, rows):
            self.stdout.write(chunk, ending="")
        self.stdout.flush()

    def write_file(self, path, file_format, columns, rows):
        """Writes next to ``path`` and renames, so a failed export leaves no half file."""
        directory = path.parent
        if not directory.is_dir():
            raise bad_input(f"--output: the folder {str(directory)!r} does not exist.")
        if path.is_dir():
            raise bad_input(f"--output: {str(path)!r} is a folder; give a file name.")
        try:
            handle, temporary = tempfile.mkstemp(
                dir=directory, prefix=f".{path.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise bad_input(f"--output: cannot write in {str(directory)!r}: {error}.") from error
        try:
            if file_format == exports.Format.XLSX:
                with os.fdopen(handle, "wb") as target:
                    exports.write_xlsx(columns, rows, target)
            else:
                writer = (
                    exports.csv_chunks if file_format == exports.Format.CSV else exports.json_chunks
                )
                with os.fdopen(handle, "w", encoding="utf-8", newline="") as target:
                    for chunk in writer(columns, rows):
                        target.write(chunk)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(f"Wrote {path}.")
