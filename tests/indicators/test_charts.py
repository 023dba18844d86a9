"""The geometry of the charts and maps: bars start at zero and are as long as their values,
lines break where a value is missing, maps shade by class and hatch the missing."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators import charts
from indicators.comparison import Cell, Comparison


def vertices(path):
    """The points of path data made of M and L commands."""
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", path)]


def region(name, pk, outline="M0 0 10 0 10 10Z"):
    return SimpleNamespace(name=name, pk=pk, key=str(pk), outline=outline)


def comparison(cells_by_region, years):
    indicator = SimpleNamespace(name="Sysselsatta", unit="antal", decimals=0)
    regions = [region(name, pk) for pk, name in enumerate(cells_by_region, start=1)]
    result = Comparison(indicator, regions, years)
    for place, name in zip(regions, cells_by_region, strict=True):
        for year, (women, men) in zip(years, cells_by_region[name], strict=True):
            result.cells.append(
                Cell(
                    place,
                    year,
                    women=None if women is None else Decimal(women),
                    men=None if men is None else Decimal(men),
                )
            )
    return result


@pytest.mark.parametrize(
    ("value", "top"),
    [
        (Decimal(7), 10),
        (Decimal(2516), 5000),
        (Decimal(2400), 2500),
        (Decimal(100), 100),
        (Decimal("0.3"), Decimal("0.5")),
    ],
)
def test_an_axis_ends_at_a_round_number_at_or_above_the_largest_value(value, top):
    assert charts.nice_ceiling(value) == top
    assert charts.nice_ceiling(value) >= value


def test_bars_start_at_zero_and_are_proportional_to_their_values():
    chart = charts.bar_chart(comparison({"A": [(1000, 2000)], "B": [(500, None)]}, [2020]))
    (women_a, men_a), (women_b, men_b) = (group.bars for group in chart.groups)
    assert {bar.x for bar in (women_a, men_a, women_b)} == {0}
    assert men_a.width == pytest.approx(2 * women_a.width)
    assert women_b.width == pytest.approx(women_a.width / 2)
    # A missing value has no bar, and says so instead of showing a zero.
    assert men_b.value_text is None and men_b.width == 0
    assert [group.label for group in chart.groups] == ["A", "B"]
    assert chart.height > men_b.y


def test_a_line_breaks_where_a_value_is_missing():
    (chart,) = charts.line_charts(
        comparison({"A": [(10, 20), (None, 21), (12, 22)]}, [2019, 2020, 2021])
    )
    assert chart.lines["women"].count("M") == 2
    assert chart.lines["men"].count("M") == 1 and chart.lines["men"].count("L") == 2
    assert [column.label for column in chart.columns] == [
        "2019: kvinnor 10, män 20",
        "2020: kvinnor uppgift saknas, män 21",
        "2021: kvinnor 12, män 22",
    ]
    assert len(vertices(chart.lines["women"])) == 2


def test_higher_values_are_drawn_higher_on_a_common_scale():
    first, second = charts.line_charts(comparison({"A": [(10, 40)], "B": [(20, 80)]}, [2020]))
    (women_first,) = vertices(first.lines["women"])
    (men_first,) = vertices(first.lines["men"])
    (men_second,) = vertices(second.lines["men"])
    # y grows downwards in SVG.
    assert men_first[1] < women_first[1]
    assert men_second[1] < men_first[1]


def test_map_classes_hold_about_as_many_regions_each():
    assert charts.classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    assert charts.classes([5, 5, 7]) == [5, 7]
    assert charts.classes([]) == []


def test_a_map_shades_by_class_and_hatches_regions_without_a_value():
    indicator = SimpleNamespace(decimals=0)
    places = [region(f"R{n}", n, f"M{n} 0 {n + 5} 0 {n} 5Z") for n in range(1, 5)]
    values = {1: Decimal(100), 2: Decimal(200), 3: Decimal(300)}
    result = charts.choropleth(indicator, places, values, 2020, "Totalt")
    assert [area.css_class for area in result.areas] == [
        "map-class-1",
        "map-class-2",
        "map-class-3",
        "map-missing",
    ]
    assert [entry.label for entry in result.legend] == ["100", "200", "300", "Uppgift saknas"]
    assert result.missing == [places[3]]
    assert result.viewbox == (-3, -4, 16, 13)
