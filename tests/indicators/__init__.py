"""The indicators app's tests, and what they share: the few statistical regions an import
file names (created directly, without ``load_regions``), an indicator, and files."""

import io

from geography.models import Region, RegionLevel
from indicators.models import Indicator

REGIONS = [
    (RegionLevel.COUNTRY, "00", "00", "Riket"),
    (RegionLevel.NUTS2, "SE11", "SE11", "Stockholm"),
    (RegionLevel.COUNTY, "01", "01", "Stockholms län"),
    (RegionLevel.COUNTY, "04", "04", "Södermanlands län"),
    (RegionLevel.MUNICIPALITY, "0114", "0114", "Upplands Väsby"),
    (RegionLevel.MUNICIPALITY, "0480", "0480", "Nyköping"),
    (RegionLevel.FA, "01", "FA01", "Stockholm (FA)"),
]


def make_regions():
    return {
        key: Region.objects.create(
            level=level, code=code, key=key, name=name, rank=RegionLevel.rank(level)
        )
        for level, code, key, name in REGIONS
    }


def make_indicator(**fields):
    defaults = {
        "name": "Folkmängd",
        "slug": "folkmangd",
        "unit": "antal personer",
        "description": "Folkmängden den 31 december.",
        "source": "SCB",
    }
    return Indicator.objects.create(**{**defaults, **fields})


def csv_file(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))
