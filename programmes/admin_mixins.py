"""Admin building blocks shared by the apps: editors scoped to their organisations, revision
history, and publishing with preview.

Scope rules (everything below applies to staff users who are not superusers; superusers see and
may change everything):

- An editor sees, changes, deletes, previews and restores only what belongs to one of the
  organisations they are an editor of (``Organisation.editors``). Each admin says how its model
  reaches an organisation in ``organisation_lookup``. Objects outside the scope are not in the
  admin's queryset, so their URLs answer like a missing object, and the permission checks refuse
  them as well.
- Relation fields offer what the editor may use. The relation that decides the owner (a
  programme's organisation, a publication's organisations, a focus area's set) and the relations
  an admin lists in ``own_only_relations`` (a page's parent page, the programme a set of focus
  areas belongs to, a programme's parent and predecessor, a contact's programmes: each of these
  shows on the other object's public page) offer only the editor's own objects. Other relations to draft-capable content
  (programmes, publications, pages, news) offer the editor's own plus everything published: a
  page may link to another organisation's published report. Everything that is always public on
  the site (organisations, contacts, events, focus areas, municipalities) may be linked freely.
  Values already on an object stay valid even if they fall outside those rules, so saving an
  unrelated change never fails or drops a link. Autocomplete lookups apply the same rules.
- Where an object may have several owners (a co-published report, an event with several
  organisers), an editor keeps the other organisations on it, cannot remove them, and must keep
  at least one of their own.

History (django-reversion with django-reversion-compare): every save in the admin, every
publishing action and every deletion keeps a version with user, time and comment, one revision
per object, so reverting one object never touches another. History, compare, revert and recovery
of deleted objects apply the scope above; ownership of a deleted object is read from its last
version.
"""

import datetime

import reversion
from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.errors import RevertError
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff
from taggit.managers import TaggableManager

from .choices import PublishState
from .models import Publishable

# --- Whose objects a user may work on -------------------------------------------------------


def editor_organisation_ids(request):
    """Primary keys of the organisations the user is an editor of, read once per request."""
    ids = getattr(request, "_editor_organisation_ids", None)
    if ids is None:
        user = request.user
        if user.is_authenticated:
            ids = frozenset(user.editor_organisations.values_list("pk", flat=True))
        else:
            ids = frozenset()
        request._editor_organisation_ids = ids
    return ids


def is_unrestricted(request):
    return request.user.is_active and request.user.is_superuser


def autocomplete_source_field(request, admin_site):
    """The model field an admin autocomplete request searches for, or None for any other
    request. ``AutocompleteJsonView`` has already validated the parameters when it asks the
    target admin for its queryset."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != f"{admin_site.name}:autocomplete":
        return None
    try:
        model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        return model._meta.get_field(request.GET["field_name"])
    except (KeyError, LookupError, FieldDoesNotExist):
        return None


def relation_choices(admin_site, request, field):
    """The objects an editor may pick for the relation ``field``, or None for no limit (see
    the module docstring for the rules)."""
    if is_unrestricted(request) or field.remote_field is None:
        return None
    target = field.remote_field.model
    target_admin = admin_site._registry.get(target)
    if not isinstance(target_admin, OrganisationScopedAdmin):
        return None  # geography and other reference data: everyone may link to it
    source_admin = admin_site._registry.get(field.model)
    own = target_admin.scope_queryset(request, target._default_manager.all())
    if field.name == getattr(source_admin, "owner_relation", None) or field.name in getattr(
        source_admin, "own_only_relations", ()
    ):
        return own
    if issubclass(target, Publishable):
        published = target._default_manager.published()
        return target._default_manager.filter(
            Q(pk__in=own.values("pk")) | Q(pk__in=published.values("pk"))
        )
    return None  # always public on the site


def _current_pks(instance, name):
    """The primary keys a saved ``instance`` holds in the relation ``name``."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return set(getattr(instance, name).values_list("pk", flat=True))
    value = getattr(instance, field.attname)
    return set() if value is None else {value}


# --- Forms --------------------------------------------------------------------------------


