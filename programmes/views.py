"""Public pages for programmes, focus areas and contacts.

Each view declares the related rows its template shows, so the number of queries per page
stays the same however much data there is (tests/test_public_pages.py and
tests/test_programme_list.py pin that).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, SlugField, Window
from django.http import QueryDict
from django.utils import timezone
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from publishing.views import PreviewMixin, published, tags_query

from .filters import ProgrammeFilter, listed_programmes
from .models import Contact, FocusArea, Programme
from .prepared import (
    InIds,
    KeptObjectMixin,
    PageQueries,
    Param,
    kept,
    now_param,
    related_to,
)

# A result of at most this many programmes is read once as ids (ProgrammeListView).
FEW_RESULTS = 1000


# The rows of one page of a short result, by their ids (ProgrammeListView.paginate_queryset).
LISTED_BY_ID = PageQueries(
    lambda: {"rows": listed_programmes(now_param()).filter(InIds("pk", "ids"))}
)


class ProgrammeFilterMixin:
    """The programme filters shared by the list and the timeline.

    A filter value that matches nothing the form offers (an unknown slug, a year outside
    1900–2100) is the visitor's mistake, not an empty result: the page answers 400 with the form
    and its messages and lists nothing. Unknown query parameters are ignored.
    """

    filterset_class = ProgrammeFilter

    def get_queryset(self):
        # The kept queries of the results and options (kept_results, filters.KEPT_OPTIONS)
        # start from listed_programmes() too.
        return listed_programmes()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    # (id, organisation id) of every result, when the view has read them (ProgrammeListView).
    results = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filterset's queryset is listed_programmes(), which the kept queries start from.
        self.filterset.narrow_choices(self.results, kept=True)
        context["filter_querystring"] = filter_querystring(self.filterset)
        context["filter_has_errors"] = self.filterset.is_bound and not self.filterset.is_valid()
        return context


def filter_querystring(filterset):
    """``?organisation=…&year=…`` with only the filters that are set, for links between the
    list and the timeline; empty when no filter is set."""
    query = QueryDict(mutable=True)
    for name in filterset.filters:
        value = filterset.data.get(name)
        if value:
            query[name] = value
    return f"?{query.urlencode()}" if query else ""


# Filters whose chosen values a kept query of the results binds. Not the status, whose rule
# depends on today's date and year (ProgrammeQuerySet.with_status).
KEPT_RESULT_FILTERS = ("focus_area", "organisation", "year")


def _results_query(names, limit):
    """The kept query of the (id, owner id) pairs of the first ``limit`` programmes
    the filters ``names`` leave, each filter's value a Param of its name: the programme
    filters' own conditions, applied to the listed programmes as ``filterset.qs`` does."""

    def build():
        filters = ProgrammeFilter().filters
        queryset = listed_programmes(now_param())
        for name in names:
            queryset = filters[name].filter(queryset, Param(name))
        return {"rows": queryset.values_list("pk", "organisation_id")[:limit]}

    return kept(("programme results", names, limit), build)


def kept_results(filterset):
    """(id, owner id) of the first FEW_RESULTS + 1 results of a valid or unbound
    ``filterset``, by a kept query per combination of chosen filters; None for a form with
    errors or where a filter outside KEPT_RESULT_FILTERS is chosen (the view then asks the
    filterset's queryset)."""
    values = filterset.kept_values()
    if values is None or not set(values) <= set(KEPT_RESULT_FILTERS):
        return None
    return _results_query(tuple(sorted(values)), FEW_RESULTS + 1).fetch(**values)["rows"]


class ProgrammeListView(ProgrammeFilterMixin, FilterView):
    """All programmes, pilot and knowledge projects included, in the model's ordering
    (newest start year first), filtered by the query string."""

    template_name = "programmes/programme_list.html"
    paginate_by = 50

    def paginate_queryset(self, queryset, page_size):
        """A result of at most FEW_RESULTS programmes is read as (id, owner) pairs in the
        list's order: they give the count, the page's ids and the filters' options, and only
        the page's rows are read in full. A longer one is paged in the database."""
        rows = kept_results(self.filterset)
        if rows is None:
            rows = list(queryset.values_list("pk", "organisation_id")[: FEW_RESULTS + 1])
        if len(rows) > FEW_RESULTS:
            return super().paginate_queryset(queryset, page_size)
        self.results = rows
        paginator, page, page_rows, is_paginated = super().paginate_queryset(rows, page_size)
        # The page's rows by their ids alone: the filters have chosen them already. Still only
        # published ones: a programme unpublished or deleted between the two reads is left
        # out of the page (its count and options still hold it until the next request).
        ids = [pk for pk, _ in page_rows]
        found = {programme.pk: programme for programme in LISTED_BY_ID.fetch(ids=ids)["rows"]}
        page.object_list = [found[pk] for pk, _ in page_rows if pk in found]
        return paginator, page, page.object_list, is_paginated


class ProgrammeTimelineView(ProgrammeFilterMixin, FilterView):
    """The filtered programmes' periods side by side, one column per year."""

    template_name = "programmes/programme_timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = build_timeline(context["object_list"], timezone.localdate())
        return context


