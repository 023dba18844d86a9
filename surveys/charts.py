"""The numbers of a survey's bar charts; templates/surveys/includes/bar_chart.html draws each
bar as SVG. The labels and values are text in the page beside the bars, so they wrap on a
narrow screen and are read in order; the bars only show the sizes."""

from dataclasses import dataclass

from .choices import FigureUnit
from .models import format_value

# A bar's length in the units of its SVG's viewBox (0 0 100 …).
FULL = 100


@dataclass
class Bar:
    label: str
    value_text: str
    length: float


def bar_chart(figure_rows, unit):
    """The bars of the figures of ``unit`` that have a value: per cent against 100, counts
    against the largest. An empty list when there is none."""
    rows = [row for row in figure_rows if row.unit == unit and row.value is not None]
    if not rows:
        return []
    top = 100 if unit == FigureUnit.PERCENT else max(float(row.value) for row in rows) or 1
    bars = []
    for row in rows:
        if row.computed is not None:
            text = format_value(row.computed, unit)
        else:
            text = row.published.value_text
        length = min(max(float(row.value) / top * FULL, 0.0), FULL)
        bars.append(Bar(label=row.label, value_text=text, length=round(length, 1)))
    return bars
