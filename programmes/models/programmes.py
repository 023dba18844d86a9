import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from geography.models import Municipality, Region
from images.models import page_image_field
from indicators.models import Indicator
from organisations.models import Organisation
from pagecache.keys import today as local_today
from publishing.breadcrumbs import from_start, public_ancestors
from publishing.models import ExternalLink, Publishable, PublishableQuerySet, TimeStampedModel
from redirects.models import KeepsOldAddress
from richtext.fields import RichTextField

from ..choices import Commission, ProgrammeKind, ProgrammeStatus
from .focus_areas import FocusArea

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
# Addresses under /program/ that are pages of their own, not programmes.
RESERVED_SLUGS = {"tidslinje"}


def format_period(start_year, end_year):
    """``2016–2018`` with an en dash and no spaces; ``2018`` for a single year; ``2021–`` when
    no end year is set."""
    if end_year is None:
        return f"{start_year}–"
    if end_year == start_year:
        return str(start_year)
    return f"{start_year}–{end_year}"


def _planned(today):
    return Q(start_date__gt=today) | Q(start_date__isnull=True, start_year__gt=today.year)


def _finished(today):
    return Q(end_date__lt=today) | Q(end_date__isnull=True, end_year__lt=today.year)


class ProgrammeQuerySet(PublishableQuerySet):
    """Status and period filters. They mirror ``Programme.status`` exactly: an editor's
    override wins, otherwise the period decides (exact dates where given, else whole years)."""

    def with_status(self, status, today=None):
        today = today or local_today()
        automatic = Q(status_override="")
        if status == ProgrammeStatus.PLANNED:
            rule = _planned(today)
        elif status == ProgrammeStatus.FINISHED:
            rule = _finished(today)
        elif status == ProgrammeStatus.ONGOING:
            rule = ~_planned(today) & ~_finished(today)
        else:
            raise ValueError(f"Unknown programme status: {status!r}")
        return self.filter(Q(status_override=status) | (automatic & rule))

    def planned(self, today=None):
        return self.with_status(ProgrammeStatus.PLANNED, today)

    def ongoing(self, today=None):
        return self.with_status(ProgrammeStatus.ONGOING, today)

    def finished(self, today=None):
        return self.with_status(ProgrammeStatus.FINISHED, today)

    def active_in(self, year):
        """Programmes whose period includes ``year``."""
        return self.filter(
            Q(start_year__lte=year), Q(end_year__gte=year) | Q(end_year__isnull=True)
        )

    def top_level(self):
        return self.filter(parent__isnull=True)

    def listed(self):
        """The published programmes as the lists show them: each row shows its title, period
        and status, its owner and, for pilot and knowledge projects, the programme above when
        that is public. Only those columns, not summaries and bodies; the model's order with
        the primary key last, so that pages never swap rows that tie."""
        shown = [
            "title",
            "slug",
            "kind",
            "start_year",
            "end_year",
            "start_date",
            "end_date",
            "status_override",
            "publish_state",
            "publish_from",
            "organisation",
            "parent",
        ]
        return (
            self.published()
            .order_by(*self.model._meta.ordering, "pk")
            .select_related("organisation", "parent")
            .only(
                *shown,
                "organisation__name",
                "organisation__short_name",
                "organisation__slug",
                "organisation__logo",
                *(f"parent__{name}" for name in shown),
            )
        )


