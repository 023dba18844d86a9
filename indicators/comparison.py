"""What an indicator page compares: the values of some regions and years for women, men and
in total, with the gap between women and men. Only published values are used; a missing value
stays missing and is never derived from the others (not even women as total minus men)."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.formats import number_format

from geography.models import Region

from .models import Observation, Sex


def format_value(value, decimals):
    """``1 539`` or ``12,5``: Swedish digit grouping and decimal comma, or None when the value
    is missing."""
    if value is None:
        return None
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@dataclass
class Cell:
    """The three values of one region and year; None where SCB published nothing."""

    region: Region
    year: int
    women: Decimal | None = None
    men: Decimal | None = None
    total: Decimal | None = None
    decimals: int = 0

    @property
    def gap(self):
        """Men minus women, when both are published."""
        if self.women is None or self.men is None:
            return None
        return self.men - self.women

    @property
    def gap_size(self):
        gap = self.gap
        return abs(gap) if gap is not None else None

    @property
    def higher(self):
        """ "women", "men", "equal" or None: who has the higher value."""
        gap = self.gap
        if gap is None:
            return None
        return "men" if gap > 0 else "women" if gap < 0 else "equal"

    @cached_property
    def printed(self):
        """The cell's values as the page prints them, formatted once."""
        return {
            name: format_value(getattr(self, name), self.decimals)
            for name in ("women", "men", "total", "gap_size")
        }

    @property
    def women_share_of_men(self):
        """Women's value as a whole percentage of men's, when both are published and men's is
        not zero."""
        if self.women is None or not self.men:
            return None
        return round(self.women * 100 / self.men)

    @property
    def is_empty(self):
        return self.women is None and self.men is None and self.total is None


@dataclass
class Comparison:
    """The chosen regions × years of an indicator. ``cells`` are in the regions' order, then
    by year; ``series`` holds the same cells region by region."""

    indicator: object
    regions: list
    years: list
    cells: list = field(default_factory=list)

    @classmethod
    def build(cls, indicator, regions, years):
        """One query, whatever the number of regions and years."""
        values = {}
        rows = Observation.objects.filter(
            indicator=indicator, region__in=regions, year__in=years
        ).values_list("region_id", "year", "sex", "value")
        for region_id, year, sex, value in rows:
            values[region_id, year, sex] = value
        comparison = cls(indicator, list(regions), sorted(years))
        for region in comparison.regions:
            for year in comparison.years:
                comparison.cells.append(
                    Cell(
                        region,
                        year,
                        women=values.get((region.pk, year, Sex.WOMEN)),
                        men=values.get((region.pk, year, Sex.MEN)),
                        total=values.get((region.pk, year, Sex.TOTAL)),
                        decimals=indicator.decimals,
                    )
                )
        return comparison

    def latest_cells(self):
        """Each region's cell of the latest year: the gap stated in words."""
        return [cells[-1] for _, cells in self.series]

    @property
    def series(self):
        """``[(region, [cell per year]), …]``."""
        count = len(self.years)
        return [
            (region, self.cells[index * count : (index + 1) * count])
            for index, region in enumerate(self.regions)
        ]

    @property
    def latest_year(self):
        return self.years[-1] if self.years else None

    def missing(self):
        """The region and year pairs with no value at all, and those with only some of
        women, men and total, for the page to say so."""
        return [cell for cell in self.cells if cell.women is None or cell.men is None]

    def has_values(self):
        return any(not cell.is_empty for cell in self.cells)

    def largest(self):
        """The largest value of women and men shown, for the charts' scale."""
        values = [
            value for cell in self.cells for value in (cell.women, cell.men) if value is not None
        ]
        return max(values, default=None)


def latest_cells(indicators, region):
    """``[(indicator, cell or None), …]``: each indicator's latest year
    with a value for ``region``, for a page that shows what a programme aims at. One query
    for all indicators."""
    latest = {}
    decimals = {indicator.pk: indicator.decimals for indicator in indicators}
    rows = (
        Observation.objects.filter(indicator__in=indicators, region=region)
        .order_by("indicator_id", "-year")
        .values_list("indicator_id", "year", "sex", "value")
    )
    for indicator_id, year, sex, value in rows:
        cell = latest.setdefault(indicator_id, Cell(region, year, decimals=decimals[indicator_id]))
        if cell.year == year:
            setattr(cell, {Sex.WOMEN: "women", Sex.MEN: "men", Sex.TOTAL: "total"}[sex], value)
    result = []
    for indicator in indicators:
        cell = latest.get(indicator.pk)
        result.append((indicator, cell))
    return result
