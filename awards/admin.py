from django.contrib import admin

from editors.admin import OrganisationScopedAdmin, ScopedInlineMixin
from publishing.admin import PublishFromField, PublishingAdminMixin

from .models import Award, AwardWinner
from .views import AwardDetailView


class AwardWinnerInline(ScopedInlineMixin, admin.StackedInline):
    """A year's winner, with its own publishing state so that it can be entered before it is
    announced."""

    model = AwardWinner
    extra = 0
    fields = [
        ("year", "edition"),
        "municipality",
        "reasons",
        "news_item",
        ("publish_state", "publish_from"),
    ]
    autocomplete_fields = ["municipality", "news_item"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "publish_from":
            kwargs["form_class"] = PublishFromField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Award)
class AwardAdmin(PublishingAdminMixin, OrganisationScopedAdmin):
    """An award belongs to its organisers: their editors keep it and its winners up to date;
    as with events, an editor of one organiser keeps the others on it."""

    public_view = AwardDetailView
    organisation_lookup = "organisers"
    list_display = ["name", "updated_at"]
    list_filter = [("organisers", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description", "winners__municipality__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisers"]
    inlines = [AwardWinnerInline]
    fieldsets = [(None, {"fields": ["name", "slug", "organisers", "description"]})]
