"""Public pages for publications: the list, one publication, and the list as a file or as a
printable reference list."""

import tempfile
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, SlugField
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from organisations.models import Organisation
from programmes.addresses import slug_url
from programmes.models import Programme
from programmes.models.programmes import format_period
from programmes.prepared import (
    InIds,
    KeptObjectMixin,
    PageQueries,
    Param,
    kept,
    now_param,
    related_to,
)
from publishing.views import PreviewMixin, tags_query

from . import exports
from .choices import PublicationKind
from .filters import (
    NEWEST_FIRST,
    PublicationFilter,
    publication_type_id,
    published_publications,
)
from .models import LISTED_FIELDS, Publication

# The printable list shows at most this many publications; longer lists are downloaded.
PRINT_LIMIT = 2000
# When the filters leave at most this many publications, the list reads their ids once, in
# its order: the count, the page and the filter options then come from those ids instead of
# running the filters again in each query.
FEW_RESULTS = 1000


# The listed columns, in the order of the model's fields, as from_db() takes them.
LISTED_COLUMNS = [
    field.attname for field in Publication._meta.concrete_fields if field.attname in LISTED_FIELDS
]

# Filters whose chosen values the kept query of the results binds: all but the text search,
# whose condition is a pattern built from the words (PublicationFilter.filter_text).
KEPT_RESULT_FILTERS = frozenset(PublicationFilter.base_filters) - {"q", "sort"}


def _results_query(names, sort, limit, content_type_id):
    """The kept query of the listed columns of the first ``limit`` publications the filters
    ``names`` leave, in the order ``sort``, each filter's value a Param of its name: the
    filters' own conditions, applied to the published publications as ``filterset.qs`` does.
    The tag's condition holds the publications' content type id. Built and compiled once,
    but planned for the values of every request."""

    def build():
        filterset = PublicationFilter()
        queryset = published_publications(now_param())
        for name in names:
            queryset = filterset.filters[name].filter(queryset, filterset.param(name))
        if sort:
            queryset = filterset.sort_by(queryset, "sort", sort)
        return {"rows": queryset.values_list(*LISTED_COLUMNS)[:limit]}

    # Not prepared: a generic plan, one for any organisation and years, took 50–90 ms where
    # the plan for the values takes 6 ms (benchmarks/README.md).
    return kept(("publication results", names, sort, limit, content_type_id), build, prepare=False)


def kept_results(filterset):
    """The listed columns of the first FEW_RESULTS + 1 results of a valid or unbound
    ``filterset`` over the published publications, in its order, by a kept query per
    combination of chosen filters; None for a form with errors or a text search (the view
    then asks the filterset's queryset)."""
    values = filterset.kept_values()
    if values is None or not set(values) <= KEPT_RESULT_FILTERS:
        return None
    sort = filterset.form.cleaned_data.get("sort") if filterset.is_bound else None
    query = _results_query(
        tuple(sorted(values)), sort or None, FEW_RESULTS + 1, publication_type_id()
    )
    return query.fetch(**values)["rows"]


