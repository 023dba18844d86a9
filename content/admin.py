from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editors.admin import OrganisationScopedAdmin
from publishing.admin import PublishingAdminMixin

from .models import (
    ACCESSIBILITY_STATEMENT_SLUG,
    AccessibilityRequest,
    ContentPage,
    Event,
    KeyFigure,
    NewsItem,
    PageLink,
    PageSection,
)
from .views import AccessibilityStatementView, ContentPageDetailView, NewsDetailView


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
class ContentPageAdmin(PublishingAdminMixin, OrganisationScopedAdmin):
    """Pages without an organisation are about the website itself (the accessibility
    statement); only superusers edit them. A page's parent must be one of the editor's own
    pages, since it places the page in that organisation's menu."""

    public_view = ContentPageDetailView
    own_only_relations = ["parent"]
    list_display = ["title", "organisation", "parent", "position", "updated_at"]
    list_filter = [
        ("organisation", admin.RelatedOnlyFieldListFilter),
        ("focus_areas", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation", "parent"]
    search_fields = ["title", "intro", "sections__heading", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "organisation",
        "parent",
        "image",
        "programmes",
        "publications",
        "contacts",
        "focus_areas",
    ]
    inlines = [PageSectionInline, KeyFigureInline, PageLinkInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "organisation", "parent", "position", "intro", "image"]},
        ),
        (
            _("Relaterat"),
            {"fields": ["programmes", "publications", "contacts", "focus_areas"]},
        ),
    ]

    def get_public_view(self, obj):
        if obj.slug == ACCESSIBILITY_STATEMENT_SLUG:
            return AccessibilityStatementView
        return super().get_public_view(obj)


@admin.register(Event)
class EventAdmin(OrganisationScopedAdmin):
    """An event may have several organisers; as with publications, an editor of one keeps the
    others on it."""

    organisation_lookup = "organisers"
    list_display = ["title", "kind", "start_date", "end_date", "municipality", "participant_count"]
    list_filter = [
        "kind",
        ("organisers", admin.RelatedOnlyFieldListFilter),
        ("municipality", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["municipality"]
    search_fields = ["title", "summary", "body", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisers", "municipality", "programmes", "image"]
    date_hierarchy = "start_date"


@admin.register(NewsItem)
class NewsItemAdmin(PublishingAdminMixin, OrganisationScopedAdmin):
    public_view = NewsDetailView
    list_display = ["title", "organisation", "date", "event"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation", "event"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "event", "municipalities", "image"]
    date_hierarchy = "date"


@admin.register(AccessibilityRequest)
class AccessibilityRequestAdmin(admin.ModelAdmin):
    """Visitors' reports and requests from the public form. Editors mark them handled; what the
    visitor wrote is kept as sent. They concern the whole site and belong to no organisation,
    so the editor group does not include them: site administrators handle them."""

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
        "handled_at",
    ]
    visitor_fields = ["kind", "publication", "page_url", "message", "name", "email"]

    def get_readonly_fields(self, request, obj=None):
        # A received request is a record of what the visitor sent; only "handled" changes.
        if obj is not None:
            return [*self.visitor_fields, "created_at", "handled_at"]
        return ["created_at", "handled_at"]
