"""The statistics pages: the list of indicators, an indicator's figures for the regions and
years a visitor chooses (chart, map, table), and the same figures as a file."""

from decimal import Decimal

from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from geography.models import Region, RegionLevel
from pagecache.keys import today
from pagecache.versions import remember
from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import PreviewMixin
from spreadsheets.writers import Column, Format, download

from . import charts
from .comparison import Comparison
from .forms import DEFAULT_MANY, MAX_REGIONS, SelectionForm
from .models import Indicator, Observation, Sex


class IndicatorListView(BreadcrumbsMixin, ListView):
    """Every published indicator, in its group, with the years it covers."""

    template_name = "indicators/indicator_list.html"

    def get_queryset(self):
        return Indicator.objects.published().annotate(
            first_year=Min("observations__year"), last_year=Max("observations__year")
        )

    def get_breadcrumbs(self):
        return Indicator.list_breadcrumbs()


def indicator_options(indicator):
    """The regions and years an indicator has values for, and the regions of its map."""
    regions = list(indicator.regions_with_values())
    level = Indicator.main_level(regions)
    map_regions = (
        list(Region.objects.filter(level=level).mapped()) if level != RegionLevel.COUNTRY else []
    )
    return {"regions": regions, "years": indicator.years(), "level": level, "map": map_regions}


class SelectionMixin(PreviewMixin):
    """Reads the visitor's choice of regions, years and sex from the query string. Without
    one: the regions of the indicator's main level (when they are few enough to compare) and
    its latest year."""

    def get_queryset(self):
        return self.visible(Indicator.objects)

    def options(self, indicator):
        if self.preview:
            return indicator_options(indicator)
        return remember(("indicator options", indicator.pk), lambda: indicator_options(indicator))

    def selection(self, indicator):
        options = self.options(indicator)
        form = SelectionForm(
            self.request.GET or None, regions=options["regions"], years=options["years"]
        )
        regions, years, sex = [], [], Sex.TOTAL
        if form.is_bound and form.is_valid():
            regions, years = form.cleaned_data["region"], form.cleaned_data["ar"]
            sex = form.cleaned_data["kon"] or Sex.TOTAL
        if not form.is_bound or form.is_valid():
            if not regions:
                regions = [r for r in options["regions"] if r.level == options["level"]]
                if len(regions) > MAX_REGIONS:
                    regions = regions[:DEFAULT_MANY]
            if not years:
                years = options["years"][-1:]
        return form, options, regions, years, sex


class IndicatorDetailView(BreadcrumbsMixin, SelectionMixin, DetailView):
    template_name = "indicators/indicator.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        status = 400 if context["form"].errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        form, options, regions, years, sex = self.selection(indicator)
        context.update(form=form, options=options)
        if form.errors:
            return context
        key = (
            "indicator figures",
            indicator.pk,
            tuple(region.pk for region in regions),
            tuple(years),
            sex,
        )

        def compute():
            return figures(indicator, options, regions, years, sex)

        context["figures"] = compute() if self.preview else remember(key, compute)
        context["query"] = self.request.GET.urlencode()
        return context


def figures(indicator, options, regions, years, sex):
    """The figures part of an indicator's page for one choice of regions, years and sex, as
    HTML from its template. Two queries, however many values it shows."""
    comparison = Comparison.build(indicator, regions, years)
    context = {"indicator": indicator, "comparison": comparison}
    if len(years) == 1:
        context["bar_chart"] = charts.bar_chart(comparison)
    else:
        context["line_charts"] = charts.line_charts(comparison)
    if options["map"] and years:
        values = dict(
            Observation.objects.filter(
                indicator=indicator, year=years[-1], sex=sex, region__level=options["level"]
            ).values_list("region_id", "value")
        )
        context["map"] = charts.choropleth(
            indicator, options["map"], values, years[-1], Sex(sex).label
        )
    return render_to_string("indicators/includes/figures.html", context)


COLUMNS = [
    Column("region", _("Region"), width=28),
    Column("region_code", _("Regionkod"), width=10),
    Column("level", _("Nivå"), width=18),
    Column("year", _("År"), "int", width=8),
    Column("sex", _("Kön"), width=10),
    Column("value", _("Värde"), "decimal", width=14),
    Column("unit", _("Enhet"), width=16),
    Column("source_url", _("Källa"), width=60),
]


class IndicatorExportView(SelectionMixin, DetailView):
    """The figures of the chosen regions and years as CSV, XLSX or JSON: women, men and
    total, one row per value, with its source."""

    def get(self, request, *args, **kwargs):
        if kwargs["file_format"] not in Format.ALL:
            raise Http404
        indicator = get_object_or_404(self.get_queryset(), slug=kwargs["slug"])
        form, options, regions, years, sex = self.selection(indicator)
        if form.errors:
            self.object = indicator
            context = {"object": indicator, "indicator": indicator, "form": form}
            context["options"] = options
            context["breadcrumbs"] = indicator.breadcrumbs()
            return self.response_class(request, "indicators/indicator.html", context, status=400)
        observations = (
            Observation.objects.filter(indicator=indicator, region__in=regions, year__in=years)
            .select_related("region")
            .order_by("region__rank", "region__code", "year", "sex")
        )
        quantum = Decimal(1).scaleb(-indicator.decimals)
        levels = dict(RegionLevel.choices)
        sexes = dict(Sex.choices)
        rows = (
            [
                o.region.name,
                o.region.code,
                str(levels[o.region.level]),
                o.year,
                str(sexes[o.sex]),
                o.value.quantize(quantum),
                indicator.unit,
                o.source_url,
            ]
            for o in observations.iterator(chunk_size=2000)
        )
        year_part = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        filename = f"{indicator.slug}-{year_part}-{today().isoformat()}"
        return download(
            COLUMNS,
            rows,
            kwargs["file_format"],
            f"{filename}.{kwargs['file_format']}",
            sheet_title=_("Statistik"),
        )
