from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin
from import_export.forms import ExportForm

from deadlines.queries import longer_deadline
from editors.admin import OrganisationScopedAdmin
from publishing.admin import PublishingAdminMixin
from uploads.admin import KeepsChosenFilesAdmin

from .models import Publication
from .resources import EXPORT_FORMATS, PublicationExportResource
from .views import PublicationDetailView


@admin.register(Publication)
class PublicationAdmin(
    KeepsChosenFilesAdmin, ExportActionMixin, PublishingAdminMixin, OrganisationScopedAdmin
):
    """A publication may have several publishers. An editor of one of them may change it, keeps
    the other publishers on it and cannot remove them (see editors/admin.py).

    *Exportera* (django-import-export) writes exactly what the list shows, with its filters and
    search, or the rows selected for the action, as CSV, XLSX or JSON. It needs the permission
    "Kan exportera publikationer" (``publications.export_publication``), not change rights."""

    organisation_lookup = "organisations"
    resource_classes = [PublicationExportResource]
    export_form_class = ExportForm
    export_formats = EXPORT_FORMATS
    # The publishing change form (preview link) stays; exports start from the list.
    change_form_template = PublishingAdminMixin.change_form_template
    show_change_form_export = False
    public_view = PublicationDetailView
    list_display = ["title", "kind", "year", "publishers", "has_file_column", "updated_at"]
    list_filter = [
        "kind",
        "year",
        ("organisations", admin.RelatedOnlyFieldListFilter),
        ("programmes", admin.RelatedOnlyFieldListFilter),
        ("focus_areas", admin.RelatedOnlyFieldListFilter),
        "language",
    ]
    search_fields = ["title", "summary", "organisations__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisations", "programmes", "focus_areas"]
    readonly_fields = ["file_details"]
    date_hierarchy = "publication_date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "language"]}),
        (_("Utgivning"), {"fields": ["organisations", "programmes", "publication_date", "year"]}),
        (_("Fil och länk"), {"fields": ["file", "file_details", "external_url"]}),
        (_("Innehåll"), {"fields": ["summary", "focus_areas", "tags"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organisations")

    # Export ---------------------------------------------------------------------------------

    def get_export_queryset(self, request):
        # The changelist's own queryset (scope, filters, search), without the list's prefetch:
        # the resource loads every related list an exported row shows once per chunk.
        try:
            queryset = super().get_export_queryset(request)
        except IncorrectLookupParameters as error:
            # The changelist answers these with a redirect to ?e=1; an export cannot be made.
            raise BadRequest(_("Listan kan inte exporteras med de här filtren.")) from error
        return queryset.prefetch_related(None)

    # Every publication in one file: its statements may run longer than a page's
    # (deadlines/, DJANGO_DB_EXPORT_STATEMENT_TIMEOUT).
    @longer_deadline("DB_EXPORT_STATEMENT_TIMEOUT")
    def export_action(self, request):
        response = super().export_action(request)
        # A posted form with errors (no or an unknown format) is shown again, as a 400.
        context = getattr(response, "context_data", None) or {}
        if request.method == "POST" and context.get("form") and context["form"].errors:
            response.status_code = 400
        return response

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"base_url": request.build_absolute_uri("/")}

    def get_export_filename(self, request, queryset, file_format):
        today = timezone.localdate().isoformat()
        return f"publikationer-{today}.{file_format.get_extension()}"

    def get_valid_export_item_pks(self, request):
        # Selected rows may only be rows this user could see in the list.
        return self.get_queryset(request).values_list("pk", flat=True)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "export_admin_action" in actions:
            function, name, _description = actions["export_admin_action"]
            actions[name] = (function, name, _("Exportera markerade publikationer"))
        return actions

    @admin.display(description=_("utgivare"))
    def publishers(self, obj):
        return ", ".join(org.display_name for org in obj.organisations.all())

    @admin.display(description=_("fil"), boolean=True)
    def has_file_column(self, obj):
        return obj.has_file

    @admin.display(description=_("filformat, sidor, språk och storlek"))
    def file_details(self, obj):
        if not obj.has_file:
            return _("Ingen fil uppladdad.")
        details = [obj.file_format]
        if obj.file_page_count:
            details.append(
                ngettext("%(count)d sida", "%(count)d sidor", obj.file_page_count)
                % {"count": obj.file_page_count}
            )
        if obj.file_language:
            details.append(obj.file_language_name)
        details.append(filesizeformat(obj.file_size))
        return ", ".join(details)
