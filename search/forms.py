from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .models import Kind

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The search page's query string: ``q``, the facets ``typ``, ``organisation``, ``ar`` and
    ``alla_organisationer`` (list every organisation of the facet, not just the top ones).
    Wrong values are form errors (the page answers 400 with the message)."""

    q = forms.CharField(
        label=_("Sök på webbplatsen"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={
            "max_length": _(
                "Sökningen är för lång. Skriv högst %(limit_value)d tecken, till exempel "
                "några ord ur en titel."
            )
        },
    )
    typ = forms.ChoiceField(
        choices=[("", "")] + Kind.choices,
        required=False,
        error_messages={"invalid_choice": _("Det finns ingen sådan innehållstyp.")},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("Det finns ingen sådan organisation.")},
    )
    ar = forms.IntegerField(
        min_value=1900,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": _("Ange ett årtal, till exempel 2018."),
            "min_value": _("Ange ett årtal mellan 1900 och 2100."),
            "max_value": _("Ange ett årtal mellan 1900 och 2100."),
        },
    )

    # The organisation facet lists the organisations with most hits; this shows all of them.
    alla_organisationer = forms.BooleanField(required=False)

    def selected_facets(self):
        data = self.cleaned_data
        return {
            "kind": data.get("typ"),
            "organisation": data.get("organisation"),
            "year": data.get("ar"),
        }
