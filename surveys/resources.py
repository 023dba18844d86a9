"""The import of a survey's list of municipal programmes from CSV or XLSX, through
django-import-export (the admin's Importera on Kommunernas program).

Every row goes into the one survey the editor chose. A wrong value (an unknown municipality
code, kind or yes/no answer, a malformed address, years that are not years) and a duplicate
(the same municipality and programme name twice in the file, or already in the survey) are
errors of that row, in Swedish. The library's dry run shows them all; the import can only be
confirmed once the whole file is valid, and the confirmed import runs in one transaction that
is rolled back if a row fails after all, so nothing is written from a file with errors.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from geography.models import Municipality

from .choices import ProgrammeKind
from .models import YEAR_MAX, YEAR_MIN, MunicipalProgramme

YES = {"ja", "j", "yes", "y", "1", "x", "sant", "true"}
NO = {"nej", "n", "no", "0", "", "falskt", "false"}
YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4})?\s*)?$")


def _text(value):
    return "" if value is None else str(value).strip()


class MunicipalityCodeWidget(widgets.ForeignKeyWidget):
    """A municipality by SCB's four-digit code; ``482`` from a spreadsheet that dropped the
    leading zero is read as ``0482``."""

    def __init__(self, **kwargs):
        super().__init__(Municipality, field="code", **kwargs)

    def clean(self, value, row=None, **kwargs):
        code = _text(value)
        if code.endswith(".0"):  # a number cell of a spreadsheet
            code = code[:-2]
        if not code:
            raise ValueError(_("Kommunkod saknas."))
        if code.isdigit() and len(code) < 4:
            code = code.zfill(4)
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise ValueError(
                _("Det finns ingen kommun med kommunkoden ”%(code)s”.") % {"code": code}
            )
        return municipality


class KindWidget(widgets.Widget):
    """The kind by its name (``Näringslivsprogram/-strategi``), its first word
    (``näringslivsstrategi``, ``tillväxtprogram``, ``annat``) or its stored value."""

    def clean(self, value, row=None, **kwargs):
        text = _text(value).casefold()
        for kind in ProgrammeKind:
            label = str(kind.label).casefold()
            names = {kind.value, label, label.split(" (")[0]}
            if kind == ProgrammeKind.BUSINESS:
                names |= {"näringslivsprogram", "näringslivsstrategi"}
            elif kind == ProgrammeKind.GROWTH:
                names |= {"tillväxtprogram", "tillväxtstrategi"}
            else:
                names |= {"annat namn"}
            if text in names:
                return kind.value
        raise ValueError(
            _("Okänd typ ”%(value)s”. Skriv näringslivsprogram, tillväxtprogram eller annat namn.")
            % {"value": _text(value)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(ProgrammeKind(value).label) if value else ""


class YesNoWidget(widgets.Widget):
    """ja/nej, yes/no, 1/0, or x for yes and an empty cell for no."""

    def clean(self, value, row=None, **kwargs):
        if value is True or value is False:
            return value
        text = _text(value).casefold()
        if text.endswith(".0"):
            text = text[:-2]
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(
            _("Skriv ja eller nej (eller 1/0, eller x för ja), inte ”%(value)s”.")
            % {"value": _text(value)}
        )

    def render(self, value, obj=None, **kwargs):
        return _("ja") if value else _("nej")


def parse_years(value):
    """``(from, to)`` from ``2017``, ``2016–2020`` (or with a hyphen), ``2018–`` (until
    further notice) or an empty cell; ValueError with a Swedish message otherwise."""
    text = _text(value)
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return None, None
    match = YEARS.match(text)
    message = _(
        "Skriv åren som 2017, 2016–2020 eller 2018– (mellan %(min)s och %(max)s), inte ”%(value)s”."
    ) % {"min": YEAR_MIN, "max": YEAR_MAX, "value": text}
    if match is None:
        raise ValueError(message)
    start = int(match.group(1))
    # "2018–" is open-ended; "2017" is that year only.
    open_ended = re.search(r"[-–—]", text) is not None
    end = int(match.group(2)) if match.group(2) else (None if open_ended else start)
    if not all(YEAR_MIN <= year <= YEAR_MAX for year in (start, end) if year is not None):
        raise ValueError(message)
    if end is not None and end < start:
        raise ValueError(_("Slutåret i ”%(value)s” är tidigare än startåret.") % {"value": text})
    return start, end


class YearsField(fields.Field):
    """One column ``År`` for both years of the programme."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.start_year, instance.end_year = parse_years(row.get(self.column_name))

    def get_value(self, obj):
        return obj.period_display


