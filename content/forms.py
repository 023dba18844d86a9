"""The public form for reporting an accessibility problem or asking for an accessible version."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from formguard.forms import HoneypotFormMixin
from publications.models import Publication

from .models import AccessibilityRequest


def _publication_with_slug(slug):
    slug = (slug or "").strip()
    if not slug:
        return None
    return Publication.objects.published().filter(slug=slug).first()


class AccessibilityRequestForm(HoneypotFormMixin, forms.ModelForm):
    """The document travels as its slug in a hidden field, so the link from a publication page
    (``?publikation=<slug>``) survives a form with errors. A slug that matches no document is
    dropped rather than reported: the visitor cannot correct a hidden field, and the message
    itself still reaches the editors."""

    publication = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = AccessibilityRequest
        fields = ["kind", "publication", "page_url", "message", "name", "email"]
        labels = {
            "kind": _("Vad gäller det?"),
            "page_url": _("Sida det gäller"),
            "message": _("Ditt meddelande"),
            "name": _("Ditt namn"),
            "email": _("Din e-postadress"),
        }
        help_texts = {
            "page_url": _(
                "Frivilligt. Klistra in adressen till sidan eller beskriv var på webbplatsen det är."
            ),
            "message": _(
                "Beskriv vad som inte fungerar, eller vilket format du behöver, till exempel "
                "lättläst text, stor text eller ett dokument som fungerar med skärmläsare."
            ),
            "name": _("Frivilligt."),
            "email": _("Frivilligt. Fyll bara i den om du vill ha svar."),
        }
        error_messages = {
            "message": {"required": _("Skriv ett meddelande så att vi vet vad det gäller.")},
            "email": {"invalid": _("Skriv e-postadressen som namn@exempel.se.")},
        }
        widgets = {
            "kind": forms.RadioSelect,
            "page_url": forms.TextInput(attrs={"autocomplete": "url"}),
            "message": forms.Textarea(attrs={"rows": 8}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AccessibilityRequest.Kind.choices  # no empty choice

    def clean_publication(self):
        return _publication_with_slug(self.cleaned_data["publication"])

    @cached_property
    def document(self):
        """The publication the request is about, for the page to name, or None. Unbound, it
        is the one the link asked for; bound, the one that came back with the form."""
        if self.is_bound:
            self.is_valid()
            return self.cleaned_data.get("publication")
        return _publication_with_slug(self.initial.get("publication"))
