"""Publication lists as files: CSV, XLSX and JSON for reports and follow-up.

One set of columns and one set of writers serve the admin export (through django-import-export,
see ``publications/resources.py``), the public "Ladda ner listan" links and
``manage.py export_publications``.

- Rows are read with ``QuerySet.iterator(chunk_size=…)``: a server-side cursor on PostgreSQL,
  and the relations of each chunk loaded in bulk (four queries per chunk, never one per row).
- The writers (Excel-friendly CSV, XLSX, JSON, formulas neutralised) are the shared ones in
  ``spreadsheets/writers.py``.
"""

import itertools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from programmes.models import FocusArea, Programme
from programmes.models.programmes import format_period
from richtext.html import html_to_text
from spreadsheets.writers import (  # noqa: F401 (the writers, as this module offered them)
    Column,
    Format,
    csv_chunks,
    json_chunks,
    neutralise,
    write_xlsx,
)

from .choices import PublicationKind
from .models import Publication

# Rows read from the database at a time; each chunk costs one query per related list.
CHUNK_SIZE = 2000

LIST_SEPARATOR = "; "


COLUMNS = [
    Column("title", _("Titel"), width=60),
    Column("type", _("Typ"), width=14),
    Column("publication_date", _("Utgivningsdatum"), "date", width=14),
    Column("year", _("Utgivningsår"), "int", width=12),
    Column("organisations", _("Utgivande organisationer"), width=40),
    Column("programmes", _("Program"), width=40),
    Column("focus_areas", _("Fokusområden"), width=30),
    Column("tags", _("Nyckelord"), width=30),
    Column("summary", _("Sammanfattning"), width=80),
    Column("url", _("Webbadress"), width=50),
    Column("file_url", _("Fil"), width=50),
    Column("file_format", _("Filformat"), width=10),
    Column("file_size", _("Filstorlek (byte)"), "int", width=14),
    Column("file_page_count", _("Antal sidor"), "int", width=10),
    Column("file_language", _("Filens språk"), width=14),
    Column("external_url", _("Extern länk"), width=40),
]
STAFF_COLUMNS = [
    *COLUMNS,
    Column("publishing_state", _("Publiceringsstatus"), width=14),
    Column("updated_at", _("Senast ändrad"), "datetime", width=18),
]


def columns_for(staff):
    return STAFF_COLUMNS if staff else COLUMNS


def _grouped(pairs):
    """``{publication id: sorted names}`` from ``(publication id, name)`` pairs."""
    grouped = {}
    for publication_id, name in pairs:
        grouped.setdefault(publication_id, []).append(name)
    for names in grouped.values():
        names.sort()
    return grouped


def _linked(ids, relation, targets, *fields):
    """``(publication id, field of the related object, …)`` for the publications ``ids``,
    read from the link table of the many-to-many ``relation``; only related objects in
    ``targets`` when it is given."""
    field = Publication._meta.get_field(relation)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = field.remote_field.through.objects.filter(**{f"{source}_id__in": ids})
    if targets is not None:
        links = links.filter(**{f"{target}__in": targets.values("pk")})
    return links.values_list(f"{source}_id", *(f"{target}__{name}" for name in fields))


class Relations:
    """The related names of one chunk of publications: one query per relation, straight from
    the link tables. Cheaper than ``prefetch_related``, which builds a queryset per row and
    relation (see benchmarks/README.md). Public lists show only the programmes and focus
    areas visitors may see."""

    def __init__(self, ids, public):
        programmes = Programme.objects.published() if public else Programme.objects.all()
        focus_areas = FocusArea.objects.visible() if public else FocusArea.objects.all()
        self.organisations = _grouped(_linked(ids, "organisations", None, "name"))
        self.programmes = _grouped(
            (publication_id, f"{title} ({format_period(start_year, end_year)})")
            for publication_id, title, start_year, end_year in _linked(
                ids, "programmes", programmes, "title", "start_year", "end_year"
            )
        )
        self.focus_areas = _grouped(_linked(ids, "focus_areas", focus_areas, "name"))
        self.tags = _grouped(
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Publication), object_id__in=ids
            ).values_list("object_id", "tag__name")
        )


class RowBuilder:
    """Turns a publication into the values of ``columns``: native dates and numbers, texts
    as they are (the writers neutralise formulas). Addresses are absolute, from ``base_url``.
    ``public`` leaves out programmes and focus areas visitors may not see."""

    def __init__(self, columns, base_url, public=True):
        self.columns = columns
        self.base_url = base_url.rstrip("/")
        self.public = public
        self.relations = None
        # Looked up once, not per row.
        self.kind_labels = {value: str(label) for value, label in PublicationKind.choices}
        self.page_prefix = self.absolute(reverse("publications:publication_list"))

    def iter_publications(self, queryset, chunk_size=None):
        """The publications of ``queryset``, read ``chunk_size`` at a time (on PostgreSQL
        through a server-side cursor), with each chunk's relations loaded before its rows."""
        size = chunk_size or CHUNK_SIZE
        publications = queryset.prefetch_related(None).iterator(chunk_size=size)
        while chunk := list(itertools.islice(publications, size)):
            self.relations = Relations([publication.pk for publication in chunk], self.public)
            yield from chunk

    def rows(self, queryset, chunk_size=None):
        for publication in self.iter_publications(queryset, chunk_size):
            yield self(publication)

    def absolute(self, path):
        return f"{self.base_url}{path}" if path else ""

    def value(self, publication, key):
        return getattr(self, f"value_{key}")(publication)

    def __call__(self, publication):
        return [self.value(publication, column.key) for column in self.columns]

    def _names(self, relation, publication):
        return LIST_SEPARATOR.join(getattr(self.relations, relation).get(publication.pk, ()))

    def value_title(self, publication):
        return publication.title

    def value_type(self, publication):
        return self.kind_labels.get(publication.kind, publication.kind)

    def value_publication_date(self, publication):
        return publication.publication_date

    def value_year(self, publication):
        return publication.year

    def value_organisations(self, publication):
        return self._names("organisations", publication)

    def value_programmes(self, publication):
        return self._names("programmes", publication)

    def value_focus_areas(self, publication):
        return self._names("focus_areas", publication)

    def value_tags(self, publication):
        return self._names("tags", publication)

    def value_summary(self, publication):
        return html_to_text(publication.summary)

    def value_url(self, publication):
        # The detail page's address, as get_absolute_url() gives it, without a reverse() per row.
        return f"{self.page_prefix}{publication.slug}/"

    def value_file_url(self, publication):
        return self.absolute(publication.file.url) if publication.file else ""

    def value_file_format(self, publication):
        return publication.file_format

    def value_file_size(self, publication):
        return publication.file_size

    def value_file_page_count(self, publication):
        return publication.file_page_count

    def value_file_language(self, publication):
        return publication.file_language_name

    def value_external_url(self, publication):
        return publication.external_url

    def value_publishing_state(self, publication):
        return str(publication.publishing_display)

    def value_updated_at(self, publication):
        return timezone.localtime(publication.updated_at).replace(tzinfo=None, microsecond=0)


def rows(queryset, columns, base_url, public=True, chunk_size=None):
    """The rows of ``queryset`` for ``columns``, read in chunks."""
    return RowBuilder(columns, base_url, public).rows(queryset, chunk_size)


def site_url():
    """The address exports made outside a request (the command line) link to."""
    return settings.SITE_URL
