from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.results import RowResult

from editors.admin import OrganisationScopedAdmin, ScopedInlineMixin
from publishing.admin import PublishingAdminMixin

from .models import MunicipalProgramme, Survey, SurveyFigure
from .resources import IMPORT_FORMATS, MunicipalProgrammeResource
from .views import SurveyDetailView


class SurveyFigureInline(ScopedInlineMixin, admin.TabularInline):
    model = SurveyFigure
    extra = 0
    fields = ["label", "qualifier", "value", "stated_as", "unit", "key", "position"]


@admin.register(Survey)
class SurveyAdmin(PublishingAdminMixin, OrganisationScopedAdmin):
    """A survey with the figures it published. Its programmes are listed, filtered and
    imported under Kommunernas program."""

    public_view = SurveyDetailView
    reversion_options = {"follow": ["figures"]}
    list_display = ["title", "organisation", "year", "scope_size", "updated_at"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter), "year"]
    list_select_related = ["organisation"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "page"]
    inlines = [SurveyFigureInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "organisation", "page"]}),
        (
            _("Hur inventeringen gjordes"),
            {"fields": ["year", "season", "method", "scope", "scope_size"]},
        ),
        (_("Resultat"), {"fields": ["summary", "findings"]}),
    ]


class SurveyChoiceMixin(forms.Form):
    survey = forms.ModelChoiceField(
        queryset=Survey.objects.none(),
        label=_("Inventering"),
        help_text=_("Alla rader i filen läggs till i den här inventeringen."),
    )


class SurveyImportForm(SurveyChoiceMixin, ImportForm):
    """The import's first step: the survey, the file and its format."""


class SurveyConfirmImportForm(SurveyChoiceMixin, ConfirmImportForm):
    """The confirmation carries the survey chosen in the first step."""


@admin.register(MunicipalProgramme)
class MunicipalProgrammeAdmin(ImportMixin, OrganisationScopedAdmin):
    """The programmes of the surveys of the editor's organisations. *Importera* reads a CSV
    or XLSX file into one survey: each wrong row is listed with its errors, and nothing is
    saved until the whole file is right (surveys/resources.py)."""

    organisation_lookup = "survey__organisation"
    resource_classes = [MunicipalProgrammeResource]
    import_form_class = SurveyImportForm
    confirm_form_class = SurveyConfirmImportForm
    import_template_name = "admin/surveys/import.html"
    import_formats = IMPORT_FORMATS
    list_display = ["name", "municipality", "county", "kind", "period", "survey"]
    list_filter = [
        ("municipality__county", admin.RelatedOnlyFieldListFilter),
        "kind",
        ("survey", admin.RelatedOnlyFieldListFilter),
        "refers_to_action_plan",
        "linked_to_rus",
        "linked_to_intermunicipal",
        "emphasises_sustainability",
    ]
    list_select_related = ["municipality__county", "survey"]
    search_fields = ["name", "municipality__name", "municipality__code"]
    autocomplete_fields = ["municipality"]
    fieldsets = [
        (None, {"fields": ["survey", "municipality", "name", "kind", "url"]}),
        (_("Gäller"), {"fields": ["start_year", "end_year"]}),
        (
            _("Inventeringens iakttagelser"),
            {
                "fields": [
                    "refers_to_action_plan",
                    "linked_to_rus",
                    "linked_to_intermunicipal",
                    "emphasises_sustainability",
                ]
            },
        ),
    ]

    @admin.display(description=_("län"), ordering="municipality__county__name")
    def county(self, obj):
        return obj.municipality.county

    @admin.display(description=_("gäller"))
    def period(self, obj):
        return obj.period_display

    # Import ---------------------------------------------------------------------------------

    def has_import_permission(self, request):
        # Importing adds programmes.
        return self.has_add_permission(request)

    def own_surveys(self, request):
        """The surveys the user may import into: those of their own organisations."""
        return registered_scope(self.admin_site, request)

    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.fields["survey"].queryset = self.own_surveys(request)
        return form

    def create_confirm_form(self, request, import_form=None):
        form = super().create_confirm_form(request, import_form)
        form.fields["survey"].queryset = self.own_surveys(request)
        return form

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["survey"] = import_form.cleaned_data["survey"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        survey = None
        if form is not None and form.is_bound and form.is_valid():
            survey = form.cleaned_data["survey"]
        return {"survey": survey}

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # A row that has become wrong since the preview (another editor added the same
        # programme) rolls the whole confirmed import back.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        resource = MunicipalProgrammeResource()
        context["column_labels"] = {
            field.attribute: field.column_name for field in resource.get_import_fields()
        }
        context["columns"] = [field.column_name for field in resource.get_import_fields()]
        return context

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Filen sparades inte: någon rad stämmer inte längre. Läs in filen igen för "
                    "att se vilken."
                ),
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
            )
        self.generate_log_entries(result, request)
        count = result.totals[RowResult.IMPORT_TYPE_NEW]
        messages.success(
            request,
            _("%(count)s program lades till i inventeringen.") % {"count": count},
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )


def registered_scope(admin_site, request):
    """The surveys ``request``'s user may change, by the survey admin's scope."""
    survey_admin = admin_site.get_model_admin(Survey)
    return survey_admin.scope_queryset(request, Survey.objects.all())
