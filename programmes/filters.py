"""Filters for the public programme list and timeline.

The filters live in the query string (``?organisation=tillvaxtverket&year=2017``) so a filtered
list can be bookmarked and works without JavaScript. Values that do not match anything are form
errors, not empty results: the views answer 400 and show the message next to the field.
"""

from itertools import groupby

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from organisations.models import Organisation

from .choices import ProgrammeStatus
from .models import FocusArea, Programme, QueryTime, built_once
from .widgets import (
    FastSelect,
    FoundChoicesMixin,
    KeptChoiceMixin,
    KeptOptions,
    ListModelChoiceFilter,
)

FIRST_YEAR = 1900
LAST_YEAR = 2100


class GroupedModelChoiceIterator(ModelChoiceIterator):
    """Options grouped in ``<optgroup>`` elements by the name of their focus area set.

    Focus area names repeat across sets (''Jämställdhet'' is both a strategy's priority and a
    programme's focus area), so each option is shown under the name of its set. Only the
    slug, the name and the set's name are read. The generator yields the empty option before
    it touches the database, so the widget's check of the first option costs no query.
    """

    option_columns = ("slug", "name", "focus_area_set__name")

    def __iter__(self):
        yield from self.choices_from(self.queryset.values_list(*self.option_columns))

    def choices_from(self, rows):
        """The grouped choices of rows of ``option_columns``."""
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for group, options in groupby(rows, key=lambda row: row[2]):
            yield (group, [(slug, name) for slug, name, _ in options])


class GroupedModelChoiceField(KeptChoiceMixin, ModelChoiceField):
    iterator = GroupedModelChoiceIterator


class FocusAreaChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = GroupedModelChoiceField


class YearFilter(django_filters.NumberFilter):
    """A whole year; NumberFilter's DecimalField would accept 2017.5."""

    field_class = forms.IntegerField

    def get_max_validator(self):
        # The field's own max_value does the job, with our message.
        return None


# Keep in step with FIRST_YEAR and LAST_YEAR (a lazy string cannot be %-formatted at import).
YEAR_ERROR = _("Ange ett årtal mellan 1900 och 2100, till exempel 2017.")


# What a row of a programme list shows: title and period, status (which may be set by hand or
# follow the exact dates) and whether it is public (for the programme above a project).
LISTED_PROGRAMME_FIELDS = (
    "title",
    "slug",
    "start_year",
    "end_year",
    "start_date",
    "end_date",
    "status_override",
    "publish_state",
    "publish_from",
    "organisation",
    "parent",
)


def listed_programmes(now=None):
    """The published programmes as the lists show them. Each row shows its owner and, for
    pilot and knowledge projects, the programme above; only the columns the rows show (title,
    period, status), not summaries and bodies. The model's order with the primary key last,
    so that pages never swap rows that tie."""
    return (
        Programme.objects.published(now)
        .order_by(*Programme._meta.ordering, "pk")
        .select_related("organisation", "parent")
        .only(
            *LISTED_PROGRAMME_FIELDS,
            "organisation__name",
            "organisation__short_name",
            "organisation__slug",
            *(f"parent__{field}" for field in LISTED_PROGRAMME_FIELDS),
        )
    )


# ``owning_organisations(now)`` and ``focus_areas_in_use(now)`` also find the chosen value, in a
# kept query that binds the time per request (``chosen_among``, widgets.KeptChoiceMixin).
def owning_organisations(now):
    return Organisation.objects.filter(
        Exists(Programme.objects.published(now).filter(organisation=OuterRef("pk")))
    ).order_by("name")


def focus_areas_in_use(now):
    # Ordered by set first (FocusArea's default ordering), which the optgroups rely on.
    return (
        FocusArea.objects.visible(now)
        .filter(
            Exists(
                Programme.focus_areas.through.objects.filter(
                    focusarea=OuterRef("pk"),
                    programme__in=Programme.objects.published(now),
                )
            )
        )
        .select_related("focus_area_set")
    )


# The choices are callables (django-filter calls them with the request), so that what is
# published is decided per request and a scheduled programme's organisation appears on time:
# built once, with the time taken when each query runs (QueryTime), and cloned per request.
_owning_organisations = built_once(lambda: owning_organisations(QueryTime()))
_focus_areas_in_use = built_once(lambda: focus_areas_in_use(QueryTime()))


class ProgrammeFilter(FoundChoicesMixin, django_filters.FilterSet):
    """Owning organisation, focus area, status and a year within the period. Only
    organisations and focus areas that have programmes are offered, and once another filter
    narrows the list, only those of its programmes (``narrow_choices``)."""

    organisation = ListModelChoiceFilter(
        widget=FastSelect,
        queryset=_owning_organisations,
        chosen_among=owning_organisations,
        option_columns=("slug", "name"),
        to_field_name="slug",
        label=_("Ansvarig organisation"),
        empty_label=_("Alla organisationer"),
        error_messages={
            "invalid_choice": _(
                "Det finns ingen sådan organisation bland programmen. Välj en i listan."
            )
        },
    )
    focus_area = FocusAreaChoiceFilter(
        widget=FastSelect,
        field_name="focus_areas",
        queryset=_focus_areas_in_use,
        chosen_among=focus_areas_in_use,
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
        widget=FastSelect,
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

    class Meta:
        model = Programme
        fields = []

    def narrow_choices(self, results=None, kept=False):
        """Once the filters are validated: the organisations and focus areas of the programmes
        the other filters leave, and the value already chosen. A programme's own focus areas
        (a set of its own) are offered only when chosen: they lead to that programme alone,
        whose page lists them. ``results``, when the view has read them, are the (id,
        organisation id) pairs of the results. With ``kept``, for a filterset over
        ``listed_programmes()``, the options come from kept queries (KEPT_OPTIONS)."""
        programmes = owners = None
        if results is not None:
            programmes = [pk for pk, _ in results]
            owners = {organisation for _, organisation in results}
        known = {"programmes": programmes, "owners": owners}
        # The status depends on today's date, which a kept query cannot hold (with_status).
        if not (kept and KEPT_OPTIONS.narrow(self, known, skip=("status",))):
            self.narrow_options(**known)

    def narrow_options(self, programmes, owners):
        """``narrow_choices`` through querysets: ``programmes`` and ``owners`` are the ids of
        the results and of their organisations, when known (lists, or KnownIds when the
        querysets are built for a kept query)."""
        if self.is_narrowed("organisation"):
            self.offer(
                "organisation",
                self.results_without("organisation", owners, "pk", value="organisation"),
            )
        general = Q(focus_area_set__programme__isnull=True)
        if not self.is_narrowed("focus_area"):
            self.offer("focus_area", general)
            return
        # The areas of the programmes the other filters leave, which are all published, and
        # the chosen one, which validation found visible: neither needs the field's own test
        # for that (a join of every programme).
        used = Exists(
            Programme.focus_areas.through.objects.filter(
                self.results_without("focus_area", programmes, "programme_id"),
                focusarea=OuterRef("pk"),
            )
        )
        self.offer(
            "focus_area", [general, used], among=FocusArea.objects.select_related("focus_area_set")
        )

    def filter_status(self, queryset, name, value):
        # The queryset rule mirrors Programme.status, editor overrides included.
        return queryset.with_status(value)

    def filter_year(self, queryset, name, value):
        return queryset.active_in(value)


# The options of the list's organisation and focus-area selects by kept queries.
KEPT_OPTIONS = KeptOptions(
    ProgrammeFilter,
    listed_programmes,
    fields=("organisation", "focus_area"),
    known_names=("programmes", "owners"),
)
