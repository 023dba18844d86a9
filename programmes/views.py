"""Public pages for programmes, focus areas and contacts.

Each view declares the related rows its template shows, so the number of queries per page
stays the same however much data there is (tests pin that). What only changes when content
changes (a list's filter options, the lists around a programme) is remembered with the keys
of what it read (pagecache.versions.remember), so an editor's change shows at once.
"""

from django.db.models import Prefetch
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from geography.models import Region, RegionLevel
from indicators import charts
from indicators.comparison import latest_cells
from organisations.views import OrganisationSectionMixin
from pagecache.keys import today
from pagecache.versions import remember
from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import PreviewMixin, published

from .filters import ProgrammeFilter
from .models import Contact, FocusArea, FundProgramme, Programme


class ProgrammeFilterMixin:
    """The programme filters shared by the list and the timeline.

    A filter value that matches nothing the form offers (an unknown slug, a year outside
    1900–2100) is the visitor's mistake, not an empty result: the page answers 400 with the form
    and its messages and lists nothing. Unknown query parameters are ignored.
    """

    filterset_class = ProgrammeFilter

    def get_queryset(self):
        return Programme.objects.listed()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filterset.rendered_form(
            "includes/filter_form.html",
            heading=_("Filtrera program"),
            clear_url=self.request.path,
        )
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


class ProgrammeListView(BreadcrumbsMixin, ProgrammeFilterMixin, FilterView):
    """All programmes, pilot and knowledge projects included, in the model's ordering
    (newest start year first), filtered by the query string."""

    template_name = "programmes/programme_list.html"
    paginate_by = 50

    def get_breadcrumbs(self):
        return Programme.list_breadcrumbs()


class ProgrammeTimelineView(BreadcrumbsMixin, ProgrammeFilterMixin, FilterView):
    """The filtered programmes' periods side by side, one column per year."""

    template_name = "programmes/programme_timeline.html"

    def get_breadcrumbs(self):
        return [
            *Programme.list_breadcrumbs(),
            (_("Tidslinje"), reverse("programmes:programme_timeline")),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = build_timeline(context["object_list"], today())
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


def municipality_map(municipalities):
    """The programme's municipalities on a map of the counties, when their codes are known."""
    codes = [municipality.code for municipality in municipalities if municipality.code]
    if not codes:
        return None
    places = list(Region.objects.filter(level=RegionLevel.MUNICIPALITY, code__in=codes).mapped())
    if not places:
        return None
    counties = Region.objects.filter(level=RegionLevel.COUNTY).mapped()
    return charts.places_map(list(counties), places)


def indicator_figures(programme):
    """The latest figures for women and men of the indicators the programme aims at, in its
    region (the country when none is set)."""
    indicators = list(programme.indicators.published())
    if not indicators:
        return None
    region = programme.statistics_region or Region.objects.filter(level=RegionLevel.COUNTRY).first()
    if region is None:
        return None
    return {"region": region, "figures": latest_cells(indicators, region)}


def around_programme(programme):
    """What a programme's page shows around the programme: the programme it belongs to, its
    predecessor, its pilot and knowledge projects and its successors, its funders, goals,
    focus points, focus areas, tags, municipalities, links, pages, events and contacts, and
    its newest publications with their number in all. Only what visitors may see."""
    public = Programme.objects.published().select_related("organisation")
    publications = programme.publications.published()
    municipalities = list(programme.municipalities.all())
    return {
        "parent": public.filter(pk=programme.parent_id).first() if programme.parent_id else None,
        "predecessor": (
            public.filter(pk=programme.predecessor_id).first() if programme.predecessor_id else None
        ),
        "subprojects": list(public.filter(parent=programme)),
        "successors": list(public.filter(predecessor=programme)),
        "funders": list(programme.funders.all()),
        "goals": list(programme.goals.all()),
        "focus_points": list(programme.focus_points.all()),
        "focus_areas": programme.focus_areas.visible_of(),
        "tags": list(programme.tags.all()),
        "municipalities": municipalities,
        "municipality_map": municipality_map(municipalities),
        "indicator_figures": indicator_figures(programme),
        "links": list(programme.links.all()),
        "pages": list(programme.pages.published()),
        "events": list(programme.events.all()),
        "contacts": list(programme.contacts.select_related("organisation")),
        "publications": list(publications[:PROGRAMME_PUBLICATIONS_SHOWN]),
        "publication_count": publications.count(),
    }


class ProgrammeDetailView(OrganisationSectionMixin, BreadcrumbsMixin, PreviewMixin, DetailView):
    """One programme and everything around it (``around_programme``), remembered for
    visitors; the editors' preview reads it afresh."""

    template_name = "programmes/programme.html"

    def get_queryset(self):
        # The programmes above it, two levels up, for the breadcrumbs.
        return self.visible(Programme.objects).select_related(
            "organisation", "commissioned_by", "parent__parent", "image"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        if self.preview:
            context.update(around_programme(programme))
        else:
            context.update(
                remember(("programme page", programme.pk), lambda: around_programme(programme))
            )
        return context


class FocusAreaDetailView(BreadcrumbsMixin, DetailView):
    template_name = "programmes/focusarea.html"

    def get_queryset(self):
        # The areas of a draft programme's own set are not public before the programme.
        return (
            FocusArea.objects.visible()
            # The set's programme with those it is part of, for the breadcrumbs.
            .select_related(
                "focus_area_set__organisation", "focus_area_set__programme__parent__parent"
            )
            .prefetch_related(
                published(FocusArea, "programmes", select_related=["organisation"]),
                published(FocusArea, "publications"),
                published(FocusArea, "pages"),
                "fund_programmes",
            )
        )


class FundProgrammeDetailView(BreadcrumbsMixin, DetailView):
    """A funding programme with its period and the focus areas visitors may see that are
    about it."""

    template_name = "programmes/fundprogramme.html"

    def get_queryset(self):
        return FundProgramme.objects.prefetch_related(
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.visible().select_related("focus_area_set"),
            )
        )


class ContactListView(BreadcrumbsMixin, ListView):
    """Every contact person, grouped by organisation in the template, with the programmes and
    pages they answer for."""

    def get_breadcrumbs(self):
        return Contact.list_breadcrumbs()

    def get_queryset(self):
        return (
            Contact.objects.select_related("organisation")
            .prefetch_related(published(Contact, "programmes"), published(Contact, "pages"))
            .order_by("organisation__name", "name")
        )
