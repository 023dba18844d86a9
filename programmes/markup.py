"""HTML written in Python where the template engine is too slow for the number of items: the
options of the filter selects and the rows of the public lists.

Django renders each ``{{ variable }}`` through several layers (lookup, localisation, lazy
checks, a SafeString per value); a list of fifty programmes or a select of three hundred
organisations spent most of its time there (benchmarks/README.md). What is written here is the
markup the templates wrote, escaped the same way.
"""

import html

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .addresses import slug_urls


def escaped(value):
    """What ``conditional_escape(value)`` writes, as a plain string: safe strings as they
    are, anything else through ``html.escape`` (which Django's ``escape`` wraps), without
    Django's lazy-argument check and a SafeString per call."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def link(url, text):
    return f'<a href="{escaped(url)}">{escaped(text)}</a>'


def programme_link(programme, address=None):
    """``<a href="…">Titel 2016–2018</a>`` (a programme's ``str()`` is its title and period).
    ``address``: what ``slug_urls`` gives for the programme's ``detail_view_name``, made once
    for a list, or None for ``get_absolute_url()``."""
    url = programme.get_absolute_url() if address is None else address(programme.slug)
    return link(url, str(programme))


def addresses_of(objects):
    """``slug_urls`` for the detail view of ``objects`` (all of one class with a
    ``detail_view_name``, as their ``get_absolute_url()`` uses), or None for no objects."""
    return slug_urls(objects[0].detail_view_name) if objects else None


def escaped_choices(model, field_name):
    """The labels of a field's choices by value, escaped, in the current language: what
    ``get_FOO_display()`` gives, once per list rather than once per row."""
    return {value: escaped(label) for value, label in model._meta.get_field(field_name).flatchoices}


def programme_rows(programmes, today, now):
    """The ``<li>`` of each programme of a list: the programme and its period, its owner, the
    programme it is part of when that is public, and its status on ``today``."""
    part_of = escaped(gettext("ingår i"))
    programmes = list(programmes)
    address = addresses_of(programmes)
    # The markup of each status, its label (a lazy translation) escaped once per list.
    statuses = {}
    rows = []
    for programme in programmes:
        parent = programme.parent
        within = (
            f", {part_of} {programme_link(parent, address)}"
            if parent is not None and parent.is_public(now)
            else ""
        )
        status = programme.status_on(today)
        shown = statuses.get(status)
        if shown is None:
            shown = statuses[status] = (
                f'<span class="status status-{escaped(status)}">{escaped(status.label)}</span>'
            )
        rows.append(
            "<li>\n"
            f"  {programme_link(programme, address)}\n"
            f'  <span class="meta">– {escaped(programme.organisation.display_name)}{within}</span>\n'
            f"  {shown}\n"
            "</li>"
        )
    return mark_safe("\n".join(rows))


def publication_items(publications, show_organisations=False):
    """The ``<li>`` of each publication of a short list on another page (a programme's newest
    publications, the home page's latest): title, type and year, and with
    ``show_organisations`` the publishers."""
    publications = list(publications)
    address = addresses_of(publications)
    kinds = escaped_choices(type(publications[0]), "kind") if publications else {}
    rows = []
    for publication in publications:
        meta = kinds.get(publication.kind) or escaped(publication.kind)
        if publication.year:
            meta += f", {publication.year}"
        if show_organisations:
            meta += " – " + ", ".join(
                escaped(organisation.display_name)
                for organisation in publication.organisations.all()
            )
        rows.append(
            "<li>\n"
            f"  {link(address(publication.slug), publication.title)}\n"
            f'  <span class="meta">{meta}</span>\n'
            "</li>\n"
        )
    return mark_safe("".join(rows))


def publication_rows(publications):
    """The ``<li>`` of each publication of a list: title, type, year and publishers, and the
    programmes it belongs to: its ``listed_organisations`` and ``listed_programmes``, the
    published ones (publications.views.with_listed_relations)."""
    programmes_label = escaped(gettext("Program:"))
    kinds = escaped_choices(type(publications[0]), "kind") if publications else {}
    address = addresses_of(publications)
    programme_address = None
    rows = []
    for publication in publications:
        meta = kinds.get(publication.kind) or escaped(publication.kind)
        if publication.year:
            meta += f", {publication.year}"
        publishers = ", ".join(
            escaped(organisation.display_name) for organisation in publication.listed_organisations
        )
        row = (
            "<li>\n"
            f"  {link(address(publication.slug), publication.title)}\n"
            f'  <div class="meta">{meta} – {publishers}</div>\n'
        )
        programmes = publication.listed_programmes
        if programmes:
            programme_address = programme_address or addresses_of(programmes)
            links = ", ".join(
                programme_link(programme, programme_address) for programme in programmes
            )
            row += f'  <div class="meta">{programmes_label} {links}</div>\n'
        rows.append(row + "</li>")
    return mark_safe("\n".join(rows))


def field_group(field):
    """What ``field.as_field_group()`` writes for a bound field through Django's form templates
    (``django/forms/field.html`` with its label and help text), written in Python: the label,
    the help text and the widget. Rendering the field group through the template engine was
    about a fifth of the publication list's time (benchmarks/README.md). A field with errors,
    in a fieldset or in a form that marks required fields takes Django's own way;
    tests/test_filter_widgets.py compares the two."""
    if field.errors or field.use_fieldset or hasattr(field.form, "required_css_class"):
        return field.as_field_group()
    label = ""
    if field.label:
        label = escaped(field.label)
        suffix = (
            field.field.label_suffix
            if field.field.label_suffix is not None
            else field.form.label_suffix
        )
        if suffix and label[-1] not in gettext(":?.!"):
            label += escaped(suffix)
        widget = field.field.widget
        id_ = widget.attrs.get("id") or field.auto_id
        if id_:
            id_for_label = widget.id_for_label(id_)
            target = f' for="{escaped(id_for_label)}"' if id_for_label else ""
            label = f"<label{target}>{label}</label>"
    help_text = ""
    if field.help_text:
        target = f' id="{escaped(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="helptext"{target}>{field.help_text}</div>'
    # Django's renderer strips what a template writes.
    return mark_safe(f"{label}\n\n{help_text}\n\n{field.as_widget()}".strip())
