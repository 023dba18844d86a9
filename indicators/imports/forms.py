"""The admin's form for importing an indicator's values from a file."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from indicators.models import ImportBatch


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "En CSV-fil med kolumnerna region_code, year, sex och value, eller en JSON-stat-fil "
            "från SCB:s statistikdatabas."
        ),
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Avgör av filens innehåll")),
            (ImportBatch.Format.CSV, ImportBatch.Format.CSV.label),
            (ImportBatch.Format.JSON_STAT, ImportBatch.Format.JSON_STAT.label),
        ],
    )
    contents = forms.CharField(
        label=_("Tabellinnehåll (ContentsCode)"),
        required=False,
        max_length=100,
        help_text=_("Bara för JSON-stat-filer med flera tabellinnehåll, t.ex. BE0101N1."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        largest = settings.MAX_INDICATOR_IMPORT_MB * 1024 * 1024
        if file.size > largest:
            raise forms.ValidationError(
                _("Filen är %(size)s. Den får vara högst %(largest)s."),
                code="too_large",
                params={"size": filesizeformat(file.size), "largest": filesizeformat(largest)},
            )
        return file
