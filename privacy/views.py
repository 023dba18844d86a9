"""The admin's page for one e-mail address: everything stored about it, as JSON, and its
erasure (GDPR articles 15 and 17; privacy/gdpr.py). For superusers only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from . import gdpr


class PersonalDataForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_(
            "Adressen den registrerade använde. Stora och små bokstäver spelar ingen roll."
        ),
        error_messages={
            "required": _("Skriv en e-postadress."),
            "invalid": _("Skriv e-postadressen som namn@exempel.se."),
        },
    )
    action = forms.ChoiceField(
        choices=[
            ("search", "search"),
            ("export", "export"),
            ("confirm", "confirm"),
            ("erase", "erase"),
        ],
        initial="search",
        required=False,
        widget=forms.HiddenInput,
    )


class PersonalDataView(FormView):
    """Search shows what was found; export downloads it; erase asks for a confirmation
    first, then deletes. Posted, so the address never lands in a URL or a log line."""

    form_class = PersonalDataForm
    template_name = "admin/privacy/personal_data.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_superuser):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(admin.site.each_context(self.request))
        context["title"] = _("Personuppgifter om en e-postadress")
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        action = form.cleaned_data["action"] or "search"
        if action == "export":
            response = HttpResponse(gdpr.export(email), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="personuppgifter.json"'
            return response
        if action == "erase":
            deleted = sum(gdpr.erase(email).values())
            messages.success(
                self.request,
                _("%(count)d poster med adressen %(email)s raderades.")
                % {"count": deleted, "email": email},
            )
            return redirect("privacy:personal_data")
        found = gdpr.find(email)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                email=email,
                found=found,
                total=sum(len(rows) for _, rows in found),
                confirm=action == "confirm",
            )
        )
