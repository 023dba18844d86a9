"""The public "Ställ en fråga" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from formguard.forms import HoneypotFormMixin

from .models import Question


class QuestionForm(HoneypotFormMixin, forms.ModelForm):
    """The question, and a name and an e-mail address if the visitor wants an answer. The
    page it was asked from travels in hidden fields; an address that is not a path on this
    site is dropped (it is only a hint for the editor), and neither can fail the form: the
    visitor cannot correct a hidden field."""

    page_url = forms.CharField(required=False, widget=forms.HiddenInput)
    page_title = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Question
        fields = ["text", "name", "email", "page_url", "page_title"]
        labels = {
            "text": _("Din fråga"),
            "name": _("Ditt namn"),
            "email": _("Din e-postadress"),
        }
        help_texts = {
            "text": _("Skriv inte känsliga uppgifter om dig själv eller andra."),
            "name": _("Frivilligt."),
            "email": _("Frivilligt. Fyll i den om du vill ha svar."),
        }
        error_messages = {
            "text": {
                "required": _("Skriv din fråga."),
                "max_length": _(
                    "Frågan får vara högst %(limit_value)d tecken lång (nu %(show_value)d)."
                ),
            },
            "email": {"invalid": _("Skriv e-postadressen som namn@exempel.se.")},
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_page_url(self):
        url = self.cleaned_data["page_url"]
        if not url.startswith("/") or url.startswith("//") or len(url) > 500:
            return ""
        return url

    def clean_page_title(self):
        return self.cleaned_data["page_title"][:300]
