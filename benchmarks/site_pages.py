"""The Django side of ``benchmarks/site_load.py`` (a child process; the driver does not import
Django). Two commands, each printing JSON:

``pick``
    Chooses the pages to measure from the test data set (benchmarks/generate_data.py) with the
    site's own querysets, and the text each must contain; counts the data set; with
    ``--retire-cache``, retires every cached page (``pagecache.keys.content_changed``),
    so a run starts from a cold page cache even after the data set was regenerated without
    signals.

``queries URL …``
    Where an uncached page's time goes, as Markdown: each address through Django's test client
    (run it with ``DJANGO_PAGE_CACHE_SECONDS=0``), with the number of SQL queries, their total
    time, the slowest ones and, with ``--explain N``, ``EXPLAIN (ANALYZE, BUFFERS)`` of the N
    slowest; with ``--profile N``, the N functions with the most own time over five more
    requests (cProfile); with ``--phases``, the time of each part of the view over twenty
    more requests (``Phases``); with ``--sql-script FILE`` (one address), every statement of
    the measured request written to FILE for pgbench. A warm-up request first.

    DATABASE_URL=… DJANGO_STATIC_ROOT=… python -m benchmarks.site_pages pick
"""

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import sys
import time
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.testdata import PREFIX, counts  # noqa: E402
from benchmarks.testdata_statistics import SLUG as INDICATOR_SLUG  # noqa: E402
from geography.models import Region, RegionLevel  # noqa: E402
from indicators.models import Indicator  # noqa: E402
from organisations.models import Organisation  # noqa: E402
from programmes.choices import FocusAreaSetKind  # noqa: E402
from programmes.models import FocusArea, Programme  # noqa: E402
from publications.models import Publication  # noqa: E402
from publishing.choices import PublishState  # noqa: E402
from search.query import run_search  # noqa: E402

PROGRAMME_YEAR = 2018
PUBLICATION_YEARS = (2016, 2020)
SEARCH_WORD = "besöksnäring"


def published_q(prefix, now):
    return Q(
        **{f"{prefix}publish_state": PublishState.PUBLISHED, f"{prefix}publish_from__lte": now}
    )


def programme_list(now):
    """The strategy focus area with the most programmes running in PROGRAMME_YEAR."""
    active = Programme.objects.published(now).active_in(PROGRAMME_YEAR)
    areas = FocusArea.objects.visible().filter(focus_area_set__kind=FocusAreaSetKind.STRATEGY)
    area = max(areas.order_by("pk"), key=lambda a: active.filter(focus_areas=a).count())
    matches = active.filter(focus_areas=area)
    first = matches.order_by(*Programme._meta.ordering).first()
    query = urlencode({"focus_area": area.slug, "year": PROGRAMME_YEAR})
    return {
        "name": "programme list filtered",
        "kind": "list",
        "url": f"{reverse('programmes:programme_list')}?{query}",
        "expect": first.title,
        "note": f"{matches.count()} of {Programme.objects.published(now).count()} published "
        f"programmes (focus area and year)",
    }


