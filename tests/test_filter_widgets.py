"""The filter forms' FastSelect gives the same markup as Django's own Select, faster."""

import copy

import pytest
from django import forms
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from programmes.widgets import FastSelect

CHOICES = [
    ("", "Alla"),
    ("a", "Å & Ä <b>"),
    ('Grupp "ett"', [("b", "Bee"), ("c", "Cee")]),
    ("d", "Dee"),
]


def both(value, attrs=None):
    ours = FastSelect(choices=CHOICES).render("f", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("f", value, attrs=attrs)
    return parse_html(ours), parse_html(django)


@pytest.mark.parametrize("value", [None, "", "a", "c", "saknas", ["d"]])
def test_same_markup_as_django(value):
    ours, django = both(value, attrs={"id": "id_f", "aria-describedby": "id_f_helptext"})
    assert ours == django


def test_attributes_true_and_false_as_django_writes_them():
    ours, django = both("a", attrs={"id": "id_f", "aria-invalid": "true", "required": True})
    assert ours == django
    ours, django = both("a", attrs={"id": "id_f", "disabled": False})
    assert ours == django


def test_markup_is_escaped():
    html = FastSelect(choices=[('"><script>', "<script>")]).render("f", None)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_options_written_before_follow_their_label_and_state():
    """Options are kept once written, by value and label: a renamed option shows its new
    label, a chosen one is still marked, and a safe label is not escaped again."""
    first = FastSelect(choices=[("x", "Region Norr")]).render("f", None)
    renamed = FastSelect(choices=[("x", "Region Norrbotten & Co")]).render("f", None)
    chosen = FastSelect(choices=[("x", "Region Norrbotten & Co")]).render("f", "x")
    safe = FastSelect(choices=[("x", mark_safe("<b>Norr</b>"))]).render("f", None)
    assert '<option value="x">Region Norr</option>' in first
    assert '<option value="x">Region Norrbotten &amp; Co</option>' in renamed
    assert '<option value="x" selected>Region Norrbotten &amp; Co</option>' in chosen
    assert '<option value="x"><b>Norr</b></option>' in safe
    for value in (None, "x"):
        ours = FastSelect(choices=[("x", "Å & Ä")]).render("f", value)
        django = forms.Select(choices=[("x", "Å & Ä")]).render("f", value)
        assert parse_html(ours) == parse_html(django)


@pytest.mark.django_db
def test_a_bound_filter_field_with_an_error(client):
    """Through the real form: the error's aria attributes reach the select."""
    response = client.get("/publikationer/", {"organisation": "finns-inte"})
    assert response.status_code == 400
    html = response.content.decode()
    select = html[html.index('<select name="organisation"') :].split(">", 1)[0]
    assert 'aria-invalid="true"' in select
    assert 'id="id_organisation"' in select


@pytest.mark.django_db
def test_filtersets_share_a_form_class_but_each_form_has_its_own_fields():
    """The form class is made once per filterset class (FoundChoicesMixin.get_form_class);
    what one request's narrowing changes in its form stays in that form."""
    from programmes.filters import ProgrammeFilter
    from publications.filters import PublicationFilter
    from publications.models import Publication

    first = PublicationFilter({"year_from": "2016"}, queryset=Publication.objects.all())
    second = PublicationFilter({}, queryset=Publication.objects.all())
    assert type(first.form) is type(second.form)
    assert type(first.form) is not type(ProgrammeFilter({}).form)

    narrowed = first.form.fields["tag"]
    narrowed.queryset = narrowed.queryset.none()
    narrowed.widget.choices = [("", "Alla nyckelord")]
    narrowed.widget.attrs["aria-describedby"] = "hint"
    fresh = PublicationFilter({}, queryset=Publication.objects.all()).form.fields["tag"]
    assert fresh is not narrowed
    assert fresh.widget is not narrowed.widget
    assert "aria-describedby" not in fresh.widget.attrs
    assert narrowed.queryset.query.is_empty()
    assert not fresh.queryset.query.is_empty()
    assert second.form.fields["year_from"] is not first.form.fields["year_from"]


@pytest.mark.django_db
def test_a_new_form_class_when_its_key_changes(monkeypatch):
    """The tag's options hold the publications' content type id, which a new database can
    number differently: the form class is then made anew (PublicationFilter.form_class_key)."""
    from publications import filters
    from publications.models import Publication

    before = type(filters.PublicationFilter({}, queryset=Publication.objects.all()).form)
    monkeypatch.setattr(filters, "publication_type_id", lambda: -1)
    after = type(filters.PublicationFilter({}, queryset=Publication.objects.all()).form)
    assert after is not before


@pytest.mark.django_db
def test_each_filterset_has_its_own_filters_without_copies_of_their_querysets():
    """django-filter deep-copies ``base_filters`` for every filterset; CopiedFilters copies
    each filter, and its ``extra``, but shares the querysets (programmes.widgets.copied_filter).
    A ``method`` filter calls the method of its own filterset."""
    from publications.filters import PublicationFilter
    from publications.models import Publication

    base = PublicationFilter.base_filters
    first = PublicationFilter({}, queryset=Publication.objects.all())
    second = PublicationFilter({}, queryset=Publication.objects.all())
    assert list(first.filters) == list(base)
    for name, filter_ in first.filters.items():
        assert filter_ is not base[name]
        assert filter_ is not second.filters[name]
        assert filter_.parent is first
        assert second.filters[name].parent is second
    assert first.filters["organisation"].extra["queryset"] is base["organisation"].extra["queryset"]

    first.filters["type"].extra["changed"] = True
    assert "changed" not in second.filters["type"].extra
    assert "changed" not in base["type"].extra

    first.filter_text = lambda queryset, name, value: ("first", value)
    second.filter_text = lambda queryset, name, value: ("second", value)
    queryset = Publication.objects.all()
    assert first.filters["q"].filter(queryset, "ord") == ("first", "ord")
    assert second.filters["q"].filter(queryset, "ord") == ("second", "ord")


@pytest.mark.django_db
def test_forms_share_their_fields_querysets_but_never_their_rows():
    """Each form's fields are its own (CopiedFields), with an option iterator over the form's
    own field, but a model choice field's queryset is shared rather than cloned twice per
    form: it is never evaluated itself, so what one request reads is not shown by the next."""
    from publications.filters import PublicationFilter
    from publications.models import Publication

    from .factories import OrganisationFactory

    OrganisationFactory(name="Första utgivaren")
    first = PublicationFilter({}, queryset=Publication.objects.all()).form
    second = PublicationFilter({}, queryset=Publication.objects.all()).form
    field = first.fields["organisation"]
    assert field is not second.fields["organisation"]
    assert field.queryset is second.fields["organisation"].queryset
    assert field.widget.choices.field is field
    assert second.fields["organisation"].widget.choices.field is second.fields["organisation"]
    assert first.fields["type"].choices == second.fields["type"].choices
    assert first.fields["type"].choices is not second.fields["type"].choices
    assert first.fields["type"].widget.choices is not second.fields["type"].widget.choices

    assert "Första utgivaren" in str(first["organisation"])
    assert field.queryset._result_cache is None
    OrganisationFactory(name="Andra utgivaren")
    assert "Andra utgivaren" in str(second["organisation"])


@pytest.mark.django_db
def test_a_field_without_option_columns_reads_its_options_anew_each_time():
    """ListModelChoiceIterator iterates a clone of the shared queryset, not the queryset."""
    from organisations.models import Organisation
    from programmes.widgets import CopiedFields, ListModelChoiceField

    from .factories import OrganisationFactory

    fields = CopiedFields(
        organisation=ListModelChoiceField(
            queryset=Organisation.objects.order_by("name"), to_field_name="slug"
        )
    )
    first = copy.deepcopy(fields)["organisation"]
    OrganisationFactory(name="Första utgivaren")
    assert [label for _, label in first.choices][1:] == ["Första utgivaren"]
    assert fields["organisation"].queryset._result_cache is None
    OrganisationFactory(name="Andra utgivaren")
    second = copy.deepcopy(fields)["organisation"]
    assert [label for _, label in second.choices][1:] == ["Andra utgivaren", "Första utgivaren"]


@pytest.mark.django_db
def test_rows_of_a_value_and_a_text_are_the_choices_themselves():
    """A select whose label is one column of text (organisations, tags) takes each row as its
    choice, without a call per option; other labels are still written by ``option_label``."""
    from organisations.models import Organisation
    from programmes.widgets import ListModelChoiceField

    field = ListModelChoiceField(
        queryset=Organisation.objects.all(),
        option_columns=("slug", "name"),
        empty_label="Alla",
    )
    rows = [("a", "Region A"), ("b", 2), ["c", "Region C"]]
    choices = list(field.iterator(field).choices_from(rows))
    assert choices == [("", "Alla"), ("a", "Region A"), ("b", "2"), ("c", "Region C")]
    assert choices[1] is rows[0]
    assert all(type(choice) is tuple for choice in choices)

    periods = ListModelChoiceField(
        queryset=Organisation.objects.all(),
        option_columns=("slug", "title", "start", "end"),
        option_label=lambda title, start, end: f"{title} {start}–{end}",
        empty_label=None,
    )
    rows = [("p", "Program", 2016, 2018)]
    assert list(periods.iterator(periods).choices_from(rows)) == [("p", "Program 2016–2018")]
    plain = ListModelChoiceField(
        queryset=Organisation.objects.all(), option_columns=("slug", "name", "short_name")
    )
    rows = [("x", "Region X", "RX")]
    assert list(plain.iterator(plain).choices_from(rows))[1:] == [("x", "Region X RX")]
