"""The filters of the public publication list. Every value lives in the query string, so a
filtered list can be linked and bookmarked; an unknown value is a form error, not an empty list."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from programmes.models import FocusArea, Organisation, Programme
from programmes.richtext import text_search_regex
from programmes.widgets import FastSelect, ListModelChoiceField, ListModelChoiceFilter

from .choices import PublicationKind
from .models import Publication

YEAR_MIN = 1900
YEAR_MAX = 2100

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

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.focus_area_set.name})"


class FocusAreaFilter(django_filters.ModelChoiceFilter):
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


def _tags_of_public_publications(request=None):
    """The tags of publications visitors may see, decided per request (django-filter calls
    this with the request): not tags used only on drafts or on other kinds of content."""
    tagged = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(Publication),
        object_id__in=Publication.objects.published().values("pk"),
    )
    return Tag.objects.filter(Exists(tagged)).order_by("name")


class PublicationFilter(django_filters.FilterSet):
    """What visitors can narrow the publication list by. Relations are chosen by slug so the
    query string stays readable (?organisation=tillvaxtverket); filters across many-to-many
    relations ask for distinct rows so that a publication is listed, and counted, once."""

    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Sök i titel och sammanfattning"),
        max_length=200,
        widget=forms.SearchInput,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )
    organisation = ListModelChoiceFilter(
        widget=FastSelect,
        field_name="organisations",
        to_field_name="slug",
        queryset=Organisation.objects.only("id", "slug", "name").order_by("name"),
        distinct=True,
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
    programme = ListModelChoiceFilter(
        widget=FastSelect,
        field_name="programmes",
        to_field_name="slug",
        # Per request: only programmes visitors may see, scheduled ones from their time.
        queryset=lambda request: (
            Programme.objects.published()
            .only("id", "slug", "title", "start_year", "end_year")
            .order_by("title", "start_year")
        ),
        distinct=True,
        label=_("Program"),
        empty_label=_("Alla program"),
        error_messages=_choice_error(_("Det finns inget sådant program. Välj ett i listan.")),
    )
    focus_area = FocusAreaFilter(
        widget=FastSelect,
        field_name="focus_areas",
        to_field_name="slug",
        # Per request: not the areas of a programme that is not public yet.
        queryset=lambda request: FocusArea.objects.visible().select_related("focus_area_set"),
        distinct=True,
        label=_("Fokusområde"),
        empty_label=_("Alla fokusområden"),
        error_messages=_choice_error(_("Det finns inget sådant fokusområde. Välj ett i listan.")),
    )
    tag = ListModelChoiceFilter(
        widget=FastSelect,
        field_name="tags",
        to_field_name="slug",
        queryset=_tags_of_public_publications,
        distinct=True,
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

    def filter_text(self, queryset, name, value):
        # A stop-gap until the site has real full-text search. The summary is rich text: match
        # its words, not its tags and link addresses.
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__iregex=text_search_regex(value))
        )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])
