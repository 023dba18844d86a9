"""Fetch an indicator's values from SCB's PxWeb API and import them.

    manage.py fetch_scb_indicator folkmangd --query fraga.json
    manage.py fetch_scb_indicator folkmangd --table BE/BE0101/BE0101A/BefolkningNy --query fraga.json

Posts the query (the ``query`` list of a PxWeb query file, as SCB's website shows under "API
för denna tabell") to ``<base-url>/<table>`` asking for JSON-stat 2.0, and imports the answer
as ``import_indicator`` would. The table defaults to the indicator's ``scb_table``.
"""

import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.imports import import_file
from indicators.imports.scb import DEFAULT_BASE_URL, FetchError, fetch, query_body, table_url
from indicators.models import ImportBatch

from .import_indicator import get_indicator, report


def read_query(path):
    if path is None:
        return None
    try:
        query = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CommandError(f"Kan inte läsa frågan {path}: {exc.strerror}.") from exc
    except ValueError as exc:
        raise CommandError(f"Frågan {path} är inte giltig JSON: {exc}.") from exc
    if not isinstance(query, dict) or not isinstance(query.get("query", []), list):
        raise CommandError(
            f'Frågan {path} ska vara ett JSON-objekt med en lista "query", som SCB visar den.'
        )
    return query


class Command(BaseCommand):
    help = "Hämtar en indikators värden från SCB:s PxWeb-API som JSON-stat och importerar dem."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Indikatorns kortnamn.")
        parser.add_argument(
            "--table", help="Tabellens sökväg i API:et; utan den indikatorns SCB-tabell."
        )
        parser.add_argument(
            "--query", type=Path, metavar="FILE.json", help="PxWeb-frågan som JSON-fil."
        )
        parser.add_argument(
            "--base-url", default=DEFAULT_BASE_URL, help="API:ets adress före tabellen."
        )
        parser.add_argument(
            "--contents",
            metavar="CODE",
            help="Tabellinnehållet (ContentsCode) att importera när svaret har flera.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle ändras utan att spara."
        )

    def handle(self, *args, slug, table=None, query=None, base_url, contents=None, **options):
        indicator = get_indicator(slug)
        table = table or indicator.scb_table
        if not table:
            raise CommandError(
                f"Indikatorn {slug} har ingen SCB-tabell; ange den med --table eller i admin."
            )
        url = table_url(base_url, table)
        try:
            answer = fetch(url, query_body(read_query(query)))
        except FetchError as exc:
            raise CommandError(str(exc)) from exc
        plan = import_file(
            indicator,
            io.BytesIO(answer),
            file_name=url,
            file_format=ImportBatch.Format.PXWEB_API,
            contents=contents,
            dry_run=options["dry_run"],
        )
        report(self, plan, options["dry_run"])
