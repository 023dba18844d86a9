"""The numbers, coordinates and paths of the charts and maps; the templates in
templates/indicators/includes/ write them as SVG.

Every chart is drawn in its own coordinate system (``WIDTH`` units wide) and scaled by the
browser to the width of the page, down to 320 px. Women and men are told apart by text next to
every value and by pattern (solid and hatched bars, solid and dashed lines, round and square
points), never by colour alone.
"""

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .comparison import format_value

WIDTH = 360
BAR_LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 14
# Room to the right of the longest bar for its value ("Kvinnor 1 539 000").
VALUE_ROOM = 128
LINE_HEIGHT = 190
LINE_LEFT = 64
LINE_RIGHT = 22
LINE_TOP = 14
LINE_BOTTOM = 34
MAP_CLASSES = 5


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value``: the top of an axis."""
    if value <= 0:
        return Decimal(1)
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = Decimal(str(step)) * Decimal(10) ** exponent
        if top >= value:
            return top
    return Decimal(10) ** (exponent + 1)


@dataclass
class Bar:
    label: str
    value_text: str | None
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    sex: str


@dataclass
class BarGroup:
    label: str
    label_y: float
    bars: list


@dataclass
class BarChart:
    """Horizontal bars, women and men for each region, for one year."""

    year: int
    groups: list
    height: float
    width: int = WIDTH
    zero_x: float = 0


def bar_chart(comparison):
    """The bars of the latest year of ``comparison``; bars start at zero."""
    year = comparison.latest_year
    largest = comparison.largest() or Decimal(1)
    scale = (WIDTH - VALUE_ROOM) / float(largest)
    groups, y = [], 0.0
    for region, cells in comparison.series:
        cell = cells[-1]
        label_y = y + BAR_LABEL_HEIGHT - 5
        y += BAR_LABEL_HEIGHT
        bars = []
        for sex, label, value in (("women", "Kvinnor", cell.women), ("men", "Män", cell.men)):
            length = float(value) * scale if value is not None else 0.0
            text = cell.printed[sex]
            bars.append(
                Bar(
                    label=label,
                    value_text=text,
                    x=0,
                    y=round(y, 1),
                    width=round(max(length, 0.0), 1),
                    height=BAR_HEIGHT,
                    text_x=round(length + 4, 1),
                    text_y=round(y + BAR_HEIGHT - 3, 1),
                    sex=sex,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        groups.append(BarGroup(label=region.name, label_y=round(label_y, 1), bars=bars))
        y += GROUP_GAP
    return BarChart(year=year, groups=groups, height=round(y, 1))


@dataclass
class Point:
    x: float
    y: float


@dataclass
class YearColumn:
    """A year's place on a line chart: what is said of it, and the band that takes the
    pointer and keyboard focus to show it."""

    year: int
    x: float
    band_x: float
    band_width: float
    label: str
    show_tick: bool


@dataclass
class LineChart:
    """Women and men over the years in one region. The points are the lines' markers
    (round for women, square for men), drawn by the browser at every vertex."""

    region: object
    lines: dict
    columns: list
    ticks: list
    grid: str
    width: int = WIDTH
    height: int = LINE_HEIGHT
    plot_top: int = LINE_TOP
    plot_bottom: int = LINE_HEIGHT - LINE_BOTTOM
    plot_left: int = LINE_LEFT
    plot_right: int = WIDTH - LINE_RIGHT
    label_y: int = LINE_HEIGHT - LINE_BOTTOM + 16
    tick_x: int = LINE_LEFT - 6

    @property
    def band_height(self):
        return self.plot_bottom - self.plot_top


def _path(points):
    """Path data through ``points``; None splits the line where a value is missing."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point.x:g} {point.y:g}")
        pen_down = True
    return "".join(parts)


def line_charts(comparison):
    """One small chart per region, all on the same scale, for comparisons over years."""
    top_value = nice_ceiling(comparison.largest() or Decimal(1))
    plot_height = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    plot_width = WIDTH - LINE_LEFT - LINE_RIGHT
    years = comparison.years
    step = plot_width / max(len(years) - 1, 1)
    label_every = max(1, math.ceil(len(years) / 6))

    def x_of(index):
        return round(LINE_LEFT + (index * step if len(years) > 1 else plot_width / 2), 1)

    def y_of(value):
        return round(LINE_TOP + plot_height * (1 - float(value) / float(top_value)), 1)

    ticks = [
        {"y": y_of(top_value * fraction), "label": format_value(top_value * fraction, 0)}
        for fraction in (Decimal(0), Decimal("0.5"), Decimal(1))
    ]
    grid = "".join(f"M{LINE_LEFT} {tick['y']:g}H{WIDTH - LINE_RIGHT}" for tick in ticks)
    charts = []
    for region, cells in comparison.series:
        points = {"women": [], "men": []}
        columns = []
        for index, cell in enumerate(cells):
            for sex, value in (("women", cell.women), ("men", cell.men)):
                points[sex].append(Point(x_of(index), y_of(value)) if value is not None else None)
            columns.append(
                YearColumn(
                    year=cell.year,
                    x=x_of(index),
                    band_x=round(x_of(index) - step / 2, 1) if len(years) > 1 else LINE_LEFT,
                    band_width=round(step, 1) if len(years) > 1 else plot_width,
                    label=year_label(cell),
                    show_tick=index % label_every == 0 or index == len(years) - 1,
                )
            )
        charts.append(
            LineChart(
                region=region,
                lines={sex: _path(pts) for sex, pts in points.items()},
                columns=columns,
                ticks=ticks,
                grid=grid,
            )
        )
    return charts


