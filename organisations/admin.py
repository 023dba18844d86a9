from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editors.admin import OrganisationScopedAdmin
from uploads.admin import KeepsChosenFilesAdmin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(KeepsChosenFilesAdmin, OrganisationScopedAdmin):
    """Editors may change their own organisations' presentation; only superusers add or delete
    organisations and choose their editors. ``editors`` is left out of the history, so that
    reverting an old version never gives back access that was taken away."""

    organisation_lookup = "pk"
    reversion_options = {"exclude": ["editors"]}
    list_display = ["name", "short_name", "kind", "parent", "county", "updated_at"]
    list_filter = ["kind", "county"]
    list_select_related = ["parent", "county"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "county"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind"]}),
        (_("Sammanhang"), {"fields": ["parent", "county"]}),
        (_("Kontaktuppgifter"), {"fields": ["website", "email", "phone", "address"]}),
        (_("Presentation"), {"fields": ["description", "logo"]}),
        (_("Frågor från besökare"), {"fields": ["accepts_questions", "personal_data_url"]}),
    ]
    editors_fieldset = (_("Redaktörer"), {"fields": ["editors"]})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return [*fieldsets, self.editors_fieldset]
        return fieldsets

    def get_autocomplete_fields(self, request):
        fields = super().get_autocomplete_fields(request)
        return [*fields, "editors"] if request.user.is_superuser else fields

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)
