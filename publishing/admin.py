"""Publishing in the admin: the state and publish-from time of a ``Publishable`` model, the
actions that publish and unpublish, and a preview of the public page."""

import datetime

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .choices import PublishState


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
