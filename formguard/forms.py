"""The honeypot: a field people never see and leave empty, which form-filling robots fill."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotFormMixin:
    """Adds the honeypot field to a public form. Templates render it with
    templates/formguard/honeypot.html: visually hidden, out of the Tab order, never
    autofilled, and labelled for the few who meet it with a screen reader. A form whose
    honeypot is filled is invalid (so nothing is stored and the view answers 400) and says
    why; the other fields keep what was typed."""

    honeypot_error = _(
        "Formuläret kunde inte skickas eftersom fältet ”Lämna det här fältet tomt” var ifyllt. "
        "Töm det fältet och skicka igen."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Lämna det här fältet tomt"), required=False, strip=False
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.honeypot_error, code="honeypot")
        return cleaned_data

    def visible_fields(self):
        """The form's own fields, without the honeypot, which its partial renders."""
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]
