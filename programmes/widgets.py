"""Widgets, fields and filters for the public filter forms, fast with thousands of choices."""

import copy
import functools

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
)
from django.forms.models import ModelChoiceIterator
from django.forms.widgets import Input
from django.utils.choices import normalize_choices
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ModelChoiceField
from django_filters.filters import FilterMethod

from .markup import escaped
from .prepared import AmongValues, HasRow, InIds, Param, kept, now_param


def attributes(attrs):
    """HTML attributes in the order given, as Django's ``attrs.html`` writes them: True as a
    bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


@functools.lru_cache(maxsize=8192)
def unchosen_option(value, label):
    """An ``<option>`` that is not selected, with a plain-text label. The same few hundred
    organisations, areas and tags are offered on every request; escaping them each time was
    the largest part of writing a select. Kept by value and label, so a renamed option is a
    new entry."""
    return f'<option value="{escaped(value)}">{escaped(label)}</option>'


class FastSelect(forms.Select):
    """A ``<select>`` whose options are written in Python rather than through one template
    include per option.

    The markup is what ``forms.Select`` gives: the same attributes (``aria-describedby`` and
    ``aria-invalid`` from the bound field included), ``<optgroup>`` for grouped choices and
    one selected option at most. With thousands of organisations and programmes, rendering the
    options through templates was most of an uncached list page's time (benchmarks/README.md).
    """

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        # A list of (value, text) pairs, as the filters set their options, is Django's normal
        # form already: normalize_choices() would build it again, a call per option.
        if isinstance(value, list) and all(
            isinstance(choice, tuple) and len(choice) == 2 and isinstance(choice[1], (str, Promise))
            for choice in value
        ):
            self._choices = value
        else:
            self._choices = normalize_choices(value)

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        parts = [
            f'<select name="{escaped(name)}"{attributes(self.build_attrs(self.attrs, attrs))}>'
        ]
        state = {"done": False}

        def option(option_value, label):
            text = "" if option_value is None else str(option_value)
            chosen = not state["done"] and text in selected
            if chosen:
                state["done"] = True
            elif type(label) is str:
                return unchosen_option(text, label)
            return (
                f'<option value="{escaped(text)}"{" selected" if chosen else ""}>'
                f"{escaped(label)}</option>"
            )

        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escaped(option_value)}">')
                parts.extend(option(v, sub_label) for v, sub_label in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("</select>")
        return mark_safe("\n".join(parts))


class FastInput(Input):
    """An ``<input>`` written in Python, as Django's ``input.html`` writes it."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = "" if value is None else f' value="{escaped(value)}"'
        attrs = attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<input type="{escaped(self.input_type)}" name="{escaped(name)}"{shown}{attrs}>'
        )


class FastSearchInput(FastInput, forms.SearchInput):
    pass


class FastNumberInput(FastInput, forms.NumberInput):
    pass


class ListModelChoiceIterator(ModelChoiceIterator):
    """Reads the choices in one query. Django's iterator streams them through
    ``QuerySet.iterator()``, which on PostgreSQL is a server-side cursor fetched a hundred rows
    at a time: dozens of round trips for a list of thousands of programmes.

    With the field's ``option_columns`` (the value's column first, then those of the label),
    only those columns are read, as tuples, and ``option_label(*columns)`` writes the label:
    no model instances for options that show a name."""

    def __iter__(self):
        if not self.field.option_columns:
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            # A clone: the forms' fields share their queryset (``copied_field``), which must
            # never keep rows from one request for the next.
            for obj in self.queryset.all():
                yield self.choice(obj)
            return
        yield from self.choices_from(self.queryset.values_list(*self.field.option_columns))

    def choices_from(self, rows):
        """The choices of rows of the field's ``option_columns``."""
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        option_label = self.field.option_label
        if (
            option_label is ListModelChoiceField.option_label
            and len(self.field.option_columns) == 2
        ):
            # One column of text is the label (organisations, tags): a row of text is a choice
            # as it is, without a call per option.
            for row in rows:
                value, label = row
                if type(row) is tuple and type(label) is str:
                    yield row
                else:
                    yield (value, option_label(label))
            return
        for row in rows:
            yield (row[0], option_label(*row[1:]))


