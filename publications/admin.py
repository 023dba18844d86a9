from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from programmes.admin_mixins import OrganisationScopedAdmin, PublishingAdminMixin

from .models import Publication
from .views import PublicationDetailView


@admin.register(Publication)
class PublicationAdmin(PublishingAdminMixin, OrganisationScopedAdmin):
    """A publication may have several publishers. An editor of one of them may change it, keeps
    the other publishers on it and cannot remove them (see programmes/admin_mixins.py)."""

    organisation_lookup = "organisations"
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

    @admin.display(description=_("utgivare"))
    def publishers(self, obj):
        return ", ".join(org.display_name for org in obj.organisations.all())

    @admin.display(description=_("fil"), boolean=True)
    def has_file_column(self, obj):
        return obj.has_file

    @admin.display(description=_("filformat och storlek"))
    def file_details(self, obj):
        if not obj.has_file:
            return _("Ingen fil uppladdad.")
        return f"{obj.file_format}, {filesizeformat(obj.file_size)}"
