from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ProgrammeStatus
from .models import (
    Contact,
    County,
    FocusArea,
    FocusAreaSet,
    Municipality,
    Organisation,
    Programme,
    ProgrammeFocusPoint,
    ProgrammeGoal,
    ProgrammeLink,
)


class ProgrammeStatusFilter(admin.SimpleListFilter):
    """Status as visitors see it: the editor's override, otherwise what the period says."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ProgrammeStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in ProgrammeStatus.values:
            raise IncorrectLookupParameters(f"Unknown status {value!r}")
        return queryset.with_status(value)


class ProgrammeYearFilter(admin.SimpleListFilter):
    """Programmes whose period includes the chosen year."""

    title = _("pågår under år")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        bounds = Programme.objects.aggregate(
            first=Min("start_year"), last_start=Max("start_year"), last_end=Max("end_year")
        )
        if bounds["first"] is None:
            return []
        last = max(filter(None, [bounds["last_start"], bounds["last_end"]]))
        if Programme.objects.filter(end_year__isnull=True).exists():
            last = max(last, timezone.localdate().year)
        return [(str(year), str(year)) for year in range(last, bounds["first"] - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        try:
            year = int(value)
        except ValueError as exc:
            raise IncorrectLookupParameters(f"Not a year: {value!r}") from exc
        return queryset.active_in(year)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "county"]
    list_filter = ["county"]
    list_select_related = ["county"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["county"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "county", "updated_at"]
    list_filter = ["kind", "county"]
    list_select_related = ["parent", "county"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "county"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind"]}),
        (_("Sammanhang"), {"fields": ["parent", "county", "website"]}),
        (_("Presentation"), {"fields": ["description", "logo"]}),
    ]


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ["name", "slug", "description", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FocusAreaSet)
class FocusAreaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "programme"]
    list_filter = ["kind", "organisation"]
    list_select_related = ["organisation", "programme"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "programme"]
    inlines = [FocusAreaInline]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "focus_area_set", "position"]
    list_filter = ["focus_area_set__kind", "focus_area_set"]
    list_select_related = ["focus_area_set"]
    search_fields = ["name", "description", "focus_area_set__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["focus_area_set"]


class ProgrammeGoalInline(admin.TabularInline):
    model = ProgrammeGoal
    extra = 0
    fields = ["text", "position"]


class ProgrammeFocusPointInline(admin.TabularInline):
    model = ProgrammeFocusPoint
    extra = 0
    fields = ["text", "rationale", "position"]


class ProgrammeLinkInline(admin.TabularInline):
    model = ProgrammeLink
    extra = 0
    fields = ["title", "url", "position"]


class SubprojectInline(admin.TabularInline):
    model = Programme
    fk_name = "parent"
    extra = 0
    fields = ["title", "slug", "kind", "organisation", "start_year", "end_year"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation"]
    show_change_link = True
    verbose_name = _("delprojekt")
    verbose_name_plural = _("delprojekt (pilot- och kunskapsprojekt)")


class ProgrammeContactInline(admin.TabularInline):
    model = Contact.programmes.through
    extra = 0
    autocomplete_fields = ["contact"]
    verbose_name = _("kontaktperson")
    verbose_name_plural = _("kontaktpersoner")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "organisation", "status_label", "kind", "parent"]
    list_filter = [
        ProgrammeStatusFilter,
        ProgrammeYearFilter,
        "organisation",
        "kind",
        "commission",
        "focus_areas",
    ]
    list_select_related = ["organisation", "parent"]
    search_fields = ["title", "alternative_title", "summary", "organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "organisation",
        "funders",
        "commissioned_by",
        "parent",
        "predecessor",
        "municipalities",
        "focus_areas",
    ]
    inlines = [
        ProgrammeGoalInline,
        ProgrammeFocusPointInline,
        SubprojectInline,
        ProgrammeContactInline,
        ProgrammeLinkInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "alternative_title", "slug", "kind", "organisation"]}),
        (
            _("Period och status"),
            {"fields": [("start_year", "end_year"), ("start_date", "end_date"), "status_override"]},
        ),
        (_("Uppdrag och finansiering"), {"fields": ["commission", "commissioned_by", "funders"]}),
        (_("Innehåll"), {"fields": ["summary", "body", "focus_areas", "tags"]}),
        (
            _("Sammanhang"),
            {
                "fields": [
                    "parent",
                    "predecessor",
                    ("pilot_project_count", "knowledge_project_count"),
                    "municipalities",
                ]
            },
        ),
    ]

    @admin.display(description=_("period"), ordering="start_year")
    def period(self, obj):
        return obj.period_display

    @admin.display(description=_("status"))
    def status_label(self, obj):
        return obj.status.label


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "email", "phone"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "role", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "programmes"]
