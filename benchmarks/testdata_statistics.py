"""A generated indicator for the load benchmark, clearly marked as test data: the 21 counties
over ten years for women, men and in total, with made-up values that are nothing like real
figures. Run by ``benchmarks/generate_data.py`` after the rest of the data set (a child
process with the benchmark database's settings); the regions come from ``load_regions``.

    DATABASE_URL=… python -m benchmarks.testdata_statistics [--seed N]
"""

import argparse
import json
import os
import random
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
django.setup()

from django.db import transaction  # noqa: E402

from benchmarks.testdata import PREFIX, SLUG_PREFIX  # noqa: E402
from geography.models import Region, RegionLevel  # noqa: E402
from geography.regions import load_regions  # noqa: E402
from indicators.models import Indicator, Observation, Sex  # noqa: E402
from publishing.choices import PublishState  # noqa: E402

SLUG = SLUG_PREFIX + "indikator"
YEARS = range(2012, 2022)


@transaction.atomic
def generate(seed):
    load_regions()
    Indicator.objects.filter(slug=SLUG).delete()
    indicator = Indicator.objects.create(
        slug=SLUG,
        name=PREFIX + "indikator per län",
        group=PREFIX + "genererade indikatorer",
        unit="antal",
        description=PREFIX + "påhittade värden för lasttester, inte verklig statistik.",
        source=PREFIX + "genererad",
        publish_state=PublishState.PUBLISHED,
    )
    rng = random.Random(seed)
    rows = []
    for region in Region.objects.filter(level=RegionLevel.COUNTY):
        for year in YEARS:
            women, men = rng.randint(1_000, 90_000), rng.randint(1_000, 90_000)
            for sex, value in ((Sex.WOMEN, women), (Sex.MEN, men), (Sex.TOTAL, women + men)):
                rows.append(
                    Observation(
                        indicator=indicator, region=region, year=year, sex=sex, value=Decimal(value)
                    )
                )
    Observation.objects.bulk_create(rows)
    return {"indicator": SLUG, "observations": len(rows)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2016)
    print(json.dumps(generate(parser.parse_args().seed)))


if __name__ == "__main__":
    main()
