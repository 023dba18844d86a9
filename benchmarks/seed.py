"""Seeds the benchmark database with exactly N published publications (a child process of
``benchmarks/export_publications.py``; the driver itself never imports Django, so that it stays
small and its own memory does not show up in the measured processes).

    DATABASE_URL=postgres://… python -m benchmarks.seed --rows 100000 [--reseed]

Seeds only when the number of published publications differs from ``--rows`` (or with
``--reseed``). Prints one JSON line with what the driver needs to write the COPY query.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from organisations.choices import OrganisationKind  # noqa: E402
from organisations.models import Organisation  # noqa: E402
from programmes.choices import FocusAreaSetKind  # noqa: E402
from programmes.models import FocusArea, FocusAreaSet, Programme  # noqa: E402
from publications.choices import PublicationKind  # noqa: E402
from publications.models import Publication  # noqa: E402
from publishing.choices import PublishState  # noqa: E402

BATCH_SIZE = 5000
SLUG_PREFIX = "bench-"
PROTECTED_DATABASES = {"postgres", "test", "template0", "template1"}

ORGANISATIONS = [
    ("Tillväxtverket", OrganisationKind.NATIONAL_AGENCY),
    ("Länsstyrelsen i Västra Götalands län", OrganisationKind.COUNTY_BOARD),
    ("Länsstyrelsen Skåne", OrganisationKind.COUNTY_BOARD),
    ("Region Jämtland Härjedalen", OrganisationKind.REGION),
    ("Region Örebro län", OrganisationKind.REGION),
    ("Sveriges Kommuner och Regioner", OrganisationKind.NETWORK),
    ("Näringsdepartementet", OrganisationKind.GOVERNMENT),
    ("Östersunds kommun", OrganisationKind.MUNICIPALITY),
]
# title, index of the owning organisation, start year, end year
PROGRAMMES = [
    ("Jämställd regional tillväxt", 0, 2016, 2018),
    ("Regional kompetensförsörjning", 1, 2019, 2021),
    ("Hållbar stadsutveckling", 2, 2014, 2020),
    ("Smart specialisering – Östra Mellansverige", 3, 2022, None),
    ("Landsbygdsprogrammet", 4, 2023, 2023),
    ("Företagsfrämjande i glesbygd", 0, 2020, 2024),
]
FOCUS_AREAS = [
    "Innovation och företagande",
    "Attraktiva miljöer och tillgänglighet",
    "Kompetensförsörjning",
    "Internationellt samarbete",
    "Jämställdhet och integration",
    "Landsbygdens näringsliv",
]
TAGS = [
    "jämställdhet",
    "näringsliv",
    "landsbygd",
    "digitalisering",
    "kompetens",
    "hållbarhet",
    "innovation",
    "export",
    "besöksnäring",
    "klimatomställning",
]
TITLE_STARTS = [
    "Lägesrapport om",
    "Handlingsplan för",
    "Analys av",
    "Strategi för",
    "Uppföljning av",
    "Årsrapport om",
]
TITLE_THEMES = [
    "jämställd tillväxt i Västra Götaland",
    "kompetensförsörjning i Skåne",
    "besöksnäringen i Jämtland Härjedalen",
    "företagande på Öland",
    "grön omställning i Örebro län",
    "innovation och forskning i Norrland",
]
KINDS = list(PublicationKind.values)


def published_count():
    return Publication.objects.published().count()


def _slug(text):
    from django.utils.text import slugify

    return SLUG_PREFIX + slugify(text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO")))


def related_objects(publish_from):
    """The handful of organisations, programmes, focus areas and tags, made once and reused."""
    organisations = [
        Organisation.objects.update_or_create(
            slug=_slug(name), defaults={"name": name, "kind": kind}
        )[0]
        for name, kind in ORGANISATIONS
    ]
    programmes = [
        Programme.objects.update_or_create(
            slug=_slug(title),
            defaults={
                "title": title,
                "organisation": organisations[owner],
                "start_year": start,
                "end_year": end,
                "summary": f"<p>{title}, ett program för regional tillväxt.</p>",
                "publish_state": PublishState.PUBLISHED,
                "publish_from": publish_from,
            },
        )[0]
        for title, owner, start, end in PROGRAMMES
    ]
    focus_area_set = FocusAreaSet.objects.update_or_create(
        slug=_slug("nationella strategin"),
        defaults={
            "name": "Nationella strategin för hållbar regional utveckling 2021–2030",
            "kind": FocusAreaSetKind.STRATEGY,
        },
    )[0]
    focus_areas = [
        FocusArea.objects.update_or_create(
            slug=_slug(name),
            defaults={"name": name, "focus_area_set": focus_area_set, "position": position},
        )[0]
        for position, name in enumerate(FOCUS_AREAS)
    ]
    tags = [
        Tag.objects.update_or_create(slug=_slug(name), defaults={"name": name})[0] for name in TAGS
    ]
    return organisations, programmes, focus_areas, tags


def clear_publications():
    """Empties the publication tables (only ever in the benchmark database). CASCADE also
    empties what refers to publications (pages' lists of publications), which the benchmark
    database never holds anyway."""
    content_type = ContentType.objects.get_for_model(Publication)
    TaggedItem.objects.filter(content_type=content_type).delete()
    tables = [
        Publication.organisations.through._meta.db_table,
        Publication.programmes.through._meta.db_table,
        Publication.focus_areas.through._meta.db_table,
        Publication._meta.db_table,
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE"
        )


def make_publication(number, rng, publish_from):
    start = TITLE_STARTS[number % len(TITLE_STARTS)]
    theme = TITLE_THEMES[(number // len(TITLE_STARTS)) % len(TITLE_THEMES)]
    title = f"{start} {theme} – del {number}"
    year = rng.randint(2010, 2025)
    publication_date = None
    if rng.random() < 0.7:
        publication_date = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    elif rng.random() < 0.1:
        year = None  # neither date nor year known
    has_file = rng.random() < 0.6
    summary = (
        f"<p>{start} {theme}. Rapporten beskriver läget för små och medelstora företag, "
        f"kompetensförsörjning och tillgänglighet i regionen – med förslag på åtgärder "
        f"för åren framöver (nr {number}).</p>"
    )
    return Publication(
        title=title,
        slug=f"{SLUG_PREFIX}{number}",
        kind=KINDS[number % len(KINDS)],
        publication_date=publication_date,
        year=publication_date.year if publication_date else year,
        file=f"publications/{year or 2020}/rapport-{number}.pdf" if has_file else "",
        file_size=rng.randint(50_000, 5_000_000) if has_file else None,
        file_format="PDF" if has_file else "",
        external_url=f"https://www.example.se/rapporter/{number}" if rng.random() < 0.2 else "",
        summary=summary,
        publish_state=PublishState.PUBLISHED,
        publish_from=publish_from,
    )


def seed(rows, rng):
    publish_from = timezone.now() - datetime.timedelta(days=1)
    organisations, programmes, focus_areas, tags = related_objects(publish_from)
    content_type = ContentType.objects.get_for_model(Publication)
    OrganisationLink = Publication.organisations.through
    ProgrammeLink = Publication.programmes.through
    FocusAreaLink = Publication.focus_areas.through
    clear_publications()
    for first in range(0, rows, BATCH_SIZE):
        with transaction.atomic():
            batch = [
                make_publication(number, rng, publish_from)
                for number in range(first, min(first + BATCH_SIZE, rows))
            ]
            Publication.objects.bulk_create(batch)
            organisation_links, programme_links, focus_area_links, tag_links = [], [], [], []
            for publication in batch:
                for organisation in rng.sample(organisations, rng.randint(1, 2)):
                    organisation_links.append(
                        OrganisationLink(publication=publication, organisation=organisation)
                    )
                for programme in rng.sample(programmes, rng.randint(0, 2)):
                    programme_links.append(
                        ProgrammeLink(publication=publication, programme=programme)
                    )
                for focus_area in rng.sample(focus_areas, rng.randint(0, 2)):
                    focus_area_links.append(
                        FocusAreaLink(publication=publication, focusarea=focus_area)
                    )
                for tag in rng.sample(tags, rng.randint(0, 3)):
                    tag_links.append(
                        TaggedItem(content_type=content_type, object_id=publication.pk, tag=tag)
                    )
            OrganisationLink.objects.bulk_create(organisation_links)
            ProgrammeLink.objects.bulk_create(programme_links)
            FocusAreaLink.objects.bulk_create(focus_area_links)
            TaggedItem.objects.bulk_create(tag_links)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def facts():
    """What the driver needs to write its COPY query: table names, labels and addresses."""

    def table(model):
        return model._meta.db_table

    return {
        "published": published_count(),
        "site_url": settings.SITE_URL,
        "media_url": settings.MEDIA_URL,
        "kind_labels": {value: str(label) for value, label in PublicationKind.choices},
        "publication_content_type": ContentType.objects.get_for_model(Publication).pk,
        "tables": {
            "publication": table(Publication),
            "publication_organisations": table(Publication.organisations.through),
            "publication_programmes": table(Publication.programmes.through),
            "publication_focus_areas": table(Publication.focus_areas.through),
            "organisation": table(Organisation),
            "programme": table(Programme),
            "focus_area": table(FocusArea),
            "focus_area_set": table(FocusAreaSet),
            "tag": table(Tag),
            "tagged_item": table(TaggedItem),
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or name in PROTECTED_DATABASES:
        sys.exit(f"Refusing to seed {connection.vendor} database {name!r}.")
    found = published_count()
    if args.reseed or found != args.rows:
        print(
            f"Seeding {args.rows} publications (found {found} published)…",
            file=sys.stderr,
            flush=True,
        )
        started = time.perf_counter()
        seed(args.rows, random.Random(20160101))
        print(f"Seeded in {time.perf_counter() - started:.1f} s.", file=sys.stderr, flush=True)
    else:
        print(f"Database already holds {found} published publications.", file=sys.stderr)
    print(json.dumps(facts()))


if __name__ == "__main__":
    main()