def chosen_lookup(chosen_among, key):
    """The kept query of the object of ``chosen_among(now)`` whose text column ``key`` is
    ``Param("value")``. ``chosen_among`` is a function of the module, not a closure made per
    form (``prepared.kept``)."""
    return kept(
        ("chosen", chosen_among, key),
        lambda: {"object": chosen_among(now_param()).filter(**{key: Param("value", CharField())})},
    )


# The columns a chosen value is looked up by in a kept query, bound as text; other fields
# take Django's own lookup, which converts and checks the value.
TextColumns = (CharField, TextField)


class KeptChoiceMixin:
    """For a ModelChoiceField with a ``to_field_name``: the chosen value is looked up by a
    kept query (``programmes.prepared``) rather than by ``queryset.get()``, which Django builds
    and compiles again for every request (about a millisecond for the focus areas, whose
    queryset has subqueries). ``chosen_among(now)`` builds the same objects as the field's
    ``queryset`` with the time given, which the kept query binds per request."""

    def __init__(self, *args, chosen_among=None, **kwargs):
        self.chosen_among = chosen_among
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if (
            self.chosen_among is None
            or not self.to_field_name
            or not isinstance(self.queryset.model._meta.get_field(self.to_field_name), TextColumns)
            or value in self.empty_values
            or (self.null_label is not None and value == self.null_value)
        ):
            return super().to_python(value)
        self.validate_no_null_characters(value)
        if isinstance(value, self.queryset.model):
            value = getattr(value, self.to_field_name)
        lookup = chosen_lookup(self.chosen_among, self.to_field_name)
        found = lookup.fetch(value=str(value))["object"]
        if not found:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found[0]


class ListModelChoiceField(KeptChoiceMixin, ModelChoiceField):
    iterator = ListModelChoiceIterator

    def __init__(self, *args, option_columns=None, option_label=None, **kwargs):
        self.option_columns = option_columns
        if option_label is not None:
            self.option_label = option_label
        super().__init__(*args, **kwargs)

    @staticmethod
    def option_label(*columns):
        return " ".join(map(str, columns))


class ListModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListModelChoiceField


class ExistsModelChoiceFilter(ListModelChoiceFilter):
    """A filter across a many-to-many relation written as ``EXISTS (…)`` on its link table:
    each row is kept once, without a JOIN and ``SELECT DISTINCT`` over every column of the
    list's rows. It filters by equality only: ``lookup_expr``, ``exclude`` and ``distinct``
    do not apply."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(Exists(links_to(qs.model, self.field_name, value)))


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


class IsIn(Func):
    """``column IN (values)`` for a list the view has already read (the ids of a short
    result), as a condition for ``filter()``. On PostgreSQL the list is one array parameter,
    ``column = ANY(%s)``: Django's ``__in`` compiles and adapts one parameter per value, which
    for a thousand ids cost more than the query itself (benchmarks/README.md)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, values):
        super().__init__(F(column))
        self.values = list(values)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if not self.values:
            return "1 = 0", params
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", (*params, self.values)
        placeholders = ", ".join(["%s"] * len(self.values))
        return f"{column} IN ({placeholders})", (*params, *self.values)


class KnownIds:
    """Stands for a list of ids the view has read, in a filterset built for a kept query
    (``KeptOptions``): ``results_without`` then writes ``InIds(column, name)``."""

    def __init__(self, name):
        self.name = name


class ChosenParam(Param):
    """A chosen filter value in a filterset built for a kept query: the filters compare with
    it, and ``.pk`` is itself (the value bound is the chosen object's primary key)."""

    @property
    def pk(self):
        return self


