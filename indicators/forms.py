"""The indicator page's choices: regions, years and the sex shown on the map, read from the
query string (GET), so every view of the figures has its own address."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Sex

# More regions than this make charts nobody can read; the map shows all regions anyway.
MAX_REGIONS = 30
# Up to this many regions are offered as checkboxes; more (the municipalities) as a list box,
# which keeps the page small.
CHECKBOX_LIMIT = 60
# Without a choice, an indicator with more regions than MAX_REGIONS at its level shows this many.
DEFAULT_MANY = 10


class SelectionForm(forms.Form):
    region = forms.MultipleChoiceField(
        label=_("Regioner"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Regionen %(value)s har inga värden för den här indikatorn."),
        },
    )
    ar = forms.MultipleChoiceField(
        label=_("År"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Det finns inga värden för år %(value)s."),
        },
    )
    kon = forms.ChoiceField(
        label=_("Kön på kartan"),
        required=False,
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj kvinnor, män eller totalt.")},
    )

    def __init__(self, data, *, regions, years, **kwargs):
        if data is not None and "kon" not in data:
            # The map shows the total unless another sex is chosen.
            data = data.copy()
            data["kon"] = Sex.TOTAL
        super().__init__(data, initial={"kon": Sex.TOTAL}, **kwargs)
        self.regions = {region.key: region for region in regions}
        self.uses_list_box = len(regions) > CHECKBOX_LIMIT
        if self.uses_list_box:
            # Before the choices, which a field hands to its widget.
            self.fields["region"].widget = forms.SelectMultiple(
                attrs={"size": 12, "aria-describedby": "region-help"}
            )
            self.fields["region"].help_text = _(
                "Välj flera med Ctrl-tangenten (Cmd på Mac) eller Skift."
            )
        grouped = {}
        for region in regions:
            grouped.setdefault(region.get_level_display(), []).append((region.key, region.name))
        self.fields["region"].choices = list(grouped.items())
        self.fields["ar"].choices = [(str(year), str(year)) for year in years]

    def clean_region(self):
        keys = self.cleaned_data["region"]
        if len(keys) > MAX_REGIONS:
            raise ValidationError(
                _("Välj högst %(max)d regioner åt gången; du valde %(count)d."),
                params={"max": MAX_REGIONS, "count": len(keys)},
            )
        # In the order of the form (largest level first), whatever the order of the address.
        chosen = set(keys)
        return [region for key, region in self.regions.items() if key in chosen]

    def clean_ar(self):
        return sorted(int(year) for year in self.cleaned_data["ar"])

    def grouped_regions(self):
        """The region checkboxes grouped by level, for one fieldset each."""
        groups = {}
        for checkbox in self["region"]:
            region = self.regions[checkbox.data["value"]]
            groups.setdefault(region.get_level_display(), []).append(checkbox)
        return list(groups.items())
