"""Writes the synthetic load-test data set (a child process of ``benchmarks/generate_data.py``,
which creates and migrates the database first and builds the search index afterwards).

    DATABASE_URL=postgres://… python -m benchmarks.testdata --publications 100000 [--reset]

Every name starts with "Testdata – " and every slug with "testdata-", so the rows cannot be
mistaken for real content. The same options and ``--seed`` give the same data. Rows are
written with PostgreSQL's COPY, all in one transaction: a failure leaves nothing behind. Values
go through each field's own ``pre_save`` and ``get_db_prep_save``, as ``bulk_create`` does, so
rich text is sanitized exactly as an editor's would be. No signals are sent: the search index
is rebuilt afterwards, and the page cache must be retired by whoever serves the data
(benchmarks/site_load.py does).

Prints one JSON object with the number of rows per kind and the time taken.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from collections import defaultdict

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from psycopg import sql  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from benchmarks import testdata_words as words  # noqa: E402
from content.models import ContentPage, NewsItem  # noqa: E402
from geography.models import County, Municipality
from organisations.choices import OrganisationKind
from organisations.models import Organisation
from programmes.choices import Commission, FocusAreaSetKind, ProgrammeKind, ProgrammeStatus
from programmes.models import (
    Contact,
    FocusArea,
    FocusAreaSet,
    Programme,
    ProgrammeFocusPoint,
    ProgrammeGoal,
    ProgrammeLink,
)
from publications.choices import Language, PublicationKind  # noqa: E402
from publications.models import Publication  # noqa: E402
from publishing.choices import PublishState

PREFIX = "Testdata – "
SLUG_PREFIX = "testdata-"
PROTECTED_DATABASES = {"postgres", "test", "template0", "template1"}
# Apps whose tables --reset empties (the generator writes only to these).
DATA_APPS = (
    "geography",
    "organisations",
    "programmes",
    "publications",
    "content",
    "search",
    "taggit",
)
# Models whose rows mean "there is data here".
CONTENT_MODELS = (Organisation, Programme, Publication, Contact, NewsItem, ContentPage, Tag)
# Models whose rows carry the test-data slug; anything else in them is someone's real content.
MARKED_MODELS = (Organisation, Programme, Publication, NewsItem)

STRATEGY_AREAS = [
    "Likvärdiga möjligheter till boende, arbete och välfärd",
    "Kompetensförsörjning och kompetensutveckling",
    "Innovation, företagande och näringslivets förnyelse",
    "Tillgänglighet genom digital kommunikation och transportsystem",
    "Attraktiva miljöer och hållbar samhällsplanering",
    "Kultur och fritid",
    "Internationellt samarbete",
    "Jämställdhet och integration",
]
PUBLICATION_KINDS = {
    PublicationKind.REPORT: 45,
    PublicationKind.ANALYSIS: 15,
    PublicationKind.ACTION_PLAN: 10,
    PublicationKind.STRATEGY: 10,
    PublicationKind.PROGRAMME: 5,
    PublicationKind.OTHER: 15,
}
LANGUAGES = {Language.SWEDISH: 95, Language.ENGLISH: 4, Language.FINNISH: 1}
COMMISSIONS = {
    "": 40,
    Commission.GOVERNMENT_ASSIGNMENT: 25,
    Commission.AGENCY_ASSIGNMENT: 15,
    Commission.OWN_INITIATIVE: 10,
    Commission.EU_PROGRAMME: 10,
}
DRAFT_SHARE = 0.02  # drafts are realistic, and they keep "published()" selective
FIRST_YEAR, LAST_YEAR = 2006, 2028


def marked_slug(text, number=None, length=150):
    """``testdata-<words>[-<number>]``, within the field's 255 characters."""
    slug = slugify(text)[:length].strip("-")
    return SLUG_PREFIX + (f"{slug}-{number}" if number is not None else slug)


def weighted(rng, choices):
    return rng.choices(list(choices), weights=list(choices.values()))[0]


# --- COPY ----------------------------------------------------------------------------------


