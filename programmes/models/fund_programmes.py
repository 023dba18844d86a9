from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.breadcrumbs import from_start
from publishing.models import TimeStampedModel
from redirects.models import KeepsOldAddress

from .programmes import YEAR_VALIDATORS, format_period


class FundProgramme(KeepsOldAddress, TimeStampedModel):
    """A funding programme with its period that focus areas refer to, such as the EU's
    regional fund programmes 2014–2020 that one of the national strategy's priority areas is
    about. Reference data like the focus areas, so always public; its page lists the focus
    areas that point at it."""

    name = models.CharField(
        _("namn"),
        max_length=255,
        unique=True,
        help_text=_("T.ex. Regionalfondsprogrammen 2014–2020."),
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    start_year = models.PositiveSmallIntegerField(
        _("startår"), validators=YEAR_VALIDATORS, help_text=_("Första året i perioden, t.ex. 2014.")
    )
    end_year = models.PositiveSmallIntegerField(
        _("slutår"),
        validators=YEAR_VALIDATORS,
        null=True,
        blank=True,
        help_text=_("Sista året i perioden, t.ex. 2020. Lämna tomt om det inte är bestämt."),
    )
    description = models.TextField(
        _("beskrivning"),
        blank=True,
        help_text=_("Vad programmen finansierar och vem som står bakom dem, i några meningar."),
    )

    class Meta:
        verbose_name = _("fondprogram")
        verbose_name_plural = _("fondprogram")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="fund_programme_end_year_not_before_start_year",
                violation_error_message=_("Slutåret kan inte ligga före startåret."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:fund_programme_detail", kwargs={"slug": self.slug})

    def breadcrumbs(self):
        """Startsida › the fund programme: fund programmes have no list of their own."""
        return from_start((self.name, self.get_absolute_url()))

    @property
    def period_display(self):
        return format_period(self.start_year, self.end_year)
