"""Revision history in the admin (django-reversion with django-reversion-compare).

Every save in the admin, every publishing action and every deletion keeps a version with user,
time and comment, one revision per object, so reverting one object never touches another.
Deleted objects are kept as a last version even when they were never saved through the admin
(imported or demo content), so they can be recovered.

``HistoryAdmin`` asks ``version_in_scope`` and ``revision_in_scope`` before it shows, compares,
reverts or recovers a version; both allow everything here, and ``editors.admin`` narrows them
to an editor's own organisations.
"""

import reversion
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff
from taggit.managers import TaggableManager


class HistoryAdmin(CompareVersionAdmin):
    """A model admin with revision history: compare, revert and recover deleted objects.

    ``reversion_options`` registers the model with django-reversion explicitly (``follow``,
    ``exclude``) instead of from the inlines."""

    reversion_options = None

    object_history_template = "admin/history/object_history.html"
    change_list_template = "admin/history/change_list.html"
    compare_template = "admin/history/compare.html"

    def __init__(self, model, admin_site):
        options = self.reversion_options
        if options is not None and not reversion.is_registered(model):
            for name in options.get("follow", ()):
                related = model._meta.get_field(name).related_model
                if not reversion.is_registered(related):
                    reversion.register(related)
            reversion.register(model, **options)
        super().__init__(model, admin_site)
        if self.compare_exclude is None:
            # Tags are not serialized into versions, so there is nothing to compare; the
            # automatic timestamps differ between any two versions and say nothing.
            self.compare_exclude = [
                field.name
                for field in model._meta.get_fields()
                if isinstance(field, TaggableManager)
                or getattr(field, "auto_now", False)
                or getattr(field, "auto_now_add", False)
            ]

    def compare(self, obj, version1, version2):
        """reversion-compare marks a foreign key as changed whenever any other field changed
        (unless REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID is set); keep only real changes."""
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        before, after = version1.field_dict, version2.field_dict

        def really_changed(entry):
            field = entry["field"]
            if getattr(field, "many_to_one", False) and getattr(field, "concrete", False):
                return before.get(field.attname) != after.get(field.attname)
            return True

        return [entry for entry in diff if really_changed(entry)], has_unfollowed_fields

    def compare_DateTimeField(self, obj_compare):
        """Times as editors enter them: Swedish format, Swedish time."""

        def display(value):
            if not value:
                return "–"
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")

        return html_diff(display(obj_compare.value1), display(obj_compare.value2))

    # Which versions the user may see and use: all of them here.

    def version_in_scope(self, request, version):
        return True

    def revision_in_scope(self, request, revision):
        return True

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "_save" not in request.POST:
            # An action. VersionAdmin wraps the whole list view in one revision, and nested
            # revision blocks join it; the actions here make one revision per object instead.
            context = {"has_change_permission": self.has_change_permission(request)}
            context.update(extra_context or {})
            return admin.ModelAdmin.changelist_view(self, request, context)
        return super().changelist_view(request, extra_context)

    def _record_deletion(self, request, objects):
        """Keep the object as it was, with the user who deleted it, so it can be recovered
        even if it was never saved through the admin (imported or demo content)."""
        for obj in objects:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(_("Borttagen."))
                reversion.add_to_revision(obj)

    def delete_model(self, request, obj):
        self._record_deletion(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._record_deletion(request, queryset)
        super().delete_queryset(request, queryset)

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404(_("Det finns inget sådant objekt som du kan se."))
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        context = {"title": _("Jämför versioner av %(name)s") % {"name": obj}}
        context.update(extra_context or {})
        return super().compare_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        # reversion looks the version up by object id alone; pin it to this object's model.
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        if not self.revision_in_scope(request, version.revision):
            raise Http404(_("Versionen rör innehåll som du inte kan ändra."))
        return super().revision_view(request, object_id, version_id, extra_context)

    def deleted_versions(self, request):
        """The last version of each deleted object of this model that the user may see."""
        ordering = self.get_version_ordering(request) or ()
        deleted = (
            Version.objects.get_deleted(self.model)
            .select_related("revision__user")
            .order_by(*ordering)
        )
        return [version for version in deleted if self.version_in_scope(request, version)]

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_change_permission(request) or not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": capfirst(opts.verbose_name),
            "title": _("Återställ borttagna %(name)s") % {"name": opts.verbose_name_plural},
            "deleted": self.deleted_versions(request),
            **(extra_context or {}),
        }
        templates = self.recover_list_template or [
            f"reversion/{opts.app_label}/{opts.model_name}/recover_list.html",
            f"reversion/{opts.app_label}/recover_list.html",
            "reversion/recover_list.html",
        ]
        return render(request, templates, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if not self.version_in_scope(request, version) or not self.revision_in_scope(
            request, version.revision
        ):
            raise Http404(_("Det finns inget sådant borttaget objekt som du kan återställa."))
        return super().recover_view(request, version_id, extra_context)
