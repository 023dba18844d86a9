"""Indicators in the admin, and the import of their values from a file: upload, a preview of
what would change (or the errors per row), then "Bekräfta import"."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from history.admin import HistoryAdmin
from publishing.admin import PublishingAdminMixin

from .imports import import_file, pending, plan_file
from .imports.forms import ImportForm
from .models import ImportBatch, Indicator, Observation
from .views import IndicatorDetailView


@admin.register(Indicator)
class IndicatorAdmin(PublishingAdminMixin, HistoryAdmin):
    # Observations are imported, not edited here; they are not part of the revisions.
    reversion_options = {}
    public_view = IndicatorDetailView
    change_form_template = "admin/indicators/indicator/change_form.html"
    list_display = ["name", "group", "unit", "observation_count", "imported_at"]
    list_filter = ["group", "source"]
    search_fields = ["name", "group", "description", "source", "scb_table"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["imported_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "group"]}),
        (_("Beskrivning"), {"fields": ["description", "reading_note"]}),
        (_("Värden"), {"fields": ["unit", "decimals", "imported_at"]}),
        (_("Källa"), {"fields": ["source", "source_url", "scb_table"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(observation_count=Count("observations"))

    @admin.display(description=_("antal värden"), ordering="observation_count")
    def observation_count(self, obj):
        return obj.observation_count

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/importera/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request, obj):
        return self.has_change_permission(request, obj) and request.user.has_perm(
            "indicators.add_observation"
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "can_import": obj is not None and self.has_import_permission(request, obj),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def import_view(self, request, object_id):
        """Upload → preview → confirm. The file waits on the server under a random token
        (``imports.pending``) and is checked again when the import is confirmed."""
        indicator = self.get_object(request, unquote(object_id))
        if indicator is None:
            raise Http404(_("Det finns ingen sådan indikator."))
        if not self.has_import_permission(request, indicator):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request, indicator)
        if request.method != "POST":
            return self._render(request, indicator, ImportForm())
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, indicator, form, status=400)
        kept = pending.store(
            form.cleaned_data["file"],
            indicator=indicator,
            user=request.user,
            file_format=form.cleaned_data["file_format"],
            contents=form.cleaned_data["contents"],
        )
        with kept.path.open("rb") as file:
            plan = plan_file(indicator, file, kept.file_format or None, kept.contents or None)
        if not plan.is_valid:
            pending.discard(kept.token)
            return self._render(request, indicator, form, plan=plan, status=400)
        return self._render(request, indicator, None, plan=plan, kept=kept)

    def _confirm(self, request, indicator):
        kept = pending.find(request.POST["token"], indicator=indicator, user=request.user)
        if kept is None:
            messages.error(
                request,
                _("Filen att importera finns inte längre kvar. Ladda upp den igen."),
            )
            return self._render(request, indicator, ImportForm(), status=400)
        with kept.path.open("rb") as file:
            plan = import_file(
                indicator,
                file,
                file_name=kept.file_name,
                file_format=kept.file_format or None,
                contents=kept.contents or None,
                user=request.user,
            )
        pending.discard(kept.token)
        if not plan.is_valid:
            return self._render(request, indicator, ImportForm(), plan=plan, status=400)
        messages.success(
            request,
            _(
                "Importerade %(file)s: %(added)d nya, %(changed)d ändrade och %(unchanged)d "
                "oförändrade värden."
            )
            % {
                "file": kept.file_name,
                "added": plan.added,
                "changed": plan.changed,
                "unchanged": plan.unchanged,
            },
        )
        opts = self.model._meta
        return redirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[indicator.pk])
        )

    def _render(self, request, indicator, form, plan=None, kept=None, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": indicator,
            "title": _("Importera värden till %(name)s") % {"name": indicator},
            "form": form,
            "plan": plan,
            "changes": plan.changes() if plan is not None and plan.is_valid else [],
            "kept": kept,
        }
        return TemplateResponse(
            request, "admin/indicators/indicator/import.html", context, status=status
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by imports: listed and shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "region", "year", "sex", "value", "batch"]
    list_filter = ["indicator", "sex", "year", "region__level"]
    list_select_related = ["indicator", "region", "batch"]
    search_fields = ["region__name", "region__key"]
    show_full_result_count = False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "indicator",
        "file_format",
        "imported_at",
        "imported_by",
        "added",
        "changed",
        "unchanged",
    ]
    list_filter = ["indicator", "file_format"]
    list_select_related = ["indicator", "imported_by"]
    search_fields = ["file_name", "indicator__name"]
    date_hierarchy = "imported_at"