class Programme(KeepsOldAddress, Publishable, TimeStampedModel):
    """A programme, assignment or project with a period, such as Jämställd regional tillväxt
    2016–2018. It is owned by one organisation, may be financed by others and commissioned by the
    government, and can hold pilot and knowledge projects as sub-programmes. Publications, pages
    and contacts point at it."""

    title = models.CharField(_("titel"), max_length=255)
    alternative_title = models.CharField(
        _("annat namn"),
        max_length=255,
        blank=True,
        help_text=_("Namn som programmet också går under, t.ex. ”Jämställd tillväxt Stockholm”."),
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    kind = models.CharField(
        _("typ"), max_length=30, choices=ProgrammeKind.choices, default=ProgrammeKind.PROGRAMME
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("ansvarig organisation"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    funders = models.ManyToManyField(
        Organisation,
        verbose_name=_("finansiärer"),
        related_name="funded_programmes",
        blank=True,
        help_text=_("Organisationer som finansierar arbetet, t.ex. Tillväxtverket."),
    )
    commission = models.CharField(
        _("uppdrag"),
        max_length=30,
        choices=Commission.choices,
        blank=True,
        help_text=_("Vad arbetet bygger på, t.ex. ett regeringsuppdrag."),
    )
    commissioned_by = models.ForeignKey(
        Organisation,
        verbose_name=_("uppdragsgivare"),
        on_delete=models.PROTECT,
        related_name="commissioned_programmes",
        null=True,
        blank=True,
        help_text=_("Den som gav uppdraget, t.ex. Regeringen."),
    )

    start_year = models.PositiveSmallIntegerField(_("startår"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("slutår"),
        validators=YEAR_VALIDATORS,
        null=True,
        blank=True,
        help_text=_("Lämna tomt om arbetet pågår utan bestämt slut."),
    )
    start_date = models.DateField(
        _("exakt startdatum"),
        null=True,
        blank=True,
        help_text=_("Frivilligt. Måste ligga i startåret."),
    )
    end_date = models.DateField(
        _("exakt slutdatum"),
        null=True,
        blank=True,
        help_text=_("Frivilligt. Måste ligga i slutåret."),
    )
    status_override = models.CharField(
        _("status satt av redaktör"),
        max_length=20,
        choices=ProgrammeStatus.choices,
        blank=True,
        help_text=_(
            "Lämna tomt så följer statusen perioden. Välj t.ex. ”Avslutat” för ett arbete som "
            "avslutades i förtid."
        ),
    )

    summary = RichTextField(
        _("sammanfattning"),
        blank=True,
        headings=False,
        help_text=_("En eller två meningar som visas i listor och överst på programmets sida."),
    )
    image = page_image_field()
    body = RichTextField(
        _("brödtext"),
        blank=True,
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("fokusområden"), related_name="programmes", blank=True
    )
    tags = TaggableManager(_("taggar"), blank=True, help_text=_("Kommaseparerade nyckelord."))

    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i program"),
        on_delete=models.PROTECT,
        related_name="subprojects",
        null=True,
        blank=True,
        help_text=_("För pilot- och kunskapsprojekt: programmet de ingår i."),
    )
    pilot_project_count = models.PositiveSmallIntegerField(
        _("antal pilotprojekt"),
        null=True,
        blank=True,
        help_text=_("Hur många pilotprojekt som ingick, även om de inte är inlagda var för sig."),
    )
    knowledge_project_count = models.PositiveSmallIntegerField(
        _("antal kunskapsprojekt"),
        null=True,
        blank=True,
        help_text=_(
            "Hur många kunskapsprojekt som ingick, även om de inte är inlagda var för sig."
        ),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("deltagande kommuner"),
        related_name="programmes",
        blank=True,
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("indikatorer"),
        related_name="programmes",
        blank=True,
        help_text=_("Statistik som arbetet vill påverka. Sidan visar de senaste siffrorna."),
    )
    statistics_region = models.ForeignKey(
        Region,
        verbose_name=_("region för statistiken"),
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
        help_text=_("Regionen vars siffror sidan visar. Lämna tomt för hela landet."),
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("föregångare"),
        on_delete=models.SET_NULL,
        related_name="successors",
        null=True,
        blank=True,
        help_text=_("Det tidigare program som detta tar vid efter."),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-start_year", "title"]
        indexes = [
            models.Index(fields=["start_year", "end_year"]),
            models.Index(fields=["status_override"]),
            models.Index(fields=["publish_state", "publish_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="programme_end_year_not_before_start_year",
                violation_error_message=_("Slutåret kan inte ligga före startåret."),
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=models.F("pk")),
                name="programme_not_its_own_parent",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.period_display}"

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Program."""
        return from_start((_("Program"), reverse("programmes:programme_list")))

    def breadcrumbs(self):
        """Startsida › Program › the public programmes it is part of, outermost first › the
        programme, each with its period. Load ``parent__parent`` with the programme and a
        pilot project's trail costs no query."""
        return [
            *self.list_breadcrumbs(),
            *(
                (str(programme), programme.get_absolute_url())
                for programme in public_ancestors(self)
            ),
            (str(self), self.get_absolute_url()),
        ]

    @property
    def period_display(self):
        return format_period(self.start_year, self.end_year)

    def status_on(self, today):
        if self.status_override:
            return ProgrammeStatus(self.status_override)
        start = self.start_date or datetime.date(self.start_year, 1, 1)
        if today < start:
            return ProgrammeStatus.PLANNED
        if self.end_year is not None:
            end = self.end_date or datetime.date(self.end_year, 12, 31)
            if today > end:
                return ProgrammeStatus.FINISHED
        return ProgrammeStatus.ONGOING

    @property
    def status(self):
        return self.status_on(local_today())

    @property
    def is_ongoing(self):
        return self.status == ProgrammeStatus.ONGOING

    @property
    def is_finished(self):
        return self.status == ProgrammeStatus.FINISHED

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Adressen ”%(slug)s” används redan av webbplatsen.") % {
                "slug": self.slug
            }
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("Slutåret kan inte ligga före startåret.")
        if self.start_date and self.start_year and self.start_date.year != self.start_year:
            errors["start_date"] = _("Startdatumet måste ligga i startåret.")
        if self.end_date:
            if not self.end_year:
                errors["end_date"] = _("Ange ett slutår om du anger ett slutdatum.")
            elif self.end_date.year != self.end_year:
                errors["end_date"] = _("Slutdatumet måste ligga i slutåret.")
            elif self.start_date and self.end_date < self.start_date:
                errors["end_date"] = _("Slutdatumet kan inte ligga före startdatumet.")
        if self.pk:
            if self.parent_id == self.pk:
                errors["parent"] = _("Ett program kan inte ingå i sig självt.")
            if self.predecessor_id == self.pk:
                errors["predecessor"] = _("Ett program kan inte vara sin egen föregångare.")
        if self.parent_id and self.pk and self._parent_chain_contains(self.pk):
            errors["parent"] = _("Programmet kan inte ingå i ett av sina egna delprojekt.")
        if errors:
            raise ValidationError(errors)

    def _parent_chain_contains(self, pk):
        seen = set()
        current = self.parent
        while current is not None and current.pk not in seen:
            if current.pk == pk:
                return True
            seen.add(current.pk)
            current = current.parent
        return False


class ProgrammeGoal(models.Model):
    """One goal of a programme, in the order the programme states them."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="goals"
    )
    text = models.TextField(_("mål"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class ProgrammeFocusPoint(models.Model):
    """One point of what a programme focuses on (''Jämställd tillväxt Stockholm fokuserar på…''),
    with the reason behind it where the programme gives one."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="focus_points"
    )
    text = models.TextField(_("inriktning"))
    rationale = models.TextField(
        _("varför"), blank=True, help_text=_("Frivilligt: varför programmet gör detta.")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("inriktning")
        verbose_name_plural = _("inriktningar")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class ProgrammeLink(ExternalLink):
    """A link from a programme page to another website."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="links"
    )

    class Meta(ExternalLink.Meta):
        ordering = ["position", "pk"]
