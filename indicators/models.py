"""Indicators, their observations by region, year and sex, and the imports they came from."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from geography.models import Region, RegionLevel
from publishing.breadcrumbs import from_start
from publishing.models import Publishable, PublishableQuerySet, TimeStampedModel

FIRST_YEAR = 1900
LAST_YEAR = 2100


class Sex(models.TextChoices):
    """The split every observation has. The values are those of the import files."""

    WOMEN = "kvinnor", _("Kvinnor")
    MEN = "män", _("Män")
    TOTAL = "totalt", _("Totalt")


class Indicator(Publishable, TimeStampedModel):
    """A figure reported by region, year and sex, such as the number of employed persons in
    manufacturing: what it measures, in which unit, who publishes it and how to read it."""

    name = models.CharField(_("namn"), max_length=255)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    group = models.CharField(
        _("grupp"),
        max_length=255,
        blank=True,
        help_text=_(
            "Indikatorer med samma grupp visas tillsammans i listan, t.ex. ”Sysselsättning”."
        ),
    )
    unit = models.CharField(_("enhet"), max_length=100, help_text=_("T.ex. antal personer."))
    decimals = models.PositiveSmallIntegerField(
        _("antal decimaler"), default=0, help_text=_("Hur många decimaler värdena visas med.")
    )
    description = models.TextField(_("beskrivning"), help_text=_("Vad indikatorn mäter."))
    reading_note = models.TextField(
        _("så läser du siffrorna"),
        blank=True,
        help_text=_("En kort anvisning, t.ex. vad som räknas och vad som saknas."),
    )
    source = models.CharField(_("källa"), max_length=255, help_text=_("T.ex. SCB, RAMS."))
    source_url = models.URLField(_("källans webbadress"), max_length=500, blank=True)
    scb_table = models.CharField(
        _("tabell i SCB:s statistikdatabas"),
        max_length=255,
        blank=True,
        help_text=_(
            "Tabellens sökväg i PxWeb-API:et, t.ex. BE/BE0101/BE0101A/BefolkningNy, för "
            "manage.py fetch_scb_indicator."
        ),
    )
    imported_at = models.DateTimeField(
        _("senast importerad"), null=True, blank=True, editable=False
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["group", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:indicator_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Statistik."""
        return from_start((_("Statistik"), reverse("indicators:indicator_list")))

    def breadcrumbs(self):
        """Startsida › Statistik › the indicator."""
        return [*self.list_breadcrumbs(), (self.name, self.get_absolute_url())]

    def regions_with_values(self):
        """The regions this indicator has at least one value for, largest level first."""
        return Region.objects.filter(pk__in=self.observations.values("region_id")).order_by(
            "rank", "code"
        )

    def years(self):
        """The years with at least one value, oldest first."""
        return list(self.observations.order_by("year").values_list("year", flat=True).distinct())

    @staticmethod
    def main_level(regions):
        """The level most of ``regions`` are at, the country aside: the level the map and the
        default comparison show. The country's own level when it is the only one."""
        counts = {}
        for region in regions:
            if region.level != RegionLevel.COUNTRY:
                counts[region.level] = counts.get(region.level, 0) + 1
        if not counts:
            return RegionLevel.COUNTRY
        return max(counts, key=lambda level: (counts[level], -RegionLevel.rank(level)))


class Observation(models.Model):
    """One published value: an indicator for one region, year and sex. A value that is not
    published has no row; it is never stored as zero."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="observations"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    sex = models.CharField(_("kön"), max_length=10, choices=Sex.choices)
    value = models.DecimalField(_("värde"), max_digits=20, decimal_places=6)
    source_url = models.URLField(
        _("källa"),
        max_length=500,
        blank=True,
        help_text=_("Sidan eller tabellen värdet kommer från."),
    )
    batch = models.ForeignKey(
        "ImportBatch",
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        related_name="observations",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        ordering = ["indicator", "region__rank", "region__code", "year", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "sex"],
                name="one_value_per_indicator_region_year_sex",
                violation_error_message=_(
                    "Det finns redan ett värde för den indikatorn, regionen, året och könet."
                ),
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self):
        return f"{self.indicator} {self.region} {self.year} {self.sex}: {self.value}"


class ImportBatch(models.Model):
    """One import of a file into an indicator: which file, in which format, by whom and when,
    and what it changed."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV, en observation per rad")
        JSON_STAT = "json-stat", _("JSON-stat 2.0 (SCB:s PxWeb)")
        PXWEB_API = "pxweb-api", _("Hämtad från SCB:s PxWeb-API")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("fil"), max_length=255)
    file_format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    added = models.PositiveIntegerField(_("nya värden"), default=0)
    changed = models.PositiveIntegerField(_("ändrade värden"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade värden"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"
