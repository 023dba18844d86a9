"""Awards that organisations give each year, such as Årets tillväxtkommun, and their winners:
which municipality won in which year, why, and the news item that told of it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.models import NewsItem
from geography.models import Municipality
from organisations.models import Organisation
from publishing.breadcrumbs import from_start
from publishing.models import Publishable, PublishableQuerySet, TimeStampedModel
from redirects.models import KeepsOldAddress


class Award(KeepsOldAddress, Publishable, TimeStampedModel):
    """A prize given every year, such as Arena för Tillväxt's Årets tillväxtkommun. Its page
    lists the winners by year; the organisers' editors keep it up to date."""

    name = models.CharField(_("namn"), max_length=255, help_text=_("T.ex. Årets tillväxtkommun."))
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    description = models.TextField(
        _("beskrivning"),
        blank=True,
        help_text=_("Vad utmärkelsen belönar och hur vinnaren utses, i några meningar."),
    )
    organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("utdelas av"),
        related_name="awards",
        help_text=_("Organisationerna som utser vinnaren."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("utmärkelse")
        verbose_name_plural = _("utmärkelser")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:award_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Utmärkelser."""
        return from_start((_("Utmärkelser"), reverse("awards:award_list")))

    def breadcrumbs(self):
        """Startsida › Utmärkelser › the award."""
        return [*self.list_breadcrumbs(), (self.name, self.get_absolute_url())]


class AwardWinnerQuerySet(PublishableQuerySet):
    def public(self, now=None):
        """Winners visitors may see wherever they are listed: published, of an award that is
        published too. ``now`` as in ``PublishableQuerySet.published``."""
        return self.published(now).filter(award__in=Award.objects.published(now))


class AwardWinner(Publishable, TimeStampedModel):
    """One year's winner of an award: the municipality, the jury's reasons and the news item
    that announced it. A draft or a later publish-from time keeps a winner secret until it is
    announced."""

    award = models.ForeignKey(
        Award, verbose_name=_("utmärkelse"), on_delete=models.CASCADE, related_name="winners"
    )
    year = models.PositiveSmallIntegerField(
        _("år"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Året som utmärkelsen gäller, t.ex. 2018."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="award_wins",
    )
    edition = models.PositiveSmallIntegerField(
        _("gång i ordningen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Vilken gång utmärkelsen delades ut, t.ex. 21. Lämna tomt om det inte är känt."
        ),
    )
    reasons = models.TextField(
        _("juryns motivering"),
        blank=True,
        help_text=_("Juryns motivering med egna ord, i en eller några meningar."),
    )
    news_item = models.ForeignKey(
        NewsItem,
        verbose_name=_("nyhet"),
        on_delete=models.SET_NULL,
        related_name="award_winners",
        null=True,
        blank=True,
        help_text=_("Nyheten som berättade om vinnaren, om det finns en."),
    )

    objects = AwardWinnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("vinnare")
        verbose_name_plural = _("vinnare")
        ordering = ["award", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "year"],
                name="award_winner_one_per_year",
                violation_error_message=_("Utmärkelsen har redan en vinnare det året."),
            )
        ]

    def __str__(self):
        return f"{self.award} {self.year}: {self.municipality}"

    @property
    def edition_display(self):
        """The Swedish ordinal of the edition: 1:a, 2:a, 3:e … 11:e, 12:e … 21:a, 22:a."""
        if self.edition is None:
            return ""
        last_two = self.edition % 100
        suffix = "a" if last_two % 10 in (1, 2) and last_two not in (11, 12) else "e"
        return f"{self.edition}:{suffix}"
