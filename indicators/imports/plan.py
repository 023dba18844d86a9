"""Checking a file's rows and comparing them with what is stored: the plan of an import.

Every row is checked before anything is written: its region (by code, and level when given),
year, sex, value, unit and source, and that no two rows give the same region, year and sex.
The regions are read with one query into a dict. The rows are read as a stream and compared
with the stored values a chunk at a time (one query per ``CHUNK`` rows, never one per row);
the plan keeps counts, a short preview of the changes and, to find repeated rows, one small
integer per row, so memory hardly grows with the file. Writing reads the file a second time
(``apply.apply_plan``). Observations of the indicator that the file does not mention are left
alone.
"""

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from geography.models import Region, RegionLevel
from indicators.models import FIRST_YEAR, LAST_YEAR, Observation, Sex

from .formats import reader_for
from .rows import ImportFileError

MAX_ERRORS = 100
PREVIEW_CHANGES = 50
# Rows compared with the stored values, and written, at a time.
CHUNK = 2000
SEX_NUMBERS = {sex.value: number for number, sex in enumerate(Sex)}
# Observation.value has 20 digits, 6 of them decimals.
PLACES = Decimal("0.000001")
LARGEST = Decimal(10) ** 14
YEAR = re.compile(r"\d{4}")
SEXES = {sex.value: sex.value for sex in Sex}
LEVELS = set(RegionLevel.values)


class Errors:
    """The errors of a file, each a Swedish sentence naming its row; only the first
    ``limit`` are kept, the rest counted."""

    def __init__(self, limit=MAX_ERRORS):
        self.limit = limit
        self.messages = []
        self.count = 0
        # The rows read, errors or not.
        self.rows = 0

    def add(self, message):
        self.count += 1
        if len(self.messages) < self.limit:
            self.messages.append(message)

    @property
    def more(self):
        """How many errors were found beyond those kept."""
        return self.count - len(self.messages)


@dataclass
class Change:
    """A stored value the file changes, as the preview shows it."""

    region: str
    year: int
    sex: str
    old_value: Decimal
    new_value: Decimal
    old_source_url: str
    new_source_url: str


@dataclass
class ImportPlan:
    """What importing a file would do: how many values are new, changed and unchanged, the
    first changes for the preview, and the errors; nothing may be applied while
    ``errors.count`` is not 0."""

    indicator: object
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: Errors = field(default_factory=Errors)
    preview: list = field(default_factory=list)
    # The ImportBatch once the plan is written.
    batch: object = None

    @property
    def is_valid(self):
        return self.errors.count == 0

    def changes(self, limit=PREVIEW_CHANGES):
        """The first ``limit`` changed values with their region's name, old and new."""
        return self.preview[:limit]


@dataclass
class Chunk:
    """Some checked rows compared with what is stored: ``added`` holds ``(region_id, year,
    sex, value, source_url)``, ``changed`` ``(pk, region_id, year, sex, value, source_url,
    old_value, old_source_url)``."""

    added: list
    changed: list
    unchanged: int


def compare(indicator, rows):
    """The rows (``(region_id, year, sex, value, source_url)``) sorted into new, changed and
    unchanged, with one query for their stored values."""
    stored = {
        (region_id, year, sex): (pk, value, url)
        for pk, region_id, year, sex, value, url in Observation.objects.filter(
            indicator=indicator,
            region_id__in={row[0] for row in rows},
            year__in={row[1] for row in rows},
        ).values_list("pk", "region_id", "year", "sex", "value", "source_url")
    }
    chunk = Chunk([], [], 0)
    for region_id, year, sex, value, url in rows:
        old = stored.get((region_id, year, sex))
        if old is None:
            chunk.added.append((region_id, year, sex, value, url))
        elif old[1] != value or old[2] != url:
            chunk.changed.append((old[0], region_id, year, sex, value, url, old[1], old[2]))
        else:
            chunk.unchanged += 1
    return chunk


def _plain(value):
    """``141883.000000`` as ``141883``, ``12.500000`` as ``12.5``."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


class Regions:
    """Every region, read with one query: by key (``01``, ``0114``, ``SE11``, ``FA01``) and
    by level and official code."""

    def __init__(self):
        self.by_key, self.by_level, self.names = {}, {}, {}
        for pk, key, level, code, name in Region.objects.values_list(
            "pk", "key", "level", "code", "name"
        ):
            self.by_key[key] = (pk, level)
            self.by_level[level, code] = pk
            self.names[pk] = name

    def find(self, code, level):
        """The region's pk, or the Swedish reason there is none. A numeric code that lost its
        leading zero in a spreadsheet (``1``, ``114``) is read with it."""
        for candidate in _with_zero(code):
            if level is None:
                found = self.by_key.get(candidate)
                if found:
                    return found[0], None
            else:
                pk = self.by_level.get((level, candidate))
                if pk is None and candidate in self.by_key:
                    pk, found_level = self.by_key[candidate]
                    pk = pk if found_level == level else None
                if pk is not None:
                    return pk, None
        if level is not None and any(c in self.by_key for c in _with_zero(code)):
            return None, _("regionkoden %(code)s finns inte på nivån %(level)s") % {
                "code": code,
                "level": level,
            }
        return None, _("okänd regionkod %(code)s") % {"code": code}


def _with_zero(code):
    if code.isdigit() and len(code) in (1, 3):
        return (code, "0" + code)
    return (code,)


def parse_value(raw):
    """The value as a Decimal rounded to six decimals, or None when it is not a number. A
    decimal comma is read as a point."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        text = str(raw).strip()
        if "," in text:
            if "." in text:
                return None
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if not number.is_finite():
        return None
    try:
        return number.quantize(PLACES)
    except InvalidOperation:
        return number


