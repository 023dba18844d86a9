"""The filters of the public publication list. Every value lives in the query string, so a
filtered list can be linked and bookmarked; an unknown value is a form error, not an empty list."""

import functools

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from organisations.models import Organisation
from programmes.models import FocusArea, Programme, QueryTime, built_once
from programmes.models.programmes import format_period
from programmes.widgets import (
    ExistsModelChoiceFilter,
    FastNumberInput,
    FastSearchInput,
    FastSelect,
    FoundChoicesMixin,
    KeptOptions,
    ListModelChoiceField,
)
from richtext.html import text_search_regex

from .choices import PublicationKind
from .models import Publication

YEAR_MIN = 1900
YEAR_MAX = 2100
# The programme select lists the programmes of the results when there are at most this many.
PROGRAMME_OPTIONS = 100

# The model's own order (newest year first, then date, then title) with the primary key last,
# so that pages never swap rows that tie.
NEWEST_FIRST = [*Publication._meta.ordering, "pk"]
BY_TITLE = ["title", "pk"]


class SortOrder(models.TextChoices):
    NEWEST = "newest", _("Nyast först")
    TITLE = "title", _("Titel A–Ö")


ORDERINGS = {SortOrder.NEWEST: NEWEST_FIRST, SortOrder.TITLE: BY_TITLE}


class PublicationFilterForm(forms.Form):
    """The form behind the filters: plain labels, and the year range checked as a whole."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        year_from = cleaned_data.get("year_from")
        year_to = cleaned_data.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error(
                "year_to",
                _("Året i ”Till och med år” kan inte vara tidigare än året i ”Från och med år”."),
            )
        return cleaned_data


class FocusAreaChoiceField(ListModelChoiceField):
    """Names the set next to each focus area: different sets can use the same name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("option_columns", ("slug", "name", "focus_area_set__name"))
        super().__init__(*args, **kwargs)

    @staticmethod
    def option_label(name, set_name):
        return f"{name} ({set_name})"

    def label_from_instance(self, obj):
        return self.option_label(obj.name, obj.focus_area_set.name)


class FocusAreaFilter(ExistsModelChoiceFilter):
    field_class = FocusAreaChoiceField