class ScopedModelForm(forms.ModelForm):
    """The admin's form for scoped editors.

    Relation fields narrowed by ``relation_choices`` also accept what the object holds already,
    so an unrelated save never fails on, or silently drops, a link an editor could not make
    themselves. For a model with several owners (``owner_m2m_field``), the editor cannot remove
    another organisation and must keep one of their own. The admin sets the class attributes
    per request; ``None`` means unrestricted."""

    editor_organisation_ids = None
    owner_m2m_field = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            if not getattr(field, "scoped_choices", False):
                continue
            current = _current_pks(self.instance, name)
            if current:
                allowed = field.queryset
                widened = allowed.model._default_manager.filter(
                    Q(pk__in=allowed.values("pk")) | Q(pk__in=current)
                )
                if allowed.query.order_by:
                    widened = widened.order_by(*allowed.query.order_by)
                field.queryset = widened

    def clean(self):
        cleaned_data = super().clean()
        name = self.owner_m2m_field
        own = self.editor_organisation_ids
        if name is None or own is None or name not in cleaned_data:
            return cleaned_data
        chosen = cleaned_data[name]
        chosen_ids = {org.pk for org in chosen}
        before = _current_pks(self.instance, name) if self.instance.pk else set()
        removed = (before - own) - chosen_ids
        if removed:
            names = ", ".join(
                str(org) for org in self.fields[name].queryset.model.objects.filter(pk__in=removed)
            )
            self.add_error(
                name,
                _(
                    "Du kan inte ta bort %(names)s. Bara den organisationens redaktörer eller en "
                    "administratör kan göra det."
                )
                % {"names": names},
            )
        if not chosen_ids & own:
            self.add_error(
                name,
                _(
                    "Minst en av dina egna organisationer måste stå kvar, annars kan du inte "
                    "längre redigera det här."
                ),
            )
        return cleaned_data


class ScopedChoicesMixin:
    """Relation fields offer only what the editor may use (``relation_choices``); the relation
    that decides the owner is required for editors, since an object without an owner would be
    lost to them. For model admins and inlines alike."""

    form = ScopedModelForm

    def _limit_relation(self, db_field, request, kwargs):
        if is_unrestricted(request) or "queryset" in kwargs:
            return False
        source_admin = self.admin_site._registry.get(db_field.model)
        if (
            not db_field.many_to_many
            and db_field.name == getattr(source_admin, "owner_relation", None)
            and isinstance(source_admin, OrganisationScopedAdmin)
        ):
            kwargs["required"] = True
        choices = relation_choices(self.admin_site, request, db_field)
        if choices is None:
            return False
        kwargs["queryset"] = choices
        return True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        limited = self._limit_relation(db_field, request, kwargs)
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if limited and formfield is not None:
            formfield.scoped_choices = True
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        limited = self._limit_relation(db_field, request, kwargs)
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if limited and formfield is not None:
            formfield.scoped_choices = True
        return formfield


class ScopedInlineMixin(ScopedChoicesMixin):
    """For inlines. Children follow their parent's scope; an inline whose rows are objects in
    their own right (subprojects) names their ``organisation_lookup`` so that an editor sees
    and edits only their own rows there."""

    organisation_lookup = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.organisation_lookup is None or is_unrestricted(request):
            return queryset
        ids = editor_organisation_ids(request)
        return queryset.filter(**{f"{self.organisation_lookup}__in": ids})


# --- Organisation scope and history -------------------------------------------------------