class ListedOrganisation(NamedTuple):
    """A publisher as a row of the list shows it."""

    pk: int
    name: str
    short_name: str
    slug: str

    @property
    def display_name(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return slug_url("organisations:organisation_detail", self.slug)


class ListedProgramme(NamedTuple):
    """A published programme as a row of the list links to it: its title and period."""

    pk: int
    title: str
    slug: str
    start_year: int
    end_year: int | None

    def __str__(self):
        return f"{self.title} {format_period(self.start_year, self.end_year)}"

    detail_view_name = Programme.detail_view_name

    def get_absolute_url(self):
        return slug_url(self.detail_view_name, self.slug)


# What each row of the list shows besides its own columns: its publishers and its published
# programmes, for the ids of one page, in the models' order. Read as tuples: a model instance
# for each of the forty or so took a third of a millisecond per page.
LISTED_RELATIONS = PageQueries(
    lambda: {
        "organisations": Organisation.objects.annotate(publication_id=F("publications__id"))
        .filter(InIds("publication_id", "ids"))
        .values_list("publication_id", *ListedOrganisation._fields),
        "programmes": Programme.objects.published(now_param())
        .annotate(publication_id=F("publications__id"))
        .filter(InIds("publication_id", "ids"))
        .values_list("publication_id", *ListedProgramme._fields),
    }
)


def with_listed_relations(publications):
    """``publications`` with ``listed_organisations`` and ``listed_programmes`` set
    (ListedOrganisation and ListedProgramme), in the models' own order, read by one kept
    query for the whole page (markup.publication_rows)."""
    by_id = {}
    for publication in publications:
        publication.listed_organisations = []
        publication.listed_programmes = []
        by_id[publication.pk] = publication
    found = LISTED_RELATIONS.fetch(ids=list(by_id))
    for publication_id, *columns in found["organisations"]:
        by_id[publication_id].listed_organisations.append(ListedOrganisation(*columns))
    for publication_id, *columns in found["programmes"]:
        by_id[publication_id].listed_programmes.append(ListedProgramme(*columns))
    return publications


class PublicationListView(FilterView):
    """All publications, filtered and sorted by the query string (see PublicationFilter).
    Invalid filter values answer 400 with the form and its messages, and no results."""

    filterset_class = PublicationFilter
    template_name = "publications/publication_list.html"
    paginate_by = 20

    def get_queryset(self):
        # The kept queries of the results and options (kept_results, filters.KEPT_OPTIONS)
        # start from the same published publications.
        return published_publications(timezone.now()).only(*LISTED_FIELDS)

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)

    result_ids = None
    # Whether paginate_queryset must filter the queryset it is given (see get()).
    filter_later = False

    def get(self, request, *args, **kwargs):
        """FilterView's, except that the filtered queryset is built only where the page is
        read through it (paginate_queryset): kept_results answers most lists without it,
        and building it took about 0.9 ms of a 9 ms request (benchmarks/README.md)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        if not self.filterset.is_bound or self.filterset.is_valid() or not self.get_strict():
            self.object_list = self.filterset.queryset
            self.filter_later = True
        else:
            self.object_list = self.filterset.queryset.none()
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def paginate_queryset(self, queryset, page_size):
        """A result of at most FEW_RESULTS publications is read in one query, the listed
        columns of every row in the list's order (a kept query per combination of filters,
        kept_results); the page is a slice of it. A longer one is paged in the database.
        Either way the page's publishers and programmes come from one kept query."""
        rows = kept_results(self.filterset)
        if self.filter_later and (rows is None or len(rows) > FEW_RESULTS):
            queryset = self.filterset.qs
        if rows is None:
            rows = list(queryset.values_list(*LISTED_COLUMNS)[: FEW_RESULTS + 1])
        if len(rows) > FEW_RESULTS:
            # One read more than Django's COUNT and page (2–7 ms at 100 000 publications, next
            # to a COUNT of 12–48 ms): the price of not knowing the length beforehand.
            paginator, page, object_list, is_paginated = super().paginate_queryset(
                queryset, page_size
            )
            page.object_list = list(page.object_list)
        else:
            self.result_ids = [row[0] for row in rows]
            paginator, page, page_rows, is_paginated = super().paginate_queryset(rows, page_size)
            page.object_list = [
                Publication.from_db(queryset.db, LISTED_COLUMNS, row) for row in page_rows
            ]
        with_listed_relations(page.object_list)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filterset's queryset is the published publications, as the kept queries'.
        self.filterset.narrow_choices(self.result_ids, kept=True)
        # The filters for the download and print links, without the page number.
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context


class FilteredListMixin:
    """The public list's filters over published publications. A wrong filter value answers
    400 with the filters' messages instead of a file or a list."""

    error_template = "publications/publication_list_error.html"

    def get_filterset(self):
        return PublicationFilter(
            self.request.GET,
            queryset=Publication.objects.published().order_by(*NEWEST_FIRST),
            request=self.request,
        )

    def filter_errors(self, filterset):
        return render(self.request, self.error_template, {"filter": filterset}, status=400)


def export_filename(filterset, file_format, today=None):
    """``publikationer-tillvaxtverket-2018-2026-11-21.xlsx``: what the list holds (the filters
    that were applied) and the day it was made."""
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    parts = ["publikationer"]
    for name in ("organisation", "programme", "focus_area", "tag"):
        if data.get(name):
            parts.append(data[name].slug)
    if data.get("type"):
        parts.append(slugify(str(PublicationKind(data["type"]).label)))
    year_from, year_to = data.get("year_from"), data.get("year_to")
    if year_from is not None and year_from == year_to:
        parts.append(str(year_from))
    elif year_from is not None and year_to is not None:
        parts.append(f"{year_from}-{year_to}")
    elif year_from is not None:
        parts.append(f"fran-{year_from}")
    elif year_to is not None:
        parts.append(f"till-{year_to}")
    if data.get("q"):
        parts.append("sok-" + (slugify(data["q"])[:40].strip("-") or "text"))
    parts.append((today or timezone.localdate()).isoformat())
    return "-".join(part for part in parts if part) + "." + file_format


