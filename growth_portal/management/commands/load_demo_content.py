"""Load the demo content that recreates the five reference pages (see content/demo_data/).

The data file writes bodies and summaries as plain text (a blank line between paragraphs, "- "
before bullets); they are rich text fields, so the loader converts them to the same sanitized
HTML the field stores, which keeps loading twice a no-op."""

from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from awards.models import Award, AwardWinner
from content import demo_data as data
from content.demo_data.pages import Html
from content.demo_indicators import load_indicators
from content.models import ContentPage, Event, KeyFigure, NewsItem, PageLink, PageSection
from geography.models import County, Municipality, Region
from organisations.models import Organisation
from programmes.models import (
    Contact,
    FocusArea,
    FocusAreaSet,
    FundProgramme,
    Programme,
    ProgrammeFocusPoint,
    ProgrammeGoal,
)
from publications.models import Publication
from publishing.choices import PublishState
from publishing.models import Publishable
from richtext.html import plain_text_to_html as html
from surveys.models import Survey, SurveyFigure


class DemoSync:
    """Creates demo records that are missing and, in update mode, puts changed ones back.

    A record is saved only when a value differs, so loading twice writes nothing the second
    time (not even ``updated_at``). Without update mode, records that already exist are left
    exactly as an editor may have changed them.
    """

    def __init__(self, update):
        self.update = update
        self.created = 0
        self.changed = 0
        self.deleted = 0

    def upsert(self, model, lookup, values=None, m2m=None, tags=None):
        values = values or {}
        if issubclass(model, Publishable):
            # The demo content is public; it is published from the moment it is first loaded.
            values = {**values, "publish_state": PublishState.PUBLISHED}
        obj = model._default_manager.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.created += 1
        elif self.update:
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                obj.full_clean()
                obj.save()
                self.changed += 1
        if created or self.update:
            for name, targets in (m2m or {}).items():
                self.relate(obj, created, name, targets)
            if tags is not None and set(obj.tags.names()) != set(tags):
                obj.tags.set(tags)
                if not created:
                    self.changed += 1
        return obj, created

    def relate(self, obj, created, name, targets):
        """Set a many-to-many relation outside ``upsert``, with the same rules."""
        if not (created or self.update):
            return
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
            manager.set(targets)
            if not created:
                self.changed += 1

    def children(self, parent, created, model, fk_name, rows):
        """Child rows (goals, sections, …) keyed by their position under the parent."""
        if not (created or self.update):
            return
        for position, row in enumerate(rows):
            self.upsert(model, {fk_name: parent, "position": position}, row)
        if self.update:
            deleted, _ = model._default_manager.filter(
                **{fk_name: parent, "position__gte": len(rows)}
            ).delete()
            self.deleted += deleted


