"""Editors scoped to their organisations in the admin.

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
  shows on the other object's public page) offer only the editor's own objects. Other
  relations to draft-capable content (programmes, publications, pages, news) offer the editor's own plus everything published: a
  page may link to another organisation's published report. Everything that is always public on
  the site (organisations, contacts, events, focus areas, municipalities, the shared images) may
  be linked freely.
  Values already on an object stay valid even if they fall outside those rules, so saving an
  unrelated change never fails or drops a link. Autocomplete lookups apply the same rules.
- Where an object may have several owners (a co-published report, an event with several
  organisers), an editor keeps the other organisations on it, cannot remove them, and must keep
  at least one of their own.

History, compare, revert and recovery of deleted objects (history.admin) apply the same scope;
ownership of a deleted object is read from its last version.
"""

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from reversion.errors import RevertError

from history.admin import HistoryAdmin
from publishing.models import Publishable

# --- Whose objects a user may work on -------------------------------------------------------


def editor_organisation_ids(request):
    """Primary keys of the organisations the user is an editor of, read once per request."""
    ids = getattr(request, "editor_organisation_ids", None)
    if ids is None:
        user = request.user
        if user.is_authenticated:
            ids = frozenset(user.editor_organisations.values_list("pk", flat=True))
        else:
            ids = frozenset()
        request.editor_organisation_ids = ids
    return ids


def registered_admin(admin_site, model):
    """The model admin ``admin_site`` has for ``model``, or None."""
    if model is None or not admin_site.is_registered(model):
        return None
    return admin_site.get_model_admin(model)


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
    target_admin = registered_admin(admin_site, target)
    if not isinstance(target_admin, OrganisationScopedAdmin):
        return None  # geography and other reference data: everyone may link to it
    source_admin = registered_admin(admin_site, field.model)
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
        source_admin = registered_admin(self.admin_site, db_field.model)
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


# --- Organisation scope -------------------------------------------------------------------


class OrganisationScopedAdmin(ScopedChoicesMixin, HistoryAdmin):
    """A model admin for content that belongs to organisations, with revision history.

    ``organisation_lookup`` is the path from the model to the owning organisation(s)
    (``"organisation"``, ``"organisations"``, ``"focus_area_set__organisation"``, or ``"pk"`` for
    the organisations themselves). Override ``scope_q`` and ``version_owner_ids`` where the rule
    is not a plain lookup."""

    organisation_lookup = "organisation"
    own_only_relations = ()

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
            model_admin = registered_admin(
                self.admin_site,
                ContentType.objects.get_for_id(version.content_type_id).model_class(),
            )
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
