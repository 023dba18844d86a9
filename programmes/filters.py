"""Filters for the public programme list and timeline.

The filters live in the query string (``?organisation=tillvaxtverket&year=2017``) so a filtered
list can be bookmarked and works without JavaScript. Values that do not match anything are form
errors, not empty results: the views answer 400 and show the message next to the field.
"""

from itertools import groupby

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from finders.filtersets import ExistsModelChoiceFilter, NarrowingFilterSet
from organisations.models import Organisation

from .choices import ProgrammeStatus
from .models import FocusArea, Programme

FIRST_YEAR = 1900
LAST_YEAR = 2100


class YearFilter(django_filters.NumberFilter):
    """A whole year; NumberFilter's DecimalField would accept 2017.5."""

    field_class = forms.IntegerField

    def get_max_validator(self):
        # The field's own max_value does the job, with our message.
        return None


# Keep in step with FIRST_YEAR and LAST_YEAR (a lazy string cannot be %-formatted at import).
YEAR_ERROR = _("Ange ett årtal mellan 1900 och 2100, till exempel 2017.")


# The options of the selects. Callables: django-filter calls them for each request, so what is
# published is decided then and a scheduled programme's organisation appears on time.
def owning_organisations(request=None):
    return Organisation.objects.filter(
        Exists(Programme.objects.published().filter(organisation=OuterRef("pk")))
    )


def funding_organisations(request=None):
    return Organisation.objects.filter(
        Exists(
            Programme.funders.through.objects.filter(
                organisation=OuterRef("pk"), programme__in=Programme.objects.published()
            )
        )
    )


def focus_areas_in_use(request=None):
    # Ordered by set first (FocusArea's default ordering), which the optgroups rely on.
    return (
        FocusArea.objects.visible()
        .filter(
            Exists(
                Programme.focus_areas.through.objects.filter(
                    focusarea=OuterRef("pk"), programme__in=Programme.objects.published()
                )
            )
        )
        .select_related("focus_area_set")
    )


class ProgrammeFilter(NarrowingFilterSet):
    """Owning organisation, funder, focus area, status and a year within the period. Only
    organisations and focus areas that have programmes are offered, and once another filter
    narrows the list, only those of its programmes (``narrow_options``)."""

    organisation = django_filters.ModelChoiceFilter(
        queryset=owning_organisations,
        to_field_name="slug",
        label=_("Ansvarig organisation"),
        empty_label=_("Alla organisationer"),
        error_messages={
            "invalid_choice": _(
                "Det finns ingen sådan organisation bland programmen. Välj en i listan."
            )
        },
    )
    funder = ExistsModelChoiceFilter(
        field_name="funders",
        queryset=funding_organisations,
        to_field_name="slug",
        label=_("Finansiär"),
        empty_label=_("Alla finansiärer"),
        error_messages={
            "invalid_choice": _(
                "Det finns ingen sådan finansiär bland programmen. Välj en i listan."
            )
        },
    )
    focus_area = django_filters.ModelChoiceFilter(
        field_name="focus_areas",
        queryset=focus_areas_in_use,
        to_field_name="slug",
        label=_("Fokusområde"),
        empty_label=_("Alla fokusområden"),
        error_messages={
            "invalid_choice": _(
                "Det finns inget sådant fokusområde bland programmen. Välj ett i listan."
            )
        },
    )
    status = django_filters.ChoiceFilter(
        choices=ProgrammeStatus.choices,
        method="filter_status",
        label=_("Status"),
        empty_label=_("Alla"),
        error_messages={
            "invalid_choice": _("Välj en status i listan: planerat, pågående eller avslutat.")
        },
    )
    year = YearFilter(
        method="filter_year",
        label=_("År"),
        help_text=_("Visar de program vars period omfattar året, t.ex. 2017."),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "autocomplete": "off"}),
        error_messages={"invalid": YEAR_ERROR, "min_value": YEAR_ERROR, "max_value": YEAR_ERROR},
    )

    option_fields = ("organisation", "funder", "focus_area")

    class Meta:
        model = Programme
        fields = []

    def narrow_options(self):
        """The organisations, funders and focus areas of the programmes the other filters
        leave, and the value already chosen. A programme's own focus areas (a set of its own)
        are offered only when chosen: they lead to that programme alone, whose page lists
        them."""
        if self.is_narrowed("organisation"):
            owners = self.others("organisation").order_by().values("organisation")
            self.offer("organisation", Q(pk__in=owners))
        if self.is_narrowed("funder"):
            self.offer(
                "funder",
                self.linked_to_results(
                    "funder", Programme.funders.through.objects, "programme", "organisation"
                ),
            )
        general = Q(focus_area_set__programme__isnull=True)
        if not self.is_narrowed("focus_area"):
            self.offer("focus_area", general)
            return
        # The areas of the programmes the other filters leave, which are all published, and
        # the chosen one, which validation found visible.
        used = self.linked_to_results(
            "focus_area", Programme.focus_areas.through.objects, "programme", "focusarea"
        )
        self.offer(
            "focus_area", [general, used], among=FocusArea.objects.select_related("focus_area_set")
        )

    def option_choices(self, name, queryset):
        """Focus areas are offered in groups (``<optgroup>``) by the name of their set: names
        repeat across sets (''Jämställdhet'' is both a strategy's priority and a programme's
        focus area). The queryset is ordered by set first (FocusArea's default ordering)."""
        if name != "focus_area":
            return super().option_choices(name, queryset)
        choices = [("", str(self.form.fields[name].empty_label))]
        for group, areas in groupby(queryset, key=lambda area: area.focus_area_set.name):
            choices.append((group, [(area.slug, area.name) for area in areas]))
        return choices

    def filter_status(self, queryset, name, value):
        # The queryset rule mirrors Programme.status, editor overrides included.
        return queryset.with_status(value)

    def filter_year(self, queryset, name, value):
        return queryset.active_in(value)
