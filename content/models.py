from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geography.models import Municipality
from images.models import page_image_field
from organisations.models import Organisation
from programmes.dates import format_date_range
from programmes.models import Contact, FocusArea, Programme
from publications.models import Publication
from publishing.breadcrumbs import from_start, public_ancestors
from publishing.models import ExternalLink, Publishable, PublishableQuerySet, TimeStampedModel
from redirects.models import KeepsOldAddress
from richtext.fields import RichTextField

from .choices import EventKind

# Pages about the website itself, each served at its own address and linked from the footer
# of every page: the accessibility statement that the law asks for, what the website is, and
# how it handles personal data. Editors write them as pages without an organisation.
ACCESSIBILITY_STATEMENT_SLUG = "tillganglighetsredogorelse"
ABOUT_SLUG = "om-webbplatsen"
PERSONAL_DATA_SLUG = "personuppgifter"
SITE_PAGES = {
    ACCESSIBILITY_STATEMENT_SLUG: "content:accessibility_statement",
    ABOUT_SLUG: "content:about",
    PERSONAL_DATA_SLUG: "content:personal_data",
}


class ContentPage(KeepsOldAddress, Publishable, TimeStampedModel):
    """An organisation's own page, such as Länsstyrelsen's ''Tillväxt'' or Tillväxtverket's
    ''Samordning och uppföljning'': an introduction, sections in order, key figures, and the
    programmes, documents and contacts shown beside it. An organisation's pages form the side
    menu. A page without an organisation is about the website itself, such as the accessibility
    statement (slug ``tillganglighetsredogorelse``, served at /tillganglighetsredogorelse/)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="pages",
        null=True,
        blank=True,
        help_text=_(
            "Lämna tomt för sidor om webbplatsen själv, till exempel tillgänglighetsredogörelsen."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad sida"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    title = models.CharField(_("rubrik"), max_length=255)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    intro = RichTextField(
        _("ingress"), blank=True, headings=False, help_text=_("Inledande stycke under rubriken.")
    )
    image = page_image_field()
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("relaterade program"), related_name="pages", blank=True
    )
    publications = models.ManyToManyField(
        Publication, verbose_name=_("dokument"), related_name="pages", blank=True
    )
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("kontaktpersoner"), related_name="pages", blank=True
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("fokusområden"), related_name="pages", blank=True
    )
    position = models.PositiveSmallIntegerField(
        _("ordning"), default=0, help_text=_("Ordningen i organisationens meny.")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("sida")
        verbose_name_plural = _("sidor")
        ordering = ["organisation__name", "position", "title"]
        indexes = [models.Index(fields=["publish_state", "publish_from"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug in SITE_PAGES:
            return reverse(SITE_PAGES[self.slug])
        return reverse("content:page_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("En sida kan inte ligga under sig själv.")})

    def breadcrumbs(self):
        """Startsida › Organisationer › the organisation › the public pages above it, outermost
        first › the page; a page about the website itself (the accessibility statement) from
        the start page. Load ``organisation`` and ``parent__parent`` with the page and the
        trail costs no query."""
        trail = self.organisation.breadcrumbs() if self.organisation_id else from_start()
        return [
            *trail,
            *((page.title, page.get_absolute_url()) for page in public_ancestors(self)),
            (self.title, self.get_absolute_url()),
        ]

    def menu_pages(self):
        """The pages of the side menu: the organisation's pages, or for a page about the
        website itself, all pages about the website."""
        pages = ContentPage.objects.published()
        if self.organisation_id is None:
            return pages.filter(organisation__isnull=True)
        return pages.filter(organisation_id=self.organisation_id)


class PageSection(models.Model):
    """A headed section of a content page, in order."""

    page = models.ForeignKey(
        ContentPage, verbose_name=_("sida"), on_delete=models.CASCADE, related_name="sections"
    )
    heading = models.CharField(_("rubrik"), max_length=255)
    body = RichTextField(
        _("text"),
        blank=True,
        help_text=_(
            "Texten under avsnittets rubrik. Rubriker, stycken, listor, länkar, fetstil och "
            "kursiv; annan formatering tas bort när du sparar."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading


class KeyFigure(models.Model):
    """A figure a page highlights, such as ''116 program'' from a survey."""

    page = models.ForeignKey(
        ContentPage, verbose_name=_("sida"), on_delete=models.CASCADE, related_name="key_figures"
    )
    value = models.CharField(
        _("värde"), max_length=40, help_text=_("T.ex. ”116” eller ”40 procent”.")
    )
    label = models.CharField(_("förklaring"), max_length=300)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.value} {self.label}"


class PageLink(ExternalLink):
    """A link from a content page to another website."""

    page = models.ForeignKey(
        ContentPage, verbose_name=_("sida"), on_delete=models.CASCADE, related_name="links"
    )

    class Meta(ExternalLink.Meta):
        ordering = ["position", "pk"]


class Event(KeepsOldAddress, TimeStampedModel):
    """A conference or seminar an organisation arranged, with where, when and how many took
    part."""

    title = models.CharField(_("namn"), max_length=255)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=EventKind.choices)
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("arrangörer"), related_name="events"
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(
        _("slutdatum"), null=True, blank=True, help_text=_("Lämna tomt för endagsevenemang.")
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("ort"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    venue = models.CharField(_("plats"), max_length=255, blank=True)
    participant_count = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    summary = RichTextField(
        _("sammanfattning"),
        blank=True,
        headings=False,
        help_text=_("En eller två meningar om evenemanget, överst på dess sida."),
    )
    image = page_image_field()
    body = RichTextField(
        _("text"),
        blank=True,
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("program"), related_name="events", blank=True
    )

    class Meta:
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_end_not_before_start",
                violation_error_message=_("Slutdatumet kan inte ligga före startdatumet."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:event_detail", kwargs={"slug": self.slug})

    def breadcrumbs(self):
        """Startsida › Nyheter › the event: events have no list of their own; they are
        announced and reported in the news, and the header marks Nyheter on their pages."""
        return [*NewsItem.list_breadcrumbs(), (self.title, self.get_absolute_url())]

    @property
    def date_display(self):
        """``16 maj 2018``, ``16–17 maj 2018`` or ``30 maj 2018 – 2 juni 2018``."""
        return format_date_range(self.start_date, self.end_date)


# Addresses under /nyheter/ that are pages of their own (the feed), not news items.
NEWS_RESERVED_SLUGS = {"flode"}


class NewsItem(KeepsOldAddress, Publishable, TimeStampedModel):
    """A news item from an organisation, optionally about an event or municipalities."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="news_items",
    )
    title = models.CharField(_("rubrik"), max_length=255)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    date = models.DateField(
        _("datum"),
        null=True,
        blank=True,
        help_text=_("Nyhetens datum. Lämna tomt om det inte är känt."),
    )
    summary = RichTextField(
        _("ingress"),
        blank=True,
        headings=False,
        help_text=_("En eller två meningar som visas i nyhetslistan och överst i nyheten."),
    )
    image = page_image_field()
    body = RichTextField(
        _("text"),
        blank=True,
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("evenemang"),
        on_delete=models.SET_NULL,
        related_name="news_items",
        null=True,
        blank=True,
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("kommuner"), related_name="news_items", blank=True
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")
        ordering = [F("date").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["publish_state", "publish_from"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug in NEWS_RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("Adressen ”%(slug)s” används redan av webbplatsen.")
                    % {"slug": self.slug}
                }
            )

    def get_absolute_url(self):
        return reverse("content:news_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Nyheter."""
        return from_start((_("Nyheter"), reverse("content:news_list")))

    def breadcrumbs(self):
        """Startsida › Nyheter › the news item."""
        return [*self.list_breadcrumbs(), (self.title, self.get_absolute_url())]


class AccessibilityRequest(models.Model):
    """A visitor's report of an accessibility problem, or a request for a document in a more
    accessible format, sent with the form linked from the accessibility statement. Editors read
    and handle them in the admin; nothing here is shown publicly."""

    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Rapportera ett problem med tillgängligheten")
        ACCESSIBLE_VERSION = (
            "accessible_version",
            _("Be om ett dokument eller innehåll i ett mer tillgängligt format"),
        )

    kind = models.CharField(_("ärende"), max_length=20, choices=Kind.choices, default=Kind.PROBLEM)
    publication = models.ForeignKey(
        Publication,
        verbose_name=_("dokument"),
        on_delete=models.SET_NULL,
        related_name="accessibility_requests",
        null=True,
        blank=True,
        help_text=_("Dokumentet som besökaren vill ha i ett annat format, om det gäller ett."),
    )
    page_url = models.CharField(
        _("sida det gäller"),
        max_length=500,
        blank=True,
        help_text=_("Adressen till sidan eller en beskrivning av var på webbplatsen det är."),
    )
    message = models.TextField(
        _("meddelande"),
        max_length=5000,
        help_text=_("Beskriv problemet, eller vilket format du behöver."),
    )
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(
        _("e-post"), blank=True, help_text=_("Fyll bara i om du vill ha svar.")
    )
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)
    handled = models.BooleanField(
        _("hanterad"), default=False, help_text=_("Bocka i när ärendet är åtgärdat eller besvarat.")
    )
    handled_at = models.DateTimeField(
        _("hanterad den"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Sätts när ärendet markeras som hanterat. Namn och e-post raderas ett antal dagar "
            "därefter."
        ),
    )

    class Meta:
        verbose_name = _("tillgänglighetsärende")
        verbose_name_plural = _("tillgänglighetsärenden")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        kind = self.get_kind_display()
        if self.created_at is None:
            return str(kind)
        return f"{kind}, {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        """Record when the request was marked handled: the personal data is erased a number
        of days later (privacy/registry.py)."""
        if self.handled and self.handled_at is None:
            self.handled_at = timezone.now()
        elif not self.handled:
            self.handled_at = None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "handled_at"}
        super().save(*args, **kwargs)

    @classmethod
    def form_breadcrumbs(cls):
        """Startsida › Tillgänglighetsredogörelse › the form, as its address says (the
        statement's own title is not read, to spare the form a query)."""
        return from_start(
            (_("Tillgänglighetsredogörelse"), reverse("content:accessibility_statement")),
            (
                _("Rapportera ett tillgänglighetsproblem eller be om ett tillgängligt format"),
                reverse("content:accessibility_request"),
            ),
        )

    @classmethod
    def thanks_breadcrumbs(cls):
        """The form's trail › Tack för ditt meddelande."""
        return [
            *cls.form_breadcrumbs(),
            (_("Tack för ditt meddelande"), reverse("content:accessibility_request_thanks")),
        ]