class YearFilter(django_filters.NumberFilter):
    """A whole year between YEAR_MIN and YEAR_MAX, with messages that say so."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        message = format_lazy(
            _("Ange ett årtal mellan {min} och {max}, till exempel 2018."),
            min=YEAR_MIN,
            max=YEAR_MAX,
        )
        kwargs.setdefault("widget", FastNumberInput)
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault(
            "error_messages",
            {"invalid": message, "min_value": message, "max_value": message},
        )
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value above already bounds the year


def _choice_error(message):
    return {"invalid_choice": message}


# Each select's objects at a time: ``QueryTime()`` in the options built once, a Param in the
# kept query that finds the chosen value (``chosen_among``, programmes.widgets.KeptChoiceMixin).
def _published_programmes(now):
    return Programme.objects.published(now).order_by("title", "start_year")


def _visible_focus_areas(now):
    return FocusArea.objects.visible(now).select_related("focus_area_set")


def _public_tags(now, content_type_id):
    tagged = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type=content_type_id,
        object_id__in=Publication.objects.published(now).values("pk"),
    )
    return Tag.objects.filter(Exists(tagged)).order_by("name")


@functools.cache
def _tags_of_public_publications_query(content_type_id):
    return _public_tags(QueryTime(), content_type_id)


def publication_type_id():
    return ContentType.objects.get_for_model(Publication).pk


def _tags_of_public_publications(request=None):
    """The tags of publications visitors may see when the query runs (QueryTime): not tags used
    only on drafts or on other kinds of content. Built once per content type id (a test
    database may number content types anew) and cloned per request."""
    return _tags_of_public_publications_query(publication_type_id()).all()


def _public_tags_at(now):
    """The tags of publications visitors may see at ``now`` (a Param in a kept query)."""
    return _public_tags(now, publication_type_id())


def _all_organisations(now):
    return Organisation.objects.order_by("name")


class PublicationFilter(FoundChoicesMixin, django_filters.FilterSet):
    """What visitors can narrow the publication list by. Relations are chosen by slug so the
    query string stays readable (?organisation=tillvaxtverket); filters across many-to-many
    relations are ``EXISTS`` conditions, so a publication is listed, and counted, once.

    Every published value is accepted, but the list's selects offer only what leads somewhere
    (``narrow_choices``), so that no select holds thousands of options."""

    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Sök i titel och sammanfattning"),
        max_length=200,
        widget=FastSearchInput,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )
    organisation = ExistsModelChoiceFilter(
        widget=FastSelect,
        field_name="organisations",
        to_field_name="slug",
        queryset=Organisation.objects.order_by("name"),
        chosen_among=_all_organisations,
        option_columns=("slug", "name"),
        label=_("Utgivande organisation"),
        empty_label=_("Alla organisationer"),
        error_messages=_choice_error(_("Det finns ingen sådan organisation. Välj en i listan.")),
    )
    type = django_filters.ChoiceFilter(
        widget=FastSelect,
        field_name="kind",
        choices=PublicationKind.choices,
        label=_("Typ"),
        empty_label=_("Alla typer"),
        error_messages=_choice_error(_("Det finns ingen sådan typ. Välj en i listan.")),
    )
    programme = ExistsModelChoiceFilter(
        widget=FastSelect,
        field_name="programmes",
        to_field_name="slug",
        # Only programmes visitors may see when the query runs, scheduled ones from their time.
        queryset=built_once(lambda: _published_programmes(QueryTime())),
        chosen_among=_published_programmes,
        option_columns=("slug", "title", "start_year", "end_year"),
        option_label=lambda title, start, end: f"{title} {format_period(start, end)}",
        label=_("Program"),
        empty_label=_("Alla program"),
        error_messages=_choice_error(_("Det finns inget sådant program. Välj ett i listan.")),
    )
    focus_area = FocusAreaFilter(
        widget=FastSelect,
        field_name="focus_areas",
        to_field_name="slug",
        # Not the areas of a programme that is not public when the query runs.
        queryset=built_once(lambda: _visible_focus_areas(QueryTime())),
        chosen_among=_visible_focus_areas,
        label=_("Fokusområde"),
        empty_label=_("Alla fokusområden"),
        error_messages=_choice_error(_("Det finns inget sådant fokusområde. Välj ett i listan.")),
    )
    tag = ExistsModelChoiceFilter(
        widget=FastSelect,
        field_name="tags",
        to_field_name="slug",
        queryset=_tags_of_public_publications,
        option_columns=("slug", "name"),
        label=_("Nyckelord"),
        empty_label=_("Alla nyckelord"),
        error_messages=_choice_error(_("Det finns inget sådant nyckelord. Välj ett i listan.")),
    )
    year_from = YearFilter(field_name="year", lookup_expr="gte", label=_("Från och med år"))
    year_to = YearFilter(field_name="year", lookup_expr="lte", label=_("Till och med år"))
    sort = django_filters.ChoiceFilter(
        widget=FastSelect,
        method="sort_by",
        choices=SortOrder.choices,
        label=_("Sortera"),
        empty_label=None,
        error_messages=_choice_error(_("Välj en av sorteringarna i listan.")),
    )

    class Meta:
        model = Publication
        fields = []
        form = PublicationFilterForm

    def form_class_key(self):
        # The tag's options are built with the publications' content type id.
        return publication_type_id()

    def narrow_choices(self, result_ids=None, kept=False):
        """The options the list's form shows, once the filters are validated:

        - programmes: those of the results, when there are at most PROGRAMME_OPTIONS of them
          (thousands in all, a few per organisation); with more, the form asks the visitor to
          narrow the list first (``offers_programmes`` is False);
        - focus areas: the areas of strategies and of organisations' work areas, and the
          areas of the chosen programme's own set (a programme's own areas mean nothing
          outside it);
        - focus areas and tags, when another filter narrows the list: those of its results.

        The value already chosen is always offered, and all organisations are. ``result_ids``,
        when the view has read them, are the ids of the results. With ``kept``, for a
        filterset over the published publications (the list's own queryset), the options
        come from kept queries (KEPT_OPTIONS) unless the text search is used.
        """
        known = {"results": result_ids}
        if not (kept and KEPT_OPTIONS.narrow(self, known, skip=("q",))):
            self.narrow_options(**known)
        self.programme_options = PROGRAMME_OPTIONS
        if not self.offers_programmes:
            # The select then holds the chosen programme only; the hint says why.
            self.form.fields["programme"].widget.attrs["aria-describedby"] = "programme-hint"

    @property
    def offers_programmes(self):
        return self.offered.get("programme", True)

    def narrow_options(self, results):
        """``narrow_choices`` through querysets; ``results`` are the ids of the results when
        known (a list, or KnownIds when the querysets are built for a kept query)."""
        self._result_ids = results
        programme = self.chosen("programme")
        self.offer(
            "programme",
            self._found("programme", Publication.programmes.through, "programme"),
            limit=PROGRAMME_OPTIONS,
        )
        areas = Q(focus_area_set__programme__isnull=True)
        if programme is not None:
            areas |= Q(focus_area_set__programme=programme)
        if self.is_narrowed("focus_area"):
            areas &= self._found(
                "focus_area", Publication.focus_areas.through, "focusarea", first_link=True
            )
        self.offer("focus_area", areas)
        if self.is_narrowed("tag"):
            # Tags of the results, which are all public (not the field's own test for that).
            self.offer(
                "tag",
                self.linked_to_results(
                    "tag",
                    self._result_ids,
                    TaggedItem.objects.filter(content_type=publication_type_id()),
                    "object_id",
                    "tag_id",
                ),
                among=Tag.objects.order_by("name"),
            )

    def _found(self, name, through, column, first_link=False):
        """Whether an option of ``name`` is linked (through ``through.column``) to a result of
        the other filters (``linked_to_results``)."""
        return self.linked_to_results(
            name,
            self._result_ids,
            through.objects.all(),
            "publication_id",
            f"{column}_id",
            first_link=first_link,
        )

    def filter_text(self, queryset, name, value):
        # A stop-gap until the site has real full-text search. The summary is rich text: match
        # its words, not its tags and link addresses.
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__iregex=text_search_regex(value))
        )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])


def published_publications(now):
    """What the list's filterset filters (PublicationListView), at a time."""
    return Publication.objects.published(now).order_by(*NEWEST_FIRST)


def _kept_options_key():
    # The tag conditions hold the publications' content type id, and the programme select
    # reads one option more than its limit.
    return publication_type_id(), PROGRAMME_OPTIONS


# The options of the list's selects by kept queries, one per combination of chosen filters
# (programmes.widgets.KeptOptions).
KEPT_OPTIONS = KeptOptions(
    PublicationFilter,
    published_publications,
    fields=("organisation", "programme", "focus_area", "tag"),
    known_names=("results",),
    option_sets={"tag": _public_tags_at},
    key=_kept_options_key,
)
