"""Public pages of surveys: the list, one survey with its figures and its filterable list of
programmes, and that list as a file."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from organisations.views import OrganisationSectionMixin
from pagecache.keys import today as local_today
from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import PreviewMixin
from spreadsheets.writers import Format, download

from . import exports
from .charts import bar_chart
from .choices import FigureUnit, ProgrammeKind
from .filters import ProgrammeFilter
from .models import Survey


class SurveyListView(BreadcrumbsMixin, ListView):
    template_name = "surveys/survey_list.html"
    context_object_name = "surveys"

    def get_queryset(self):
        return Survey.objects.published().select_related("organisation")

    def get_breadcrumbs(self):
        return Survey.list_breadcrumbs()


def programme_filter(request, survey):
    return ProgrammeFilter(request.GET, queryset=survey.programmes.for_listing(), request=request)


class SurveyDetailView(OrganisationSectionMixin, BreadcrumbsMixin, PreviewMixin, DetailView):
    """One survey: who made it, when and how, its figures (computed from the list of
    programmes once there is one, beside the published ones), and the list filtered by the
    query string. A wrong filter value answers 400 with the form and its message."""

    template_name = "surveys/survey.html"

    def get_queryset(self):
        return (
            self.visible(Survey.objects)
            .select_related("organisation", "page")
            .prefetch_related("figures")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        tally = survey.tally()
        figure_rows = survey.figure_rows(tally)
        filterset = programme_filter(self.request, survey)
        valid = filterset.is_valid()
        query = self.request.GET.copy()
        context.update(
            {
                "has_list": bool(tally),
                "figure_rows": figure_rows,
                "count_bars": bar_chart(figure_rows, FigureUnit.COUNT),
                "percent_bars": bar_chart(figure_rows, FigureUnit.PERCENT),
                "filter": filterset,
                "programmes": list(filterset.qs) if valid and tally else [],
                "filter_query": query.urlencode(),
                "page_is_public": survey.page is not None and survey.page.is_public(),
            }
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if context["filter"].errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


def export_filename(survey, filterset, file_format, today=None):
    """``kommunernas-program-2017-stockholms-lan-2026-12-07.csv``: the survey, the filters
    applied and the day."""
    data = filterset.form.cleaned_data
    parts = [survey.slug]
    if data.get("lan"):
        parts.append(data["lan"].slug)
    if data.get("typ"):
        parts.append(slugify(str(ProgrammeKind(data["typ"]).label)))
    parts.append((today or local_today()).isoformat())
    return "-".join(parts) + "." + file_format


class SurveyExportView(View):
    """The survey's programmes that the filters select, as CSV, XLSX or JSON."""

    def get(self, request, slug, file_format):
        if file_format not in Format.ALL:
            raise Http404
        survey = get_object_or_404(Survey.objects.published(), slug=slug)
        filterset = programme_filter(request, survey)
        if not filterset.is_valid():
            return render(
                request,
                "surveys/survey_export_error.html",
                {"survey": survey, "filter": filterset, "breadcrumbs": survey.breadcrumbs()},
                status=400,
            )
        return download(
            exports.COLUMNS,
            exports.rows(filterset.qs),
            file_format,
            export_filename(survey, filterset, file_format),
            sheet_title=_("Program"),
        )
