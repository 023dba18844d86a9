"""The filters of the public publication list. Every value lives in the query string, so a
filtered list can be linked and bookmarked; an unknown value is a form error, not an empty list."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField
from taggit.models import Tag, TaggedItem

from finders.filtersets import ExistsModelChoiceFilter, NarrowingFilterSet, TagFilter
from organisations.models import Organisation
from programmes.models import FocusArea, Programme
from programmes.models.programmes import format_period
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


class FocusAreaChoiceField(ModelChoiceField):
    """Names the set next to each focus area: different sets can use the same name."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.focus_area_set.name})"


class FocusAreaFilter(ExistsModelChoiceFilter):
    field_class = FocusAreaChoiceField


class ProgrammeChoiceField(ModelChoiceField):
    """A programme by its title and period, as everywhere on the site."""

    def label_from_instance(self, obj):
        return f"{obj.title} {format_period(obj.start_year, obj.end_year)}"


class ProgrammeChoiceFilter(ExistsModelChoiceFilter):
    field_class = ProgrammeChoiceField


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


# The options of the selects. Callables: django-filter calls them for each request, so what is
# published is decided then and a scheduled programme or tag is offered on time.
def published_programmes(request=None):
    # Only what an option shows: a programme's other columns change more often than these.
    return (
        Programme.objects.published()
        .order_by("title", "start_year")
        .only("title", "slug", "start_year", "end_year")
    )


def visible_focus_areas(request=None):
    # Not the areas of a programme that is not public.
    return FocusArea.objects.visible().select_related("focus_area_set")


def published_publication_tags():
    """A condition on a tag: a publication visitors may see has it."""
    return Exists(
        TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(Publication),
            object_id__in=Publication.objects.published().values("pk"),
        )
    )


def public_tags(request=None):
    """The tags visitors may see, on a publication or a programme: every tag shown on a page
    works as a filter here, and one found only on programmes lists no publication rather
    than being refused. Tags used only on drafts are not among them. The select offers only
    the publications' own tags (``narrow_options``)."""
    on_programmes = Exists(
        TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type=ContentType.objects.get_for_model(Programme),
            object_id__in=Programme.objects.published().values("pk"),
        )
    )
    return Tag.objects.filter(published_publication_tags() | on_programmes).order_by("name")


class PublicationFilter(NarrowingFilterSet):
    """What visitors can narrow the publication list by. Relations are chosen by slug so the
    query string stays readable (?organisation=tillvaxtverket); filters across many-to-many
    relations are ``EXISTS`` conditions, so a publication is listed, and counted, once.

    Every published value is accepted, but the list's selects offer only what leads somewhere
    (``narrow_options``), so that no select holds thousands of options."""

    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Sök i titel och sammanfattning"),
        max_length=200,
        widget=forms.SearchInput,
        error_messages={"max_length": _("Skriv högst %(limit_value)d tecken.")},
    )
    organisation = ExistsModelChoiceFilter(
        field_name="organisations",
        to_field_name="slug",
        queryset=Organisation.objects.order_by("name"),
        label=_("Utgivande organisation"),
        empty_label=_("Alla organisationer"),
        error_messages=_choice_error(_("Det finns ingen sådan organisation. Välj en i listan.")),
    )
    type = django_filters.ChoiceFilter(
        field_name="kind",
        choices=PublicationKind.choices,
        label=_("Typ"),
        empty_label=_("Alla typer"),
        error_messages=_choice_error(_("Det finns ingen sådan typ. Välj en i listan.")),
    )
    programme = ProgrammeChoiceFilter(
        field_name="programmes",
        to_field_name="slug",
        queryset=published_programmes,
        label=_("Program"),
        empty_label=_("Alla program"),
        error_messages=_choice_error(_("Det finns inget sådant program. Välj ett i listan.")),
    )
    focus_area = FocusAreaFilter(
        field_name="focus_areas",
        to_field_name="slug",
        queryset=visible_focus_areas,
        label=_("Fokusområde"),
        empty_label=_("Alla fokusområden"),
        error_messages=_choice_error(_("Det finns inget sådant fokusområde. Välj ett i listan.")),
    )
    tag = TagFilter(
        field_name="tags",
        to_field_name="slug",
        queryset=public_tags,
        label=_("Nyckelord"),
        empty_label=_("Alla nyckelord"),
        error_messages=_choice_error(_("Det finns inget sådant nyckelord. Välj ett i listan.")),
    )
    year_from = YearFilter(field_name="year", lookup_expr="gte", label=_("Från och med år"))
    year_to = YearFilter(field_name="year", lookup_expr="lte", label=_("Till och med år"))
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=SortOrder.choices,
        label=_("Sortera"),
        empty_label=None,
        error_messages=_choice_error(_("Välj en av sorteringarna i listan.")),
    )

    option_fields = ("organisation", "programme", "focus_area", "tag")

    class Meta:
        model = Publication
        fields = []
        form = PublicationFilterForm

    def narrow_choices(self):
        super().narrow_choices()
        if not self.offers_programmes:
            # The select then holds the chosen programme only; the hint says why.
            self.form.fields["programme"].widget.attrs["aria-describedby"] = "programme-hint"

    @property
    def programme_options(self):
        """The most programmes the select offers (the form's hint names it)."""
        return PROGRAMME_OPTIONS

    @property
    def offers_programmes(self):
        return self.offered.get("programme", True)

    def narrow_options(self):
        """The options the list's form shows, once the filters are validated:

        - programmes: those of the results, when there are at most PROGRAMME_OPTIONS of them
          (thousands in all, a few per organisation); with more, the form asks the visitor to
          narrow the list first (``offers_programmes`` is False);
        - focus areas: the areas of strategies and of organisations' work areas, and the
          areas of the chosen programme's own set (a programme's own areas mean nothing
          outside it);
        - focus areas and tags, when another filter narrows the list: those of its results.

        The value already chosen is always offered, and all organisations are."""
        self.offer(
            "programme",
            self.linked_to_results(
                "programme", Publication.programmes.through.objects, "publication", "programme"
            ),
            limit=PROGRAMME_OPTIONS,
        )
        areas = Q(focus_area_set__programme__isnull=True)
        programme = self.chosen("programme")
        if programme is not None:
            areas |= Q(focus_area_set__programme=programme)
        if self.is_narrowed("focus_area"):
            areas &= self.linked_to_results(
                "focus_area", Publication.focus_areas.through.objects, "publication", "focusarea"
            )
        self.offer("focus_area", areas)
        if self.is_narrowed("tag"):
            # Tags of the results, which are all public (not the field's own test for that).
            publication_tags = TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Publication)
            )
            self.offer(
                "tag",
                self.linked_to_results("tag", publication_tags, "object_id", "tag"),
                among=Tag.objects.order_by("name"),
            )
        else:
            # The publications' own tags, not those found only on programmes.
            self.offer("tag", published_publication_tags(), among=Tag.objects.order_by("name"))

    def filter_text(self, queryset, name, value):
        # A stop-gap until the site has real full-text search. The summary is rich text: match
        # its words, not its tags and link addresses.
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__iregex=text_search_regex(value))
        )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])
