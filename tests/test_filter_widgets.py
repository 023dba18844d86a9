"""The filter forms' FastSelect gives the same markup as Django's own Select, faster."""

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