class KeptOptions:
    """The options of a FilterSet's selects, narrowed by ``FoundChoicesMixin.offer``, read by
    kept queries (``programmes.prepared``) instead of querysets built and compiled on every
    request: the options were a third of the filtered programme list's time
    (benchmarks/README.md).

    There is one kept query per combination of chosen filters (and whether the view has read
    the results' ids). It is built by the filterset's own narrowing code, run once on a
    filterset whose chosen values are :class:`ChosenParam` and whose known ids are
    :class:`KnownIds`, so the conditions are the ones the plain path writes. ``fields`` are
    the selects read this way: fields with ``chosen_among`` and ``option_columns`` (or an
    iterator that names its columns). ``narrow(filterset, known)`` sets the selects' options
    from the kept query that ``_build`` made by running ``narrow_options(**known)`` on the
    symbolic filterset, and returns False when the caller must run ``narrow_options`` itself;
    ``known`` maps names to lists of ids, or None where the view has not read them.
    ``queryset(now)`` must be the queryset the view gives the filterset.

    ``option_sets`` maps a field to ``options(now)``, the objects its select offers at a time,
    where that is not its ``chosen_among``. ``key()`` returns what else the kept queries are
    built from (a content type's id baked into a condition, say), so that they are built anew
    when it changes. A select that ``offer`` gives a ``limit`` is read with one option more
    than that, and ``FoundChoicesMixin.limit_choices`` decides as ``offer`` does.
    """

    def __init__(self, filterset_class, queryset, fields, known_names, option_sets=None, key=None):
        self.filterset_class = filterset_class
        self.queryset = queryset  # queryset(now) is the filterset's queryset at a time
        self.fields = fields
        self.known_names = known_names
        self.option_sets = option_sets or {}
        self.key = key or (lambda: None)
        # Per kept query: the ``limit`` of each select that ``offer`` was given one.
        self._limits = {}

    def columns(self, field):
        return getattr(field, "option_columns", None) or field.iterator.option_columns

    def _build(self, key, names, with_known):
        filterset = self.filterset_class(queryset=self.queryset(now_param()))
        params = {name: filterset.param(name) for name in names}
        filterset.cleaned = lambda: params
        filterset.building_kept = True
        for name in self.fields:
            field = filterset.form.fields[name]
            options = self.option_sets.get(name, field.chosen_among)
            field.queryset = options(now_param())
        known = {name: KnownIds(name) if with_known else None for name in self.known_names}
        filterset.narrow_options(**known)
        self._limits[key] = dict(filterset.option_limits)
        fields = filterset.form.fields
        return {
            name: fields[name].queryset.values_list(*self.columns(fields[name]))
            for name in self.fields
        }

    def narrow(self, filterset, known, skip=()):
        """Narrow ``filterset``'s selects through the kept queries and return True; False
        (nothing done) for a form with errors or a chosen filter in ``skip``."""
        values = filterset.kept_values()
        if values is None or any(name in skip for name in values):
            return False
        names = tuple(sorted(values))
        with_known = all(known.get(name) is not None for name in self.known_names)
        if with_known:
            values.update({name: list(known[name]) for name in self.known_names})
        key = (self, names, with_known, self.key())
        query = kept(key, lambda: self._build(key, names, with_known))
        rows = query.fetch(**values)
        limits = self._limits[key]
        for name in self.fields:
            field = filterset.form.fields[name]
            choices = list(field.iterator(field).choices_from(rows[name]))
            if name in limits:
                filterset.limit_choices(name, choices, limits[name])
            else:
                field.widget.choices = choices
                filterset.offered[name] = True
        return True


def copied_filter(filter_):
    """A filter of a new filterset, as ``copy.deepcopy`` would give it but without copying
    what no request changes: django-filter deep-copies ``base_filters`` for each filterset, the
    query of every filter's queryset included, about 0.2 ms per request of a list. Each
    filterset sets its filters' ``model`` and ``parent``, so each gets its own filter objects
    and ``extra``; a ``method`` filter gets its own ``FilterMethod``, which must point at the
    new filter to find the new filterset's method. A form field the filter built is not kept:
    it belongs to the filter it was built for."""
    copied = copy.copy(filter_)
    copied.extra = filter_.extra.copy()
    copied.__dict__.pop("_field", None)
    if isinstance(filter_.__dict__.get("filter"), FilterMethod):
        copied.filter = FilterMethod(copied)
    return copied


class CopiedFilters(dict):
    """``base_filters`` whose deep copy (one per filterset) is made by ``copied_filter``."""

    def __deepcopy__(self, memo):
        return {name: copied_filter(filter_) for name, filter_ in self.items()}