class Writer:
    """Writes model instances and plain rows with COPY and hands out primary keys. Tables
    whose keys it chose get their identity sequences moved past them at the end."""

    def __init__(self):
        self.counts = defaultdict(int)
        self.next_ids = defaultdict(lambda: 1)
        self.keyed_tables = set()

    def new_id(self, model):
        number = self.next_ids[model]
        self.next_ids[model] = number + 1
        return number

    def _copy(self, table, columns, rows):
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        written = 0
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        return written

    def objects(self, model, objects):
        """Model instances with their primary keys set, every concrete field written as
        ``bulk_create`` would (``pre_save`` fills auto_now fields and sanitizes rich text)."""
        fields = model._meta.concrete_fields
        table = model._meta.db_table

        def rows():
            for obj in objects:
                yield [
                    field.get_db_prep_save(field.pre_save(obj, True), connection)
                    for field in fields
                ]

        self.counts[model._meta.label] += self._copy(table, [f.column for f in fields], rows())
        self.keyed_tables.add(table)

    def links(self, model, name, pairs):
        """Rows of a many-to-many relation's through table: (this side's key, other side's)."""
        field = model._meta.get_field(name)
        through = field.remote_field.through
        columns = [field.m2m_column_name(), field.m2m_reverse_name()]
        self.counts[through._meta.label] += self._copy(through._meta.db_table, columns, pairs)

    def tags(self, model, pairs):
        """taggit rows: (object's key, tag's key)."""
        content_type = ContentType.objects.get_for_model(model).pk
        rows = ((tag, content_type, pk) for pk, tag in pairs)
        written = self._copy(
            TaggedItem._meta.db_table, ["tag_id", "content_type_id", "object_id"], rows
        )
        self.counts[f"{TaggedItem._meta.label} ({model._meta.label})"] += written

    def move_sequences(self):
        with connection.cursor() as cursor:
            for table in sorted(self.keyed_tables):
                cursor.execute(
                    sql.SQL(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM {}), false)"
                    ).format(sql.Identifier(table)),
                    [table],
                )


# --- Text ----------------------------------------------------------------------------------


class Text:
    """Sentences and paragraphs from the word lists, with a theme, a place and a period."""

    def __init__(self, rng):
        self.rng = rng

    def fill(self, pattern, theme, place, period):
        rng = self.rng
        other = rng.choice(words.THEMES)
        if other == theme:
            other = words.THEMES[(words.THEMES.index(theme) + 1) % len(words.THEMES)]
        return pattern.format(
            theme=theme,
            other=other,
            place=place,
            period=period,
            n=rng.randint(5, 120),
            m=rng.randint(2, 30),
            year=rng.randint(2025, 2030),
        )

    def sentences(self, count, theme, place, period):
        patterns = self.rng.sample(words.SENTENCES, count)
        return " ".join(self.fill(p, theme, place, period) for p in patterns)

    def paragraphs(self, count, sentences, theme, place, period):
        return "".join(
            f"<p>{self.sentences(self.rng.randint(*sentences), theme, place, period)}</p>"
            for _ in range(count)
        )


def period_text(start, end):
    if end is None:
        return f"åren från {start}"
    return str(start) if start == end else f"{start}–{end}"


# --- The data set --------------------------------------------------------------------------