class OrganisationScopedAdmin(ScopedChoicesMixin, CompareVersionAdmin):
    """A model admin for content that belongs to organisations, with revision history.

    ``organisation_lookup`` is the path from the model to the owning organisation(s)
    (``"organisation"``, ``"organisations"``, ``"focus_area_set__organisation"``, or ``"pk"`` for
    the organisations themselves). Override ``scope_q`` and ``version_owner_ids`` where the rule
    is not a plain lookup. ``reversion_options`` registers the model with django-reversion
    explicitly (``follow``, ``exclude``) instead of from the inlines."""

    organisation_lookup = "organisation"
    own_only_relations = ()
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

    # Scope.

    @property
    def owner_relation(self):
        """The model's own field that decides the owner, or None for organisations."""
        if self.organisation_lookup == "pk":
            return None
        return self.organisation_lookup.split("__")[0]

    @property
    def owner_m2m_field(self):
        relation = self.owner_relation
        if relation and self.model._meta.get_field(relation).many_to_many:
            return relation
        return None

    def scope_q(self, organisation_ids):
        return Q(**{f"{self.organisation_lookup}__in": organisation_ids})

    def scope_queryset(self, request, queryset):
        if is_unrestricted(request):
            return queryset
        owned = self.model._default_manager.filter(self.scope_q(editor_organisation_ids(request)))
        return queryset.filter(pk__in=owned.values("pk"))

    def in_scope(self, request, obj):
        if is_unrestricted(request) or obj is None or obj.pk is None:
            return True
        cache = request.__dict__.setdefault("_scope_cache", {})
        key = (self.model._meta.label, obj.pk)
        if key not in cache:
            objects = self.model._default_manager.filter(pk=obj.pk)
            cache[key] = self.scope_queryset(request, objects).exists()
        return cache[key]

    def version_owner_ids(self, version):
        """The organisations that owned the object as ``version`` recorded it."""
        try:
            field_dict = version.field_dict
        except (RevertError, FieldDoesNotExist, LookupError, ValueError):
            return set()
        if self.organisation_lookup == "pk":
            return {field_dict.get(self.model._meta.pk.attname)}
        field = self.model._meta.get_field(self.organisation_lookup)
        if field.many_to_many:
            return set(field_dict.get(field.attname) or ())
        return {field_dict.get(field.attname)} - {None}

    def version_in_scope(self, request, version):
        if is_unrestricted(request):
            return True
        return bool(self.version_owner_ids(version) & editor_organisation_ids(request))

    def revision_in_scope(self, request, revision):
        """Whether reverting ``revision`` touches only objects the user may change: each version
        in it belonged to the user's organisations then and, if the object still exists,
        belongs to them now."""
        if is_unrestricted(request):
            return True
        for version in revision.version_set.all():
            model_admin = self.admin_site._registry.get(version._model)
            if not isinstance(model_admin, OrganisationScopedAdmin):
                continue  # inline children, which travel with their parent
            if not model_admin.version_in_scope(request, version):
                return False
            current = model_admin.model._default_manager.filter(pk=version.object_id)
            if current.exists() and not model_admin.scope_queryset(request, current).exists():
                return False
        return True

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_unrestricted(request):
            return queryset
        source = autocomplete_source_field(request, self.admin_site)
        if source is not None and source.remote_field.model is self.model:
            # What the autocomplete of ``source`` may offer, not what the user may edit.
            choices = relation_choices(self.admin_site, request, source)
            if choices is None:
                return queryset
            return queryset.filter(pk__in=choices.values("pk"))
        return self.scope_queryset(request, queryset)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not is_unrestricted(request):
            # modelform_factory made this class for this request alone.
            form.editor_organisation_ids = editor_organisation_ids(request)
            form.owner_m2m_field = self.owner_m2m_field
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The form only offers the editor's own organisations; this is the last line of
        # defence. Raising inside the admin's transaction rolls the whole save back.
        if not is_unrestricted(request):
            objects = self.model._default_manager.filter(pk=form.instance.pk)
            if not self.scope_queryset(request, objects).exists():
                raise PermissionDenied

    # History.

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
        """The last version of each deleted object of this model that the user owned."""
        deleted = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(self.model).select_related("revision__user")
        )
        if is_unrestricted(request):
            return list(deleted)
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
        return render(
            request,
            self.recover_list_template or self._reversion_get_template_list("recover_list.html"),
            context,
        )

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if not self.version_in_scope(request, version) or not self.revision_in_scope(
            request, version.revision
        ):
            raise Http404(_("Det finns inget sådant borttaget objekt som du kan återställa."))
        return super().recover_view(request, version_id, extra_context)


# --- Publishing ---------------------------------------------------------------------------


def dst_problem(value, zone):
    """``"nonexistent"`` for a wall-clock time skipped when summer time starts,
    ``"ambiguous"`` for one that occurs twice when it ends, otherwise None."""
    first, second = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    round_trip = first.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    return "ambiguous" if round_trip == value else "nonexistent"


class PublishFromField(forms.SplitDateTimeField):
    """Date and time in Swedish time (the site's time zone). A time that does not exist or
    occurs twice when the clocks change is refused with a message saying so, rather than
    Django's general one."""

    def compress(self, data_list):
        if data_list and data_list[0] and data_list[1]:
            value = datetime.datetime.combine(*data_list)
            if not 1900 <= value.year <= 2100:
                raise ValidationError(
                    _("Ange ett datum mellan år 1900 och 2100."), code="out_of_range"
                )
            problem = dst_problem(value, timezone.get_current_timezone())
            params = {
                "time": value.strftime("%H:%M"),
                "date": formats.date_format(value.date(), "j F Y"),
            }
            if problem == "nonexistent":
                raise ValidationError(
                    _(
                        "Klockan %(time)s den %(date)s finns inte i svensk tid: då ställs "
                        "klockan fram en timme när sommartiden börjar. Välj en tid före eller "
                        "efter omställningen."
                    ),
                    code="nonexistent_time",
                    params=params,
                )
            if problem == "ambiguous":
                raise ValidationError(
                    _(
                        "Klockan %(time)s den %(date)s inträffar två gånger i svensk tid: då "
                        "ställs klockan tillbaka en timme när sommartiden slutar. Välj en tid "
                        "före eller efter den timme som upprepas."
                    ),
                    code="ambiguous_time",
                    params=params,
                )
        return super().compress(data_list)


