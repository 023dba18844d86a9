"""Public pages for publications: the list, one publication, and the list as a file or as a
printable reference list."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from pagecache.keys import depends_on_today
from pagecache.keys import today as local_today
from pagecache.query import filterset_parameters
from pagecache.versions import remember
from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import PreviewMixin
from spreadsheets.writers import download

from . import exports
from .choices import PublicationKind
from .filters import NEWEST_FIRST, PublicationFilter
from .models import Publication

# The printable list shows at most this many publications; longer lists are downloaded.
PRINT_LIMIT = 2000


class PublicationListView(BreadcrumbsMixin, FilterView):
    """All publications, filtered and sorted by the query string (see PublicationFilter).
    Invalid filter values answer 400 with the form and its messages, and no results."""

    filterset_class = PublicationFilter
    template_name = "publications/publication_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Publication.objects.published().for_listing().order_by(*NEWEST_FIRST)

    def get_breadcrumbs(self):
        return Publication.list_breadcrumbs()

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filterset.rendered_form(
            "publications/includes/filter_form.html"
        )
        # The filters for the download and print links, without the page number.
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context


class FilteredListMixin:
    """The public list's filters over published publications. A wrong filter value answers
    400 with the filters' messages instead of a file or a list."""

    error_template = "publications/publication_list_error.html"
    query_parameters = filterset_parameters(PublicationFilter)

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
    parts.append((today or local_today()).isoformat())
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
        return download(
            exports.COLUMNS,
            rows,
            file_format,
            export_filename(filterset, file_format),
            sheet_title=_("Publikationer"),
        )


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
    query_parameters = FilteredListMixin.query_parameters | {"gruppera"}

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
        depends_on_today()  # it says when it was made
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
                "breadcrumbs": [
                    *Publication.list_breadcrumbs(),
                    (_("Utskriftsvänlig lista"), reverse("publications:publication_print")),
                ],
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


def around_publication(publication):
    """What a publication's page shows around it: its publishers, and the programmes, focus
    areas and tags visitors may see."""
    return {
        "organisations": list(publication.organisations.all()),
        # What a programme's line shows: its other columns change more often than these.
        "programmes": list(
            publication.programmes.published().only("title", "slug", "start_year", "end_year")
        ),
        "focus_areas": publication.focus_areas.visible_of(),
        "tags": list(publication.tags.all()),
    }


class PublicationDetailView(BreadcrumbsMixin, PreviewMixin, DetailView):
    """One publication. What is shown around it (``around_publication``) is remembered for
    visitors (pagecache.versions.remember); the editors' preview reads it afresh."""

    template_name = "publications/publication.html"

    def get_queryset(self):
        return self.visible(Publication.objects)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = self.object
        if self.preview:
            context.update(around_publication(publication))
        else:
            context.update(
                remember(
                    ("publication page", publication.pk),
                    lambda: around_publication(publication),
                )
            )
        # A publication of one organisation belongs to it: the page shows that organisation's
        # banner and, in the footer, its contact details.
        if len(context["organisations"]) == 1:
            context["section_organisation"] = context["organisations"][0]
        return context
