"""Widgets, fields and filters for the public filter forms, fast with thousands of choices."""

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField


def attributes(attrs):
    """HTML attributes in the order given, as Django's ``attrs.html`` writes them: True as a
    bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class FastSelect(forms.Select):
    """A ``<select>`` whose options are written in Python rather than through one template
    include per option.

    The markup is what ``forms.Select`` gives: the same attributes (``aria-describedby`` and
    ``aria-invalid`` from the bound field included), ``<optgroup>`` for grouped choices and
    one selected option at most. With thousands of organisations and programmes, rendering the
    options through templates was most of an uncached list page's time (benchmarks/README.md).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        parts = [
            f'<select name="{conditional_escape(name)}"{attributes(self.build_attrs(self.attrs, attrs))}>'
        ]
        state = {"done": False}

        def option(option_value, label):
            text = "" if option_value is None else str(option_value)
            chosen = not state["done"] and text in selected
            if chosen:
                state["done"] = True
            return (
                f'<option value="{conditional_escape(text)}"{" selected" if chosen else ""}>'
                f"{conditional_escape(label)}</option>"
            )

        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">')
                parts.extend(option(v, sub_label) for v, sub_label in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("</select>")
        return mark_safe("\n".join(parts))


class ListModelChoiceIterator(ModelChoiceIterator):
    """Reads the choices in one query. Django's iterator streams them through
    ``QuerySet.iterator()``, which on PostgreSQL is a server-side cursor fetched a hundred rows
    at a time: dozens of round trips for a list of thousands of programmes."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListModelChoiceField(ModelChoiceField):
    iterator = ListModelChoiceIterator


class ListModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListModelChoiceField
