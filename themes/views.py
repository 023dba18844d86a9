"""The themes visitors can browse: the list of themes in use and each theme's page."""

from django.views.generic import DetailView, ListView

from publishing.breadcrumbs import BreadcrumbsMixin

from .models import Theme


class ThemeListView(BreadcrumbsMixin, ListView):
    """Every tag on something visitors may see, A–Ö."""

    template_name = "themes/theme_list.html"

    def get_breadcrumbs(self):
        return Theme.list_breadcrumbs()

    def get_queryset(self):
        return Theme.objects.in_use().order_by("name")


class ThemeDetailView(BreadcrumbsMixin, DetailView):
    """Everything published that carries the tag. A tag found only on drafts has no page."""

    template_name = "themes/theme.html"
    context_object_name = "theme"

    def get_queryset(self):
        return Theme.objects.in_use()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["publications"] = list(self.object.publications())
        context["programmes"] = list(self.object.programmes())
        return context