class PublicationExportView(FilteredListMixin, View):
    """ "Ladda ner listan": the published publications the list's filters select, as CSV or
    JSON streamed row by row, or as an XLSX workbook."""

    def get(self, request, file_format):
        if file_format not in exports.Format.ALL:
            raise Http404
        filterset = self.get_filterset()
        if not filterset.is_valid():
            return self.filter_errors(filterset)
        rows = exports.rows(filterset.qs, exports.COLUMNS, request.build_absolute_uri("/"))
        filename = export_filename(filterset, file_format)
        content_type = exports.Format.CONTENT_TYPES[file_format]
        if file_format == exports.Format.XLSX:
            # A zip archive cannot be sent before it is finished; the write-only workbook
            # keeps the rows in a temporary file, not in memory.
            workbook = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
            exports.write_xlsx(exports.COLUMNS, rows, workbook)
            workbook.seek(0)
            response = FileResponse(
                workbook, as_attachment=True, filename=filename, content_type=content_type
            )
        else:
            writer = (
                exports.csv_chunks if file_format == exports.Format.CSV else exports.json_chunks
            )
            chunks = writer(exports.COLUMNS, rows)
            response = StreamingHttpResponse(
                (chunk.encode("utf-8") for chunk in chunks), content_type=content_type
            )
            response["Content-Disposition"] = content_disposition_header(True, filename)
        response["X-Robots-Tag"] = "noindex"
        return response


# Å, Ä and Ö come after Z in Swedish, in that order.
_SWEDISH_LETTERS = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})


def swedish_sort_key(text):
    return text.casefold().translate(_SWEDISH_LETTERS)


class Grouping:
    YEAR = "ar"
    ORGANISATION = "organisation"
    CHOICES = {YEAR: _("år"), ORGANISATION: _("organisation")}


class PublicationPrintView(FilteredListMixin, View):
    """The filtered list as a reference list for printing on A4, grouped by year or by
    publishing organisation (``?gruppera=organisation``). A publication with several
    publishers is listed under each of them."""

    template_name = "publications/publication_print.html"

    def get(self, request):
        filterset = self.get_filterset()
        if not filterset.is_valid():
            return self.filter_errors(filterset)
        grouping = request.GET.get("gruppera") or Grouping.YEAR
        if grouping not in Grouping.CHOICES:
            return render(
                request,
                self.error_template,
                {"message": _("Listan kan grupperas efter år eller efter organisation.")},
                status=400,
            )
        publications = list(filterset.qs.prefetch_related("organisations")[: PRINT_LIMIT + 1])
        truncated = len(publications) > PRINT_LIMIT
        publications = publications[:PRINT_LIMIT]
        query = request.GET.copy()
        query.pop("gruppera", None)
        query.pop("page", None)
        return render(
            request,
            self.template_name,
            {
                "groups": self.group(publications, grouping),
                "grouping": grouping,
                "groupings": Grouping.CHOICES,
                "count": len(publications),
                "truncated": truncated,
                "limit": PRINT_LIMIT,
                "filter": filterset,
                "filter_query": query.urlencode(),
                "made": timezone.localtime(),
            },
        )

    @staticmethod
    def group(publications, grouping):
        """``[(heading, [(organisation names, publication), …]), …]``: years newest first
        (unknown year last) or organisations in Swedish alphabetical order; within a group,
        the list's own order."""
        groups = {}
        if grouping == Grouping.YEAR:
            for publication in publications:
                names = ", ".join(sorted(o.name for o in publication.organisations.all()))
                groups.setdefault(publication.year, []).append((names, publication))
            years = sorted((year for year in groups if year is not None), reverse=True)
            ordered = [(year, groups[year]) for year in years]
            if None in groups:
                ordered.append((_("Utan år"), groups[None]))
            return ordered
        for publication in publications:
            for organisation in publication.organisations.all():
                groups.setdefault(organisation.name, []).append((organisation.name, publication))
        return sorted(groups.items(), key=lambda item: swedish_sort_key(item[0]))


PUBLICATION_OBJECT = PageQueries(
    lambda: {
        "object": Publication.objects.published(now_param()).filter(slug=Param("slug", SlugField()))
    }
)


class PublicationDetailView(KeptObjectMixin, PreviewMixin, DetailView):
    """One publication. The page is about one object, so its lists are plain queries rather
    than ``prefetch_related`` (whose bookkeeping buys nothing for a single object), with only
    the columns the page shows, kept compiled and read together in one round trip
    (programmes/prepared.py)."""

    template_name = "publications/publication.html"
    object_queries = PUBLICATION_OBJECT

    def get_queryset(self):
        return self.visible(Publication.objects)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            PUBLICATION_PAGE.fetch(
                publication=self.object.pk,
                content_type=ContentType.objects.get_for_model(Publication).pk,
            )
        )
        return context


def publication_page_queries():
    """The lists of a publication's page (PublicationDetailView)."""
    publication, now = Param("publication"), now_param()

    def rows(name):
        return related_to(Publication, name, publication)

    return {
        "organisations": rows("organisations").only("name", "slug"),
        "programmes": rows("programmes")
        .published(now)
        .only("title", "slug", "start_year", "end_year"),
        "focus_areas": rows("focus_areas").visible(now).only("name", "slug"),
        "tags": tags_query(Param("content_type"), publication),
    }


PUBLICATION_PAGE = PageQueries(publication_page_queries)