class Command(BaseCommand):
    help = (
        "Load the demo content that recreates the reference pages. Safe to run again: missing "
        "records are added and existing ones are left alone, unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also put demo records that have been changed back to their demo content.",
        )

    @transaction.atomic
    def handle(self, *args, update=False, **options):
        sync = DemoSync(update=update)
        # The regions first: they give the counties and municipalities their official codes.
        indicators = load_indicators(sync)
        counties = {
            row["slug"]: sync.upsert(County, {"slug": row["slug"]}, {"name": row["name"]})[0]
            for row in data.COUNTIES
        }
        municipalities = {
            name: sync.upsert(Municipality, {"slug": slugify(name)}, {"name": name})[0]
            for name in data.MUNICIPALITIES
        }

        organisations = {}
        for row in data.ORGANISATIONS:
            values = {
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "website": row.get("website", ""),
                "description": html(row["description"]),
                "parent": organisations.get(row.get("parent")),
                "county": counties.get(row.get("county")),
                "accepts_questions": row.get("accepts_questions", False),
                "personal_data_url": row.get("personal_data_url", ""),
            }
            organisations[row["slug"]], _ = sync.upsert(Organisation, {"slug": row["slug"]}, values)

        focus_areas = {}
        for row in data.FOCUS_AREA_SETS:
            self._load_focus_area_set(sync, row, organisations, None, focus_areas)

        programmes = {}
        for row in data.PROGRAMMES:
            programmes[row["slug"]] = self._load_programme(
                sync, row, organisations, municipalities, focus_areas, programmes
            )
            programme, created = programmes[row["slug"]]
            sync.relate(
                programme,
                created,
                "indicators",
                [indicators[slug] for slug in row.get("indicators", [])],
            )

        for row in data.PROGRAMME_FOCUS_AREA_SETS:
            programme, _ = programmes[row["programme"]]
            self._load_focus_area_set(sync, row, organisations, programme, focus_areas)

        # Focus areas last, once the sets that belong to programmes exist too.
        for row in data.PROGRAMMES:
            programme, created = programmes[row["slug"]]
            wanted = [focus_areas[slug] for slug in row.get("focus_areas", [])]
            sync.relate(programme, created, "focus_areas", wanted)

        contacts = {}
        for row in data.CONTACTS:
            organisation = organisations[row["organisation"]]
            contacts[(row["organisation"], row["name"])], _ = sync.upsert(
                Contact,
                {"organisation": organisation, "name": row["name"]},
                {"role": row["role"]},
            )

        publications = {}
        for row in data.PUBLICATIONS:
            publications[row["slug"]], _ = sync.upsert(
                Publication,
                {"slug": row["slug"]},
                {"title": row["title"], "kind": row["kind"], "summary": html(row["summary"])},
                m2m={
                    "organisations": [organisations[s] for s in row["organisations"]],
                    "programmes": [programmes[s][0] for s in row.get("programmes", [])],
                    "focus_areas": [focus_areas[s] for s in row.get("focus_areas", [])],
                },
                tags=row.get("tags", []),
            )

        for row in data.PAGES:
            page, created = sync.upsert(
                ContentPage,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    # None for pages about the website itself, such as the accessibility
                    # statement.
                    "organisation": (
                        organisations[row["organisation"]] if row["organisation"] else None
                    ),
                    "intro": html(row["intro"]),
                    "position": row["position"],
                },
                m2m={
                    "programmes": [programmes[s][0] for s in row.get("programmes", [])],
                    "publications": [publications[s] for s in row.get("publications", [])],
                    "contacts": [contacts[key] for key in row.get("contacts", [])],
                    "focus_areas": [focus_areas[s] for s in row.get("focus_areas", [])],
                },
            )
            sync.children(
                page,
                created,
                PageSection,
                "page",
                [
                    {"heading": heading, "body": body if isinstance(body, Html) else html(body)}
                    for heading, body in row["sections"]
                ],
            )
            sync.children(
                page,
                created,
                KeyFigure,
                "page",
                [{"value": value, "label": label} for value, label in row.get("figures", [])],
            )
            sync.children(
                page,
                created,
                PageLink,
                "page",
                [{"title": title, "url": url} for title, url in row.get("links", [])],
            )

        self._load_surveys(sync, organisations)

        events = {}
        for row in data.EVENTS:
            events[row["slug"]], _ = sync.upsert(
                Event,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "kind": row["kind"],
                    "start_date": row["start_date"],
                    "end_date": row.get("end_date"),
                    "municipality": municipalities.get(row.get("municipality")),
                    "participant_count": row.get("participant_count"),
                    "summary": html(row["summary"]),
                    "body": html(row["body"]),
                },
                m2m={"organisers": [organisations[s] for s in row["organisers"]]},
            )

        news_items = {}
        for row in data.NEWS:
            news_items[row["slug"]], _ = sync.upsert(
                NewsItem,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "organisation": organisations[row["organisation"]],
                    "summary": html(row["summary"]),
                    "body": html(row.get("body", "")),
                    "event": events.get(row.get("event")),
                },
                m2m={"municipalities": [municipalities[n] for n in row.get("municipalities", [])]},
            )

        self._load_awards(sync, organisations, municipalities, news_items)
        self._load_fund_programmes(sync, focus_areas)

        self.stdout.write(
            f"Demo content: {sync.created} created, {sync.changed} changed, {sync.deleted} removed."
        )

    def _load_surveys(self, sync, organisations):
        """The surveys with their published figures, and no programme rows: the reference
        page links to a list we do not have. The scope is the municipalities with an official
        code, which load_regions has loaded."""
        scope_size = Municipality.objects.exclude(code=None).count()
        for row in data.SURVEYS:
            survey, created = sync.upsert(
                Survey,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "organisation": organisations[row["organisation"]],
                    "page": ContentPage.objects.get(slug=row["page"]),
                    "year": row["year"],
                    "season": row["season"],
                    "method": row["method"],
                    "scope": row["scope"],
                    "scope_size": scope_size,
                    "summary": html(row["summary"]),
                    "findings": html(row["findings"]),
                },
            )
            sync.children(
                survey,
                created,
                SurveyFigure,
                "survey",
                [
                    {
                        "label": label,
                        "value": Decimal(str(value)),
                        "unit": unit,
                        "qualifier": qualifier,
                        "stated_as": stated_as,
                        "key": key,
                    }
                    for label, value, unit, qualifier, stated_as, key in row["figures"]
                ],
            )

    def _load_awards(self, sync, organisations, municipalities, news_items):
        for row in data.AWARDS:
            award, created = sync.upsert(
                Award,
                {"slug": row["slug"]},
                {"name": row["name"], "description": row["description"]},
                m2m={"organisers": [organisations[s] for s in row["organisers"]]},
            )
            if not (created or sync.update):
                continue
            for winner in row["winners"]:
                sync.upsert(
                    AwardWinner,
                    {"award": award, "year": winner["year"]},
                    {
                        "municipality": municipalities[winner["municipality"]],
                        "edition": winner.get("edition"),
                        "reasons": winner["reasons"],
                        "news_item": news_items.get(winner.get("news_item")),
                    },
                )

    def _load_fund_programmes(self, sync, focus_areas):
        """Funding programmes, and the focus areas that are about them."""
        for row in data.FUND_PROGRAMMES:
            fund_programme, created = sync.upsert(
                FundProgramme,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "start_year": row["start_year"],
                    "end_year": row["end_year"],
                    "description": row["description"],
                },
            )
            sync.relate(
                fund_programme,
                created,
                "focus_areas",
                [focus_areas[slug] for slug in row["focus_areas"]],
            )

    def _load_focus_area_set(self, sync, row, organisations, programme, focus_areas):
        focus_area_set, created = sync.upsert(
            FocusAreaSet,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "kind": row["kind"],
                "organisation": organisations.get(row.get("organisation")),
                "programme": programme,
                "description": row.get("description", ""),
            },
        )
        for position, area in enumerate(row["areas"]):
            focus_areas[area["slug"]], _ = sync.upsert(
                FocusArea,
                {"slug": area["slug"]},
                {
                    "name": area["name"],
                    "focus_area_set": focus_area_set,
                    "description": area.get("description", ""),
                    "position": position,
                },
            )

    def _load_programme(self, sync, row, organisations, municipalities, focus_areas, programmes):
        values = {
            "title": row["title"],
            "alternative_title": row.get("alternative_title", ""),
            "organisation": organisations[row["organisation"]],
            "commission": row.get("commission", ""),
            "commissioned_by": organisations.get(row.get("commissioned_by")),
            "start_year": row["start_year"],
            "end_year": row["end_year"],
            "status_override": row.get("status_override", ""),
            "summary": html(row["summary"]),
            "body": html(row.get("body", "")),
            "predecessor": programmes[row["predecessor"]][0] if "predecessor" in row else None,
            "pilot_project_count": row.get("pilot_project_count"),
            "knowledge_project_count": row.get("knowledge_project_count"),
            "statistics_region": (
                Region.objects.get(key=row["statistics_region"])
                if "statistics_region" in row
                else None
            ),
        }
        programme, created = sync.upsert(
            Programme,
            {"slug": row["slug"]},
            values,
            m2m={
                "funders": [organisations[s] for s in row.get("funders", [])],
                "municipalities": [municipalities[n] for n in row.get("municipalities", [])],
            },
            tags=row.get("tags", []),
        )
        sync.children(
            programme,
            created,
            ProgrammeGoal,
            "programme",
            [{"text": t} for t in row.get("goals", [])],
        )
        sync.children(
            programme,
            created,
            ProgrammeFocusPoint,
            "programme",
            [{"text": t, "rationale": r} for t, r in row.get("focus_points", [])],
        )
        return programme, created
