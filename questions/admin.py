from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editors.admin import editor_organisation_ids, is_unrestricted

from .models import Question


class QuestionAdminForm(forms.ModelForm):
    """The answer the editor sent, and "Besvarad", which records when and by whom."""

    answered = forms.BooleanField(
        label=_("Besvarad"),
        required=False,
        help_text=_("Bocka i när du har svarat. Namn och e-post raderas ett antal dagar senare."),
    )

    class Meta:
        model = Question
        fields = ["answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered"].initial = self.instance.is_answered


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Visitors' questions, for the editors of the organisation they were asked: the same
    scope as everything else (editors/admin.py), superusers see all. What the visitor sent is
    read-only. Unlike the content admins this keeps no revision history: old versions would
    hold names and e-mail addresses that the scheduled erasure could not reach."""

    form = QuestionAdminForm
    list_display = [
        "__str__",
        "question_excerpt",
        "organisation",
        "created_at",
        "name",
        "email",
        "answered_at",
    ]
    list_filter = [
        ("answered_at", admin.EmptyFieldListFilter),
        ("organisation", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["organisation"]

    @admin.display(description=_("fråga"))
    def question_excerpt(self, obj):
        return obj.excerpt

    search_fields = ["text", "name", "email", "answer"]
    date_hierarchy = "created_at"
    actions = ["mark_answered"]
    visitor_fields = ["organisation", "page_title", "page_url", "text", "name", "email"]
    readonly_fields = [
        *visitor_fields,
        "created_at",
        "answered_at",
        "answered_by",
        "personal_data_erased_at",
    ]
    fieldsets = [
        (_("Frågan"), {"fields": [*visitor_fields, "created_at"]}),
        (_("Svar"), {"fields": ["answered", "answer", "answered_at", "answered_by"]}),
        (_("Personuppgifter"), {"fields": ["personal_data_erased_at"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_unrestricted(request):
            return queryset
        return queryset.filter(organisation__in=editor_organisation_ids(request))

    def has_add_permission(self, request):
        return False  # questions come from visitors only

    def save_model(self, request, obj, form, change):
        answered = form.cleaned_data.get("answered")
        if answered and obj.answered_at is None:
            obj.answered_at = timezone.now()
            obj.answered_by = request.user
        elif not answered:
            obj.answered_at = None
            obj.answered_by = None
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Markera valda frågor som besvarade"), permissions=["change"])
    def mark_answered(self, request, queryset):
        count = queryset.mark_answered(request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d fråga markerades som besvarad.",
                "%(count)d frågor markerades som besvarade.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