class MunicipalProgrammeResource(resources.ModelResource):
    """A survey's programmes, one row each, into the survey given as ``survey``."""

    municipality = fields.Field(
        attribute="municipality",
        column_name="Kommunkod",
        widget=MunicipalityCodeWidget(),
    )
    name = fields.Field(attribute="name", column_name="Program", widget=widgets.CharWidget())
    kind = fields.Field(attribute="kind", column_name="Typ", widget=KindWidget())
    years = YearsField(attribute="start_year", column_name="År")
    url = fields.Field(attribute="url", column_name="Länk", widget=widgets.CharWidget())
    refers_to_action_plan = fields.Field(
        attribute="refers_to_action_plan", column_name="Handlingsplan", widget=YesNoWidget()
    )
    linked_to_rus = fields.Field(attribute="linked_to_rus", column_name="RUS", widget=YesNoWidget())
    linked_to_intermunicipal = fields.Field(
        attribute="linked_to_intermunicipal",
        column_name="Mellankommunal samverkan",
        widget=YesNoWidget(),
    )
    emphasises_sustainability = fields.Field(
        attribute="emphasises_sustainability", column_name="Hållbarhet", widget=YesNoWidget()
    )

    class Meta:
        model = MunicipalProgramme
        fields = [
            "municipality",
            "name",
            "kind",
            "years",
            "url",
            "refers_to_action_plan",
            "linked_to_rus",
            "linked_to_intermunicipal",
            "emphasises_sustainability",
        ]
        # Every row is a new programme; one already in the survey is a duplicate, not an
        # update.
        import_id_fields = []
        clean_model_instances = True
        skip_diff = True

    def __init__(self, survey=None, **kwargs):
        super().__init__(**kwargs)
        self.survey = survey
        # (municipality, programme name) → the row of the file it was first seen on.
        self.seen = {}

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return MunicipalProgramme(survey=self.survey)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An empty line (a spreadsheet's trailing rows) is left out, not an error."""
        return all(_text(value) == "" for value in row.values())

    def import_instance(self, instance, row, **kwargs):
        """The fields, then the duplicates: within the file, and already in the survey."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.survey is None:
            raise ValidationError(_("Välj vilken inventering listan hör till."))
        if "municipality" not in errors and "name" not in errors and instance.name:
            key = (instance.municipality_id, instance.name.strip().casefold())
            line = kwargs.get("row_number")
            if key in self.seen:
                errors["name"] = [
                    _("Samma kommun och program finns redan på rad %(row)s i filen.")
                    % {"row": self.seen[key]}
                ]
            elif MunicipalProgramme.objects.filter(
                survey=self.survey,
                municipality_id=instance.municipality_id,
                name__iexact=instance.name.strip(),
            ).exists():
                errors["name"] = [
                    _("Kommunen har redan ett program med det namnet i inventeringen.")
                ]
            else:
                self.seen[key] = line
        if errors:
            raise ValidationError(errors)


class CSV(base_formats.CSV):
    """CSV with semicolons, as Excel with Swedish settings saves it, or with commas: the
    header row decides."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.removeprefix("\ufeff")
        header = in_stream.partition("\n")[0]
        kwargs.setdefault("delimiter", ";" if header.count(";") > header.count(",") else ",")
        return super().create_dataset(in_stream, **kwargs)


IMPORT_FORMATS = [CSV, base_formats.XLSX]
