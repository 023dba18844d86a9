"""Swedish counties and municipalities: reference data that organisations, programmes, news
and events point at."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """A Swedish county (län). County administrative boards and municipalities belong to one."""

    name = models.CharField(
        _("namn"), max_length=100, unique=True, help_text=_("T.ex. Stockholms län.")
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=100, unique=True)

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

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name