def build_timeline(programmes, today):
    """Years from the earliest start to the latest end (an open-ended period runs to this year,
    or to its start year if that lies ahead) and, per programme, whether each year is in it."""
    programmes = list(programmes)
    if not programmes:
        return None

    def last_year(programme):
        if programme.end_year is not None:
            return programme.end_year
        return max(today.year, programme.start_year)

    years = list(
        range(min(p.start_year for p in programmes), max(last_year(p) for p in programmes) + 1)
    )
    rows = [
        {
            "programme": programme,
            "cells": [
                (year, programme.start_year <= year <= last_year(programme)) for year in years
            ],
        }
        for programme in programmes
    ]
    return {"years": years, "rows": rows, "current_year": today.year}


# The programme page shows this many of its publications, newest first, and links to the
# publication list filtered by the programme for all of them.
PROGRAMME_PUBLICATIONS_SHOWN = 10

# What a link to a programme shows ("Titel 2016–2018") and needs to decide that it is public.
PROGRAMME_LINK_FIELDS = ("title", "slug", "start_year", "end_year", "publish_state", "publish_from")


def programme_page_object(queryset):
    """What a programme's page reads of the programme, its owner and who commissioned it."""
    return queryset.select_related("organisation", "commissioned_by").only(
        *(field.name for field in Programme._meta.concrete_fields),
        "organisation__name",
        "organisation__slug",
        "commissioned_by__name",
    )


PROGRAMME_OBJECT = PageQueries(
    lambda: {
        "object": programme_page_object(
            Programme.objects.published(now_param()).filter(slug=Param("slug", SlugField()))
        )
    }
)


class ProgrammeDetailView(KeptObjectMixin, PreviewMixin, DetailView):
    """One programme and everything around it.

    The page is about one object, so its lists are plain queries rather than
    ``prefetch_related`` (whose bookkeeping buys nothing for a single object), kept compiled
    and read together in one round trip (programme_page_queries, programmes/prepared.py)."""

    template_name = "programmes/programme.html"
    object_queries = PROGRAMME_OBJECT

    def get_queryset(self):
        return programme_page_object(self.visible(Programme.objects))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        lists = PROGRAMME_PAGE.fetch(
            programme=programme.pk,
            parent=programme.parent_id,
            predecessor=programme.predecessor_id,
            content_type=ContentType.objects.get_for_model(Programme).pk,
        )
        around = lists.pop("around")
        publications = lists.pop("publications")
        context.update(
            lists,
            parent=next((p for p in around if p.pk == programme.parent_id), None),
            predecessor=next((p for p in around if p.pk == programme.predecessor_id), None),
            subprojects=[p for p in around if p.parent_id == programme.pk],
            successors=[p for p in around if p.predecessor_id == programme.pk],
            publications=publications,
            publication_count=publications[0].total if publications else 0,
        )
        return context


def programme_page_queries():
    """The lists of a programme's page (ProgrammeDetailView), each with only the columns the
    page shows. The models order the child rows by programme first, which would join the
    programme table, so they are ordered by position here. The programmes around this one
    (the one it belongs to, its predecessor, its pilot and knowledge projects, its
    successors) come in one list; of the publications only the newest, with their number in
    all (a window count)."""
    programme, now = Param("programme"), now_param()

    def rows(name):
        return related_to(Programme, name, programme)

    in_order = ("position", "pk")
    publications = rows("publications")
    return {
        "funders": rows("funders").only("name", "slug"),
        "goals": rows("goals").order_by(*in_order),
        "focus_points": rows("focus_points").order_by(*in_order),
        "focus_areas": rows("focus_areas").visible(now).only("name", "slug"),
        "tags": tags_query(Param("content_type"), programme),
        "municipalities": rows("municipalities"),
        "links": rows("links").order_by(*in_order),
        "pages": rows("pages").published(now).only("title", "slug"),
        "events": rows("events").only("title", "slug", "start_date"),
        "contacts": rows("contacts")
        .select_related("organisation")
        .only(
            "name",
            "role",
            "email",
            "phone",
            "organisation__name",
            "organisation__short_name",
        ),
        # A missing parent or predecessor is bound as NULL, which equals no row.
        "around": Programme.objects.published(now)
        .filter(
            Q(parent=programme)
            | Q(predecessor=programme)
            | Q(pk=Param("parent"))
            | Q(pk=Param("predecessor"))
        )
        .select_related("organisation")
        .only(
            *PROGRAMME_LINK_FIELDS,
            "parent",
            "predecessor",
            "organisation__name",
            "organisation__short_name",
        ),
        "publications": publications.published(now)
        .only("title", "slug", "kind", "year")
        .annotate(total=Window(Count("pk")))
        .order_by(*publications.model._meta.ordering, "pk")[:PROGRAMME_PUBLICATIONS_SHOWN],
    }


PROGRAMME_PAGE = PageQueries(programme_page_queries)


class FocusAreaDetailView(DetailView):
    template_name = "programmes/focusarea.html"

    def get_queryset(self):
        # The areas of a draft programme's own set are not public before the programme.
        return (
            FocusArea.objects.visible()
            .select_related("focus_area_set__organisation", "focus_area_set__programme")
            .prefetch_related(
                published(FocusArea, "programmes", select_related=["organisation"]),
                published(FocusArea, "publications"),
                published(FocusArea, "pages"),
            )
        )


class ContactListView(ListView):
    """Every contact person, grouped by organisation in the template, with the programmes and
    pages they answer for."""

    def get_queryset(self):
        return (
            Contact.objects.select_related("organisation")
            .prefetch_related(published(Contact, "programmes"), published(Contact, "pages"))
            .order_by("organisation__name", "name")
        )