class PublishingStatusFilter(admin.SimpleListFilter):
    """Utkast, Schemalagd or Publicerad, as ``Publishable.publishing_display`` says."""

    title = _("publicering")
    parameter_name = "publicering"
    DRAFT, SCHEDULED, PUBLISHED = "utkast", "schemalagd", "publicerad"

    def lookups(self, request, model_admin):
        return [
            (self.DRAFT, _("Utkast")),
            (self.SCHEDULED, _("Schemalagd")),
            (self.PUBLISHED, _("Publicerad")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        now = timezone.now()
        if value == self.DRAFT:
            return queryset.exclude(publish_state=PublishState.PUBLISHED)
        if value == self.SCHEDULED:
            return queryset.filter(publish_state=PublishState.PUBLISHED, publish_from__gt=now)
        if value == self.PUBLISHED:
            return queryset.published(now)
        raise IncorrectLookupParameters(f"Unknown publishing state {value!r}")


PUBLISHING_FIELDS = ["publish_state", "publish_from"]


class PublishingAdminMixin:
    """Publishing for the admin of a ``Publishable`` model: state and publish-from columns, a
    filter, the "Publicering" fieldset, publish and unpublish actions (one revision per object,
    with a comment), and a preview of the public page. ``public_view`` is the public detail
    view; it must accept ``preview=True``. Put before ``OrganisationScopedAdmin``."""

    public_view = None
    change_form_template = "admin/publishing/change_form.html"
    actions = ["publish_selected", "unpublish_selected"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publishing_status", "publish_from"]

    def get_list_filter(self, request):
        return [PublishingStatusFilter, *super().get_list_filter(request)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in PUBLISHING_FIELDS]
            fieldsets.append((name, {**options, "fields": fields}))
        return [*fieldsets, (_("Publicering"), {"fields": PUBLISHING_FIELDS})]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "publish_from":
            kwargs["form_class"] = PublishFromField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("publicering"), ordering="publish_state")
    def publishing_status(self, obj):
        return obj.publishing_display

    def _set_publish_state(self, request, queryset, state, comment):
        changed = []
        for obj in queryset:
            if obj.publish_state == state or not self.has_change_permission(request, obj):
                continue
            with self.create_revision(request):
                obj.publish_state = state
                obj.save()
                self.log_change(request, obj, str(comment))
                reversion.set_comment(str(comment))
            changed.append(obj)
        return changed

    @admin.action(
        description=_("Publicera markerade %(verbose_name_plural)s"), permissions=["change"]
    )
    def publish_selected(self, request, queryset):
        changed = self._set_publish_state(
            request, queryset, PublishState.PUBLISHED, _("Publicerad med åtgärden ”Publicera”.")
        )
        if not changed:
            self.message_user(request, _("Inget ändrades: allt markerat var redan publicerat."))
            return
        scheduled = [obj for obj in changed if not obj.is_public()]
        self.message_user(
            request,
            ngettext("%(count)d publicerades.", "%(count)d publicerades.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d av dem syns först vid sin publiceringstid.",
                    "%(count)d av dem syns först vid sin publiceringstid.",
                    len(scheduled),
                )
                % {"count": len(scheduled)},
                messages.INFO,
            )

    @admin.action(
        description=_("Avpublicera markerade %(verbose_name_plural)s (tillbaka till utkast)"),
        permissions=["change"],
    )
    def unpublish_selected(self, request, queryset):
        changed = self._set_publish_state(
            request, queryset, PublishState.DRAFT, _("Avpublicerad med åtgärden ”Avpublicera”.")
        )
        if not changed:
            self.message_user(request, _("Inget ändrades: allt markerat var redan utkast."))
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d avpublicerades och är nu utkast.",
                "%(count)d avpublicerades och är nu utkast.",
                len(changed),
            )
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    # Preview.

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/forhandsvisning/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def get_public_view(self, obj):
        return self.public_view

    def preview_view(self, request, object_id):
        """The public page of the object as visitors will see it once it is published, marked
        as a preview; only for users who may view the object here."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404(_("Det finns inget sådant objekt som du kan förhandsgranska."))
        view = self.get_public_view(obj).as_view(preview=True)
        return view(request, slug=obj.slug)