def copied_field(field, memo):
    """A field of a new form, as ``copy.deepcopy`` would give it for a plain, choice or model
    choice field, but without copying the choices' objects: the field, its widget and the
    widget's attributes, error messages and validators are the form's own, as in Django, and
    so is the list of (value, label) pairs of a choice field. A model choice field shares its
    queryset, which Django clones twice per field and form: the forms assign a new queryset to
    narrow the options rather than change the one they have, and nothing here evaluates a
    field's queryset itself (a clone does, see ``ListModelChoiceIterator``), so no rows are
    kept from one request to the next. Other fields are deep-copied by Django."""
    copy_of = type(field).__deepcopy__
    if copy_of is forms.ModelChoiceField.__deepcopy__:
        copied = forms.Field.__deepcopy__(field, memo)
        # An iterator over the new field; the widget's copy still points at the old one.
        copied.widget.choices = copied.choices
        return copied
    if copy_of is forms.ChoiceField.__deepcopy__:
        copied = forms.Field.__deepcopy__(field, memo)
        copied._choices = copy.copy(field._choices)
        return copied
    return copy.deepcopy(field, memo)


class CopiedFields(dict):
    """A form class's ``base_fields`` whose deep copy (one per form) is made by
    ``copied_field``."""

    def __deepcopy__(self, memo):
        return {name: copied_field(field, memo) for name, field in self.items()}


