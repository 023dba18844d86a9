from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.errors import RevertError

from editors.admin import OrganisationScopedAdmin, ScopedInlineMixin
from history.admin import HistoryAdmin
from publishing.admin import PublishingAdminMixin

from .choices import ProgrammeStatus
from .models import (
    Contact,
    FocusArea,
    FocusAreaSet,
    FundProgramme,
    Programme,
    ProgrammeFocusPoint,
    ProgrammeGoal,
    ProgrammeLink,
)
from .views import ProgrammeDetailView


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


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ["name", "slug", "description", "position"]
    prepopulated_fields = {"slug": ["name"]}


def _focus_area_set_scope(organisation_ids, prefix=""):
    """A set belongs to its organisation; a programme's set without one, to the programme's."""
    return Q(**{f"{prefix}organisation__in": organisation_ids}) | Q(
        **{
            f"{prefix}organisation__isnull": True,
            f"{prefix}programme__organisation__in": organisation_ids,
        }
    )


def _focus_area_set_owner_ids(organisation_id, programme_id):
    if organisation_id is not None:
        return {organisation_id}
    if programme_id is not None:
        return set(
            Programme.objects.filter(pk=programme_id).values_list("organisation_id", flat=True)
        )
    return set()


@admin.register(FocusAreaSet)
class FocusAreaSetAdmin(OrganisationScopedAdmin):
    own_only_relations = ["programme"]
    list_display = ["name", "kind", "organisation", "programme"]
    list_filter = ["kind", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation", "programme"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "programme"]
    inlines = [FocusAreaInline]

    def scope_q(self, organisation_ids):
        return _focus_area_set_scope(organisation_ids)

    def version_owner_ids(self, version):
        try:
            field_dict = version.field_dict
        except RevertError:
            return set()
        return _focus_area_set_owner_ids(
            field_dict.get("organisation_id"), field_dict.get("programme_id")
        )


@admin.register(FundProgramme)
class FundProgrammeAdmin(HistoryAdmin):
    """Funding programmes such as the EU's regional fund programmes belong to no one
    organisation: site administrators keep them, and editors link their focus areas to them."""

    list_display = ["name", "period_display"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "start_year", "end_year", "description"]

    @admin.display(description=_("period"), ordering="start_year")
    def period_display(self, obj):
        return obj.period_display


@admin.register(FocusArea)
class FocusAreaAdmin(OrganisationScopedAdmin):
    organisation_lookup = "focus_area_set__organisation"
    list_display = ["name", "focus_area_set", "position"]
    list_filter = ["focus_area_set__kind", ("focus_area_set", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["focus_area_set"]
    search_fields = ["name", "description", "focus_area_set__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["focus_area_set", "fund_programmes"]

    def scope_q(self, organisation_ids):
        return _focus_area_set_scope(organisation_ids, prefix="focus_area_set__")

    def version_owner_ids(self, version):
        try:
            set_id = version.field_dict.get("focus_area_set_id")
        except RevertError:
            return set()
        owner = FocusAreaSet.objects.filter(pk=set_id).values("organisation_id", "programme_id")
        return _focus_area_set_owner_ids(**owner[0]) if owner else set()


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


class SubprojectInline(ScopedInlineMixin, admin.TabularInline):
    """Subprojects are programmes in their own right: an editor sees and edits here only those
    of their own organisations (others' stay linked, just not listed)."""

    model = Programme
    organisation_lookup = "organisation"
    fk_name = "parent"
    extra = 0
    fields = ["title", "slug", "kind", "organisation", "start_year", "end_year"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation"]
    show_change_link = True
    verbose_name = _("delprojekt")
    verbose_name_plural = _("delprojekt (pilot- och kunskapsprojekt)")


class ProgrammeContactInline(ScopedInlineMixin, admin.TabularInline):
    model = Contact.programmes.through
    extra = 0
    autocomplete_fields = ["contact"]
    verbose_name = _("kontaktperson")
    verbose_name_plural = _("kontaktpersoner")


@admin.register(Programme)
class ProgrammeAdmin(PublishingAdminMixin, OrganisationScopedAdmin):
    public_view = ProgrammeDetailView
    # A subproject and a successor are listed on the parent's and predecessor's public page:
    # an editor may only hang them under their own programmes.
    own_only_relations = ["parent", "predecessor"]
    # Goals, focus points and links are part of the programme and are reverted with it;
    # subprojects are programmes with their own history.
    reversion_options = {"follow": ["goals", "focus_points", "links"]}
    list_display = ["title", "period", "organisation", "status_label", "kind", "parent"]
    list_filter = [
        ProgrammeStatusFilter,
        ProgrammeYearFilter,
        ("organisation", admin.RelatedOnlyFieldListFilter),
        "kind",
        "commission",
        ("focus_areas", admin.RelatedOnlyFieldListFilter),
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
        "indicators",
        "statistics_region",
        "image",
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
        (_("Innehåll"), {"fields": ["summary", "image", "body", "focus_areas", "tags"]}),
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
        (_("Statistik"), {"fields": ["indicators", "statistics_region"]}),
    ]

    @admin.display(description=_("period"), ordering="start_year")
    def period(self, obj):
        return obj.period_display

    @admin.display(description=_("status"))
    def status_label(self, obj):
        return obj.status.label


@admin.register(Contact)
class ContactAdmin(OrganisationScopedAdmin):
    # A contact is shown on each programme's page: only the editor's own programmes.
    own_only_relations = ["programmes"]
    list_display = ["name", "role", "organisation", "email", "phone"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]
    search_fields = ["name", "role", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "programmes"]