def year_label(cell):
    """``2018: kvinnor 1 539, män 2 516``, with "uppgift saknas" for a missing value."""
    women = cell.printed["women"] or "uppgift saknas"
    men = cell.printed["men"] or "uppgift saknas"
    return f"{cell.year}: kvinnor {women}, män {men}"


# --- Maps ----------------------------------------------------------------------------------

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


SUBPATH = re.compile(r"M([^Ml]+)(?:l([^Z]*))?Z?")


def bounds(outlines):
    """``(x, y, width, height)`` around the regions' outlines: SVG path data of subpaths
    ``M x y l dx dy …Z`` (geography.regions.svg_path), or of absolute points only."""
    xs, ys = [], []
    for outline in outlines:
        for start, steps in SUBPATH.findall(outline):
            numbers = [float(n) for n in NUMBER.findall(start)]
            x, y = numbers[0], numbers[1]
            points = [(x, y), *zip(numbers[2::2], numbers[3::2], strict=True)]
            for dx, dy in zip(*[iter(float(n) for n in NUMBER.findall(steps))] * 2, strict=True):
                x, y = x + dx, y + dy
                points.append((x, y))
            xs.extend(point[0] for point in points)
            ys.extend(point[1] for point in points)
    if not xs:
        return (0, 0, 1, 1)
    margin = 4
    return (
        math.floor(min(xs)) - margin,
        math.floor(min(ys)) - margin,
        math.ceil(max(xs) - min(xs)) + 2 * margin,
        math.ceil(max(ys) - min(ys)) + 2 * margin,
    )


@dataclass
class MapArea:
    region: object
    outline: str
    value_text: str | None
    css_class: str


@dataclass
class MapLegendEntry:
    css_class: str
    label: str


@dataclass
class Choropleth:
    year: int
    sex_label: str
    areas: list
    legend: list
    viewbox: tuple
    missing: list = field(default_factory=list)


def classes(values, count=MAP_CLASSES):
    """Upper bounds of up to ``count`` classes with about as many values in each."""
    ordered = sorted(set(values))
    if not ordered:
        return []
    count = min(count, len(ordered))
    return [ordered[math.ceil(len(ordered) * (n + 1) / count) - 1] for n in range(count)]


def choropleth(indicator, regions, values, year, sex_label):
    """A map of ``regions`` shaded by ``values`` (``{region id: value}``): darker is more, in
    classes of about as many regions each, labelled with the lowest and highest value in them.
    Regions without a value are hatched and listed as missing."""
    present = [values[region.pk] for region in regions if region.pk in values]
    upper_bounds = classes(present)

    def class_of(value):
        return next(i for i, upper in enumerate(upper_bounds, start=1) if value <= upper)

    legend = []
    for index in range(1, len(upper_bounds) + 1):
        members = [value for value in present if class_of(value) == index]
        low, high = (format_value(v, indicator.decimals) for v in (min(members), max(members)))
        label = high if low == high else f"{low}–{high}"
        legend.append(MapLegendEntry(css_class=f"map-class-{index}", label=label))
    areas, missing = [], []
    for region in regions:
        value = values.get(region.pk)
        if value is None:
            css_class = "map-missing"
            missing.append(region)
        else:
            css_class = f"map-class-{class_of(value)}"
        areas.append(
            MapArea(
                region=region,
                outline=region.outline,
                value_text=format_value(value, indicator.decimals),
                css_class=css_class,
            )
        )
    if missing:
        legend.append(MapLegendEntry(css_class="map-missing", label="Uppgift saknas"))
    return Choropleth(
        year=year,
        sex_label=sex_label,
        areas=areas,
        legend=legend,
        viewbox=bounds(region.outline for region in regions),
        missing=missing,
    )


@dataclass
class PlacesMap:
    """The outlines of the counties, with some places (a programme's municipalities) drawn
    on top of them."""

    background: list
    places: list
    viewbox: tuple


def places_map(counties, places):
    """A map of Sweden's ``counties`` with ``places`` (regions with outlines) marked."""
    return PlacesMap(
        background=[county.outline for county in counties],
        places=places,
        viewbox=bounds(county.outline for county in counties),
    )