def programme_detail(now):
    """A top-level programme with the median number of published publications."""
    programmes = (
        Programme.objects.published(now)
        .top_level()
        .filter(title__startswith=PREFIX)
        .annotate(shown=Count("publications", filter=published_q("publications__", now)))
        .order_by("shown", "pk")
    )
    programme = programmes[programmes.count() // 2]
    return {
        "name": "programme detail",
        "kind": "detail",
        "url": programme.get_absolute_url(),
        "expect": programme.title,
        "note": f"{programme.shown} publications, {programme.goals.count()} goals",
    }


def publication_list(now):
    """Publications of a large publisher (the tenth percentile by number) over five years."""
    first, last = PUBLICATION_YEARS
    in_years = published_q("publications__", now) & Q(
        publications__year__gte=first, publications__year__lte=last
    )
    organisations = list(
        Organisation.objects.annotate(shown=Count("publications", filter=in_years))
        .filter(shown__gt=0)
        .order_by("-shown", "pk")
    )
    organisation = organisations[len(organisations) // 10]
    matches = (
        Publication.objects.published(now)
        .filter(organisations=organisation, year__gte=first, year__lte=last)
        .order_by(*Publication._meta.ordering, "pk")
    )
    query = urlencode({"organisation": organisation.slug, "year_from": first, "year_to": last})
    return {
        "name": "publication list filtered",
        "kind": "list",
        "url": f"{reverse('publications:publication_list')}?{query}",
        "expect": matches.first().title,
        "note": f"{organisation.shown} of {Publication.objects.published(now).count()} published "
        "publications (organisation and years)",
    }


def publication_detail(now):
    """The first published publication with a file, two publishers, a programme, focus areas
    and tags: a page with every part filled."""
    publication = (
        Publication.objects.published(now)
        .exclude(file="")
        .annotate(
            publishers=Count("organisations", distinct=True),
            shown_programmes=Count(
                "programmes", filter=published_q("programmes__", now), distinct=True
            ),
            areas=Count("focus_areas", distinct=True),
            tag_count=Count("tags", distinct=True),
        )
        .filter(publishers__gte=2, shown_programmes__gte=1, areas__gte=1, tag_count__gte=1)
        .order_by("pk")
        .first()
    )
    return {
        "name": "publication detail",
        "kind": "detail",
        "url": publication.get_absolute_url(),
        "expect": publication.title,
        "note": f"{publication.publishers} publishers, {publication.tag_count} tags",
    }


def search(now):
    result = run_search(SEARCH_WORD, {}, 1)
    return {
        "name": "search",
        "kind": "search",
        "url": f"{reverse('search:search')}?{urlencode({'q': SEARCH_WORD})}",
        "expect": result.hits[0].title,
        "note": f"{result.count} hits for “{SEARCH_WORD}”",
    }


def home(now):
    top = Programme.objects.published(now).top_level().count()
    return {
        "name": "home",
        "kind": "home",
        "url": reverse("home"),
        "expect": "Testdata – ",
        "note": f"a selection of {Organisation.objects.count()} organisations and {top} top-level "
        "programmes, the latest publications and news",
    }


def pick(retire_cache):
    if retire_cache:
        from pagecache.keys import content_changed

        content_changed()
    now = timezone.now()
    pages = [
        home(now),
        programme_list(now),
        programme_detail(now),
        publication_list(now),
        publication_detail(now),
        search(now),
    ]
    if Indicator.objects.filter(slug=INDICATOR_SLUG).exists():
        pages.append(indicator_page())
    return {"counts": counts(), "pages": pages}


def indicator_page():
    """The generated indicator (benchmarks/testdata_statistics.py): all 21 counties over its
    ten years for women and men, as line charts, with the map and the table."""
    indicator = Indicator.objects.get(slug=INDICATOR_SLUG)
    regions = Region.objects.filter(level=RegionLevel.COUNTY).order_by("code")
    query = urlencode(
        [("region", region.key) for region in regions]
        + [("ar", str(year)) for year in indicator.years()]
    )
    return {
        "name": "indicator page",
        "kind": "list",
        "url": f"{indicator.get_absolute_url()}?{query}",
        "expect": regions.last().name,
        "note": f"21 counties × 10 years, women and men; {indicator.observations.count()} generated observations",
    }


def profile(client, url, functions, repeat=5):
    """The functions with the most own time over ``repeat`` requests (cProfile)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    output = io.StringIO()
    stats = pstats.Stats(profiler, stream=output)
    stats.sort_stats("tottime").print_stats(functions)
    return f"cProfile, {repeat} requests, by own time:\n" + output.getvalue().strip()


class Phases:
    """Time spent in the parts of a list view, added up over requests: building the
    filterset, paging (which reads the results), the view's context (paging and the filter
    options' conditions included), rendering the template and, within it, each form field's
    widget (which runs the field's options query). Every other SQL query is counted in
    ``sql``. Wraps the view class's own methods, so the view under test is unchanged."""

    VIEW_METHODS = ("get_filterset", "paginate_queryset", "get_context_data")

    def __init__(self):
        self.seconds = {}
        self.restore = []

    def add(self, name, started):
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def wrap(self, owner, attribute, name_of):
        original = getattr(owner, attribute)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(name_of(*args), started)

        setattr(owner, attribute, timed)
        self.restore.append((owner, attribute, original))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for owner, attribute, original in reversed(self.restore):
            setattr(owner, attribute, original)
        self.restore.clear()

    def measure(self, client, url, repeat):
        from django.forms.boundfield import BoundField
        from django.template.response import TemplateResponse
        from django.urls import resolve

        view = getattr(resolve(url.split("?")[0]).func, "view_class", None)
        for method in self.VIEW_METHODS:
            if view is not None and hasattr(view, method):
                self.wrap(view, method, lambda *args, method=method: method)
        self.wrap(TemplateResponse, "render", lambda *args: "template render")
        self.wrap(BoundField, "as_widget", lambda field, *args: f"  select/input {field.name}")

        def sql(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                self.add("sql (all queries)", started)

        with connection.execute_wrapper(sql):
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(url)
                self.add("whole request", started)
        return "\n".join(
            f"| {name} | {seconds / repeat * 1000:.2f} |" for name, seconds in self.seconds.items()
        )


def phases(client, url, repeat=20):
    with Phases() as measured:
        rows = measured.measure(client, url, repeat)
    return (
        f"Where the time goes, mean of {repeat} requests (the parts overlap: paging runs "
        "inside the context, the selects inside the template):\n\n| part | ms |\n|---|---|\n" + rows
    )


def queries(urls, explain, slowest, functions, with_phases=False, sql_script=None):
    client = Client(HTTP_HOST="127.0.0.1")
    report = []
    for url in urls:
        client.get(url)  # warm-up: templates, URL resolver, database caches
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - started
        # A copy: every later request (--profile, --phases) empties the connection's log.
        statements = list(captured.captured_queries)
        ranked = sorted(statements, key=lambda q: float(q["time"]), reverse=True)
        entry = {
            "url": url,
            "status": response.status_code,
            "bytes": len(response.content),
            "seconds": seconds,
            "queries": len(statements),
            "sql_seconds": sum(float(q["time"]) for q in statements),
            "slowest": [{"time": float(q["time"]), "sql": q["sql"]} for q in ranked[:slowest]],
            "plans": [],
            "profile": profile(client, url, functions) if functions else "",
            "phases": phases(client, url) if with_phases else "",
        }
        with connection.cursor() as cursor:
            for query in ranked[:explain]:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                entry["plans"].append("\n".join(row[0] for row in cursor.fetchall()))
        report.append(entry)
        if sql_script:
            write_sql_script(sql_script, statements)
    return report


def write_sql_script(path, captured):
    """Every statement of the measured request, in order, as a pgbench script: how fast the
    database alone answers a page's SQL, without Django (benchmarks/README.md)."""
    with open(path, "w", encoding="utf-8") as script:
        for query in captured:
            script.write(query["sql"].rstrip().rstrip(";") + ";\n")


def report(entries):
    lines = []
    for entry in entries:
        lines += [
            f"### `{entry['url']}`",
            "",
            f"HTTP {entry['status']}, {entry['bytes'] / 1024:.1f} KiB, "
            f"{entry['seconds'] * 1000:.0f} ms in the test client; {entry['queries']} queries "
            f"taking {entry['sql_seconds'] * 1000:.0f} ms.",
            "",
        ]
        for query in entry["slowest"]:
            lines.append(f"- {query['time'] * 1000:.0f} ms: `{query['sql']}`")
        for plan in entry["plans"]:
            lines += ["", "```", plan, "```"]
        if entry["phases"]:
            lines += ["", entry["phases"]]
        if entry["profile"]:
            lines += ["", "```", entry["profile"], "```"]
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    picking = commands.add_parser("pick")
    picking.add_argument("--retire-cache", action="store_true")
    profiling = commands.add_parser("queries")
    profiling.add_argument("urls", nargs="+")
    profiling.add_argument("--explain", type=int, default=0)
    profiling.add_argument("--slowest", type=int, default=5)
    profiling.add_argument("--profile", type=int, default=0, metavar="N")
    profiling.add_argument("--phases", action="store_true")
    profiling.add_argument(
        "--sql-script", metavar="FILE", help="write the request's SQL as a pgbench script"
    )
    args = parser.parse_args()
    if args.command == "queries" and args.sql_script and len(args.urls) != 1:
        parser.error("--sql-script takes one address.")
    if connection.vendor != "postgresql":
        sys.exit("The site benchmark needs PostgreSQL (DATABASE_URL).")
    # The request log and the search index's messages go to stdout too; the JSON or the
    # report is what is wanted there.
    for name in ("growth_portal.requests", "search.follower"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if args.command == "pick":
        print(json.dumps(pick(args.retire_cache)))
    else:
        entries = queries(
            args.urls, args.explain, args.slowest, args.profile, args.phases, args.sql_script
        )
        print(report(entries))


if __name__ == "__main__":
    main()