class FoundChoicesMixin:
    """For a FilterSet whose selects offer only values found among the results.

    ``others(name)`` is the queryset that every valid filter value except ``name``'s own
    leaves, so a select lists what would give results when combined with the rest.
    ``offer(name, found)`` then narrows the options that field's select shows to those
    meeting the condition ``found`` (and the value already chosen, so it stays visible and can
    be removed). What the field accepts is unchanged: a bookmarked value that no longer gives
    results is an empty list, not an error.
    """

    # Filters that order or page the list rather than narrow it.
    not_narrowing = ("sort",)
    # True in a filterset that KeptOptions runs ``narrow_options`` on to build its queries:
    # ``offer`` then reads nothing.
    building_kept = False

    # The form class of each filterset class and ``form_class_key()``, made once per process.
    # django-filter makes a new class, with a new field for each filter, for every filterset:
    # about a third of a millisecond per request of the lists. Each form still has its own
    # copies of the fields (``CopiedFields``), which the narrowing changes. The filters'
    # querysets must therefore not depend on the request.
    _form_classes = {}

    def form_class_key(self):
        """What else the filters' fields are built from (a content type's id in a queryset,
        say), so that the form class is made anew when it changes."""
        return None

    def get_form_class(self):
        key = (type(self), self.form_class_key())
        form_class = FoundChoicesMixin._form_classes.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = CopiedFields(form_class.base_fields)
            FoundChoicesMixin._form_classes[key] = form_class
        return form_class

    @classmethod
    def get_filters(cls):
        return CopiedFilters(super().get_filters())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By select: whether ``offer`` offered its options (False: too many, see ``limit``).
        self.offered = {}
        # By select, while building kept queries: the ``limit`` that ``offer`` was given.
        self.option_limits = {}

    def param(self, name):
        """The Param a kept query binds ``name``'s chosen value to (``kept_values``), typed
        as that value: a chosen object's primary key, a number, or text."""
        field = self.form.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            output_field = field.queryset.model._meta.pk
        elif isinstance(field, forms.IntegerField):
            output_field = IntegerField()
        else:
            output_field = CharField()
        return ChosenParam(name, output_field)

    def cleaned(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in EMPTY_VALUES and name not in self.not_narrowing
        }

    def others(self, name):
        queryset = self.queryset.all()
        for other, value in self.cleaned().items():
            if other != name:
                queryset = self.filters[other].filter(queryset, value)
        return queryset

    def results_without(self, name, known, column="pk", value="pk"):
        """A condition on ``column``: it holds the ``value`` (a field of the results) of a
        result the filters other than ``name``'s leave. ``known`` are those values for the
        whole result when the view has read them (a short result): they answer when ``name``
        filters nothing, since the other filters are then all of them. Otherwise, and for a
        form with errors (which lists nothing, while its options follow its valid values),
        the other filters run as a subquery."""
        if self.answers_from(name, known):
            if isinstance(known, KnownIds):
                return InIds(column, known.name)
            return IsIn(column, known)
        return Q(**{f"{column}__in": self.others(name).order_by().values(value)})

    def answers_from(self, name, known):
        """Whether ``results_without(name, known, …)`` is the ``known`` values themselves."""
        return known is not None and self.chosen(name) is None and not self.form.errors

    def linked_to_results(self, name, known, links, column, option_column, first_link=False):
        """A condition on an option: a row of ``links`` joins it (by ``option_column``) to a
        result the filters other than ``name``'s leave (by ``column``, as
        ``results_without``). Known ids give a short list of links, read once into an array
        (``AmongValues``). Otherwise an ``EXISTS``, which PostgreSQL plans as one join; or,
        with ``first_link``, each option looks for its first link to a result (``HasRow``).
        Which is faster depends on the links: for the publications' focus areas the join
        hashed every result and link (59 ms for 51 280 results) where the first links took
        1.8 ms; for tags and programmes the join was as fast or faster (benchmarks/README.md).
        Reading every link of such a result into an array took about 100 ms per select."""
        results = self.results_without(name, known, column)
        if self.answers_from(name, known):
            return AmongValues("pk", links.filter(results).values(option_column))
        linked = links.filter(results, **{option_column: OuterRef("pk")})
        return HasRow(linked) if first_link else Exists(linked)

    def kept_values(self):
        """The chosen values as a kept query binds them (an object as its primary key), by
        filter; None for a form with errors."""
        if self.is_bound and not self.is_valid():
            return None
        return {name: getattr(value, "pk", value) for name, value in self.cleaned().items()}

    def is_narrowed(self, name):
        """Whether any filter other than ``name`` narrows the list."""
        return any(other != name for other in self.cleaned())

    def chosen(self, name):
        return self.cleaned().get(name)

    def offer(self, name, found, among=None, limit=None):
        """Let ``name``'s select show only the options that meet ``found`` (a condition such
        as ``Exists(…)``, or a list of conditions that must all hold), and the value already
        chosen: from ``among`` when given (a cheaper queryset of the same objects, in the same
        order), else from the field's queryset.
        Called after validation, so what the field accepts stays its whole queryset.

        With ``limit``, a select that would have more options than that shows only the chosen
        value, and ``offer`` returns False: the form then asks the visitor to narrow the list
        first. A select of thousands of options is unusable, with a screen reader above all.
        """
        self.is_valid()
        field = self.form.fields[name]
        chosen = self.chosen(name)
        # Each condition of a list is OR-ed with the chosen value on its own, (a OR c) AND
        # (b OR c) rather than (a AND b) OR c, so PostgreSQL runs a subquery in one of them
        # once instead of once more for a copy of the OR it derives for one table.
        conditions = found if isinstance(found, list) else [found]
        if chosen:
            conditions = [Q(condition) | Q(pk=chosen.pk) for condition in conditions]
        options = (field.queryset if among is None else among).filter(*conditions)
        if limit is None:
            field.queryset = options
            self.offered[name] = True
            return True
        field.queryset = options[: limit + 1]
        if self.building_kept:
            self.option_limits[name] = limit
            return None
        # iter(): list() would ask the iterator's len(), a COUNT query.
        return self.limit_choices(name, list(iter(field.choices)), limit)

    def limit_choices(self, name, choices, limit):
        """Set ``name``'s options to ``choices``, read with ``limit`` + 1 at most, or, when
        there are more than ``limit``, to the chosen value alone; return whether they are
        offered."""
        field = self.form.fields[name]
        offered = sum(1 for value, _ in choices if value != "") <= limit
        if not offered:
            # Only the chosen value, if any; validation has read it already.
            chosen = self.chosen(name)
            choices = choices[: 1 if field.empty_label is not None else 0]
            if chosen is not None:
                choices.append(field.iterator(field).choice(chosen))
        field.widget.choices = choices
        self.offered[name] = offered
        return offered
