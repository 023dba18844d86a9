"""The filters of a survey's list of programmes: county and kind, in the query string like the
other lists, so a filtered list can be linked; an unknown value is a form error, not an empty
list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from geography.models import County

from .choices import ProgrammeKind
from .models import MunicipalProgramme


class ProgrammeFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def counties(request=None):
    """The 21 counties with their official codes."""
    return County.objects.exclude(code=None).order_by("name")


class ProgrammeFilter(django_filters.FilterSet):
    lan = django_filters.ModelChoiceFilter(
        field_name="municipality__county",
        to_field_name="slug",
        queryset=counties,
        label=_("Län"),
        empty_label=_("Alla län"),
        error_messages={"invalid_choice": _("Det finns inget sådant län. Välj ett i listan.")},
    )
    typ = django_filters.ChoiceFilter(
        field_name="kind",
        choices=ProgrammeKind.choices,
        label=_("Typ av program"),
        empty_label=_("Alla typer"),
        error_messages={"invalid_choice": _("Det finns ingen sådan typ. Välj en i listan.")},
    )

    class Meta:
        model = MunicipalProgramme
        fields = []
        form = ProgrammeFilterForm
