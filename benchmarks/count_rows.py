"""Counts the data rows of an exported file (a child process of
``benchmarks/export_publications.py``, so that loading a large JSON file never swells the
driver, whose size would show up in the next measured child's peak memory).

    python -m benchmarks.count_rows csv|copy-csv|json|xlsx FILE

Prints the number of rows, header not counted.
"""

import csv
import json
import sys


def count(kind, path):
    if kind in ("csv", "copy-csv"):
        delimiter = ";" if kind == "csv" else ","
        with open(path, encoding="utf-8-sig", newline="") as file:
            return sum(1 for _ in csv.reader(file, delimiter=delimiter)) - 1
    if kind == "json":
        with open(path, encoding="utf-8") as file:
            return len(json.load(file))
    if kind == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.max_row
        if rows is None:  # no dimension recorded in the file: count the rows themselves
            sheet.reset_dimensions()
            rows = sum(1 for _ in sheet.iter_rows(values_only=True))
        workbook.close()
        return rows - 1
    raise SystemExit(f"Unknown kind {kind!r}.")


if __name__ == "__main__":
    print(count(sys.argv[1], sys.argv[2]))
