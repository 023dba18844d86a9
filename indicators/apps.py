from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Regional statistics: indicators and their observations by region, year and sex, how
    they are imported, and the pages, charts and maps that show them."""

    name = "indicators"
    verbose_name = _("Regional statistik")