def checked_rows(indicator, reader, errors, regions):
    """The rows of ``reader`` that pass every check, as ``(region_id, year, sex, value,
    source_url)``; the others go to ``errors``, each naming its row. Counts every row read in
    ``errors.rows``."""
    unit = indicator.unit.strip()
    valid_urls, url_validator = set(), URLValidator()
    # One integer per row read, to find a region, year and sex given twice.
    seen = {}
    describe = reader.describe
    try:
        for row in reader.rows():
            errors.rows += 1
            if row.problem:
                problems, region_id, year, sex, value = [row.problem], None, None, None, None
            else:
                problems, region_id, year, sex, value = _check(row, regions, unit)
            url = row.source_url or ""
            if url and url not in valid_urls:
                try:
                    if len(url) > 500:
                        raise ValidationError("too long")
                    url_validator(url)
                    valid_urls.add(url)
                except ValidationError:
                    problems.append(
                        _("källan %(url)s är inte en giltig webbadress") % {"url": url[:200]}
                    )
            if problems:
                where = describe(row.where)
                for problem in problems:
                    errors.add(f"{where}: {problem}.")
                continue
            key = (region_id << 16 | year) << 2 | SEX_NUMBERS[sex]
            first = seen.setdefault(key, row.where)
            if first != row.where:
                errors.add(
                    _("%(where)s: samma region, år och kön som %(first)s.")
                    % {"where": describe(row.where), "first": describe(first)}
                )
                continue
            yield region_id, year, sex, value, url
    except ImportFileError as exc:
        errors.add(str(exc))


def chunks(indicator, reader, errors, regions):
    """The checked rows compared with the stored values, ``CHUNK`` rows at a time; once an
    error is found, the rest is only checked."""
    rows = checked_rows(indicator, reader, errors, regions)
    while batch := list(itertools.islice(rows, CHUNK)):
        if not errors.count:
            yield compare(indicator, batch)


def make_plan(indicator, reader):
    """Reads every row of ``reader`` (``formats.reader_for``), checks it and compares it with
    the indicator's stored values."""
    plan = ImportPlan(indicator)
    regions = Regions()
    for chunk in chunks(indicator, reader, plan.errors, regions):
        plan.added += len(chunk.added)
        plan.changed += len(chunk.changed)
        plan.unchanged += chunk.unchanged
        for _pk, region_id, year, sex, new, url, old, old_url in chunk.changed:
            if len(plan.preview) >= PREVIEW_CHANGES:
                break
            plan.preview.append(
                Change(
                    regions.names[region_id],
                    year,
                    Sex(sex).label,
                    _plain(old),
                    _plain(new),
                    old_url,
                    url,
                )
            )
    plan.rows = plan.errors.rows
    if plan.errors.count:
        plan.added, plan.changed, plan.unchanged, plan.preview = 0, 0, 0, []
    return plan


def plan_file(indicator, file, file_format=None, contents=None):
    """The plan of importing ``file`` (binary, seekable) in ``file_format`` (detected from
    its first bytes when None) into ``indicator``."""
    try:
        reader = reader_for(file, file_format, contents)
    except ImportFileError as exc:
        plan = ImportPlan(indicator)
        plan.errors.add(str(exc))
        return plan
    return make_plan(indicator, reader)


def _check(row, regions, unit):
    """``(problems, region_id, year, sex, value)``: the row's problems as Swedish phrases,
    and its fields as stored when there are none."""
    problems = []
    code = str(row.region_code or "").strip()
    level = row.region_level.strip().lower() if row.region_level else None
    region_id = None
    if level is not None and level not in LEVELS:
        problems.append(
            _("okänd regionnivå %(level)s (ska vara riket, nuts2, lan, fa eller kommun)")
            % {"level": row.region_level}
        )
    elif not code:
        problems.append(_("regionkod saknas"))
    else:
        region_id, problem = regions.find(code, level)
        if problem:
            problems.append(problem)
    year = str(row.year).strip() if row.year is not None else ""
    if YEAR.fullmatch(year) and FIRST_YEAR <= int(year) <= LAST_YEAR:
        year = int(year)
    else:
        problems.append(
            _("året %(year)s är inte ett heltal mellan %(first)d och %(last)d")
            % {"year": year or "–", "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    sex = SEXES.get(str(row.sex).strip().lower())
    if sex is None:
        problems.append(
            _("okänt kön %(sex)s (ska vara kvinnor, män eller totalt)") % {"sex": row.sex or "–"}
        )
    value = parse_value(row.value)
    if value is None:
        shown = str(row.value).strip() if row.value is not None else ""
        problems.append(
            _("värdet %(value)s är inte ett tal (ta bort raden om värdet saknas)")
            % {"value": f"”{shown}”"}
        )
    elif abs(value) >= LARGEST:
        problems.append(_("värdet %(value)s är för stort") % {"value": row.value})
    if row.unit and row.unit.strip().casefold() != unit.casefold():
        problems.append(
            _("enheten %(unit)s stämmer inte med indikatorns enhet %(expected)s")
            % {"unit": row.unit, "expected": unit}
        )
    return problems, region_id, year, sex, value
