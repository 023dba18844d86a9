from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    AccessibilityRequest,
    ContentPage,
    Event,
    KeyFigure,
    NewsItem,
    PageLink,
    PageSection,
)


class PageSectionInline(admin.StackedInline):
    model = PageSection
    extra = 0
    fields = ["heading", "body", "position"]


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["value", "label", "position"]


class PageLinkInline(admin.TabularInline):
    model = PageLink
    extra = 0
    fields = ["title", "url", "position"]


@admin.register(ContentPage)
class ContentPageAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "parent", "position", "updated_at"]
    list_filter = ["organisation", "focus_areas"]
    list_select_related = ["organisation", "parent"]
    search_fields = ["title", "intro", "sections__heading", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "organisation",
        "parent",
        "programmes",
        "publications",
        "contacts",
        "focus_areas",
    ]
    inlines = [PageSectionInline, KeyFigureInline, PageLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "organisation", "parent", "position", "intro"]}),
        (
            _("Relaterat"),
            {"fields": ["programmes", "publications", "contacts", "focus_areas"]},
        ),
    ]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "municipality", "participant_count"]
    list_filter = ["kind", "organisers", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["title", "summary", "body", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisers", "municipality", "programmes"]
    date_hierarchy = "start_date"


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "date", "event"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "event"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "event", "municipalities"]
    date_hierarchy = "date"


@admin.register(AccessibilityRequest)
class AccessibilityRequestAdmin(admin.ModelAdmin):
    """Visitors' reports and requests from the public form. Editors mark them handled; what the
    visitor wrote is kept as sent."""

    list_display = ["__str__", "kind", "publication", "page_url", "name", "email", "handled"]
    list_display_links = ["__str__"]
    list_editable = ["handled"]
    list_filter = ["kind", "handled", "created_at"]
    list_select_related = ["publication"]
    search_fields = ["message", "page_url", "name", "email", "publication__title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["publication"]
    fields = [
        "kind",
        "publication",
        "page_url",
        "message",
        "name",
        "email",
        "created_at",
        "handled",
    ]
    visitor_fields = ["kind", "publication", "page_url", "message", "name", "email"]

    def get_readonly_fields(self, request, obj=None):
        # A received request is a record of what the visitor sent; only "handled" changes.
        if obj is not None:
            return [*self.visitor_fields, "created_at"]
        return ["created_at"]
