"""Submit admin forms as an editor's browser would: start from what the add or change page
shows (every field and inline with its current value) and change only what the test names."""

from django import forms
from taggit.forms import TagWidget


def admin_form_data(response):
    """The POST data an unchanged submit of the admin form in ``response`` would send."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def _add_form(data, form):
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        widget = field.widget
        if isinstance(field, forms.FileField):
            continue
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value)
            for index, part in enumerate(parts):
                if part is not None:
                    data[f"{key}_{index}"] = str(part)
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[key] = [str(item) for item in (value or [])]
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(widget, TagWidget):
            data[key] = widget.format_value(value) or ""
        elif value is None:
            data[key] = ""
        else:
            data[key] = str(value)
