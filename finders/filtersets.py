"""Filterable lists ("finders", as GOV.UK calls them): the filters live in the query string, so
a filtered list can be linked, bookmarked and used without JavaScript, and each select offers
only the values that lead to results.

``NarrowingFilterSet`` is a django-filter ``FilterSet`` whose selects (``option_fields``) show
what the other chosen filters leave: ``narrow_options`` (written by each list) says which
options lead somewhere with ``offer``; ``narrow_choices`` reads them once per combination of
chosen filters and remembers them with the keys of what they read (``pagecache.versions.remember``), so
the option queries run again only after an editor's change. What a field accepts stays its
whole queryset: a bookmarked value that no longer gives results is an empty list, not an
error.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, Q
from django.forms.models import ModelChoiceIteratorValue
from django.template.loader import render_to_string
from django.utils.text import slugify
from django_filters.fields import ModelChoiceField

from pagecache.versions import remember

# What a filter treats as "not chosen".
NOT_CHOSEN = (None, "", [], ())


def links_to(model, field_name, value):
    """The link rows between ``model``'s outer row and ``value`` over the many-to-many field
    ``field_name``, or over a taggit manager's tagged items."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    if hasattr(through, "tag_model"):  # taggit: generic tagged items
        return through.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            tag=value,
        )
    return through.objects.filter(
        **{field.m2m_field_name(): OuterRef("pk"), field.m2m_reverse_field_name(): value}
    )


class ExistsModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter across a many-to-many relation written as ``EXISTS (…)`` on its link table:
    each row is kept once, without a JOIN and ``SELECT DISTINCT`` over every column of the
    list's rows. It filters by equality only."""

    def filter(self, qs, value):
        if value in NOT_CHOSEN:
            return qs
        return qs.filter(Exists(links_to(qs.model, self.field_name, value)))


class TagChoiceField(ModelChoiceField):
    """A tag by its slug (what the select sends) or by its exact name, in any letter case
    (what hand-written and old links such as ``?tag=J%2B`` send): a tag's name may hold any
    character, its slug only some. SQLite folds the case of ASCII letters only; PostgreSQL
    of all."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            tag = self.queryset.filter(name__iexact=str(value)).order_by("pk").first()
            if tag is None:
                raise
            return tag

    def prepare_value(self, value):
        """A tag given by its name shows as chosen in the select, whose values are slugs. A
        value already in the form of a slug is taken as one, which spares the common case a
        query."""
        if isinstance(value, str) and value and value != slugify(value, allow_unicode=True):
            tag = self.queryset.filter(name__iexact=value).order_by("pk").first()
            if tag is not None:
                return tag.slug
        return super().prepare_value(value)


class TagFilter(ExistsModelChoiceFilter):
    field_class = TagChoiceField


def plain_choices(choices):
    """``choices`` as plain (value, label) pairs of text, groups kept: what a select shows,
    without the model instances a model choice field's iterator carries, so it can be kept
    in the cache."""
    plain = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            plain.append((str(value), plain_choices(label)))
        elif isinstance(value, ModelChoiceIteratorValue):
            plain.append((str(value.value), str(label)))
        else:
            plain.append(("" if value is None else str(value), str(label)))
    return plain


class NarrowingFilterSet(django_filters.FilterSet):
    """A FilterSet whose selects offer only values found among the results.

    ``option_fields`` are the selects whose options come from the database. In
    ``narrow_options`` a list calls ``offer(name, condition)`` for each select that other
    filters narrow; ``others(name)`` is the queryset every chosen filter except ``name``'s own
    leaves. ``narrow_choices()`` (the view calls it once the form is validated) sets every
    select's options, read through ``narrow_options`` or from the cache."""

    option_fields = ()
    # Filters that order the list rather than narrow it.
    not_narrowing = ("sort",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By select: whether its options are offered (False: too many, see ``offer``'s limit).
        self.offered = {}
        self._offers = {}

    # What is chosen.

    def cleaned(self):
        """The valid chosen values that narrow the list, by filter."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in NOT_CHOSEN and name not in self.not_narrowing
        }

    def chosen(self, name):
        return self.cleaned().get(name)

    def is_narrowed(self, name):
        """Whether any filter other than ``name`` narrows the list."""
        return any(other != name for other in self.cleaned())

    def others(self, name):
        """The results of every chosen filter except ``name``'s own."""
        queryset = self.queryset.all()
        for other, value in self.cleaned().items():
            if other != name:
                queryset = self.filters[other].filter(queryset, value)
        return queryset

    def linked_to_results(self, name, links, result_column, option_column):
        """A condition on an option: a row of ``links`` joins it (by ``option_column``) to a
        result of the filters other than ``name``'s (by ``result_column``)."""
        return Exists(
            links.filter(
                **{
                    f"{result_column}__in": self.others(name).order_by().values("pk"),
                    option_column: OuterRef("pk"),
                }
            )
        )

    # The options.

    def narrow_options(self):
        """Call ``offer`` for the selects that other filters narrow (written by each list)."""

    def offer(self, name, found, among=None, limit=None):
        """Let ``name``'s select offer only the options that meet ``found`` (a condition, or a
        list of conditions that must all hold) and the value already chosen: from ``among``
        when given (a cheaper queryset of the same objects, in the same order), else from the
        field's queryset. With ``limit``, a select that would offer more options than that
        offers only the chosen value, and ``offered[name]`` is False: the form then asks the
        visitor to narrow the list first, as a select of thousands of options is unusable,
        with a screen reader above all."""
        field = self.form.fields[name]
        chosen = self.chosen(name)
        conditions = found if isinstance(found, list) else [found]
        if chosen is not None:
            conditions = [Q(condition) | Q(pk=chosen.pk) for condition in conditions]
        options = (field.queryset if among is None else among).filter(*conditions)
        self._offers[name] = (options, limit)

    def options_key(self):
        """What the options depend on besides the content: the list and the chosen values."""
        chosen = sorted(
            (name, value.pk if isinstance(value, Model) else str(value))
            for name, value in self.cleaned().items()
        )
        return (type(self).__module__, type(self).__qualname__, tuple(chosen))

    def option_choices(self, name, queryset):
        """The choices of ``name``'s select for the objects of ``queryset``, as its field
        labels them; a list may group them (``(group, [(value, label), …])``)."""
        field = self.form.fields[name]
        field.queryset = queryset
        return plain_choices(field.choices)

    def read_options(self):
        """{select: (choices, offered)} for every select of ``option_fields``."""
        self.narrow_options()
        options = {}
        for name in self.option_fields:
            field = self.form.fields[name]
            queryset, limit = self._offers.get(name, (field.queryset, None))
            if limit is None:
                options[name] = (self.option_choices(name, queryset), True)
                continue
            choices = self.option_choices(name, queryset[: limit + 1])
            found = [choice for choice in choices if choice[0] != ""]
            if len(found) <= limit:
                options[name] = (choices, True)
                continue
            # Only the chosen value, if any; validation has read it already.
            shown = choices[: 1 if field.empty_label is not None else 0]
            chosen = self.chosen(name)
            if chosen is not None:
                shown.append((str(field.prepare_value(chosen)), field.label_from_instance(chosen)))
            options[name] = (shown, False)
        return options

    def narrow_choices(self):
        """Set the selects' options: what the other chosen filters leave, read once per
        combination of chosen filters until what they read changes."""
        options = remember(self.options_key(), self.read_options)
        for name, (choices, offered) in options.items():
            self.form.fields[name].widget.choices = choices
            self.offered[name] = offered

    def rendered_form(self, template_name, **context):
        """The filter form, rendered from ``template_name`` (with ``filter``, ``form`` and
        ``context``) with its options narrowed. A valid form's markup is remembered for the
        values it was given: a form of a thousand options takes
        longer to render than the rest of the page. A form with errors is rendered afresh."""

        def render():
            self.narrow_choices()
            return render_to_string(template_name, {"filter": self, "form": self.form, **context})

        if self.is_bound and not self.is_valid():
            return render()
        given = sorted(
            (name, tuple(self.data.getlist(name)))
            for name in self.filters
            if name in self.data and any(self.data.getlist(name))
        )
        shown = sorted((name, str(value)) for name, value in context.items())
        return remember(("form", template_name, tuple(given), tuple(shown)), render)