class DataSet:
    def __init__(self, rng, sizes, now):
        self.rng = rng
        self.sizes = sizes
        self.now = now
        self.text = Text(rng)
        self.writer = Writer()

    def publish_from(self, days_back=3000):
        """(state, publish-from): mostly published at some time in the past."""
        if self.rng.random() < DRAFT_SHARE:
            return PublishState.DRAFT, None
        back = datetime.timedelta(
            days=self.rng.randint(1, days_back), minutes=self.rng.randint(0, 1439)
        )
        return PublishState.PUBLISHED, self.now - back

    # Geography and organisations

    def geography(self):
        rng = self.rng
        self.counties = [
            County(pk=self.writer.new_id(County), name=name, slug=marked_slug(name))
            for name, _short in words.COUNTIES
        ]
        self.county_short = {
            county.pk: short
            for county, (_n, short) in zip(self.counties, words.COUNTIES, strict=True)
        }
        names = sorted(
            {(start + end).capitalize() for start in words.PLACE_STARTS for end in words.PLACE_ENDS}
        )
        wanted = max(120, self.sizes["organisations"])
        picked = rng.sample(names, min(wanted, len(names)))
        self.municipalities = [
            Municipality(
                pk=self.writer.new_id(Municipality),
                name=name,
                slug=marked_slug(name),
                county=rng.choice(self.counties),
            )
            for name in picked
        ]
        self.writer.objects(County, self.counties)
        self.writer.objects(Municipality, self.municipalities)

    def organisations(self):
        rng = self.rng
        fixed = []
        for county, (_name, short) in zip(self.counties, words.COUNTIES, strict=True):
            fixed.append((f"Länsstyrelsen i {county.name}", OrganisationKind.COUNTY_BOARD, county))
            fixed.append((f"Region {short}", OrganisationKind.REGION, county))
        fixed += [(n, OrganisationKind.NATIONAL_AGENCY, None) for n in words.NATIONAL_AGENCIES]
        fixed += [(n, OrganisationKind.NETWORK, None) for n in words.NETWORKS]
        fixed += [(n, OrganisationKind.GOVERNMENT, None) for n in words.GOVERNMENT]
        fixed += [(n, OrganisationKind.EU_BODY, None) for n in words.EU_BODIES]
        wanted = self.sizes["organisations"]
        if wanted <= len(fixed):
            chosen = sorted(rng.sample(range(len(fixed)), wanted))
            candidates = [fixed[i] for i in chosen]
        else:
            candidates = fixed + [
                (f"{m.name} kommun", OrganisationKind.MUNICIPALITY, m.county)
                for m in self.municipalities[: wanted - len(fixed)]
            ]
        self.orgs = []
        for name, kind, county in candidates:
            theme = rng.choice(words.THEMES)
            place = county.name if county else "hela landet"
            self.orgs.append(
                Organisation(
                    pk=self.writer.new_id(Organisation),
                    name=PREFIX + name,
                    slug=marked_slug(name),
                    kind=kind,
                    county=county,
                    website=f"https://www.example.com/testdata/{slugify(name)}/",
                    description=self.text.paragraphs(2, (2, 3), theme, place, "de senaste åren"),
                )
            )
        # Some organisations publish and run far more than others.
        self.org_weights = [rng.paretovariate(1.2) for _ in self.orgs]
        self.place_of = {
            org.pk: (org.county.name if org.county else "hela landet") for org in self.orgs
        }
        self.writer.objects(Organisation, self.orgs)

    def pick_org(self):
        return self.rng.choices(self.orgs, weights=self.org_weights)[0]

    # Focus areas

    def strategy_and_work_areas(self):
        rng = self.rng
        self.sets, self.areas = [], []
        strategy = FocusAreaSet(
            pk=self.writer.new_id(FocusAreaSet),
            name=PREFIX + "Nationella strategin för hållbar regional utveckling 2021–2030",
            slug=marked_slug("nationella strategin 2021-2030"),
            kind=FocusAreaSetKind.STRATEGY,
            description="Testdata: strategins prioriterade områden.",
        )
        self.sets.append(strategy)
        self.strategy_areas = [
            self._area(strategy, name, position) for position, name in enumerate(STRATEGY_AREAS)
        ]
        self.work_areas = {}
        regional = (OrganisationKind.COUNTY_BOARD, OrganisationKind.REGION)
        for org in self.orgs:
            if org.kind not in regional:
                continue
            focus_set = FocusAreaSet(
                pk=self.writer.new_id(FocusAreaSet),
                name=f"{org.name}: arbetsområden",
                slug=marked_slug(f"arbetsomraden {org.slug}"),
                kind=FocusAreaSetKind.WORK_AREAS,
                organisation=org,
            )
            self.sets.append(focus_set)
            themes = rng.sample(words.THEMES, rng.randint(4, 6))
            self.work_areas[org.pk] = [
                self._area(focus_set, theme.capitalize(), position)
                for position, theme in enumerate(themes)
            ]

    def _area(self, focus_set, name, position):
        pk = self.writer.new_id(FocusArea)
        area = FocusArea(
            pk=pk,
            name=name,
            slug=marked_slug(name, pk, length=80),
            focus_area_set=focus_set,
            position=position,
            description=f"Testdata: {name.lower()}.",
        )
        self.areas.append(area)
        return area

    # Programmes

    def programmes(self):
        rng = self.rng
        total = self.sizes["programmes"]
        top_count = max(1, round(total * 0.8)) if total else 0
        self.progs, self.by_owner = [], defaultdict(list)
        self.own_areas = {}
        goals, points, links = [], [], []
        funders, areas, municipalities, tags = [], [], [], []
        for number in range(total):
            pk = self.writer.new_id(Programme)
            top = number < top_count
            parent = None
            if top:
                owner = self.pick_org()
                start = rng.randint(FIRST_YEAR + 2, LAST_YEAR)
                length = rng.choice([0, 1, 2, 2, 3, 3, 3, 4, 5, 6])
                end = None if rng.random() < 0.08 else min(start + length, 2100)
                theme = rng.choice(words.THEMES)
                place = self.place_of[owner.pk]
                title = f"{rng.choice(words.PROGRAMME_STARTS)} {theme} i {place}"
                kind = ProgrammeKind.PROGRAMME
            else:
                parent = rng.choice(self.progs[:top_count])
                owner = parent.organisation if rng.random() < 0.7 else self.pick_org()
                start = parent.start_year
                end = parent.end_year if parent.end_year is not None else start + rng.randint(0, 3)
                theme = rng.choice(words.THEMES)
                place = rng.choice(self.municipalities).name
                title = f"{rng.choice(words.PILOT_STARTS)} {theme} i {place}"
                kind = rng.choice([ProgrammeKind.PILOT_PROJECT, ProgrammeKind.KNOWLEDGE_PROJECT])
            period = period_text(start, end)
            state, publish_from = self.publish_from()
            commission = weighted(rng, COMMISSIONS)
            commissioned_by = None
            if commission == Commission.GOVERNMENT_ASSIGNMENT:
                government = [o for o in self.orgs if o.kind == OrganisationKind.GOVERNMENT]
                commissioned_by = rng.choice(government) if government else None
            start_date = end_date = None
            if rng.random() < 0.2:
                start_date = datetime.date(start, rng.randint(1, 6), rng.randint(1, 28))
                if end is not None:
                    end_date = datetime.date(end, rng.randint(7, 12), rng.randint(1, 28))
            body = "".join(
                f"<h2>{heading}</h2>"
                + self.text.paragraphs(rng.randint(1, 2), (3, 4), theme, place, period)
                for heading in rng.sample(
                    ["Bakgrund", "Genomförande", "Resultat", "Lärdomar"], rng.randint(2, 4)
                )
            )
            programme = Programme(
                pk=pk,
                title=PREFIX + title,
                slug=marked_slug(title, pk),
                kind=kind,
                organisation=owner,
                commission=commission,
                commissioned_by=commissioned_by,
                start_year=start,
                end_year=end,
                start_date=start_date,
                end_date=end_date,
                status_override=ProgrammeStatus.FINISHED if rng.random() < 0.02 else "",
                summary=f"<p>{self.text.sentences(2, theme, place, period)}</p>",
                body=body,
                parent=parent,
                pilot_project_count=rng.randint(2, 20) if top and rng.random() < 0.3 else None,
                knowledge_project_count=rng.randint(1, 8) if top and rng.random() < 0.15 else None,
                publish_state=state,
                publish_from=publish_from,
            )
            earlier = self.by_owner[owner.pk]
            if top and earlier and rng.random() < 0.1:
                before = [p for p in earlier if p.start_year < start and p.parent_id is None]
                if before:
                    programme.predecessor = rng.choice(before)
            self.progs.append(programme)
            earlier.append(programme)
            for position in range(rng.randint(2, 5) if top else rng.randint(0, 2)):
                goals.append(
                    ProgrammeGoal(
                        pk=self.writer.new_id(ProgrammeGoal),
                        programme=programme,
                        text=self.text.fill(rng.choice(words.GOALS), theme, place, period),
                        position=position,
                    )
                )
            for position in range(rng.randint(1, 4) if top else 0):
                text, rationale = rng.choice(words.FOCUS_POINTS)
                points.append(
                    ProgrammeFocusPoint(
                        pk=self.writer.new_id(ProgrammeFocusPoint),
                        programme=programme,
                        text=self.text.fill(text, theme, place, period),
                        rationale=rationale,
                        position=position,
                    )
                )
            for position in range(rng.randint(0, 3)):
                links.append(
                    ProgrammeLink(
                        pk=self.writer.new_id(ProgrammeLink),
                        programme=programme,
                        title=f"Testdata – länk {position + 1} om {theme}",
                        url=f"https://www.example.com/testdata/program/{pk}/{position + 1}",
                        position=position,
                    )
                )
            others = [o for o in rng.sample(self.orgs, min(3, len(self.orgs))) if o.pk != owner.pk]
            funders += [(pk, o.pk) for o in others[: rng.randint(0, 3)]]
            chosen = rng.sample(self.strategy_areas, rng.randint(1, 2))
            if top and rng.random() < 0.1:
                chosen += self.programme_areas(programme, theme)
            elif owner.pk in self.work_areas:
                chosen += rng.sample(self.work_areas[owner.pk], rng.randint(0, 2))
            areas += [(pk, area.pk) for area in chosen]
            municipalities += [
                (pk, m.pk) for m in rng.sample(self.municipalities, rng.randint(0, 8))
            ]
            tags += [(pk, t.pk) for t in rng.sample(self.tag_objects, rng.randint(1, 4))]
        self.writer.objects(Programme, self.progs)
        self.writer.objects(ProgrammeGoal, goals)
        self.writer.objects(ProgrammeFocusPoint, points)
        self.writer.objects(ProgrammeLink, links)
        self.writer.links(Programme, "funders", funders)
        self.writer.links(Programme, "municipalities", municipalities)
        self.writer.tags(Programme, tags)
        self.programme_area_pairs = areas

    def programme_areas(self, programme, theme):
        """A programme's own set of focus areas, as some programmes have."""
        rng = self.rng
        focus_set = FocusAreaSet(
            pk=self.writer.new_id(FocusAreaSet),
            name=f"{programme.title} ({programme.pk}): fokusområden"[:255],
            slug=marked_slug(f"fokusomraden program {programme.pk}"),
            kind=FocusAreaSetKind.PROGRAMME,
            programme=programme,
        )
        self.sets.append(focus_set)
        themes = [theme, *rng.sample([t for t in words.THEMES if t != theme], 2)]
        return [
            self._area(focus_set, t.capitalize(), position) for position, t in enumerate(themes)
        ]

    def write_focus_areas(self):
        self.writer.objects(FocusAreaSet, self.sets)
        self.writer.objects(FocusArea, self.areas)
        self.writer.links(Programme, "focus_areas", self.programme_area_pairs)

    # Tags

    def make_tags(self):
        self.tag_objects = [
            Tag(pk=self.writer.new_id(Tag), name=name, slug=marked_slug(name))
            for name in words.TAGS
        ]
        self.writer.objects(Tag, self.tag_objects)

    # Publications

    def publications(self):
        rng = self.rng
        kinds = PUBLICATION_KINDS
        organisations, programmes, areas, tags = [], [], [], []
        all_areas = self.strategy_areas

        def build():
            for _ in range(self.sizes["publications"]):
                pk = self.writer.new_id(Publication)
                org = self.pick_org()
                owned = self.by_owner.get(org.pk)
                programme = None
                if owned and rng.random() < 0.6:
                    programme = rng.choice(owned)
                elif self.progs and rng.random() < 0.15:
                    programme = rng.choice(self.progs)
                if programme is not None:
                    last = programme.end_year or min(programme.start_year + 3, 2026)
                    year = rng.randint(
                        programme.start_year, max(programme.start_year, min(last, 2026))
                    )
                    theme = rng.choice(words.THEMES)
                else:
                    year = rng.randint(FIRST_YEAR, 2026)
                    theme = rng.choice(words.THEMES)
                place = self.place_of[org.pk]
                date = None
                if rng.random() < 0.7:
                    date = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                elif rng.random() < 0.05:
                    year = None
                title = f"{rng.choice(words.PUBLICATION_STARTS)} {theme} i {place}"
                if year and rng.random() < 0.5:
                    title += f" {year}"
                state, publish_from = self.publish_from()
                has_file = rng.random() < 0.55
                slug = marked_slug(title, pk, length=120)
                yield Publication(
                    pk=pk,
                    title=PREFIX + title,
                    slug=slug,
                    kind=weighted(rng, kinds),
                    publication_date=date,
                    year=year,
                    file=f"publications/testdata/{year or 'utan-ar'}/rapport-{pk}.pdf"
                    if has_file
                    else "",
                    file_size=rng.randint(80_000, 8_000_000) if has_file else None,
                    file_format="PDF" if has_file else "",
                    external_url=f"https://www.example.com/testdata/publikation/{pk}"
                    if rng.random() < 0.1
                    else "",
                    language=weighted(rng, LANGUAGES),
                    summary=self.text.paragraphs(
                        rng.randint(1, 2),
                        (2, 3),
                        theme,
                        place,
                        period_text(year or 2020, year or 2020),
                    ),
                    publish_state=state,
                    publish_from=publish_from,
                )
                publishers = [org]
                for _extra in range(rng.choice([0, 0, 0, 1, 1, 2])):
                    other = self.pick_org()
                    if other not in publishers:
                        publishers.append(other)
                organisations.extend((pk, o.pk) for o in publishers)
                if programme is not None:
                    programmes.append((pk, programme.pk))
                    if rng.random() < 0.1:
                        second = rng.choice(self.progs)
                        if second.pk != programme.pk:
                            programmes.append((pk, second.pk))
                chosen = rng.sample(all_areas, rng.randint(0, 2))
                if org.pk in self.work_areas and rng.random() < 0.3:
                    chosen.append(rng.choice(self.work_areas[org.pk]))
                areas.extend((pk, a.pk) for a in chosen)
                tags.extend((pk, t.pk) for t in rng.sample(self.tag_objects, rng.randint(0, 4)))

        self.writer.objects(Publication, build())
        self.writer.links(Publication, "organisations", organisations)
        self.writer.links(Publication, "programmes", programmes)
        self.writer.links(Publication, "focus_areas", areas)
        self.writer.tags(Publication, tags)

    # Contacts and news

    def contacts(self):
        rng = self.rng
        contacts, links, taken = [], [], set()
        for _ in range(self.sizes["contacts"]):
            org = self.pick_org()
            for _attempt in range(20):
                first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
                if (org.pk, first, last) not in taken:
                    break
            else:
                continue  # this organisation has all the names it can get
            taken.add((org.pk, first, last))
            pk = self.writer.new_id(Contact)
            theme = rng.choice(words.THEMES)
            contacts.append(
                Contact(
                    pk=pk,
                    name=f"{first} {last}",
                    role=PREFIX + rng.choice(words.ROLES).format(theme=theme),
                    organisation=org,
                    email=f"{slugify(first)}.{slugify(last)}.{pk}@testdata.example.com",
                    phone=f"010-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                )
            )
            owned = self.by_owner.get(org.pk, [])
            links += [(pk, p.pk) for p in rng.sample(owned, min(len(owned), rng.randint(0, 3)))]
        self.writer.objects(Contact, contacts)
        self.writer.links(Contact, "programmes", links)

    def news(self):
        rng = self.rng
        items = []
        for _ in range(self.sizes["news"]):
            pk = self.writer.new_id(NewsItem)
            org = self.pick_org()
            theme = rng.choice(words.THEMES)
            place = self.place_of[org.pk]
            title = f"{rng.choice(words.NEWS_STARTS)} {theme} i {place}"
            state, publish_from = self.publish_from(days_back=1400)
            date = (publish_from or self.now).date()
            items.append(
                NewsItem(
                    pk=pk,
                    organisation=org,
                    title=PREFIX + title,
                    slug=marked_slug(title, pk, length=120),
                    date=date,
                    summary=f"<p>{self.text.sentences(2, theme, place, str(date.year))}</p>",
                    body=self.text.paragraphs(
                        rng.randint(2, 4), (2, 4), theme, place, str(date.year)
                    ),
                    publish_state=state,
                    publish_from=publish_from,
                )
            )
        self.writer.objects(NewsItem, items)

    def build(self):
        steps = [
            ("geography", self.geography),
            ("organisations", self.organisations),
            ("focus area sets", self.strategy_and_work_areas),
            ("tags", self.make_tags),
            ("programmes", self.programmes),
            ("focus areas", self.write_focus_areas),
            ("publications", self.publications),
            ("contacts", self.contacts),
            ("news", self.news),
        ]
        for name, step in steps:
            started = time.perf_counter()
            step()
            print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
        self.writer.move_sequences()


# --- Checks and reset ----------------------------------------------------------------------


def found_rows():
    return {model._meta.label: model._base_manager.count() for model in CONTENT_MODELS}


def foreign_rows():
    """Rows of the marked models that this generator did not make."""
    return {
        model._meta.label: count
        for model in MARKED_MODELS
        if (count := model._base_manager.exclude(slug__startswith=SLUG_PREFIX).count())
    }


def empty_data_tables():
    tables = sorted(
        {
            model._meta.db_table
            for label in DATA_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                sql.SQL(", ").join(map(sql.Identifier, tables))
            )
        )


def counts():
    """Rows per kind as visitors and editors see them, counted in the database."""
    now = timezone.now()
    return {
        "organisations": Organisation.objects.count(),
        "programmes": Programme.objects.count(),
        "programmes published": Programme.objects.published(now).count(),
        "pilot and knowledge projects": Programme.objects.filter(parent__isnull=False).count(),
        "publications": Publication.objects.count(),
        "publications published": Publication.objects.published(now).count(),
        "contacts": Contact.objects.count(),
        "news items": NewsItem.objects.count(),
        "focus area sets": FocusAreaSet.objects.count(),
        "focus areas": FocusArea.objects.count(),
        "tags": Tag.objects.count(),
        "tagged items": TaggedItem.objects.count(),
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in (
        ("organisations", 300),
        ("programmes", 3000),
        ("publications", 100_000),
        ("contacts", 5000),
        ("news", 1000),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--reset", action="store_true")
    args = parser.parse_args()
    sizes = {
        name: getattr(args, name)
        for name in ("organisations", "programmes", "publications", "contacts", "news")
    }
    if sizes["organisations"] < 1 or min(sizes.values()) < 0:
        sys.exit("Give at least one organisation and no negative sizes.")
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or name in PROTECTED_DATABASES:
        sys.exit(f"Refusing to write test data to {connection.vendor} database {name!r}.")

    started = time.perf_counter()
    with transaction.atomic():
        found = {label: count for label, count in found_rows().items() if count}
        if found:
            if not args.reset:
                sys.exit(
                    f"The database {name!r} already holds data ({found}); "
                    "give --reset to replace it with a new test data set."
                )
            foreign = foreign_rows()
            if foreign:
                sys.exit(
                    f"The database {name!r} holds rows this generator did not make ({foreign}); "
                    "refusing to empty it. Use a database of its own."
                )
            print(f"Emptying the test data set ({found})…", file=sys.stderr, flush=True)
            empty_data_tables()
        print(f"Writing the test data set ({sizes})…", file=sys.stderr, flush=True)
        data = DataSet(random.Random(args.seed), sizes, timezone.now())
        data.build()
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(json.dumps({"seconds": seconds, "counts": counts(), "rows": data.writer.counts}))


if __name__ == "__main__":
    main()
