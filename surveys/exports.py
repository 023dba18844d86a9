"""A survey's list of programmes as a file (CSV, XLSX, JSON), written by the shared writers
of ``spreadsheets``."""

from django.utils.translation import gettext_lazy as _

from spreadsheets.writers import Column

from .choices import ProgrammeKind

COLUMNS = [
    Column("municipality", _("Kommun"), width=20),
    Column("municipality_code", _("Kommunkod"), width=10),
    Column("county", _("Län"), width=22),
    Column("name", _("Program"), width=50),
    Column("kind", _("Typ"), width=28),
    Column("start_year", _("Gäller från år"), "int", width=12),
    Column("end_year", _("Gäller till och med år"), "int", width=12),
    Column("url", _("Länk"), width=50),
    Column("refers_to_action_plan", _("Hänvisar till handlingsplan"), width=14),
    Column("linked_to_rus", _("Koppling till RUS"), width=14),
    Column("linked_to_intermunicipal", _("Koppling till mellankommunal samverkan"), width=14),
    Column("emphasises_sustainability", _("Betonar hållbarhet"), width=14),
]
YES_NO = (
    "refers_to_action_plan",
    "linked_to_rus",
    "linked_to_intermunicipal",
    "emphasises_sustainability",
)


def rows(programmes):
    """One list of values per programme, in the order of ``COLUMNS``; ``programmes`` comes
    with its municipalities and counties (``for_listing``)."""
    kinds = {value: str(label) for value, label in ProgrammeKind.choices}
    yes, no = str(_("ja")), str(_("nej"))
    for programme in programmes:
        municipality = programme.municipality
        yield [
            municipality.name,
            municipality.code,
            municipality.county.name if municipality.county else "",
            programme.name,
            kinds.get(programme.kind, programme.kind),
            programme.start_year,
            programme.end_year,
            programme.url,
            *(yes if getattr(programme, name) else no for name in YES_NO),
        ]
