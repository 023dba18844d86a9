"""Surveys (inventeringar) of what municipalities do, such as Arena för Tillväxt's survey of
the municipalities' business and growth programmes in autumn 2017: who made it, when and how,
the figures it published, and, once an editor has imported it, the list of programmes it
found, from which the page computes the same figures."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from content.models import ContentPage
from geography.models import Municipality
from organisations.models import Organisation
from programmes.models.programmes import format_period
from publishing.breadcrumbs import from_start
from publishing.models import Publishable, PublishableQuerySet, TimeStampedModel
from richtext.fields import RichTextField

from .choices import FigureKey, FigureUnit, ProgrammeKind, Season

YEAR_MIN = 1900
YEAR_MAX = 2100
YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


def format_number(value):
    """A figure as Swedish text: ``116``, ``66,7``."""
    if value is None:
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, places, use_l10n=True)


def format_value(value, unit):
    """``116`` or ``40 %``, with a no-break space before the per cent sign."""
    text = format_number(value)
    return f"{text}\u00a0%" if unit == FigureUnit.PERCENT and text else text


class Survey(Publishable, TimeStampedModel):
    """An inventory an organisation made of, for example, every municipality's business and
    growth programme. Its published figures are entered as they were published; the list of
    programmes is imported from a file (Kommunernas program), and the public page then
    computes the figures from it as well."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="surveys",
        help_text=_("Organisationen som gjorde inventeringen."),
    )
    title = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_("T.ex. Kommunernas näringslivs- och tillväxtprogram 2017."),
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=200, unique=True)
    year = models.PositiveSmallIntegerField(
        _("år"), validators=YEAR_VALIDATORS, help_text=_("Året då inventeringen gjordes.")
    )
    season = models.CharField(
        _("årstid"),
        max_length=10,
        choices=Season.choices,
        blank=True,
        help_text=_("Om källan bara säger t.ex. ”hösten 2017”. Lämna tomt om den inte är känd."),
    )
    method = models.CharField(
        _("metod"),
        max_length=300,
        help_text=_("Hur uppgifterna samlades in, t.ex. ”Genomgång av kommunernas webbplatser”."),
    )
    scope = models.CharField(
        _("omfattning"),
        max_length=200,
        help_text=_("Vilka som ingick, t.ex. ”Sveriges alla kommuner”."),
    )
    scope_size = models.PositiveSmallIntegerField(
        _("antal kommuner som ingick"),
        validators=[MinValueValidator(1)],
        help_text=_("T.ex. 290 för alla kommuner. Andelen kommuner med program räknas på det."),
    )
    summary = RichTextField(
        _("sammanfattning"),
        blank=True,
        headings=False,
        help_text=_("Vad inventeringen gick ut på, i ett eller ett par stycken."),
    )
    findings = RichTextField(
        _("övriga resultat"),
        blank=True,
        headings=False,
        help_text=_("Det inventeringen visade som inte är siffror, gärna som en punktlista."),
    )
    page = models.ForeignKey(
        ContentPage,
        verbose_name=_("sida som presenterar inventeringen"),
        on_delete=models.SET_NULL,
        related_name="surveys",
        null=True,
        blank=True,
        help_text=_("Sidan länkar till inventeringen och inventeringen tillbaka till sidan."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("inventering")
        verbose_name_plural = _("inventeringar")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:survey_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Inventeringar."""
        return from_start((_("Inventeringar"), reverse("surveys:survey_list")))

    def breadcrumbs(self):
        return [*self.list_breadcrumbs(), (self.title, self.get_absolute_url())]

    @property
    def when_display(self):
        """``hösten 2017``, or ``2017`` when the season is not known."""
        if self.season:
            return f"{Season(self.season).label} {self.year}"
        return str(self.year)

    def tally(self):
        """The figures computed from the list of programmes, by ``FigureKey``, in one query;
        an empty dict when no programme has been entered."""
        counts = self.programmes.aggregate(
            total=Count("pk"),
            municipalities=Count("municipality", distinct=True),
            business=Count("pk", filter=Q(kind=ProgrammeKind.BUSINESS)),
            growth=Count("pk", filter=Q(kind=ProgrammeKind.GROWTH)),
            other=Count("pk", filter=Q(kind=ProgrammeKind.OTHER)),
            no_regional=Count("pk", filter=Q(linked_to_rus=False, linked_to_intermunicipal=False)),
            rus=Count("pk", filter=Q(linked_to_rus=True)),
            intermunicipal=Count("pk", filter=Q(linked_to_intermunicipal=True)),
            action_plan=Count("pk", filter=Q(refers_to_action_plan=True)),
            sustainability=Count("pk", filter=Q(emphasises_sustainability=True)),
        )
        return tally_from_counts(counts, self.scope_size)

    def figure_rows(self, tally):
        """What the page shows for each figure: the published figures in their order, each
        with the value computed from the list (when ``tally`` has it), then the computed
        figures that nothing published corresponds to. Reads the figures, which a view
        prefetches."""
        rows = []
        published_keys = set()
        for figure in self.figures.all():
            published_keys.add(figure.key)
            rows.append(
                FigureRow(
                    label=figure.label,
                    unit=figure.unit,
                    published=figure,
                    computed=tally.get(figure.key) if figure.key else None,
                )
            )
        for key in FigureKey:
            if key in tally and key not in published_keys:
                rows.append(
                    FigureRow(
                        label=key.label,
                        unit=FigureKey.unit(key),
                        published=None,
                        computed=tally[key],
                    )
                )
        return rows


def _percent(part, whole):
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def tally_from_counts(counts, scope_size):
    """``{FigureKey: value}`` from the counts of ``Survey.tally``: numbers of programmes, and
    shares in per cent of the programmes (of the municipalities in the scope for the share
    that has a programme)."""
    total = counts["total"]
    if not total:
        return {}
    return {
        FigureKey.PROGRAMMES: Decimal(total),
        FigureKey.SHARE_OF_SCOPE: _percent(counts["municipalities"], scope_size),
        FigureKey.KIND_BUSINESS: Decimal(counts["business"]),
        FigureKey.KIND_GROWTH: Decimal(counts["growth"]),
        FigureKey.KIND_OTHER: Decimal(counts["other"]),
        FigureKey.NO_REGIONAL_LINK: _percent(counts["no_regional"], total),
        FigureKey.RUS: _percent(counts["rus"], total),
        FigureKey.INTERMUNICIPAL: _percent(counts["intermunicipal"], total),
        FigureKey.ACTION_PLAN: _percent(counts["action_plan"], total),
        FigureKey.SUSTAINABILITY: _percent(counts["sustainability"], total),
    }


@dataclass
class FigureRow:
    """One line of a survey's table of figures."""

    label: str
    unit: str
    published: "SurveyFigure | None"
    computed: Decimal | None

    @property
    def computed_text(self):
        return format_value(self.computed, self.unit)

    @property
    def value(self):
        """The value a chart draws: computed from the list when there is one."""
        if self.computed is not None:
            return self.computed
        return self.published.value if self.published else None


class SurveyFigure(models.Model):
    """A figure a survey published, as it was published: ``116`` programmes, ``drygt 25 %``,
    ``två tredjedelar``. ``key`` says which figure computed from the list it corresponds to,
    so that the page can show both."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("inventering"), on_delete=models.CASCADE, related_name="figures"
    )
    label = models.CharField(
        _("vad siffran gäller"),
        max_length=200,
        help_text=_("T.ex. ”Har koppling till den regionala utvecklingsstrategin (RUS)”."),
    )
    value = models.DecimalField(
        _("värde"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("Talet, t.ex. 116 eller 25. ”Två tredjedelar” skrivs 66,7 och i ord nedan."),
    )
    unit = models.CharField(_("enhet"), max_length=10, choices=FigureUnit.choices)
    qualifier = models.CharField(
        _("ord före värdet"),
        max_length=40,
        blank=True,
        help_text=_("Som i källan, t.ex. cirka, omkring eller drygt. Lämna tomt annars."),
    )
    stated_as = models.CharField(
        _("värdet i ord"),
        max_length=60,
        blank=True,
        help_text=_(
            "Om källan anger värdet i ord, t.ex. ”två tredjedelar” eller ”hälften”. Visas i "
            "stället för talet."
        ),
    )
    key = models.CharField(
        _("motsvarar uträknad siffra"),
        max_length=30,
        choices=FigureKey.choices,
        blank=True,
        help_text=_(
            "Vilken siffra ur listan över program den motsvarar, så att sidan kan visa båda."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("publicerad siffra")
        verbose_name_plural = _("publicerade siffror")
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return f"{self.label}: {self.value_text}"

    @property
    def value_text(self):
        """``drygt 25 %``, ``omkring hälften``, ``116``."""
        parts = [self.qualifier, self.stated_as or format_value(self.value, self.unit)]
        return " ".join(part for part in parts if part)


class MunicipalProgrammeQuerySet(models.QuerySet):
    def for_listing(self):
        """What the list of programmes shows, in one query."""
        return self.select_related("municipality__county")


class MunicipalProgramme(models.Model):
    """One municipality's business or growth programme as a survey found it, with the
    survey's yes/no findings about it. Imported from a file into one survey (the admin's
    Importera), or entered by hand."""

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("inventering"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="surveyed_programmes",
        limit_choices_to={"code__isnull": False},
        help_text=_("En av Sveriges 290 kommuner."),
    )
    name = models.CharField(
        _("programmets namn"),
        max_length=300,
        help_text=_("Som kommunen skriver det, t.ex. Näringslivsprogram 2016–2020."),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=ProgrammeKind.choices)
    start_year = models.PositiveSmallIntegerField(
        _("gäller från år"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Lämna tomt om det inte är känt."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("gäller till och med år"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Lämna tomt om programmet gäller tills vidare eller om det inte är känt."),
    )
    url = models.URLField(
        _("länk till programmet"),
        max_length=500,
        help_text=_("Adressen till programmet på kommunens webbplats."),
    )
    refers_to_action_plan = models.BooleanField(_("hänvisar till en handlingsplan"), default=False)
    linked_to_rus = models.BooleanField(_("koppling till RUS"), default=False)
    linked_to_intermunicipal = models.BooleanField(
        _("koppling till mellankommunal samverkan"),
        default=False,
        help_text=_("Eller till annan kommunöverskridande samverkan."),
    )
    emphasises_sustainability = models.BooleanField(_("betonar hållbarhet"), default=False)

    objects = MunicipalProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommunens program")
        verbose_name_plural = _("kommunernas program")
        ordering = ["municipality__name", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality", "name"],
                name="surveyed_programme_once_per_municipality",
                violation_error_message=_(
                    "Kommunen har redan ett program med det namnet i inventeringen."
                ),
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.name}"

    def clean(self):
        if (
            self.start_year is not None
            and self.end_year is not None
            and self.end_year < self.start_year
        ):
            raise ValidationError({"end_year": _("Slutåret kan inte vara tidigare än startåret.")})

    @property
    def period_display(self):
        """``2016–2020``, ``2017``, ``2018–`` or nothing when the years are not known."""
        if self.start_year is None:
            return str(self.end_year) if self.end_year else ""
        return format_period(self.start_year, self.end_year)
